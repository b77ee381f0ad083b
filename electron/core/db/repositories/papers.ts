import { ApiError } from '../../../shared/errors.js';
import { PaperContentSchema, SectionsSchema, type PaperContent, type PaperSummary, type Revision, type Sections } from '../../../shared/schemas.js';
import { formatReference, parseReference } from '../../domain/numbering.js';
import { paperStatus } from '../../domain/status.js';
import { forUpdate, greatest, inIds, likeOperator, listAgg } from '../dialect.js';
import { canonicalJson, sha256 } from '../hash.js';
import type { SqlClient, SqlDialect, SqlValue } from '../sql-client.js';
import type { BodyRepository, NewPaper, PaperFilter, PaperRepository } from './types.js';

interface PaperRow {
  id: number; key: string | null; reference: string; department_id: number; template: string; title: string; public: number;
  year: number; predecessor_id: number | null; created_at: string; updated_at: string; dated_on: string | null;
  n_total: number; n_scheduled: number; n_results: number; n_resolved: number; committee_ids: string | null; revision: number | null;
}

// Status inputs are aggregated in one pass over the Beratungen, so that listing or paging
// 20 000 Vorlagen stays one cheap query. The CASE mirrors paperStatus() in domain/status.ts
// (a test checks both agree) so lists can filter and page by status inside the database.

/** isFinalResult() (shared/results.ts) in SQL: a postponed Beratung is still open. */
const FINAL_RESULT_SQL = `ltrim(a.result) NOT LIKE 'vertagt%'`;
const count = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

/** The aggregate over the Beratungen, of all Vorlagen or (oneConsultations) of the one with id = ?. */
function fromSummary(dialect: SqlDialect, onePaper: boolean): string {
  const consultations = onePaper
    ? 'SELECT * FROM consultation WHERE paper_id = ? ORDER BY position, id'
    : 'SELECT * FROM consultation ORDER BY paper_id, position, id';
  return `
  FROM paper p
  LEFT JOIN (
    SELECT c.paper_id,
           COUNT(*) AS n_total,
           ${count('c.meeting_id IS NOT NULL')} AS n_scheduled,
           ${count(`a.result IS NOT NULL AND ${FINAL_RESULT_SQL}`)} AS n_results,
           ${count(`a.result LIKE '%beschlossen%' AND a.result NOT LIKE '%nicht beschlossen%'`)} AS n_resolved,
           ${listAgg(dialect, 'c.committee_id', 'c.position, c.id')} AS committee_ids
    FROM (${consultations}) c
    LEFT JOIN agenda_item a ON a.consultation_id = c.id
    GROUP BY c.paper_id
  ) agg ON agg.paper_id = p.id`;
}

const STATUS_SQL = `CASE
    WHEN coalesce(agg.n_scheduled, 0) = 0 AND coalesce(agg.n_results, 0) = 0 THEN 'entwurf'
    WHEN agg.n_results < agg.n_total THEN 'in_beratung'
    WHEN agg.n_resolved > 0 THEN 'beschlossen'
    ELSE 'erledigt' END`;

function selectSummary(dialect: SqlDialect, onePaper: boolean): string {
  return `
  SELECT p.id, p.key, p.reference, p.department_id, p.template, p.title, p.public, p.year, p.predecessor_id,
         p.created_at, ${onePaper ? 'p.sections, ' : ''}p.updated_at, p.dated_on,
         coalesce(agg.n_total, 0) AS n_total, coalesce(agg.n_scheduled, 0) AS n_scheduled,
         coalesce(agg.n_results, 0) AS n_results, coalesce(agg.n_resolved, 0) AS n_resolved,
         agg.committee_ids,
         (SELECT MAX(number) FROM revision r WHERE r.paper_id = p.id) AS revision
  ${fromSummary(dialect, onePaper)}`;
}

export class SqlPaperRepository implements PaperRepository {
  private readonly fromAll: string;
  private readonly selectAll: string;
  /** One Vorlage; parameters: its id twice. */
  private readonly selectOne: string;

  constructor(private readonly sql: SqlClient, private readonly body: BodyRepository) {
    this.fromAll = fromSummary(sql.dialect, false);
    this.selectAll = selectSummary(sql.dialect, false);
    this.selectOne = `${selectSummary(sql.dialect, true)} WHERE p.id = ?`;
  }

  private toSummary(r: PaperRow): PaperSummary {
    return {
      id: r.id,
      key: r.key,
      reference: r.reference,
      departmentId: r.department_id,
      template: r.template,
      title: r.title,
      public: r.public === 1,
      year: r.year,
      status: paperStatus({ total: Number(r.n_total), scheduled: Number(r.n_scheduled), withResult: Number(r.n_results), resolved: Number(r.n_resolved) }),
      predecessorId: r.predecessor_id,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      date: r.dated_on,
      revision: r.revision ?? 0,
      committeeIds: r.committee_ids ? r.committee_ids.split(',').map(Number) : [],
    };
  }

  private where(filter: PaperFilter): { sql: string; params: SqlValue[] } {
    const where: string[] = [];
    const params: SqlValue[] = [];
    const add = (clause: string, ...values: SqlValue[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (filter.year !== undefined) add('p.year = ?', filter.year);
    if (filter.departmentId !== undefined) add('p.department_id = ?', filter.departmentId);
    if (filter.committeeId !== undefined) add('EXISTS (SELECT 1 FROM consultation c WHERE c.paper_id = p.id AND c.committee_id = ?)', filter.committeeId);
    if (filter.text) {
      const like = likeOperator(this.sql.dialect);
      add(`(p.title ${like} ? ESCAPE '\\' OR p.reference ${like} ? ESCAPE '\\')`, likePattern(filter.text), likePattern(filter.text));
    }
    if (filter.ids) {
      const ids = inIds(this.sql.dialect, 'p.id', filter.ids);
      add(ids.sql, ...ids.params);
    }
    if (filter.status) add(`${STATUS_SQL} = ?`, filter.status);
    return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
  }

  async list(filter: PaperFilter = {}): Promise<PaperSummary[]> {
    const { sql, params } = this.where(filter);
    return (await this.sql.all<PaperRow>(`${this.selectAll} ${sql} ORDER BY p.year DESC, p.reference DESC`, params)).map((r) => this.toSummary(r));
  }

  async page(filter: PaperFilter, offset: number, limit: number, order: 'nummer' | 'geaendert' = 'nummer'): Promise<{ total: number; items: PaperSummary[] }> {
    const { sql, params } = this.where(filter);
    const total = Number((await this.sql.get<{ n: number }>(`SELECT COUNT(*) AS n ${this.fromAll} ${sql}`, params))!.n);
    const orderBy = order === 'geaendert' ? 'p.updated_at DESC, p.id DESC' : 'p.year DESC, p.reference DESC';
    const rows = await this.sql.all<PaperRow>(`${this.selectAll} ${sql} ORDER BY ${orderBy} LIMIT ? OFFSET ?`, [...params, limit, offset]);
    return { total, items: rows.map((r) => this.toSummary(r)) };
  }

  async count(): Promise<number> {
    return Number((await this.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM paper'))!.n);
  }

  private async one(where: string, value: SqlValue): Promise<(PaperSummary & { sections: Sections }) | null> {
    // One Vorlage aggregates only its own Beratungen: the list form groups all of them, which
    // made every single lookup cost a scan of the whole table (a re-send did several).
    const found = await this.sql.get<{ id: number }>(`SELECT p.id FROM paper p WHERE ${where}`, [value]);
    return found ? this.get(found.id) : null;
  }

  async get(id: number): Promise<(PaperSummary & { sections: Sections }) | null> {
    const row = await this.sql.get<PaperRow & { sections: string }>(this.selectOne, [id, id]);
    if (!row) return null;
    return { ...this.toSummary(row), sections: SectionsSchema.parse(JSON.parse(row.sections)) };
  }

  async exists(id: number): Promise<boolean> {
    return (await this.sql.get('SELECT 1 AS found FROM paper WHERE id = ?', [id])) !== undefined;
  }

  byReference(reference: string) {
    return this.one('p.reference = ?', reference);
  }

  byKey(key: string) {
    return this.one('p.key = ?', key);
  }

  async lock(id: number): Promise<boolean> {
    return !!(await this.sql.get(`SELECT id FROM paper WHERE id = ?${forUpdate(this.sql.dialect)}`, [id]));
  }

  async nextReference(departmentId: number, year: number): Promise<string> {
    const body = await this.body.get();
    if (!body) throw new ApiError('VALIDATION', 'Bitte zuerst die Körperschaft (Name und Nummernmuster) einrichten.');
    const dept = await this.sql.get<{ code: string }>('SELECT code FROM department WHERE id = ?', [departmentId]);
    if (!dept) throw new ApiError('NOT_FOUND', 'Das Amt wurde nicht gefunden.');
    return this.sql.transaction(async () => {
      // Skips numbers someone entered by hand; each loop step consumes the counter for good.
      for (;;) {
        const { last_number } = (await this.sql.get<{ last_number: number }>(
          `INSERT INTO paper_counter (department_id, year, last_number) VALUES (?, ?, 1)
           ON CONFLICT(department_id, year) DO UPDATE SET last_number = paper_counter.last_number + 1 RETURNING last_number`,
          [departmentId, year],
        ))!;
        const reference = formatReference(body.numberPattern, { amt: dept.code, nr: last_number, jahr: year });
        if (!(await this.isReferenceUsed(reference))) {
          await this.sql.run('INSERT INTO used_reference (reference, created_at) VALUES (?, ?)', [reference, new Date().toISOString()]);
          return reference;
        }
      }
    });
  }

  async isReferenceUsed(reference: string): Promise<boolean> {
    return !!(await this.sql.get('SELECT 1 AS used FROM used_reference WHERE reference = ?', [reference]));
  }

  async reserveReference(reference: string, departmentId: number): Promise<void> {
    if (await this.isReferenceUsed(reference)) {
      throw new ApiError('CONFLICT', `Die Vorlagennummer ${reference} ist bereits vergeben (auch gelöschte Nummern werden nicht wiederverwendet).`);
    }
    await this.sql.run('INSERT INTO used_reference (reference, created_at) VALUES (?, ?)', [reference, new Date().toISOString()]);
    const body = await this.body.get();
    const parts = body ? parseReference(body.numberPattern, reference) : null;
    const dept = await this.sql.get<{ code: string }>('SELECT code FROM department WHERE id = ?', [departmentId]);
    if (parts && dept && parts.amt === dept.code) {
      await this.sql.run(
        `INSERT INTO paper_counter (department_id, year, last_number) VALUES (?, ?, ?)
         ON CONFLICT(department_id, year) DO UPDATE SET last_number = ${greatest(this.sql.dialect, 'paper_counter.last_number', 'excluded.last_number')}`,
        [departmentId, parts.jahr, parts.nr],
      );
    }
  }

  async insert(p: NewPaper, now: string): Promise<number> {
    const { id } = (await this.sql.get<{ id: number }>(
      `INSERT INTO paper (key, reference, department_id, template, title, public, year, sections, predecessor_id, dated_on, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [p.key ?? null, p.reference, p.departmentId, p.template, p.title, p.public ? 1 : 0, p.year, JSON.stringify(p.sections), p.predecessorId ?? null, p.date ?? null, now, now],
    ))!;
    return id;
  }

  async updateContent(id: number, content: PaperContent, author: string, now: string): Promise<Revision | null> {
    const canonical = canonicalJson(content);
    const hash = sha256(canonical);
    const latest = await this.latestRevision(id);
    if (latest?.hash === hash) return null;
    await this.sql.run('UPDATE paper SET title = ?, public = ?, template = ?, department_id = ?, sections = ?, updated_at = ? WHERE id = ?', [
      content.title,
      content.public ? 1 : 0,
      content.template,
      content.departmentId,
      JSON.stringify(content.sections),
      now,
      id,
    ]);
    const number = (latest?.number ?? 0) + 1;
    const row = (await this.sql.get<{ id: number }>(
      'INSERT INTO revision (paper_id, number, content, hash, author, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
      [id, number, canonical, hash, author, now],
    ))!;
    return { id: row.id, paperId: id, number, hash, author, createdAt: now };
  }

  async setDate(id: number, date: string | null): Promise<void> {
    await this.sql.run('UPDATE paper SET dated_on = ? WHERE id = ?', [date, id]);
  }

  async delete(id: number): Promise<void> {
    await this.sql.run('DELETE FROM paper WHERE id = ?', [id]);
  }

  async revisions(paperId: number): Promise<Revision[]> {
    const rows = await this.sql.all<{ id: number; paper_id: number; number: number; hash: string; author: string; created_at: string }>(
      'SELECT id, paper_id, number, hash, author, created_at FROM revision WHERE paper_id = ? ORDER BY number',
      [paperId],
    );
    return rows.map((r) => ({ id: r.id, paperId: r.paper_id, number: r.number, hash: r.hash, author: r.author, createdAt: r.created_at }));
  }

  async latestRevision(paperId: number): Promise<Revision | null> {
    const r = await this.sql.get<{ id: number; number: number; hash: string; author: string; created_at: string }>(
      'SELECT id, number, hash, author, created_at FROM revision WHERE paper_id = ? ORDER BY number DESC LIMIT 1',
      [paperId],
    );
    return r ? { id: r.id, paperId, number: r.number, hash: r.hash, author: r.author, createdAt: r.created_at } : null;
  }

  async revisionContent(paperId: number, number: number): Promise<PaperContent | null> {
    const row = await this.sql.get<{ content: string }>('SELECT content FROM revision WHERE paper_id = ? AND number = ?', [paperId, number]);
    return row ? PaperContentSchema.parse(JSON.parse(row.content)) : null;
  }
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
