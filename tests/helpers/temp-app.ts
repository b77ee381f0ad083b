import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { call, createDispatcher, type Dispatch } from '../../electron/core/api/dispatcher.js';
import { openApp, type AppContext, type OpenAppOptions } from '../../electron/core/app-context.js';
import { silentLogger } from '../../electron/core/log.js';
import type { MethodName, MethodOutput } from '../../electron/shared/contract.js';
import { createTestDatabase } from './postgres-test-db.js';

/** The engine the suites run on: VW_TEST_ENGINE=postgres runs them on a PostgreSQL database per app. */
export const testEngine: 'sqlite' | 'postgres' = process.env.VW_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

export interface TempApp {
  dir: string;
  /** The app's PostgreSQL database (testEngine postgres), for other processes to open. */
  databaseUrl?: string;
  app: AppContext;
  dispatch: Dispatch;
  call<M extends MethodName>(method: M, params?: unknown): Promise<MethodOutput<M>>;
  close(): Promise<void>;
}

export const tempDir = (prefix = 'vw-test-') => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/**
 * A fresh data folder with an opened app; `demo: true` loads the Musterkreis. On PostgreSQL
 * (testEngine) the app also gets a fresh database of its own, dropped on close.
 */
export async function tempApp(options: Partial<OpenAppOptions> & { demo?: boolean } = {}): Promise<TempApp> {
  const dir = options.dataDir ?? tempDir();
  const database = testEngine === 'postgres' && !options.databaseUrl ? await createTestDatabase() : null;
  let app: AppContext;
  try {
    app = await openApp({ log: silentLogger, actor: 'test', ...options, dataDir: dir, ...(database ? { databaseUrl: database.url } : {}) });
  } catch (error) {
    await database?.drop();
    throw error;
  }
  const dispatch = createDispatcher(app);
  let closing: Promise<void> | undefined;
  const t: TempApp = {
    dir,
    ...(database ? { databaseUrl: database.url } : {}),
    app,
    dispatch,
    call: (method, params = {}) => call(dispatch, method, params),
    close: () =>
      (closing ??= (async () => {
        await app.close();
        await database?.drop();
      })()),
  };
  if (options.demo) await t.call('daten.demo', {});
  return t;
}

/** Row counts of every table plus all content, on either engine: proof that a failed call changed nothing. */
export async function databaseFingerprint(app: AppContext): Promise<string> {
  const sql = app.store.sql;
  const tables = (
    await sql.all<{ name: string }>(
      sql.dialect === 'postgres'
        ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
        : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
  ).map((t) => t.name);
  if (sql.dialect === 'postgres') {
    // Hashed on the server in one statement: cheap enough to take after every call of a fuzz run.
    const rows = await sql.all<{ t: string; n: number; h: string }>(
      tables
        .map((t) => `SELECT '${t}' AS t, COUNT(*) AS n, md5(coalesce(string_agg(CAST(x AS text), '|' ORDER BY CAST(x AS text)), '')) AS h FROM "${t}" x`)
        .join(' UNION ALL '),
    );
    return rows.map((r) => `${r.t}:${r.n}:${r.h}`).join('\n');
  }
  const parts: string[] = [];
  for (const t of tables) {
    const rows = await sql.all(`SELECT * FROM "${t}"`);
    parts.push(`${t}:${rows.length}:${JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v))}`);
  }
  return parts.join('\n');
}
