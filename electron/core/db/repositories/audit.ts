import type { AuditEvent } from '../../../shared/schemas.js';
import type { Db } from '../connection.js';
import type { AuditRepository, NewAuditEvent } from './types.js';

interface AuditRow { id: number; at: string; actor: string; action: string; paper_id: number | null; meeting_id: number | null; details: string }
const toEvent = (r: AuditRow): AuditEvent => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  paperId: r.paper_id,
  meetingId: r.meeting_id,
  details: JSON.parse(r.details) as Record<string, unknown>,
});

export class SqliteAuditRepository implements AuditRepository {
  constructor(private readonly db: Db) {}
  record(e: NewAuditEvent): AuditEvent {
    const info = this.db
      .prepare('INSERT INTO audit_event (at, actor, action, paper_id, meeting_id, details) VALUES (?, ?, ?, ?, ?, ?)')
      .run(e.at, e.actor, e.action, e.paperId ?? null, e.meetingId ?? null, JSON.stringify(e.details ?? {}));
    return toEvent(this.db.prepare('SELECT * FROM audit_event WHERE id = ?').get(info.lastInsertRowid) as AuditRow);
  }
  list(filter: { paperId?: number; meetingId?: number; limit?: number } = {}): AuditEvent[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM audit_event WHERE (@p IS NULL OR paper_id = @p) AND (@m IS NULL OR meeting_id = @m)
         ORDER BY id DESC LIMIT @limit`,
      )
      .all({ p: filter.paperId ?? null, m: filter.meetingId ?? null, limit: filter.limit ?? 1000 }) as AuditRow[];
    return rows.map(toEvent);
  }
  forgetPaper(paperId: number): number {
    return this.db.prepare('DELETE FROM audit_event WHERE paper_id = ?').run(paperId).changes;
  }
  forgetAttachment(attachmentId: number): number {
    return this.db.prepare("DELETE FROM audit_event WHERE action LIKE 'anlage.%' AND json_extract(details, '$.attachmentId') = ?").run(attachmentId).changes;
  }
}
