import { ApiError } from '../../../shared/errors.js';
import { PaperContentSchema, SectionsSchema, type PaperContent, type PaperSummary, type Revision, type Sections } from '../../../shared/schemas.js';
import { formatReference, parseReference } from '../../domain/numbering.js';
import { paperStatus } from '../../domain/status.js';
import type { Db } from '../connection.js';
import { canonicalJson, sha256 } from '../hash.js';
import type { BodyRepository, NewPaper, PaperFilter, PaperRepository } from './types.js';

interface PaperRow {
  id: number; key: string | null; reference: string; department_id: number; template: string; title: string; public: number;
  year: number; predecessor_id: number | null; created_at: string; updated_at: string;
  n_total: number; n_scheduled: number; n_results: number; n_resolved: number; committee_ids: string | null; revision: number | null;
}

// Status inputs are aggregated in one pass over the Beratungen, so that listing or paging
// 20 000 Vorlagen stays one cheap query. The CASE mirrors paperStatus() in domain/status.ts
// (a test checks both agree) so lists can filter and page by status inside SQLite.
/** isFinalResult() (shared/results.ts) in SQL: a postponed Beratung is still open. */
const FINAL_RESULT_SQL = `ltrim(a.result) NOT LIKE 'vertagt%'`;
const FROM_SUMMARY = `
  FROM paper p
  LEFT JOIN (
    SELECT c.paper_id,
           COUNT(*) AS n_total,
           SUM(c.meeting_id IS NOT NULL) AS n_scheduled,
           SUM(a.result IS NOT NULL AND ${FINAL_RESULT_SQL}) AS n_results,
           SUM(a.result LIKE '%beschlossen%' AND a.result NOT LIKE '%nicht beschlossen%') AS n_resolved,
           group_concat(c.committee_id) AS committee_ids
    FROM (SELECT * FROM consultation ORDER BY paper_id, position, id) c
    LEFT JOIN agenda_item a ON a.consultation_id = c.id
    GROUP BY c.paper_id
  ) agg ON agg.paper_id = p.id`;
const STATUS_SQL = `CASE
    WHEN coalesce(agg.n_scheduled, 0) = 0 AND coalesce(agg.n_results, 0) = 0 THEN 'entwurf'
    WHEN agg.n_results < agg.n_total THEN 'in_beratung'
    WHEN agg.n_resolved > 0 THEN 'beschlossen'
    ELSE 'erledigt' END`;
const SELECT_SUMMARY = `
  SELECT p.id, p.key, p.reference, p.department_id, p.template, p.title, p.public, p.year, p.predecessor_id,
         p.created_at, p.updated_at,
         coalesce(agg.n_total, 0) AS n_total, coalesce(agg.n_scheduled, 0) AS n_scheduled,
         coalesce(agg.n_results, 0) AS n_results, coalesce(agg.n_resolved, 0) AS n_resolved,
         agg.committee_ids,
         (SELECT MAX(number) FROM revision r WHERE r.paper_id = p.id) AS revision
  ${FROM_SUMMARY}`;

const SELECT_ONE = `${SELECT_SUMMARY.replace('p.created_at,', 'p.created_at, p.sections,').replace(
  'FROM (SELECT * FROM consultation ORDER BY paper_id, position, id) c',
  'FROM (SELECT * FROM consultation WHERE paper_id = @id ORDER BY position, id) c',
)} WHERE p.id = @id`;

export class SqlitePaperRepository implements PaperRepository {
  constructor(private readonly db: Db, private readonly body: BodyRepository) {}

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
      status: paperStatus({ total: r.n_total, scheduled: r.n_scheduled, withResult: r.n_results, resolved: r.n_resolved }),
      predecessorId: r.predecessor_id,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      revision: r.revision ?? 0,
      committeeIds: r.committee_ids ? r.committee_ids.split(',').map(Number) : [],
    };
  }

  private where(filter: PaperFilter): { sql: string; params: unknown[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (filter.year !== undefined) add('p.year = ?', filter.year);
    if (filter.departmentId !== undefined) add('p.department_id = ?', filter.departmentId);
    if (filter.committeeId !== undefined) add('EXISTS (SELECT 1 FROM consultation c WHERE c.paper_id = p.id AND c.committee_id = ?)', filter.committeeId);
    if (filter.text) add("(p.title LIKE ? ESCAPE '\\' OR p.reference LIKE ? ESCAPE '\\')", likePattern(filter.text), likePattern(filter.text));
    if (filter.ids) add('p.id IN (SELECT value FROM json_each(?))', JSON.stringify(filter.ids));
    if (filter.status) add(`${STATUS_SQL} = ?`, filter.status);
    return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
  }

  list(filter: PaperFilter = {}): PaperSummary[] {
    const { sql, params } = this.where(filter);
    return (this.db.prepare(`${SELECT_SUMMARY} ${sql} ORDER BY p.year DESC, p.reference DESC`).all(...params) as PaperRow[]).map((r) => this.toSummary(r));
  }

  page(filter: PaperFilter, offset: number, limit: number, order: 'nummer' | 'geaendert' = 'nummer'): { total: number; items: PaperSummary[] } {
    const { sql, params } = this.where(filter);
    const total = (this.db.prepare(`SELECT COUNT(*) AS n ${FROM_SUMMARY} ${sql}`).get(...params) as { n: number }).n;
    const orderBy = order === 'geaendert' ? 'p.updated_at DESC, p.id DESC' : 'p.year DESC, p.reference DESC';
    const rows = this.db.prepare(`${SELECT_SUMMARY} ${sql} ORDER BY ${orderBy} LIMIT ? OFFSET ?`).all(...params, limit, offset) as PaperRow[];
    return { total, items: rows.map((r) => this.toSummary(r)) };
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM paper').get() as { n: number }).n;
  }

  private one(where: string, value: unknown): (PaperSummary & { sections: Sections }) | null {
    // One Vorlage aggregates only its own Beratungen: the list form groups all of them, which
    // made every single lookup cost a scan of the whole table (a re-send did several).
    const found = this.db.prepare(`SELECT p.id FROM paper p WHERE ${where}`).get(value) as { id: number } | undefined;
    if (!found) return null;
    const row = this.db.prepare(SELECT_ONE).get({ id: found.id }) as (PaperRow & { sections: string }) | undefined;
    if (!row) return null;
    return { ...this.toSummary(row), sections: SectionsSchema.parse(JSON.parse(row.sections)) };
  }
  get(id: number) {
    return this.one('p.id = ?', id);
  }
  byReference(reference: string) {
    return this.one('p.reference = ?', reference);
  }
  byKey(key: string) {
    return this.one('p.key = ?', key);
  }

  nextReference(departmentId: number, year: number): string {
    const body = this.body.get();
    if (!body) throw new ApiError('VALIDATION', 'Bitte zuerst die Körperschaft (Name und Nummernmuster) einrichten.');
    const dept = this.db.prepare('SELECT code FROM department WHERE id = ?').get(departmentId) as { code: string } | undefined;
    if (!dept) throw new ApiError('NOT_FOUND', 'Das Amt wurde nicht gefunden.');
    const bump = this.db.prepare(
      `INSERT INTO paper_counter (department_id, year, last_number) VALUES (?, ?, 1)
       ON CONFLICT(department_id, year) DO UPDATE SET last_number = last_number + 1 RETURNING last_number`,
    );
    const used = this.db.prepare('SELECT 1 FROM used_reference WHERE reference = ?');
    const reserve = this.db.prepare('INSERT INTO used_reference (reference, created_at) VALUES (?, ?)');
    const assign = () => {
      // Skips numbers someone entered by hand; each loop step consumes the counter for good.
      for (;;) {
        const { last_number } = bump.get(departmentId, year) as { last_number: number };
        const reference = formatReference(body.numberPattern, { amt: dept.code, nr: last_number, jahr: year });
        if (!used.get(reference)) {
          reserve.run(reference, new Date().toISOString());
          return reference;
        }
      }
    };
    return this.db.inTransaction ? assign() : this.db.transaction(assign).immediate();
  }

  isReferenceUsed(reference: string): boolean {
    return !!this.db.prepare('SELECT 1 FROM used_reference WHERE reference = ?').get(reference);
  }

  reserveReference(reference: string, departmentId: number): void {
    if (this.isReferenceUsed(reference)) {
      throw new ApiError('CONFLICT', `Die Vorlagennummer ${reference} ist bereits vergeben (auch gelöschte Nummern werden nicht wiederverwendet).`);
    }
    this.db.prepare('INSERT INTO used_reference (reference, created_at) VALUES (?, ?)').run(reference, new Date().toISOString());
    const body = this.body.get();
    const parts = body ? parseReference(body.numberPattern, reference) : null;
    const dept = this.db.prepare('SELECT code FROM department WHERE id = ?').get(departmentId) as { code: string } | undefined;
    if (parts && dept && parts.amt === dept.code) {
      this.db
        .prepare(
          `INSERT INTO paper_counter (department_id, year, last_number) VALUES (?, ?, ?)
           ON CONFLICT(department_id, year) DO UPDATE SET last_number = MAX(last_number, excluded.last_number)`,
        )
        .run(departmentId, parts.jahr, parts.nr);
    }
  }

  insert(p: NewPaper, now: string): number {
    const info = this.db
      .prepare(
        `INSERT INTO paper (key, reference, department_id, template, title, public, year, sections, predecessor_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.key ?? null, p.reference, p.departmentId, p.template, p.title, p.public ? 1 : 0, p.year, JSON.stringify(p.sections), p.predecessorId ?? null, now, now);
    return Number(info.lastInsertRowid);
  }

  updateContent(id: number, content: PaperContent, author: string, now: string): Revision | null {
    const canonical = canonicalJson(content);
    const hash = sha256(canonical);
    const latest = this.latestRevision(id);
    if (latest?.hash === hash) return null;
    this.db
      .prepare('UPDATE paper SET title = ?, public = ?, template = ?, department_id = ?, sections = ?, updated_at = ? WHERE id = ?')
      .run(content.title, content.public ? 1 : 0, content.template, content.departmentId, JSON.stringify(content.sections), now, id);
    const number = (latest?.number ?? 0) + 1;
    const info = this.db
      .prepare('INSERT INTO revision (paper_id, number, content, hash, author, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, number, canonical, hash, author, now);
    return { id: Number(info.lastInsertRowid), paperId: id, number, hash, author, createdAt: now };
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM paper WHERE id = ?').run(id);
  }

  revisions(paperId: number): Revision[] {
    return (
      this.db.prepare('SELECT id, paper_id, number, hash, author, created_at FROM revision WHERE paper_id = ? ORDER BY number').all(paperId) as {
        id: number; paper_id: number; number: number; hash: string; author: string; created_at: string;
      }[]
    ).map((r) => ({ id: r.id, paperId: r.paper_id, number: r.number, hash: r.hash, author: r.author, createdAt: r.created_at }));
  }

  latestRevision(paperId: number): Revision | null {
    const r = this.db
      .prepare('SELECT id, number, hash, author, created_at FROM revision WHERE paper_id = ? ORDER BY number DESC LIMIT 1')
      .get(paperId) as { id: number; number: number; hash: string; author: string; created_at: string } | undefined;
    return r ? { id: r.id, paperId, number: r.number, hash: r.hash, author: r.author, createdAt: r.created_at } : null;
  }

  revisionContent(paperId: number, number: number): PaperContent | null {
    const row = this.db.prepare('SELECT content FROM revision WHERE paper_id = ? AND number = ?').get(paperId, number) as { content: string } | undefined;
    return row ? PaperContentSchema.parse(JSON.parse(row.content)) : null;
  }
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
