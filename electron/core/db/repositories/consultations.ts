import type { Consultation } from '../../../shared/schemas.js';
import type { SqlClient } from '../sql-client.js';
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

export class SqlConsultationRepository implements ConsultationRepository {
  constructor(private readonly sql: SqlClient) {}
  async forPaper(paperId: number): Promise<Consultation[]> {
    return (await this.sql.all<ConsultationRow>(`${SELECT} WHERE c.paper_id = ? ORDER BY c.position, c.id`, [paperId])).map(toConsultation);
  }
  async get(id: number): Promise<Consultation | null> {
    const r = await this.sql.get<ConsultationRow>(`${SELECT} WHERE c.id = ?`, [id]);
    return r ? toConsultation(r) : null;
  }
  async insert(c: NewConsultation): Promise<Consultation> {
    const position = c.position ?? ((await this.sql.get<{ p: number | null }>('SELECT MAX(position) AS p FROM consultation WHERE paper_id = ?', [c.paperId]))!.p ?? -1) + 1;
    const { id } = (await this.sql.get<{ id: number }>(
      'INSERT INTO consultation (paper_id, committee_id, role, position, meeting_id) VALUES (?, ?, ?, ?, ?) RETURNING id',
      [c.paperId, c.committeeId, c.role, position, c.meetingId ?? null],
    ))!;
    return (await this.get(id))!;
  }
  async update(id: number, patch: Partial<Pick<Consultation, 'role' | 'meetingId' | 'position'>>): Promise<Consultation> {
    const cur = await this.get(id);
    if (!cur) throw new Error(`consultation ${id} missing`);
    await this.sql.run('UPDATE consultation SET role = ?, meeting_id = ?, position = ? WHERE id = ?', [
      patch.role ?? cur.role,
      patch.meetingId === undefined ? cur.meetingId : patch.meetingId,
      patch.position ?? cur.position,
      id,
    ]);
    return (await this.get(id))!;
  }
  async delete(id: number): Promise<void> {
    await this.sql.run('DELETE FROM consultation WHERE id = ?', [id]);
  }
}
