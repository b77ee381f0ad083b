import type { Body, Committee, Department } from '../../../shared/schemas.js';
import type { Db } from '../connection.js';
import type { BodyRepository, CommitteeRepository, DepartmentRepository, NewCommittee, NewDepartment } from './types.js';

export class SqliteBodyRepository implements BodyRepository {
  constructor(private readonly db: Db) {}
  get(): Body | null {
    const row = this.db.prepare('SELECT name, number_pattern, agenda_numbering FROM body WHERE id = 1').get() as
      | { name: string; number_pattern: string; agenda_numbering: Body['agendaNumbering'] }
      | undefined;
    return row ? { name: row.name, numberPattern: row.number_pattern, agendaNumbering: row.agenda_numbering } : null;
  }
  save(b: Body): void {
    this.db
      .prepare(
        `INSERT INTO body (id, name, number_pattern, agenda_numbering) VALUES (1, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, number_pattern = excluded.number_pattern,
         agenda_numbering = excluded.agenda_numbering`,
      )
      .run(b.name, b.numberPattern, b.agendaNumbering);
  }
}

interface DepartmentRow { id: number; key: string; code: string; name: string; signatory: string }
const toDepartment = (r: DepartmentRow): Department => ({ id: r.id, key: r.key, code: r.code, name: r.name, signatory: r.signatory });

export class SqliteDepartmentRepository implements DepartmentRepository {
  constructor(private readonly db: Db) {}
  list(): Department[] {
    return (this.db.prepare('SELECT * FROM department ORDER BY code, name').all() as DepartmentRow[]).map(toDepartment);
  }
  get(id: number): Department | null {
    const r = this.db.prepare('SELECT * FROM department WHERE id = ?').get(id) as DepartmentRow | undefined;
    return r ? toDepartment(r) : null;
  }
  byKey(key: string): Department | null {
    const r = this.db.prepare('SELECT * FROM department WHERE key = ?').get(key) as DepartmentRow | undefined;
    return r ? toDepartment(r) : null;
  }
  insert(d: NewDepartment): Department {
    const info = this.db
      .prepare('INSERT INTO department (key, code, name, signatory) VALUES (?, ?, ?, ?)')
      .run(d.key, d.code, d.name, d.signatory);
    return this.get(Number(info.lastInsertRowid))!;
  }
  update(d: Department): Department {
    this.db.prepare('UPDATE department SET key = ?, code = ?, name = ?, signatory = ? WHERE id = ?').run(d.key, d.code, d.name, d.signatory, d.id);
    return this.get(d.id)!;
  }
}

interface CommitteeRow {
  id: number; key: string; name: string; short_name: string; genitive: string; kind: Committee['kind'];
  notice_period_days: number; supplement_notice_period_days: number | null; notice_workdays_only: number; chair: string;
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
});

export class SqliteCommitteeRepository implements CommitteeRepository {
  constructor(private readonly db: Db) {}
  list(): Committee[] {
    return (this.db.prepare('SELECT * FROM committee ORDER BY name').all() as CommitteeRow[]).map(toCommittee);
  }
  get(id: number): Committee | null {
    const r = this.db.prepare('SELECT * FROM committee WHERE id = ?').get(id) as CommitteeRow | undefined;
    return r ? toCommittee(r) : null;
  }
  find(ref: string): Committee | null {
    const trimmed = ref.trim();
    if (/^\d+$/.test(trimmed)) {
      const byId = this.get(Number(trimmed));
      if (byId) return byId;
    }
    const r = this.db
      .prepare(
        `SELECT * FROM committee WHERE key = @ref OR lower(short_name) = lower(@ref) OR lower(name) = lower(@ref)
         ORDER BY key = @ref DESC LIMIT 1`,
      )
      .get({ ref: trimmed }) as CommitteeRow | undefined;
    return r ? toCommittee(r) : null;
  }
  insert(c: NewCommittee): Committee {
    const info = this.db
      .prepare(
        `INSERT INTO committee (key, name, short_name, genitive, kind, notice_period_days, supplement_notice_period_days,
         notice_workdays_only, chair) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(c.key, c.name, c.shortName, c.genitive, c.kind, c.noticePeriodDays, c.supplementNoticePeriodDays, c.noticeWorkdaysOnly ? 1 : 0, c.chair);
    return this.get(Number(info.lastInsertRowid))!;
  }
  update(c: Committee): Committee {
    this.db
      .prepare(
        `UPDATE committee SET key = ?, name = ?, short_name = ?, genitive = ?, kind = ?, notice_period_days = ?,
         supplement_notice_period_days = ?, notice_workdays_only = ?, chair = ? WHERE id = ?`,
      )
      .run(c.key, c.name, c.shortName, c.genitive, c.kind, c.noticePeriodDays, c.supplementNoticePeriodDays, c.noticeWorkdaysOnly ? 1 : 0, c.chair, c.id);
    return this.get(c.id)!;
  }
}
