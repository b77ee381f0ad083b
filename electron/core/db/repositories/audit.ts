import type { AuditEvent } from '../../../shared/schemas.js';
import { jsonField } from '../dialect.js';
import type { SqlClient, SqlValue } from '../sql-client.js';
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

export class SqlAuditRepository implements AuditRepository {
  constructor(private readonly sql: SqlClient) {}
  async record(e: NewAuditEvent): Promise<AuditEvent> {
    const row = await this.sql.get<AuditRow>(
      'INSERT INTO audit_event (at, actor, action, paper_id, meeting_id, details) VALUES (?, ?, ?, ?, ?, ?) RETURNING *',
      [e.at, e.actor, e.action, e.paperId ?? null, e.meetingId ?? null, JSON.stringify(e.details ?? {})],
    );
    return toEvent(row!);
  }
  async list(filter: { paperId?: number; meetingId?: number; limit?: number } = {}): Promise<AuditEvent[]> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (filter.paperId !== undefined) {
      where.push('paper_id = ?');
      params.push(filter.paperId);
    }
    if (filter.meetingId !== undefined) {
      where.push('meeting_id = ?');
      params.push(filter.meetingId);
    }
    const rows = await this.sql.all<AuditRow>(
      `SELECT * FROM audit_event ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
      [...params, filter.limit ?? 1000],
    );
    return rows.map(toEvent);
  }
  async forgetPaper(paperId: number): Promise<number> {
    return (await this.sql.run('DELETE FROM audit_event WHERE paper_id = ?', [paperId])).changes;
  }
  async forgetAttachment(attachmentId: number): Promise<number> {
    const field = jsonField(this.sql.dialect, 'details', 'attachmentId');
    return (await this.sql.run(`DELETE FROM audit_event WHERE action LIKE 'anlage.%' AND ${field} = ?`, [String(attachmentId)])).changes;
  }
}
