import type { AgendaItem } from '../../../shared/schemas.js';
import { DocSchema } from '../../../shared/document.js';
import { agendaNumbersOfRows } from '../../domain/agenda-numbering.js';
import type { SqlClient } from '../sql-client.js';
import type { AgendaRepository, AgendaResult, BodyRepository, NewAgendaItem } from './types.js';

interface AgendaRow {
  id: number; meeting_id: number; position: number; manual_number: string | null; public: number; title: string;
  paper_id: number | null; paper_reference: string | null; consultation_id: number | null; result: string | null;
  vote_yes: number | null; vote_no: number | null; vote_abstain: number | null; minutes: string | null; supplement: number; table_paper: number; withdrawn_at: string | null;
}

const SELECT = `SELECT a.*, p.reference AS paper_reference FROM agenda_item a LEFT JOIN paper p ON p.id = a.paper_id`;
const ORDER = 'ORDER BY a.public DESC, a.position, a.id';

export class SqlAgendaRepository implements AgendaRepository {
  constructor(private readonly sql: SqlClient, private readonly body: BodyRepository) {}

  async list(meetingId: number): Promise<AgendaItem[]> {
    const rows = await this.sql.all<AgendaRow>(`${SELECT} WHERE a.meeting_id = ? ${ORDER}`, [meetingId]);
    return this.withNumbers(rows);
  }

  private async withNumbers(rows: AgendaRow[]): Promise<AgendaItem[]> {
    const mode = (await this.body.get())?.agendaNumbering ?? 'durchgehend';
    const numbers = agendaNumbersOfRows(rows, mode);
    return rows.map((r) => ({
      id: r.id,
      meetingId: r.meeting_id,
      position: r.position,
      number: numbers.get(r.id)!,
      manualNumber: r.manual_number,
      public: r.public === 1,
      title: r.title,
      paperId: r.paper_id,
      paperReference: r.paper_reference,
      consultationId: r.consultation_id,
      result: r.result,
      votes: r.vote_yes === null ? null : { yes: r.vote_yes, no: r.vote_no ?? 0, abstain: r.vote_abstain ?? 0 },
      minutes: r.minutes === null ? null : DocSchema.parse(JSON.parse(r.minutes)),
      supplement: r.supplement === 1,
      tischvorlage: Number(r.table_paper) === 1,
      abgesetzt: r.withdrawn_at !== null,
    }));
  }

  async get(id: number): Promise<AgendaItem | null> {
    const row = await this.sql.get<{ meeting_id: number }>('SELECT meeting_id FROM agenda_item WHERE id = ?', [id]);
    return row ? ((await this.list(row.meeting_id)).find((i) => i.id === id) ?? null) : null;
  }

  async byNumber(meetingId: number, number: string): Promise<AgendaItem | null> {
    const wanted = normaliseNumber(number);
    return (await this.list(meetingId)).find((i) => normaliseNumber(i.number) === wanted) ?? null;
  }

  async byConsultation(consultationId: number): Promise<AgendaItem | null> {
    const row = await this.sql.get<{ id: number }>('SELECT id FROM agenda_item WHERE consultation_id = ?', [consultationId]);
    return row ? this.get(row.id) : null;
  }

  async forPaper(paperId: number): Promise<AgendaItem[]> {
    const meetings = await this.sql.all<{ meeting_id: number }>('SELECT DISTINCT meeting_id FROM agenda_item WHERE paper_id = ?', [paperId]);
    const items: AgendaItem[] = [];
    for (const m of meetings) items.push(...(await this.list(m.meeting_id)).filter((i) => i.paperId === paperId));
    return items;
  }

  async insert(item: NewAgendaItem): Promise<AgendaItem> {
    const part = await this.sql.all<{ id: number; position: number }>(
      'SELECT id, position FROM agenda_item WHERE meeting_id = ? AND public = ? ORDER BY position, id',
      [item.meetingId, item.public ? 1 : 0],
    );
    let position: number;
    if (item.position === undefined || item.position >= part.length) {
      position = (part.at(-1)?.position ?? -1) + 1;
    } else {
      // Make room: shift the rest of the part down by one.
      position = part[Math.max(0, item.position)]!.position;
      await this.sql.run('UPDATE agenda_item SET position = position + 1 WHERE meeting_id = ? AND public = ? AND position >= ?', [
        item.meetingId,
        item.public ? 1 : 0,
        position,
      ]);
    }
    const { id } = (await this.sql.get<{ id: number }>(
      `INSERT INTO agenda_item (meeting_id, position, manual_number, public, title, paper_id, consultation_id, supplement, table_paper, withdrawn_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [item.meetingId, position, item.manualNumber ?? null, item.public ? 1 : 0, item.title, item.paperId ?? null, item.consultationId ?? null, item.supplement ? 1 : 0, item.tischvorlage ? 1 : 0, item.withdrawnAt ?? null],
    ))!;
    return (await this.get(id))!;
  }

  async update(id: number, patch: Partial<Pick<AgendaItem, 'title' | 'public' | 'manualNumber' | 'supplement'>>): Promise<AgendaItem> {
    const current = await this.get(id);
    if (!current) throw new Error(`agenda item ${id} missing`);
    const movesPart = patch.public !== undefined && patch.public !== current.public;
    const position = movesPart
      ? ((await this.sql.get<{ p: number | null }>('SELECT MAX(position) AS p FROM agenda_item WHERE meeting_id = ? AND public = ?', [current.meetingId, patch.public ? 1 : 0]))!.p ?? -1) + 1
      : current.position;
    await this.sql.run('UPDATE agenda_item SET title = ?, public = ?, manual_number = ?, supplement = ?, position = ? WHERE id = ?', [
      patch.title ?? current.title,
      (patch.public ?? current.public) ? 1 : 0,
      patch.manualNumber === undefined ? current.manualNumber : patch.manualNumber,
      (patch.supplement ?? current.supplement) ? 1 : 0,
      position,
      id,
    ]);
    return (await this.get(id))!;
  }

  async setResult(id: number, r: AgendaResult): Promise<AgendaItem> {
    await this.sql.run('UPDATE agenda_item SET result = ?, vote_yes = ?, vote_no = ?, vote_abstain = ?, minutes = ? WHERE id = ?', [
      r.result,
      r.votes?.yes ?? null,
      r.votes?.no ?? null,
      r.votes?.abstain ?? null,
      r.minutes ? JSON.stringify(r.minutes) : null,
      id,
    ]);
    return (await this.get(id))!;
  }

  async linkConsultation(id: number, consultationId: number | null): Promise<void> {
    await this.sql.run('UPDATE agenda_item SET consultation_id = ? WHERE id = ?', [consultationId, id]);
  }

  async reorder(meetingId: number, orderedIds: number[]): Promise<void> {
    for (const [i, id] of orderedIds.entries()) await this.sql.run('UPDATE agenda_item SET position = ? WHERE id = ? AND meeting_id = ?', [i, id, meetingId]);
  }

  async withdraw(id: number, at: string): Promise<void> {
    await this.sql.run('UPDATE agenda_item SET withdrawn_at = ?, consultation_id = NULL WHERE id = ?', [at, id]);
  }

  async delete(id: number): Promise<void> {
    await this.sql.run('DELETE FROM agenda_item WHERE id = ?', [id]);
  }
}

/** "Ö1", "ö 1" and "Ö 1" name the same TOP when typed on the command line. */
const normaliseNumber = (n: string) => n.replace(/\s+/g, '').toUpperCase();
