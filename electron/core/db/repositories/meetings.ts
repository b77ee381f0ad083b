import type { Meeting } from '../../../shared/schemas.js';
import type { Db } from '../connection.js';
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

export class SqliteMeetingRepository implements MeetingRepository {
  constructor(private readonly db: Db) {}
  list(filter: { committeeId?: number; from?: string; to?: string } = {}): Meeting[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM meeting WHERE (@c IS NULL OR committee_id = @c) AND (@from IS NULL OR start >= @from)
         AND (@to IS NULL OR start < @to) ORDER BY start, id`,
      )
      .all({ c: filter.committeeId ?? null, from: filter.from ?? null, to: filter.to ?? null }) as MeetingRow[];
    return rows.map(toMeeting);
  }
  get(id: number): Meeting | null {
    const r = this.db.prepare('SELECT * FROM meeting WHERE id = ?').get(id) as MeetingRow | undefined;
    return r ? toMeeting(r) : null;
  }
  byKey(key: string): Meeting | null {
    const r = this.db.prepare('SELECT * FROM meeting WHERE key = ?').get(key) as MeetingRow | undefined;
    return r ? toMeeting(r) : null;
  }
  insert(m: NewMeeting): Meeting {
    const info = this.db
      .prepare('INSERT INTO meeting (key, committee_id, number, start, end, location, state) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(m.key, m.committeeId, m.number, m.start, m.end, m.location, m.state);
    return this.get(Number(info.lastInsertRowid))!;
  }
  update(m: Meeting): Meeting {
    this.db
      .prepare('UPDATE meeting SET key = ?, committee_id = ?, number = ?, start = ?, end = ?, location = ?, state = ? WHERE id = ?')
      .run(m.key, m.committeeId, m.number, m.start, m.end, m.location, m.state, m.id);
    return this.get(m.id)!;
  }
  delete(id: number): void {
    this.db.prepare('DELETE FROM meeting WHERE id = ?').run(id);
  }
}
