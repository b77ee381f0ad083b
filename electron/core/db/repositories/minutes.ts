import { DocSchema, type Doc } from '../../../shared/document.js';
import type { MinutesHead } from '../../../shared/minutes.js';
import type { Attendance } from '../../../shared/persons.js';
import type { SqlClient } from '../sql-client.js';
import type { ArchivedMinutes, AttendanceRepository, MinutesApproval, MinutesRepository } from './types.js';

interface AttendanceRow {
  person_id: number; status: Attendance['status']; arrived: string | null; left_at: string | null;
  represents_person_id: number | null; group_name: Attendance['group']; duty: Attendance['function'];
}
const toAttendance = (r: AttendanceRow): Attendance => ({
  personId: r.person_id,
  status: r.status,
  arrived: r.arrived,
  left: r.left_at,
  representsPersonId: r.represents_person_id,
  group: r.group_name,
  function: r.duty,
});

export class SqlAttendanceRepository implements AttendanceRepository {
  constructor(private readonly sql: SqlClient) {}
  async list(meetingId: number): Promise<Attendance[]> {
    return (await this.sql.all<AttendanceRow>('SELECT * FROM attendance WHERE meeting_id = ? ORDER BY position', [meetingId])).map(toAttendance);
  }
  async replace(meetingId: number, entries: readonly Attendance[]): Promise<void> {
    await this.sql.run('DELETE FROM attendance WHERE meeting_id = ?', [meetingId]);
    for (const [i, a] of entries.entries()) {
      await this.sql.run(
        `INSERT INTO attendance (meeting_id, person_id, position, status, arrived, left_at, represents_person_id, group_name, duty)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [meetingId, a.personId, i, a.status, a.arrived, a.left, a.representsPersonId, a.group, a.function],
      );
    }
  }
}

interface HeadRow {
  opened: string | null; closed: string | null; chair_person_id: number | null; recorder_person_id: number | null;
  minutes_approved_item_id: number | null; minutes_approved_at: string | null;
}

export class SqlMinutesRepository implements MinutesRepository {
  constructor(private readonly sql: SqlClient) {}

  async head(meetingId: number): Promise<Omit<MinutesHead, 'state'> | null> {
    const r = await this.sql.get<HeadRow>('SELECT opened, closed, chair_person_id, recorder_person_id FROM meeting WHERE id = ?', [meetingId]);
    return r ? { opened: r.opened, closed: r.closed, chairPersonId: r.chair_person_id, recorderPersonId: r.recorder_person_id } : null;
  }
  async setHead(meetingId: number, h: Omit<MinutesHead, 'state'>): Promise<void> {
    await this.sql.run('UPDATE meeting SET opened = ?, closed = ?, chair_person_id = ?, recorder_person_id = ? WHERE id = ?', [
      h.opened, h.closed, h.chairPersonId, h.recorderPersonId, meetingId,
    ]);
  }

  async approval(meetingId: number): Promise<MinutesApproval | null> {
    const r = await this.sql.get<{ item_id: number; at: string; by_meeting_id: number }>(
      `SELECT m.minutes_approved_item_id AS item_id, m.minutes_approved_at AS at, a.meeting_id AS by_meeting_id
       FROM meeting m JOIN agenda_item a ON a.id = m.minutes_approved_item_id WHERE m.id = ?`,
      [meetingId],
    );
    return r ? { agendaItemId: r.item_id, meetingId: r.by_meeting_id, at: r.at } : null;
  }
  async approvedMeetings(): Promise<Set<number>> {
    return new Set((await this.sql.all<{ id: number }>('SELECT id FROM meeting WHERE minutes_approved_item_id IS NOT NULL')).map((r) => r.id));
  }
  async approvedBy(agendaItemId: number): Promise<number | null> {
    return (await this.sql.get<{ id: number }>('SELECT id FROM meeting WHERE minutes_approved_item_id = ?', [agendaItemId]))?.id ?? null;
  }
  async setApproval(meetingId: number, agendaItemId: number, at: string): Promise<void> {
    await this.sql.run('UPDATE meeting SET minutes_approved_item_id = ?, minutes_approved_at = ? WHERE id = ?', [agendaItemId, at, meetingId]);
  }

  async itemExtras(meetingId: number): Promise<Map<number, { resolutionText: Doc | null; conflicted: number[] }>> {
    const items = await this.sql.all<{ id: number; resolution_text: string | null }>('SELECT id, resolution_text FROM agenda_item WHERE meeting_id = ?', [meetingId]);
    const conflicts = await this.sql.all<{ agenda_item_id: number; person_id: number }>(
      'SELECT v.agenda_item_id, v.person_id FROM vote_conflict v JOIN agenda_item a ON a.id = v.agenda_item_id WHERE a.meeting_id = ? ORDER BY v.agenda_item_id, v.person_id',
      [meetingId],
    );
    const out = new Map<number, { resolutionText: Doc | null; conflicted: number[] }>();
    for (const i of items) out.set(i.id, { resolutionText: i.resolution_text === null ? null : DocSchema.parse(JSON.parse(i.resolution_text)), conflicted: [] });
    for (const c of conflicts) out.get(c.agenda_item_id)?.conflicted.push(c.person_id);
    return out;
  }
  async setItemExtras(agendaItemId: number, extras: { resolutionText: Doc | null; conflicted: readonly number[] }): Promise<void> {
    await this.sql.run('UPDATE agenda_item SET resolution_text = ? WHERE id = ?', [extras.resolutionText ? JSON.stringify(extras.resolutionText) : null, agendaItemId]);
    await this.sql.run('DELETE FROM vote_conflict WHERE agenda_item_id = ?', [agendaItemId]);
    for (const personId of new Set(extras.conflicted)) await this.sql.run('INSERT INTO vote_conflict (agenda_item_id, person_id) VALUES (?, ?)', [agendaItemId, personId]);
  }

  async archive(meetingId: number, file: Omit<ArchivedMinutes, 'meetingId'> & { data: Uint8Array }): Promise<void> {
    await this.sql.run('DELETE FROM minutes_archive WHERE meeting_id = ? AND variant = ? AND format = ?', [meetingId, file.variant, file.format]);
    await this.sql.run('INSERT INTO minutes_archive (meeting_id, variant, format, sha256, size, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      meetingId, file.variant, file.format, file.sha256, file.size, file.data, file.createdAt,
    ]);
  }
  async archived(meetingId: number): Promise<ArchivedMinutes[]> {
    const rows = await this.sql.all<{ meeting_id: number; variant: ArchivedMinutes['variant']; format: string; sha256: string; size: number; created_at: string }>(
      'SELECT meeting_id, variant, format, sha256, size, created_at FROM minutes_archive WHERE meeting_id = ? ORDER BY variant, format',
      [meetingId],
    );
    return rows.map((r) => ({ meetingId: r.meeting_id, variant: r.variant, format: r.format, sha256: r.sha256, size: Number(r.size), createdAt: r.created_at }));
  }
  async archivedData(meetingId: number, variant: ArchivedMinutes['variant'], format: string): Promise<Buffer | null> {
    const r = await this.sql.get<{ data: Uint8Array }>('SELECT data FROM minutes_archive WHERE meeting_id = ? AND variant = ? AND format = ?', [meetingId, variant, format]);
    return r ? Buffer.from(r.data) : null;
  }
}
