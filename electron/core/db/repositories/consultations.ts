import type { Consultation } from '../../../shared/schemas.js';
import type { Db } from '../connection.js';
import type { ConsultationRepository, NewConsultation } from './types.js';

interface ConsultationRow {
  id: number; paper_id: number; committee_id: number; role: Consultation['role']; position: number; meeting_id: number | null;
  agenda_item_id: number | null; result: string | null;
}
const SELECT = `SELECT c.*, a.id AS agenda_item_id, a.result AS result FROM consultation c
  LEFT JOIN agenda_item a ON a.consultation_id = c.id`;
const toConsultation = (r: ConsultationRow): Consultation => ({
  id: r.id,
  paperId: r.paper_id,
  committeeId: r.committee_id,
  role: r.role,
  position: r.position,
  meetingId: r.meeting_id,
  agendaItemId: r.agenda_item_id,
  result: r.result,
});

export class SqliteConsultationRepository implements ConsultationRepository {
  constructor(private readonly db: Db) {}
  forPaper(paperId: number): Consultation[] {
    return (this.db.prepare(`${SELECT} WHERE c.paper_id = ? ORDER BY c.position, c.id`).all(paperId) as ConsultationRow[]).map(toConsultation);
  }
  get(id: number): Consultation | null {
    const r = this.db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as ConsultationRow | undefined;
    return r ? toConsultation(r) : null;
  }
  insert(c: NewConsultation): Consultation {
    const position =
      c.position ?? ((this.db.prepare('SELECT MAX(position) AS p FROM consultation WHERE paper_id = ?').get(c.paperId) as { p: number | null }).p ?? -1) + 1;
    const info = this.db
      .prepare('INSERT INTO consultation (paper_id, committee_id, role, position, meeting_id) VALUES (?, ?, ?, ?, ?)')
      .run(c.paperId, c.committeeId, c.role, position, c.meetingId ?? null);
    return this.get(Number(info.lastInsertRowid))!;
  }
  update(id: number, patch: Partial<Pick<Consultation, 'role' | 'meetingId' | 'position'>>): Consultation {
    const cur = this.get(id);
    if (!cur) throw new Error(`consultation ${id} missing`);
    this.db
      .prepare('UPDATE consultation SET role = ?, meeting_id = ?, position = ? WHERE id = ?')
      .run(patch.role ?? cur.role, patch.meetingId === undefined ? cur.meetingId : patch.meetingId, patch.position ?? cur.position, id);
    return this.get(id)!;
  }
  delete(id: number): void {
    this.db.prepare('DELETE FROM consultation WHERE id = ?').run(id);
  }
}
