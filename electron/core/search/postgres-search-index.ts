import type { SearchHit, SearchKind } from '../../shared/api/suche.js';
import type { Body } from '../../shared/schemas.js';
import { inIds } from '../db/dialect.js';
import type { SqlClient, SqlValue } from '../db/sql-client.js';
import { agendaNumbersOfRows, type AgendaNumberRow } from '../domain/agenda-numbering.js';
import { queryTokens, spellingVariants, type QueryToken } from './query.js';
import type { SearchCounts, SearchIndex, SearchOptions } from './search-index.js';
import { parseSnippet } from './search.js';
import { toHit, type AttachmentHitRow, type HitLookups, type ItemHitRow, type PaperHitRow } from './search-hits.js';

/** id = row id * 4 + kind code (migrations/postgres/002_search.sql), as the SQLite rowid. */
const KIND_CODES: Record<SearchKind, number> = { vorlage: 1, top: 2, anlage: 3 };
const KIND_BY_CODE: readonly SearchKind[] = ['vorlage', 'vorlage', 'top', 'anlage'];
const CONFIG = `'vw_search'`;

// Same markers as the FTS5 snippets (search.ts), so parseSnippet reads both. ts_headline marks
// each matching word; MaxWords matches FTS5's 24-token snippet.
const HEADLINE_OPTIONS = 'StartSel=\u0002, StopSel=\u0003, MaxWords=24, MinWords=10, ShortWord=0, MaxFragments=1, FragmentDelimiter=" … "';

/**
 * How many matches are ranked at most, per source. Ranking reads each match's tsvector, so a
 * word in every third document (40 000 of them) took over half a second to rank in full. A
 * query with fewer matches (nearly all: a name, a number, two words) is ranked completely, with
 * the same order as before; for a very common word the title and number matches (the strongest
 * ranks) are ranked with the first RANKED_CANDIDATES text matches, and paging ends there.
 */
export const RANKED_CANDIDATES = 200;

type Term = Extract<QueryToken, { kind: 'term' }>;
interface Compiled {
  sql: string;
  params: SqlValue[];
}

/**
 * One typed word or phrase as a tsquery: each spelling variant is parsed by the same
 * configuration as the documents (phraseto_tsquery: a hyphenated word becomes its parts in
 * order), a trailing * makes its last part a prefix.
 */
function termQuery(t: Term): Compiled {
  const variants = t.phrase ? [t.text] : spellingVariants(t.text);
  const one = t.prefix
    ? `CAST(CAST(phraseto_tsquery(${CONFIG}, vw_search_text(?)) AS text) || ':*' AS tsquery)`
    : `phraseto_tsquery(${CONFIG}, vw_search_text(?))`;
  return { sql: variants.length === 1 ? one : `(${variants.map(() => one).join(' || ')})`, params: variants };
}

/**
 * The tokens of query.ts as a tsquery expression with FTS5's precedence (NOT binds tighter than
 * AND, AND tighter than OR; words side by side mean AND). Every word is a parameter: the user's
 * text never becomes SQL or tsquery syntax.
 */
export function compileTsquery(input: string): Compiled {
  const tokens = queryTokens(input);
  let i = 0;
  const peek = () => tokens[i];
  const join = (parts: Compiled[], op: string): Compiled =>
    parts.length === 1 ? parts[0]! : { sql: `(${parts.map((p) => p.sql).join(` ${op} `)})`, params: parts.flatMap((p) => p.params) };

  function primary(): Compiled {
    const t = tokens[i++]!;
    if (t.kind === 'term') return termQuery(t);
    // check() guarantees an opening parenthesis here, with a closing one after its content.
    const inner = or();
    i++;
    return inner;
  }
  function not(): Compiled {
    let left = primary();
    while (peek()?.kind === 'op' && (peek() as { op: string }).op === 'NOT') {
      i++;
      const right = primary();
      left = { sql: `(${left.sql} && !! ${right.sql})`, params: [...left.params, ...right.params] };
    }
    return left;
  }
  function and(): Compiled {
    const parts = [not()];
    for (;;) {
      const t = peek();
      if (t?.kind === 'op' && t.op === 'AND') {
        i++;
        parts.push(not());
      } else if (t?.kind === 'term' || t?.kind === 'open') parts.push(not());
      else break;
    }
    return join(parts, '&&');
  }
  function or(): Compiled {
    const parts = [and()];
    while (peek()?.kind === 'op' && (peek() as { op: string }).op === 'OR') {
      i++;
      parts.push(and());
    }
    return join(parts, '||');
  }
  return or();
}


/**
 * PostgreSQL full-text search over the search_document table: the same query syntax (query.ts)
 * and results contract as the FTS5 index. Ranks first (ids and scores only), then builds
 * snippets and looks up titles only for the hits shown.
 */
export function postgresSearchIndex(sql: SqlClient): SearchIndex {
  async function query(options: SearchOptions): Promise<{ hits: SearchHit[]; hasMore: boolean }> {
    const q = compileTsquery(options.query);
    const kinds = (options.kinds ?? ['vorlage', 'top', 'anlage']).reduce((mask, k) => mask | (1 << KIND_CODES[k]), 0);
    // Weights {D, C, B, A}: number (A) 1.0, title (B) 0.4, text (D) 0.1 — FTS5's bm25(10, 4, 1).
    // Only a bounded set of candidates is ranked (see RANKED_CANDIDATES): the first matches in
    // the index's order, and the documents whose number or title match (the strongest ranks).
    const ranked = await sql.all<{ id: number; rank: number }>(
      `WITH q AS MATERIALIZED (SELECT ${q.sql} AS q), candidates AS (
         (SELECT d.id, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.tsv, q.q) AS rank FROM search_document d, q
          WHERE d.tsv @@ q.q AND ((1 << CAST(d.id % 4 AS integer)) & ?) <> 0 LIMIT ?)
         UNION
         (SELECT d.id, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.tsv, q.q) AS rank FROM search_document d, q
          WHERE vw_search_head(d.reference, d.title) @@ q.q AND ((1 << CAST(d.id % 4 AS integer)) & ?) <> 0 LIMIT ?))
       SELECT id, rank FROM candidates ORDER BY rank DESC, id LIMIT ? OFFSET ?`,
      [...q.params, kinds, RANKED_CANDIDATES, kinds, RANKED_CANDIDATES, options.limit + 1, options.offset],
    );
    const hasMore = ranked.length > options.limit;
    const shown = ranked.slice(0, options.limit).map((r) => ({ id: Number(r.id), rank: r.rank }));
    if (shown.length === 0) return { hits: [], hasMore };

    const docIds = inIds(sql.dialect, 'd.id', shown.map((r) => r.id));
    // The snippet comes from the text part that matches the whole query, else title and text together.
    const snippets = new Map(
      (
        await sql.all<{ id: number; s: string }>(
          // The stored tsvector's weights tell the parts apart (D text, B title): no parsing twice.
          `SELECT d.id, ts_headline(${CONFIG}, CASE
             WHEN ts_filter(d.tsv, '{d}') @@ q.q THEN d.body
             WHEN ts_filter(d.tsv, '{b}') @@ q.q THEN d.title
             ELSE concat_ws(' ', nullif(d.reference, ''), d.title, nullif(d.body, '')) END, q.q, ?) AS s
           FROM search_document d, (SELECT ${q.sql} AS q) q WHERE ${docIds.sql}`,
          [HEADLINE_OPTIONS, ...q.params, ...docIds.params],
        )
      ).map((r) => [Number(r.id), r.s]),
    );

    const idsOf = (code: number) => shown.filter((r) => r.id % 4 === code).map((r) => Math.floor(r.id / 4));
    const papers = new Map((await rows<PaperHitRow>(sql, 'SELECT id, reference, title, public FROM paper WHERE', 'id', idsOf(1))).map((r) => [r.id, r]));
    const items = new Map(
      (
        await rows<ItemHitRow>(
          sql,
          `SELECT a.id, a.meeting_id, a.title, a.public, a.result, a.paper_id, p.reference, p.title AS paper_title, m.start, c.short_name
           FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id JOIN committee c ON c.id = m.committee_id
           LEFT JOIN paper p ON p.id = a.paper_id WHERE`,
          'a.id',
          idsOf(2),
        )
      ).map((r) => [r.id, r]),
    );
    const attachments = new Map(
      (
        await rows<AttachmentHitRow>(
          sql,
          `SELECT a.id, a.title, a.public, a.paper_id, p.reference, p.title AS paper_title FROM attachment a JOIN paper p ON p.id = a.paper_id WHERE`,
          'a.id',
          idsOf(3),
        )
      ).map((r) => [r.id, r]),
    );
    const lookups: HitLookups = { papers, items, attachments, numbers: await agendaNumberLookup(sql, [...items.values()].map((r) => r.meeting_id)) };

    const hits: SearchHit[] = [];
    for (const { id: docId, rank } of shown) {
      const id = Math.floor(docId / 4);
      const kind = KIND_BY_CODE[docId % 4]!;
      // Lower is better, as FTS5's bm25 reports it.
      const hit = toHit({ kind, id, score: -rank, snippet: parseSnippet(snippets.get(docId) ?? '') }, lookups);
      if (hit) hits.push(hit);
    }
    return { hits, hasMore };
  }

  async function counts(): Promise<SearchCounts> {
    const rows = await sql.all<{ kind: number; n: number }>('SELECT CAST(id % 4 AS integer) AS kind, COUNT(*) AS n FROM search_document GROUP BY 1');
    const n = (kind: number) => rows.find((c) => c.kind === kind)?.n ?? 0;
    return { documents: n(1) + n(2) + n(3), vorlagen: n(1), tops: n(2), anlagen: n(3) };
  }

  return {
    query,
    rebuild: () =>
      sql.transaction(async () => {
        await sql.run('DELETE FROM search_document');
        await sql.run('INSERT INTO search_document (id, reference, title, body) SELECT id, reference, title, body FROM search_source');
        return counts();
      }),
    async check() {
      const differing = await sql.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM (
           (SELECT id, reference, title, body FROM search_source EXCEPT SELECT id, reference, title, body FROM search_document)
           UNION ALL
           (SELECT id, reference, title, body FROM search_document EXCEPT SELECT id, reference, title, body FROM search_source)) x`,
      );
      if ((differing?.n ?? 0) > 0) throw new Error(`Der Suchindex weicht in ${differing!.n} Einträgen von den Daten ab.`);
    },
  };
}

async function rows<T>(sql: SqlClient, select: string, column: string, ids: number[]): Promise<T[]> {
  if (ids.length === 0) return [];
  const where = inIds(sql.dialect, column, ids);
  return sql.all<T>(`${select} ${where.sql}`, where.params);
}

/** Printed TOP numbers of the TOPs shown, one query for all their Sitzungen. */
async function agendaNumberLookup(sql: SqlClient, meetingIds: number[]): Promise<Map<number, string>> {
  if (meetingIds.length === 0) return new Map();
  const mode = ((await sql.get<{ mode: Body['agendaNumbering'] }>('SELECT agenda_numbering AS mode FROM body WHERE id = 1'))?.mode ?? 'durchgehend') as Body['agendaNumbering'];
  const where = inIds(sql.dialect, 'meeting_id', [...new Set(meetingIds)]);
  const rows = await sql.all<AgendaNumberRow>(
    `SELECT id, meeting_id, public, manual_number, supplement, table_paper FROM agenda_item WHERE ${where.sql} ORDER BY meeting_id, public DESC, position, id`,
    where.params,
  );
  return agendaNumbersOfRows(rows, mode);
}
