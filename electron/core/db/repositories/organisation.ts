import type { Body, BodyInput, Committee, Department } from '../../../shared/schemas.js';
import type { SqlClient } from '../sql-client.js';
import type { BodyRepository, CommitteeRepository, DepartmentRepository, NewCommittee, NewDepartment } from './types.js';

export class SqlBodyRepository implements BodyRepository {
  constructor(private readonly sql: SqlClient) {}
  async get(): Promise<Body | null> {
    const row = await this.sql.get<{ name: string; number_pattern: string; agenda_numbering: Body['agendaNumbering']; list_numbering: Body['listNumbering']; public_agenda_closed: Body['publicAgendaClosed'] }>(
      'SELECT name, number_pattern, agenda_numbering, list_numbering, public_agenda_closed FROM body WHERE id = 1',
    );
    return row
      ? { name: row.name, numberPattern: row.number_pattern, agendaNumbering: row.agenda_numbering, listNumbering: row.list_numbering, publicAgendaClosed: row.public_agenda_closed }
      : null;
  }
  async save(b: BodyInput): Promise<void> {
    await this.sql.run(
      `INSERT INTO body (id, name, number_pattern, agenda_numbering, list_numbering, public_agenda_closed) VALUES (1, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, number_pattern = excluded.number_pattern,
       agenda_numbering = excluded.agenda_numbering, list_numbering = excluded.list_numbering,
       public_agenda_closed = excluded.public_agenda_closed`,
      [b.name, b.numberPattern, b.agendaNumbering, b.listNumbering ?? '1.', b.publicAgendaClosed ?? 'weglassen'],
    );
  }
}

interface DepartmentRow { id: number; key: string; code: string; name: string; signatory: string }
const toDepartment = (r: DepartmentRow): Department => ({ id: r.id, key: r.key, code: r.code, name: r.name, signatory: r.signatory });

export class SqlDepartmentRepository implements DepartmentRepository {
  constructor(private readonly sql: SqlClient) {}
  async list(): Promise<Department[]> {
    return (await this.sql.all<DepartmentRow>('SELECT * FROM department ORDER BY code, name')).map(toDepartment);
  }
  async get(id: number): Promise<Department | null> {
    const r = await this.sql.get<DepartmentRow>('SELECT * FROM department WHERE id = ?', [id]);
    return r ? toDepartment(r) : null;
  }
  async byKey(key: string): Promise<Department | null> {
    const r = await this.sql.get<DepartmentRow>('SELECT * FROM department WHERE key = ?', [key]);
    return r ? toDepartment(r) : null;
  }
  async insert(d: NewDepartment): Promise<Department> {
    const { id } = (await this.sql.get<{ id: number }>(
      'INSERT INTO department (key, code, name, signatory) VALUES (?, ?, ?, ?) RETURNING id',
      [d.key, d.code, d.name, d.signatory],
    ))!;
    return (await this.get(id))!;
  }
  async update(d: Department): Promise<Department> {
    await this.sql.run('UPDATE department SET key = ?, code = ?, name = ?, signatory = ? WHERE id = ?', [d.key, d.code, d.name, d.signatory, d.id]);
    return (await this.get(d.id))!;
  }
}

interface CommitteeRow {
  id: number; key: string; name: string; short_name: string; genitive: string; kind: Committee['kind'];
  notice_period_days: number; supplement_notice_period_days: number | null; notice_workdays_only: number; chair: string;
  copy_to: string;
}
const toCommittee = (r: CommitteeRow): Committee => ({
  id: r.id,
  key: r.key,
  name: r.name,
  shortName: r.short_name,
  genitive: r.genitive,
  kind: r.kind,
  noticePeriodDays: r.notice_period_days,
  supplementNoticePeriodDays: r.supplement_notice_period_days,
  noticeWorkdaysOnly: r.notice_workdays_only === 1,
  chair: r.chair,
  copyTo: JSON.parse(r.copy_to) as string[],
});

export class SqlCommitteeRepository implements CommitteeRepository {
  constructor(private readonly sql: SqlClient) {}
  async list(): Promise<Committee[]> {
    return (await this.sql.all<CommitteeRow>('SELECT * FROM committee ORDER BY name')).map(toCommittee);
  }
  async get(id: number): Promise<Committee | null> {
    const r = await this.sql.get<CommitteeRow>('SELECT * FROM committee WHERE id = ?', [id]);
    return r ? toCommittee(r) : null;
  }
  async find(ref: string): Promise<Committee | null> {
    const trimmed = ref.trim();
    if (/^\d+$/.test(trimmed)) {
      const byId = await this.get(Number(trimmed));
      if (byId) return byId;
    }
    const r = await this.sql.get<CommitteeRow>(
      `SELECT * FROM committee WHERE key = ? OR lower(short_name) = lower(?) OR lower(name) = lower(?)
       ORDER BY CASE WHEN key = ? THEN 0 ELSE 1 END LIMIT 1`,
      [trimmed, trimmed, trimmed, trimmed],
    );
    return r ? toCommittee(r) : null;
  }
  async insert(c: NewCommittee): Promise<Committee> {
    const { id } = (await this.sql.get<{ id: number }>(
      `INSERT INTO committee (key, name, short_name, genitive, kind, notice_period_days, supplement_notice_period_days,
       notice_workdays_only, chair, copy_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [c.key, c.name, c.shortName, c.genitive, c.kind, c.noticePeriodDays, c.supplementNoticePeriodDays, c.noticeWorkdaysOnly ? 1 : 0, c.chair, JSON.stringify(c.copyTo ?? [])],
    ))!;
    return (await this.get(id))!;
  }
  async update(c: Committee): Promise<Committee> {
    await this.sql.run(
      `UPDATE committee SET key = ?, name = ?, short_name = ?, genitive = ?, kind = ?, notice_period_days = ?,
       supplement_notice_period_days = ?, notice_workdays_only = ?, chair = ?, copy_to = ? WHERE id = ?`,
      [c.key, c.name, c.shortName, c.genitive, c.kind, c.noticePeriodDays, c.supplementNoticePeriodDays, c.noticeWorkdaysOnly ? 1 : 0, c.chair, JSON.stringify(c.copyTo ?? []), c.id],
    );
    return (await this.get(c.id))!;
  }
}
