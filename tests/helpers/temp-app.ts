import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { call, createDispatcher, type Dispatch } from '../../electron/core/api/dispatcher.js';
import { openApp, type AppContext, type OpenAppOptions } from '../../electron/core/app-context.js';
import { silentLogger } from '../../electron/core/log.js';
import type { MethodName, MethodOutput } from '../../electron/shared/contract.js';

export interface TempApp {
  dir: string;
  app: AppContext;
  dispatch: Dispatch;
  call<M extends MethodName>(method: M, params?: unknown): Promise<MethodOutput<M>>;
  close(): Promise<void>;
}

export const tempDir = (prefix = 'vw-test-') => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** A fresh data folder with an opened app; `demo: true` loads the Musterkreis. */
export async function tempApp(options: Partial<OpenAppOptions> & { demo?: boolean } = {}): Promise<TempApp> {
  const dir = options.dataDir ?? tempDir();
  const app = await openApp({ log: silentLogger, actor: 'test', ...options, dataDir: dir });
  const dispatch = createDispatcher(app);
  const t: TempApp = {
    dir,
    app,
    dispatch,
    call: (method, params = {}) => call(dispatch, method, params),
    close: () => app.close(),
  };
  if (options.demo) await t.call('daten.demo', {});
  return t;
}

/** Row counts of every table plus a hash of all content: proof that a failed call changed nothing. */
export function databaseFingerprint(app: AppContext): string {
  const tables = (app.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  return tables
    .map((t) => {
      const rows = app.db.prepare(`SELECT * FROM "${t}"`).raw().all();
      return `${t}:${rows.length}:${JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v))}`;
    })
    .join('\n');
}
