import fs from 'node:fs';
import os from 'node:os';
import { DatabaseUnusableError } from '../shared/errors.js';
import { openDatabase, type Db } from './db/connection.js';
import { createStore } from './db/repositories/store.js';
import { asNotWritable } from './db/writable.js';
import { SqliteClient } from './db/sqlite-client.js';
import { newestGoodBackup, sqliteMaintenance } from './db/sqlite-backup.js';
import type { AppContext } from './context.js';
import { fileLogger, type Logger } from './log.js';
import { databaseFile, logsDir } from './paths.js';
import { sqliteSearchIndex } from './search/sqlite-search-index.js';

export type { AppContext } from './context.js';

export interface OpenAppOptions {
  dataDir: string;
  /** postgres://… : the data live on this PostgreSQL server instead of the data folder's SQLite file. */
  databaseUrl?: string;
  /** Folder shared by all instances for the Hausvorlage and user templates (default: dataDir). */
  sharedDir?: string;
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
  // The PostgreSQL driver loads only for a postgres:// address: on SQLite it cost every CLI call ~50 ms.
  if (options.databaseUrl) return (await import('./app-context-postgres.js')).openPostgresApp(options, options.databaseUrl);
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
  const now = options.now ?? (() => new Date());
  return {
    engine: 'sqlite',
    db,
    store: createStore(client, sqliteSearchIndex(client)),
    maintenance: sqliteMaintenance({ db, dbFile, dataDir: options.dataDir, now }),
    dataDir: options.dataDir,
    sharedDir: options.sharedDir ?? options.dataDir,
    dbFile,
    actor: options.actor ?? currentActor(),
    now,
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
