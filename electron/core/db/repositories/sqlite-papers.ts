import { ApiError } from '../../../shared/errors.js';
import { PaperContentSchema, SectionsSchema, type PaperContent, type PaperSummary, type Revision, type Sections } from '../../../shared/schemas.js';
import { formatReference, parseReference } from '../../domain/numbering.js';
import { isResolution, paperStatus } from '../../domain/status.js';
import type { Db } from '../connection.js';
import { canonicalJson, sha256 } from '../hash.js';
import type { BodyRepository, NewPaper, PaperFilter, PaperRepository } from './types.js';

interface PaperRow {
  id: number; key: string | null; reference: string; department_id: number; template: string; title: string; public: number;
  year: number; sections: string; predecessor_id: number | null; created_at: string; updated_at: string;
  n_total: number; n_scheduled: number; n_results: number; n_resolved: number; committee_ids: string | null; revision: number | null;
}

// Status inputs are aggregated in SQL so that listing 20 000 Vorlagen stays one query.
const SELECT_SUMMARY = `
  SELECT p.id, p.key, p.reference, p.department_id, p.template, p.title, p.public, p.year, p.predecessor_id,
         p.created_at, p.updated_at,
         (SELECT COUNT(*) FROM consultation c WHERE c.paper_id = p.id) AS n_total,
         (SELECT COUNT(*) FROM consultation c WHERE c.paper_id = p.id AND c.meeting_id IS NOT NULL) AS n_scheduled,
         (SELECT COUNT(*) FROM consultation c JOIN agenda_item a ON a.consultation_id = c.id
            WHERE c.paper_id = p.id AND a.result IS NOT NULL) AS n_results,
         (SELECT group_concat(a.result, char(31)) FROM consultation c JOIN agenda_item a ON a.consultation_id = c.id
            WHERE c.paper_id = p.id AND a.result IS NOT NULL) AS results,
         (SELECT group_concat(c.committee_id) FROM (SELECT committee_id FROM consultation WHERE paper_id = p.id ORDER BY position) c) AS committee_ids,
         (SELECT MAX(number) FROM revision r WHERE r.paper_id = p.id) AS revision
  FROM paper p`;

export class SqlitePaperRepository implements PaperRepository {
  constructor(private readonly db: Db, private readonly body: BodyRepository) {}

  private toSummary(r: PaperRow & { results?: string | null }): PaperSummary {
    const results = r.results ? r.results.split('\u001f') : [];
    return {
      id: r.id,
      key: r.key,
      reference: r.reference,
      departmentId: r.department_id,
      template: r.template,
      title: r.title,
      public: r.public === 1,
      year: r.year,
      status: paperStatus({ total: r.n_total, scheduled: r.n_scheduled, withResult: r.n_results, resolved: results.filter(isResolution).length }),
      predecessorId: r.predecessor_id,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      revision: r.revision ?? 0,
      committeeIds: r.committee_ids ? r.committee_ids.split(',').map(Number) : [],
    };
  }

  list(filter: PaperFilter = {}): PaperSummary[] {
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
    const sql = `${SELECT_SUMMARY} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY p.year DESC, p.reference DESC`;
    return (this.db.prepare(sql).all(...params) as PaperRow[]).map((r) => this.toSummary(r));
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM paper').get() as { n: number }).n;
  }

  private one(where: string, value: unknown): (PaperSummary & { sections: Sections }) | null {
    const row = this.db.prepare(`${SELECT_SUMMARY.replace('p.created_at,', 'p.created_at, p.sections,')} WHERE ${where}`).get(value) as PaperRow | undefined;
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
