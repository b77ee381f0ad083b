import fs from 'node:fs';
import os from 'node:os';
import { openDatabase, type Db } from './db/connection.js';
import { createSqliteStore } from './db/repositories/sqlite-store.js';
import type { Store } from './db/repositories/types.js';
import { fileLogger, type Logger } from './log.js';
import { databaseFile, logsDir } from './paths.js';

/** Everything a handler may use; created once per process (app, server, CLI call). */
export interface AppContext {
  db: Db;
  store: Store;
  dataDir: string;
  dbFile: string;
  actor: string;
  now(): Date;
  log: Logger;
  /** Resources closed with the app (e.g. a shared Chromium instance). */
  onClose(fn: () => void | Promise<void>): void;
  close(): Promise<void>;
}

export interface OpenAppOptions {
  dataDir: string;
  actor?: string;
  now?: () => Date;
  log?: Logger;
}

export function currentActor(): string {
  if (process.env.VORLAGENWERK_USER) return process.env.VORLAGENWERK_USER;
  try {
    return os.userInfo().username || 'unbekannt';
  } catch {
    return 'unbekannt';
  }
}

export function openApp(options: OpenAppOptions): AppContext {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const dbFile = databaseFile(options.dataDir);
  const db = openDatabase(dbFile);
  const closers: (() => void | Promise<void>)[] = [];
  return {
    db,
    store: createSqliteStore(db),
    dataDir: options.dataDir,
    dbFile,
    actor: options.actor ?? currentActor(),
    now: options.now ?? (() => new Date()),
    log: options.log ?? fileLogger(logsDir(options.dataDir)),
    onClose: (fn) => closers.push(fn),
    async close() {
      for (const fn of closers.reverse()) await fn();
      if (db.open) db.close();
    },
  };
}
