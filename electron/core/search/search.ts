import type BetterSqlite3 from 'better-sqlite3';
import type { SearchHit, SearchKind } from '../../shared/api/suche.js';
import { invalid } from '../../shared/errors.js';
import type { Body } from '../../shared/schemas.js';
import { agendaNumbersOfRows, type AgendaNumberRow } from '../domain/agenda-numbering.js';
import type { Db } from '../db/connection.js';
import { compileQuery } from './query.js';
import { toHit, type AttachmentHitRow, type HitLookups, type ItemHitRow, type PaperHitRow } from './search-hits.js';
import type { SearchOptions } from './search-index.js';

/** rowid = id * 4 + kind code (migrations/sqlite/002_search.sql). */
export const KIND_CODES: Record<SearchKind, number> = { vorlage: 1, top: 2, anlage: 3 };
const KIND_BY_CODE: readonly SearchKind[] = ['vorlage', 'vorlage', 'top', 'anlage'];

// Snippet markers: control characters never occur in stored text (inputs reject them).
const OPEN = '\u0002';
const CLOSE = '\u0003';


type Stmt = BetterSqlite3.Statement<unknown[]>;
interface Statements {
  rank: Stmt;
  snippet: Stmt;
  papers: Stmt;
  items: Stmt;
  attachments: Stmt;
  numbering: Stmt;
  mode: Stmt;
}
const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      // Weights as in the table's rank setting (number 10, title 4, text 1); bm25() with
      // explicit weights is cheaper per row than ORDER BY rank.
      rank: db.prepare(
        `SELECT rowid, bm25(search_fts, 10.0, 4.0, 1.0) AS score FROM search_fts
         WHERE search_fts MATCH @match AND ((1 << (rowid & 3)) & @kinds) != 0
         ORDER BY score LIMIT @limit OFFSET @offset`,
      ),
      snippet: db.prepare(`SELECT snippet(search_fts, -1, char(2), char(3), '…', 24) AS s FROM search_fts WHERE search_fts MATCH ? AND rowid = ?`),
      papers: db.prepare('SELECT id, reference, title, public FROM paper WHERE id IN (SELECT value FROM json_each(?))'),
      items: db.prepare(
        `SELECT a.id, a.meeting_id, a.title, a.public, a.result, a.paper_id, p.reference, p.title AS paper_title, m.start, c.short_name
         FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id JOIN committee c ON c.id = m.committee_id
         LEFT JOIN paper p ON p.id = a.paper_id WHERE a.id IN (SELECT value FROM json_each(?))`,
      ),
      // All TOPs of the Sitzungen shown, in print order: numbers as printed, one query for the page.
      numbering: db.prepare(
        `SELECT id, meeting_id, public, manual_number, supplement, table_paper FROM agenda_item WHERE meeting_id IN (SELECT value FROM json_each(?))
         ORDER BY meeting_id, public DESC, position, id`,
      ),
      mode: db.prepare('SELECT agenda_numbering AS mode FROM body WHERE id = 1'),
      attachments: db.prepare(
        `SELECT a.id, a.title, a.public, a.paper_id, p.reference, p.title AS paper_title FROM attachment a JOIN paper p ON p.id = a.paper_id
         WHERE a.id IN (SELECT value FROM json_each(?))`,
      ),
    };
    cache.set(db, s);
  }
  return s;
}

/** SQLite reports FTS5 query problems as plain errors; they are the user's input, not a crash. */
function isQueryError(error: unknown): boolean {
  const message = (error as Error)?.message ?? '';
  return /fts5|syntax error|unterminated|unknown special query|no such column/i.test(message);
}

export function parseSnippet(s: string): { text: string; match: boolean }[] {
  const runs: { text: string; match: boolean }[] = [];
  let match = false;
  let text = '';
  const flush = () => {
    if (text) runs.push({ text, match });
    text = '';
  };
  for (const ch of s) {
    if (ch === OPEN || ch === CLOSE) {
      flush();
      match = ch === OPEN;
    } else text += ch;
  }
  flush();
  return runs;
}

function agendaNumberLookup(st: Statements, meetingIds: number[]): Map<number, string> {
  if (meetingIds.length === 0) return new Map();
  const mode = ((st.mode.get() as { mode: Body['agendaNumbering'] } | undefined)?.mode ?? 'durchgehend') as Body['agendaNumbering'];
  return agendaNumbersOfRows(st.numbering.all(JSON.stringify([...new Set(meetingIds)])) as AgendaNumberRow[], mode);
}

/**
 * Ranks first (ids and scores only, like a bare MATCH … ORDER BY bm25), then builds snippets and
 * looks up titles only for the hits shown — the cost of a page does not grow with the corpus.
 */
export function runSearch(db: Db, options: SearchOptions): { hits: SearchHit[]; hasMore: boolean } {
  const match = compileQuery(options.query);
  const st = statements(db);
  const kinds = (options.kinds ?? ['vorlage', 'top', 'anlage']).reduce((mask, k) => mask | (1 << KIND_CODES[k]), 0);
  let ranked: { rowid: number; score: number }[];
  try {
    ranked = st.rank.all({ match, kinds, limit: options.limit + 1, offset: options.offset }) as { rowid: number; score: number }[];
  } catch (error) {
    if (isQueryError(error)) throw invalid(`Die Suchanfrage „${options.query}“ ist ungültig. Suchbeispiele: Integration, Integr*, "Kommunales Integrationsmanagement".`);
    throw error;
  }
  const hasMore = ranked.length > options.limit;
  const shown = ranked.slice(0, options.limit);
  const ids = (code: number) => JSON.stringify(shown.filter((r) => (r.rowid & 3) === code).map((r) => Math.floor(r.rowid / 4)));

  const papers = new Map((st.papers.all(ids(1)) as PaperHitRow[]).map((r) => [r.id, r]));
  const items = new Map((st.items.all(ids(2)) as ItemHitRow[]).map((r) => [r.id, r]));
  const attachments = new Map((st.attachments.all(ids(3)) as AttachmentHitRow[]).map((r) => [r.id, r]));
  const lookups: HitLookups = { papers, items, attachments, numbers: agendaNumberLookup(st, [...items.values()].map((r) => r.meeting_id)) };

  const hits: SearchHit[] = [];
  for (const { rowid, score } of shown) {
    const id = Math.floor(rowid / 4);
    const kind = KIND_BY_CODE[rowid & 3]!;
    // BigInt: FTS5 honours a rowid constraint only for an INTEGER value, and a JS number binds as REAL.
    const snippet = parseSnippet((st.snippet.get(match, BigInt(rowid)) as { s: string } | undefined)?.s ?? '');
    const hit = toHit({ kind, id, score, snippet }, lookups);
    if (hit) hits.push(hit);
  }
  return { hits, hasMore };
}
