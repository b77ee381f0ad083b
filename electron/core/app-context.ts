import fs from 'node:fs';
import os from 'node:os';
import { DatabaseUnusableError } from '../shared/errors.js';
import { openDatabase, type Db } from './db/connection.js';
import { createStore } from './db/repositories/store.js';
import { asNotWritable } from './db/writable.js';
import type { Store } from './db/repositories/types.js';
import { SqliteClient } from './db/sqlite-client.js';
import { fileLogger, type Logger } from './log.js';
import { databaseFile, logsDir } from './paths.js';
import { sqliteSearchIndex } from './search/sqlite-search-index.js';
import { newestGoodBackup } from './services/backup.js';

/** Everything a handler may use; created once per process (app, server, CLI call). */
export interface AppContext {
  /** The SQLite connection, only for what is SQLite by nature (backup API, integrity check, restore). */
  db: Db;
  /** Repositories and SQL client: all other data access goes through these. */
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

/** Opens the data folder's database; asynchronous because a database server may be behind it. */
export async function openApp(options: OpenAppOptions): Promise<AppContext> {
  try {
    fs.mkdirSync(options.dataDir, { recursive: true });
  } catch (error) {
    throw asNotWritable(options.dataDir, error);
  }
  const dbFile = databaseFile(options.dataDir);
  let db: Db;
  try {
    db = openDatabase(dbFile);
  } catch (error) {
    // A restore cannot help a folder that cannot be written: no offer then.
    throw error instanceof DatabaseUnusableError && error.reason !== 'read-only' ? withRestoreOffer(error, options.dataDir) : error;
  }
  const closers: (() => void | Promise<void>)[] = [];
  const client = new SqliteClient(db);
  return {
    db,
    store: createStore(client, sqliteSearchIndex(client)),
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

/** Names the newest backup that is intact, so the user knows what restoring would bring back. */
function withRestoreOffer(error: DatabaseUnusableError, dataDir: string): DatabaseUnusableError {
  let backup;
  try {
    backup = newestGoodBackup(dataDir);
  } catch {
    backup = null;
  }
  const offer = backup
    ? ` Neueste intakte Sicherung: ${backup.file} (vom ${new Date(backup.createdAt).toLocaleString('de-DE')}). ` +
      `Wiederherstellen mit: vorlagenwerk --data-dir "${dataDir}" restore "${backup.file}" – die jetzige Datei wird dabei aufbewahrt, nicht überschrieben.`
    : ` Im Datenordner gibt es keine intakte Sicherung; eine Sicherungsdatei von anderswo stellen Sie so wieder her: vorlagenwerk --data-dir "${dataDir}" restore <Sicherungsdatei>.`;
  const message = error.message.replace(/ Stellen Sie die letzte Sicherung wieder her: vorlagenwerk restore <Sicherungsdatei>\.$/, '');
  return new DatabaseUnusableError(message + offer, error.reason, backup?.file ?? null);
}
