import type { MethodOutput } from '../shared/contract.js';
import type { Db } from './db/sqlite-db.js';
import type { Store } from './db/repositories/types.js';
import type { Logger } from './log.js';

/** Everything a handler may use; created once per process (app, server, CLI call). */
export interface AppContext {
  /** Which engine holds the data: the SQLite file of the data folder, or a PostgreSQL server. */
  engine: 'sqlite' | 'postgres';
  /**
   * The SQLite connection, only for what is SQLite by nature (backup API, integrity check,
   * restore). On PostgreSQL, reading it throws a German error that names pg_dump instead.
   */
  db: Db;
  /** Repositories and SQL client: all other data access goes through these. */
  store: Store;
  /** Backup, restore and integrity check, as the engine does them (SQLite files; on PostgreSQL: pg_dump). */
  maintenance: DatabaseMaintenance;
  dataDir: string;
  /**
   * Files every instance on the same database must see alike: the Hausvorlage and the user
   * templates. The data folder, unless a team server shares a storage folder among its instances.
   */
  sharedDir: string;
  dbFile: string;
  actor: string;
  now(): Date;
  log: Logger;
  /** Resources closed with the app (e.g. a shared Chromium instance). */
  onClose(fn: () => void | Promise<void>): void;
  close(): Promise<void>;
}

export type BackupInfo = MethodOutput<'sicherung.create'>;
export type DatabaseCheck = MethodOutput<'sicherung.check'>;

/** The engine's own care of its data: what handlers and services call instead of the engine. */
export interface DatabaseMaintenance {
  createBackup(label?: string): Promise<BackupInfo>;
  /** Newest first. */
  listBackups(): BackupInfo[];
  /** Brings a backup back; the state before is kept as a backup of its own. */
  restoreBackup(file: string): Promise<MethodOutput<'sicherung.restore'>>;
  check(): DatabaseCheck;
}
