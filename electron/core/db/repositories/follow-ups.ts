import type { FollowUp, FollowUpStand } from '../../../shared/freigabe.js';
import type { SqlClient, SqlValue } from '../sql-client.js';
import type { FollowUpRepository, NewFollowUp } from './types.js';

interface FollowUpRow {
  id: number; agenda_item_id: number | null; paper_id: number | null; meeting_id: number | null; committee_id: number; decided_on: string;
  reference: string; agenda_number: string; title: string; result: string; text: string; department_id: number | null;
  frist: string | null; stand: string; created_at: string; updated_at: string;
}
interface NoteRow { id: number; follow_up_id: number; at: string; author: string; text: string }

export class SqlFollowUpRepository implements FollowUpRepository {
  constructor(private readonly sql: SqlClient) {}

  private async withNotes(rows: FollowUpRow[]): Promise<FollowUp[]> {
    if (rows.length === 0) return [];
    // Notes are few per entry; one query for all keeps a long list cheap.
    const notes = await this.sql.all<NoteRow>('SELECT * FROM follow_up_note ORDER BY at, id');
    const byEntry = new Map<number, NoteRow[]>();
    for (const n of notes) byEntry.set(Number(n.follow_up_id), [...(byEntry.get(Number(n.follow_up_id)) ?? []), n]);
    return rows.map((r) => ({
      id: Number(r.id),
      agendaItemId: r.agenda_item_id === null ? null : Number(r.agenda_item_id),
      paperId: r.paper_id === null ? null : Number(r.paper_id),
      meetingId: r.meeting_id === null ? null : Number(r.meeting_id),
      committeeId: Number(r.committee_id),
      decidedOn: r.decided_on,
      reference: r.reference,
      agendaNumber: r.agenda_number,
      title: r.title,
      result: r.result,
      text: r.text,
      departmentId: r.department_id === null ? null : Number(r.department_id),
      frist: r.frist,
      stand: r.stand as FollowUpStand,
      notes: (byEntry.get(Number(r.id)) ?? []).map((n) => ({ id: Number(n.id), at: n.at, author: n.author, text: n.text })),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  async list(filter: { committeeId?: number; stand?: FollowUpStand } = {}): Promise<FollowUp[]> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (filter.committeeId !== undefined) {
      where.push('committee_id = ?');
      params.push(filter.committeeId);
    }
    if (filter.stand !== undefined) {
      where.push('stand = ?');
      params.push(filter.stand);
    }
    const rows = await this.sql.all<FollowUpRow>(`SELECT * FROM follow_up ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY decided_on, id`, params);
    return this.withNotes(rows);
  }

  async get(id: number): Promise<FollowUp | null> {
    const row = await this.sql.get<FollowUpRow>('SELECT * FROM follow_up WHERE id = ?', [id]);
    return row ? (await this.withNotes([row]))[0]! : null;
  }

  async byAgendaItem(agendaItemId: number): Promise<FollowUp | null> {
    const row = await this.sql.get<FollowUpRow>('SELECT * FROM follow_up WHERE agenda_item_id = ?', [agendaItemId]);
    return row ? (await this.withNotes([row]))[0]! : null;
  }

  async insert(f: NewFollowUp): Promise<number> {
    const row = await this.sql.get<{ id: number }>(
      `INSERT INTO follow_up (agenda_item_id, paper_id, meeting_id, committee_id, decided_on, reference, agenda_number, title, result, text,
                              department_id, frist, stand, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [f.agendaItemId, f.paperId, f.meetingId, f.committeeId, f.decidedOn, f.reference, f.agendaNumber, f.title, f.result, f.text,
        f.departmentId, f.frist, f.stand, f.at, f.at],
    );
    return Number(row!.id);
  }

  async update(id: number, patch: Partial<Pick<FollowUp, 'stand' | 'frist' | 'departmentId' | 'result' | 'text'>>, at: string): Promise<void> {
    const columns: Record<string, string> = { stand: 'stand', frist: 'frist', departmentId: 'department_id', result: 'result', text: 'text' };
    const sets: string[] = [];
    const params: SqlValue[] = [];
    for (const [key, column] of Object.entries(columns)) {
      const value = patch[key as keyof typeof patch];
      if (value === undefined) continue;
      sets.push(`${column} = ?`);
      params.push(value);
    }
    sets.push('updated_at = ?');
    params.push(at, id);
    await this.sql.run(`UPDATE follow_up SET ${sets.join(', ')} WHERE id = ?`, params);
  }

  async addNote(id: number, note: { at: string; author: string; text: string }): Promise<void> {
    await this.sql.run('INSERT INTO follow_up_note (follow_up_id, at, author, text) VALUES (?, ?, ?, ?)', [id, note.at, note.author, note.text]);
  }

  async delete(id: number): Promise<void> {
    await this.sql.run('DELETE FROM follow_up WHERE id = ?', [id]);
  }
}
