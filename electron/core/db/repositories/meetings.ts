import type { Meeting } from '../../../shared/schemas.js';
import type { SqlClient, SqlValue } from '../sql-client.js';
import type { MeetingRepository, NewMeeting } from './types.js';

interface MeetingRow {
  id: number; key: string; committee_id: number; number: number | null; start: string; end: string | null; location: string; state: Meeting['state'];
}
const toMeeting = (r: MeetingRow): Meeting => ({
  id: r.id,
  key: r.key,
  committeeId: r.committee_id,
  number: r.number,
  start: r.start,
  end: r.end,
  location: r.location,
  state: r.state,
});

export class SqlMeetingRepository implements MeetingRepository {
  constructor(private readonly sql: SqlClient) {}
  async list(filter: { committeeId?: number; from?: string; to?: string } = {}): Promise<Meeting[]> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (filter.committeeId !== undefined) {
      where.push('committee_id = ?');
      params.push(filter.committeeId);
    }
    if (filter.from !== undefined) {
      where.push('start >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push('start < ?');
      params.push(filter.to);
    }
    const rows = await this.sql.all<MeetingRow>(`SELECT * FROM meeting ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY start, id`, params);
    return rows.map(toMeeting);
  }
  async get(id: number): Promise<Meeting | null> {
    const r = await this.sql.get<MeetingRow>('SELECT * FROM meeting WHERE id = ?', [id]);
    return r ? toMeeting(r) : null;
  }
  async byKey(key: string): Promise<Meeting | null> {
    const r = await this.sql.get<MeetingRow>('SELECT * FROM meeting WHERE key = ?', [key]);
    return r ? toMeeting(r) : null;
  }
  async insert(m: NewMeeting): Promise<Meeting> {
    // "end" is a reserved word in PostgreSQL; quoted it means the same column in both engines.
    const { id } = (await this.sql.get<{ id: number }>(
      'INSERT INTO meeting (key, committee_id, number, start, "end", location, state) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
      [m.key, m.committeeId, m.number, m.start, m.end, m.location, m.state],
    ))!;
    return (await this.get(id))!;
  }
  async update(m: Meeting): Promise<Meeting> {
    await this.sql.run('UPDATE meeting SET key = ?, committee_id = ?, number = ?, start = ?, "end" = ?, location = ?, state = ? WHERE id = ?', [
      m.key, m.committeeId, m.number, m.start, m.end, m.location, m.state, m.id,
    ]);
    return (await this.get(m.id))!;
  }
  async delete(id: number): Promise<void> {
    await this.sql.run('DELETE FROM meeting WHERE id = ?', [id]);
  }

  async invitedOn(id: number): Promise<string | null> {
    return (await this.sql.get<{ invited_on: string | null }>('SELECT invited_on FROM meeting WHERE id = ?', [id]))?.invited_on ?? null;
  }

  async setInvitedOn(id: number, date: string | null): Promise<void> {
    await this.sql.run('UPDATE meeting SET invited_on = ? WHERE id = ?', [date, id]);
  }
}
