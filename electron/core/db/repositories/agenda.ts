import type { AgendaItem } from '../../../shared/schemas.js';
import { DocSchema } from '../../../shared/document.js';
import { agendaNumbers } from '../../domain/agenda-numbering.js';
import type { Db } from '../connection.js';
import type { AgendaRepository, AgendaResult, BodyRepository, NewAgendaItem } from './types.js';

interface AgendaRow {
  id: number; meeting_id: number; position: number; manual_number: string | null; public: number; title: string;
  paper_id: number | null; paper_reference: string | null; consultation_id: number | null; result: string | null;
  vote_yes: number | null; vote_no: number | null; vote_abstain: number | null; minutes: string | null; supplement: number;
}

const SELECT = `SELECT a.*, p.reference AS paper_reference FROM agenda_item a LEFT JOIN paper p ON p.id = a.paper_id`;
const ORDER = 'ORDER BY a.public DESC, a.position, a.id';

export class SqliteAgendaRepository implements AgendaRepository {
  constructor(private readonly db: Db, private readonly body: BodyRepository) {}

  list(meetingId: number): AgendaItem[] {
    const rows = this.db.prepare(`${SELECT} WHERE a.meeting_id = ? ${ORDER}`).all(meetingId) as AgendaRow[];
    return this.withNumbers(rows);
  }

  private withNumbers(rows: AgendaRow[]): AgendaItem[] {
    const mode = this.body.get()?.agendaNumbering ?? 'durchgehend';
    const numbers = agendaNumbers(rows.map((r) => ({ public: r.public === 1, manualNumber: r.manual_number })), mode);
    return rows.map((r, i) => ({
      id: r.id,
      meetingId: r.meeting_id,
      position: r.position,
      number: numbers[i]!,
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
    }));
  }

  get(id: number): AgendaItem | null {
    const row = this.db.prepare('SELECT meeting_id FROM agenda_item WHERE id = ?').get(id) as { meeting_id: number } | undefined;
    return row ? (this.list(row.meeting_id).find((i) => i.id === id) ?? null) : null;
  }

  byNumber(meetingId: number, number: string): AgendaItem | null {
    const wanted = normaliseNumber(number);
    return this.list(meetingId).find((i) => normaliseNumber(i.number) === wanted) ?? null;
  }

  byConsultation(consultationId: number): AgendaItem | null {
    const row = this.db.prepare('SELECT id FROM agenda_item WHERE consultation_id = ?').get(consultationId) as { id: number } | undefined;
    return row ? this.get(row.id) : null;
  }

  forPaper(paperId: number): AgendaItem[] {
    const meetings = this.db.prepare('SELECT DISTINCT meeting_id FROM agenda_item WHERE paper_id = ?').all(paperId) as { meeting_id: number }[];
    return meetings.flatMap((m) => this.list(m.meeting_id).filter((i) => i.paperId === paperId));
  }

  insert(item: NewAgendaItem): AgendaItem {
    const part = this.db
      .prepare('SELECT id, position FROM agenda_item WHERE meeting_id = ? AND public = ? ORDER BY position, id')
      .all(item.meetingId, item.public ? 1 : 0) as { id: number; position: number }[];
    let position: number;
    if (item.position === undefined || item.position >= part.length) {
      position = (part.at(-1)?.position ?? -1) + 1;
    } else {
      // Make room: shift the rest of the part down by one.
      position = part[Math.max(0, item.position)]!.position;
      this.db
        .prepare('UPDATE agenda_item SET position = position + 1 WHERE meeting_id = ? AND public = ? AND position >= ?')
        .run(item.meetingId, item.public ? 1 : 0, position);
    }
    const info = this.db
      .prepare(
        `INSERT INTO agenda_item (meeting_id, position, manual_number, public, title, paper_id, consultation_id, supplement)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(item.meetingId, position, item.manualNumber ?? null, item.public ? 1 : 0, item.title, item.paperId ?? null, item.consultationId ?? null, item.supplement ? 1 : 0);
    return this.get(Number(info.lastInsertRowid))!;
  }

  update(id: number, patch: Partial<Pick<AgendaItem, 'title' | 'public' | 'manualNumber' | 'supplement'>>): AgendaItem {
    const current = this.get(id);
    if (!current) throw new Error(`agenda item ${id} missing`);
    const movesPart = patch.public !== undefined && patch.public !== current.public;
    const position = movesPart
      ? ((this.db.prepare('SELECT MAX(position) AS p FROM agenda_item WHERE meeting_id = ? AND public = ?').get(current.meetingId, patch.public ? 1 : 0) as { p: number | null }).p ?? -1) + 1
      : current.position;
    this.db
      .prepare('UPDATE agenda_item SET title = ?, public = ?, manual_number = ?, supplement = ?, position = ? WHERE id = ?')
      .run(
        patch.title ?? current.title,
        (patch.public ?? current.public) ? 1 : 0,
        patch.manualNumber === undefined ? current.manualNumber : patch.manualNumber,
        (patch.supplement ?? current.supplement) ? 1 : 0,
        position,
        id,
      );
    return this.get(id)!;
  }

  setResult(id: number, r: AgendaResult): AgendaItem {
    this.db
      .prepare('UPDATE agenda_item SET result = ?, vote_yes = ?, vote_no = ?, vote_abstain = ?, minutes = ? WHERE id = ?')
      .run(r.result, r.votes?.yes ?? null, r.votes?.no ?? null, r.votes?.abstain ?? null, r.minutes ? JSON.stringify(r.minutes) : null, id);
    return this.get(id)!;
  }

  linkConsultation(id: number, consultationId: number | null): void {
    this.db.prepare('UPDATE agenda_item SET consultation_id = ? WHERE id = ?').run(consultationId, id);
  }

  reorder(meetingId: number, orderedIds: number[]): void {
    const set = this.db.prepare('UPDATE agenda_item SET position = ? WHERE id = ? AND meeting_id = ?');
    orderedIds.forEach((id, i) => set.run(i, id, meetingId));
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM agenda_item WHERE id = ?').run(id);
  }
}

/** "Ö1", "ö 1" and "Ö 1" name the same TOP when typed on the command line. */
const normaliseNumber = (n: string) => n.replace(/\s+/g, '').toUpperCase();
