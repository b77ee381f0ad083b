/**
 * `npm run bench team` — the team server under load on loopback: 50 simulated users against 2
 * team server processes on one PostgreSQL database, the requests mixed 70 % reads (vorlagen.get / vorlagen.list), 25 % saves (vorlagen.save of a title)
 * and 5 % full-text searches (suche.query). The same mix against ONE team server on a SQLite file
 * in the same run is the baseline; the result gives p95 (all requests, measured per response),
 * errors (non-2xx and socket errors) and the PostgreSQL/SQLite ratio. Goal: p95 ≤ 50 ms, no errors.
 * Prints ONE JSON object (last stdout line).
 *
 * Two scenarios per engine:
 *   - `users`: 50 simulated users, each waiting a random think time (exponential, mean 500 ms)
 *     before its next request: about 100 requests per second arriving independently, several times
 *     what 50 clerks typing with autosave produce. The goal is judged here: it is the latency a
 *     user waits for. (Not autocannon's rate options: they release each second's requests as one
 *     burst at the start of the second, so they measure a queue of 100 simultaneous requests.)
 *   - `saturation`: the same 50 connections with no pause at all (closed loop). Its p95 is then set
 *     by the queue (50 connections / requests per second), so it reports the capacity
 *     (`perSecond`), not a user's wait.
 *
 * The simulated users share 10 sessions (the login rate limit allows 20 per minute and IP), each
 * request with the session's cookie and CSRF token.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error autocannon ships without type declarations; the part used here is typed below
import autocannonUntyped from 'autocannon';
import { call, createDispatcher } from '../../electron/core/api/dispatcher.js';
import { openApp } from '../../electron/core/app-context.js';
import { silentLogger } from '../../electron/core/log.js';
import { addUser } from '../../electron/core/services/users.js';
// @ts-expect-error plain JavaScript build script without type declarations
import { buildTeamServer as buildTeamServerUntyped } from '../../scripts/build-web.mjs';
import { createTestDatabase, postgresAvailable } from '../helpers/postgres-test-db.js';
import { startTeamInstance } from '../helpers/team-instance.js';

const buildTeamServer = buildTeamServerUntyped as () => Promise<string>;

interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface CannonResult {
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { total: number };
}
interface CannonOptions {
  url: string;
  connections: number;
  duration: number;
  requests: { setupRequest: (request: CannonRequest) => CannonRequest }[];
}
interface CannonInstance {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, responseTime: number) => void): void;
}
const autocannon = autocannonUntyped as (options: CannonOptions, done: (error: Error | null, result: CannonResult) => void) => CannonInstance;
const DURATION_S = Number(process.env.VW_BENCH_TEAM_SECONDS ?? 10);
const CONNECTIONS = 50;
/** Mean think time of a simulated user between two requests in the `users` scenario. */
const THINK_MS = 500;
const SESSIONS = 10;
const PASSWORD = 'ein-langes-Passwort-2026';
const GOAL_P95_MS = 50;
const log = (s: string) => process.stderr.write(`  ${s}\n`);

const startInstance = startTeamInstance;

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(base: string, login: string): Promise<Session> {
  const response = await fetch(`${base}/api/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: PASSWORD }) });
  if (response.status !== 200) throw new Error(`login ${login} failed: ${response.status}`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { result } = (await response.json()) as { result: { csrfToken: string } };
  return { cookie, csrf: result.csrfToken };
}

interface Papers {
  all: number[];
  /** Drafts: released Vorlagen are read-only, a save of one is rightly refused. */
  editable: number[];
}

/** Prepares a database (demo data, one user per session) and returns the ids of its Vorlagen. */
async function prepare(dataDir: string, databaseUrl?: string): Promise<Papers> {
  const app = await openApp({ dataDir, log: silentLogger, ...(databaseUrl ? { databaseUrl } : {}) });
  const dispatch = createDispatcher(app);
  await call(dispatch, 'daten.demo', {});
  for (let i = 0; i < SESSIONS; i++) await addUser(app, { login: `last${i}`, name: `Lastnutzer ${i}`, role: 'admin', password: PASSWORD });
  const papers = (await call(dispatch, 'vorlagen.list', {})) as { id: number; title: string }[];
  const editable: number[] = [];
  for (const p of papers) {
    try {
      await call(dispatch, 'vorlagen.save', { id: p.id, title: p.title });
      editable.push(p.id);
    } catch {
      // released: read-only
    }
  }
  await app.close();
  if (editable.length === 0) throw new Error('no editable Vorlage in the demo data');
  return { all: papers.map((p) => p.id), editable };
}

/** One autocannon run per URL at once, CONNECTIONS split between them; latencies of every response. */
const headersOf = (session: Session) => ({ 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf });

/** The n-th request of the mix: 70 % reads (every fifth of them the list), 25 % saves, 5 % searches. */
function pick(n: number, papers: Papers): { method: string; body: unknown } {
  const id = papers.all[n % papers.all.length]!;
  const dice = (n * 37) % 100;
  if (dice < 70) return n % 5 === 0 ? { method: 'vorlagen.list', body: {} } : { method: 'vorlagen.get', body: { ref: id } };
  if (dice < 95) return { method: 'vorlagen.save', body: { id: papers.editable[n % papers.editable.length]!, title: `Lasttest Fassung ${n}` } };
  return { method: 'suche.query', body: { query: n % 2 ? 'Integration' : 'Haushalt', limit: 10 } };
}

type LoadResult = { requests: number; perSecond: number; p50Ms: number; p95Ms: number; p99Ms: number; errors: number; non2xx: number };

function summary(latencies: number[], requests: number, errors: number, non2xx: number): LoadResult {
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
  return { requests, perSecond: Math.round(requests / DURATION_S), p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), errors, non2xx };
}

/** CONNECTIONS users, each: a random think time, then one request of the mix; latency per response. */
async function simulatedUsers(urls: string[], sessions: Session[], papers: Papers): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let seq = 0;
  const end = performance.now() + DURATION_S * 1000;
  const user = async (u: number) => {
    const url = urls[u % urls.length]!;
    const session = sessions[u % sessions.length]!;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, -Math.log(1 - Math.random()) * THINK_MS));
      if (performance.now() >= end) return;
      const { method, body } = pick(seq++, papers);
      const started = performance.now();
      try {
        const response = await fetch(`${url}/api/${method}`, {
          method: 'POST',
          headers: headersOf(session),
          body: JSON.stringify(body),
        });
        await response.arrayBuffer();
        if (!response.ok) non2xx++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, u) => user(u)));
  return summary(latencies, latencies.length, errors, non2xx);
}

async function load(urls: string[], sessions: Session[], papers: Papers): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let requests = 0;
  let seq = 0;
  const runs = urls.map(
    (url) =>
      new Promise<void>((resolve, reject) => {
        const instance = autocannon(
          {
            url,
            connections: Math.round(CONNECTIONS / urls.length),
            duration: DURATION_S,
            requests: [
              {
                setupRequest: (request) => {
                  const n = seq++;
                  const session = sessions[n % sessions.length]!;
                  const { method, body } = pick(n, papers);
                  return {
                    ...request,
                    method: 'POST',
                    path: `/api/${method}`,
                    headers: headersOf(session),
                    body: JSON.stringify(body),
                  };
                },
              },
            ],
          },
          (error, result) => {
            if (error) return reject(error);
            errors += result.errors + result.timeouts;
            non2xx += result.non2xx;
            requests += result.requests.total;
            resolve();
          },
        );
        instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
      }),
  );
  await Promise.all(runs);
  return summary(latencies, requests, errors, non2xx);
}

type Scenarios = { users: LoadResult; saturation: LoadResult };

async function scenarios(urls: string[], sessions: Session[], papers: Papers): Promise<Scenarios> {
  const users = await simulatedUsers(urls, sessions, papers);
  const saturation = await load(urls, sessions, papers);
  return { users, saturation };
}

async function main() {
  const entry = await buildTeamServer();
  const result: Record<string, unknown> = { durationSeconds: DURATION_S, connections: CONNECTIONS, userThinkMs: THINK_MS, sessions: SESSIONS, mix: { reads: 70, saves: 25, searches: 5 }, goalP95Ms: GOAL_P95_MS };

  log('SQLite: one team server …');
  const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vw-bench-team-'));
  const sqliteIds = await prepare(sqliteDir);
  const single = await startInstance(entry, ['--data-dir', sqliteDir]);
  try {
    const sessions: Session[] = [];
    for (let i = 0; i < SESSIONS; i++) sessions.push(await signIn(single.url, `last${i}`));
    result.sqlite = await scenarios([single.url], sessions, sqliteIds);
  } finally {
    await stop(single.child);
    fs.rmSync(sqliteDir, { recursive: true, force: true });
  }

  if (await postgresAvailable()) {
    log('PostgreSQL: two team servers on one database …');
    const database = await createTestDatabase();
    const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vw-bench-team-'));
    try {
      const ids = await prepare(pgDir, database.url);
      const args = ['--database-url', database.url, '--data-dir', pgDir];
      const [a, b] = await Promise.all([startInstance(entry, args), startInstance(entry, args)]);
      try {
        const sessions: Session[] = [];
        for (let i = 0; i < SESSIONS; i++) sessions.push(await signIn(i % 2 ? b.url : a.url, `last${i}`));
        result.postgres = await scenarios([a.url, b.url], sessions, ids);
      } finally {
        await Promise.all([stop(a.child), stop(b.child)]);
      }
    } finally {
      await database.drop();
      fs.rmSync(pgDir, { recursive: true, force: true });
    }
    const pg = result.postgres as Scenarios;
    const sqlite = result.sqlite as Scenarios;
    result.p95RatioPostgresToSqlite = sqlite.users.p95Ms > 0 ? Math.round((pg.users.p95Ms / sqlite.users.p95Ms) * 100) / 100 : null;
    result.capacityRatioPostgresToSqlite = sqlite.saturation.perSecond > 0 ? Math.round((pg.saturation.perSecond / sqlite.saturation.perSecond) * 100) / 100 : null;
    result.goalMet = pg.users.p95Ms <= GOAL_P95_MS && pg.users.errors === 0 && pg.users.non2xx === 0 && pg.saturation.errors === 0 && pg.saturation.non2xx === 0;
  } else {
    result.postgres = { skipped: 'Kein PostgreSQL-Server unter VW_TEST_DATABASE_URL erreichbar.' };
  }
  result.loadAverage = Math.round(os.loadavg()[0]! * 10) / 10;
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
