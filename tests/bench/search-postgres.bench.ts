/**
 * Search benchmark on PostgreSQL (npm run bench): the corpus of search.bench.ts (50 000 Vorlagen,
 * 200 000 TOPs) built once in SQLite and copied row for row into a fresh PostgreSQL database, then
 * the same query mix through the API (`suche.query`: top 10 with snippets, titles, TOP numbers) on
 * both engines, interleaved, so the SQLite figure of the same run is the ratio baseline. Needs a
 * server at VW_TEST_DATABASE_URL (default postgres://vorlagenwerk:vorlagenwerk@127.0.0.1:5432/postgres);
 * without one it reports itself skipped. Prints one JSON object as the last stdout line.
 */
import fs from 'node:fs';
import { call, createDispatcher } from '../../electron/core/api/dispatcher.js';
import { openApp } from '../../electron/core/app-context.js';
import type { PostgresClient } from '../../electron/core/db/postgres-client.js';
import { createTestDatabase, postgresAvailable, TEST_DATABASE_URL } from '../helpers/postgres-test-db.js';
import { tempDir } from '../helpers/temp-app.js';
import { buildCorpus, PLANTED } from './search-corpus.js';

const SCALE = Number(process.env.VW_BENCH_SCALE ?? 1);
const SIZE = { papers: Math.round(50_000 * SCALE), agendaItems: Math.round(200_000 * SCALE) };
const ITERATIONS = 40;
const GOALS = { p95Ms: 30 };
const QUERIES = [
  { kind: 'rare', query: PLANTED.rare },
  { kind: 'common', query: PLANTED.common },
  { kind: 'prefix', query: 'Sprachk*' },
  { kind: 'phrase', query: `"${PLANTED.phrase.join(' ')}"` },
  { kind: 'umlaut-free', query: 'Forderprogramm' },
  { kind: 'umlaut-free', query: 'Foerderprogramm' },
];
// Copied in this order (foreign keys); file_blob/attachment/revision/audit stay empty in the corpus.
const TABLES = ['body', 'department', 'committee', 'used_reference', 'paper', 'meeting', 'consultation', 'agenda_item'];

const log = (s: string) => process.stderr.write(`${s}\n`);
const round = (n: number) => Math.round(n * 100) / 100;
function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  return { n: s.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(s.at(-1)!) };
}

if (!(await postgresAvailable())) {
  log(`PostgreSQL-Suche übersprungen: kein Server unter ${TEST_DATABASE_URL.replace(/:[^:@/]*@/, ':***@')}`);
  process.stdout.write(`${JSON.stringify({ skipped: 'no PostgreSQL server (VW_TEST_DATABASE_URL)' })}\n`);
  process.exit(0);
}

const logger = { error: (m: string, e: unknown) => log(`${m}: ${e instanceof Error ? e.stack : String(e)}`), info() {} };
const dir = tempDir('vw-bench-pgsearch-');
const database = await createTestDatabase();
const lite = await openApp({ dataDir: dir, actor: 'bench', log: logger });
const pg = await openApp({ dataDir: dir, actor: 'bench', log: logger, databaseUrl: database.url });
try {
  log(`Korpus: ${SIZE.papers} Vorlagen, ${SIZE.agendaItems} TOPs (SQLite) …`);
  let t0 = performance.now();
  buildCorpus(lite.db, SIZE);
  log(`  SQLite in ${((performance.now() - t0) / 1000).toFixed(1)} s; Kopie nach PostgreSQL …`);
  t0 = performance.now();
  const sql = pg.store.sql as PostgresClient;
  await sql.transaction(async () => {
    // Rows first, the search table once at the end (set-based rebuild instead of one trigger call per row).
    await sql.run('SET LOCAL session_replication_role = replica');
    for (const table of TABLES) {
      const rows = lite.db.prepare(`SELECT * FROM "${table}"`).all();
      for (let i = 0; i < rows.length; i += 5000) {
        await sql.run(`INSERT INTO "${table}" SELECT * FROM json_populate_recordset(CAST(NULL AS "${table}"), CAST(? AS json))`, [JSON.stringify(rows.slice(i, i + 5000))]);
      }
      if (table !== 'body' && table !== 'used_reference') await sql.run(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT MAX(id) FROM "${table}"))`);
    }
    await sql.run('SET LOCAL session_replication_role = origin');
    await pg.store.search.rebuild();
  });
  await sql.run('VACUUM ANALYZE');
  const copySeconds = round((performance.now() - t0) / 1000);
  const indexed = (await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM search_document'))!.n;
  log(`  PostgreSQL in ${copySeconds} s, ${indexed} Dokumente im Index`);

  const dispatch = { sqlite: createDispatcher(lite), postgres: createDispatcher(pg) };
  const perQuery = QUERIES.map((q) => ({ ...q, sqlite: [] as number[], postgres: [] as number[], hits: { sqlite: 0, postgres: 0 } }));
  for (const q of perQuery) for (const engine of ['sqlite', 'postgres'] as const) await call(dispatch[engine], 'suche.query', { query: q.query });
  for (let i = 0; i < ITERATIONS; i++) {
    for (const q of perQuery) {
      const order = i % 2 === 0 ? (['postgres', 'sqlite'] as const) : (['sqlite', 'postgres'] as const);
      for (const engine of order) {
        const start = performance.now();
        q.hits[engine] = (await call(dispatch[engine], 'suche.query', { query: q.query })).hits.length;
        q[engine].push(performance.now() - start);
      }
    }
  }
  const queries = perQuery.map((q) => {
    const [p, s] = [stats(q.postgres), stats(q.sqlite)];
    return { kind: q.kind, query: q.query, hitsShown: q.hits, postgresMs: p, sqliteMs: s, ratioP95: round(p.p95 / s.p95) };
  });
  const allPg = stats(perQuery.flatMap((q) => q.postgres));
  const allLite = stats(perQuery.flatMap((q) => q.sqlite));
  const summary = {
    scale: SCALE,
    corpus: { papers: SIZE.papers, agendaItems: SIZE.agendaItems, indexedDocuments: indexed, copySeconds },
    goals: GOALS,
    search: { postgresP95Ms: allPg.p95, sqliteP95Ms: allLite.p95, ratioP95: round(allPg.p95 / allLite.p95), meetsP95Goal: allPg.p95 <= GOALS.p95Ms, queries },
  };
  log(`Suche PostgreSQL p95 ${allPg.p95} ms, SQLite p95 ${allLite.p95} ms (Verhältnis ${summary.search.ratioP95})`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} finally {
  await pg.close();
  await lite.close();
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
}
