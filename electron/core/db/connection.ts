import Database from 'better-sqlite3';
import fs from 'node:fs';
import { ApiError } from '../../shared/errors.js';
import { migrate } from './migrate.js';
import { registerSearchFunctions } from '../search/sql-functions.js';

export type Db = Database.Database;

/**
 * Pragmas that make SQLite the source of truth: WAL for concurrent readers, FULL sync so a
 * committed save survives a power cut, secure_delete so deleted personal data is overwritten.
 */
export const PRAGMAS = {
  journal_mode: 'wal',
  synchronous: 2, // FULL
  foreign_keys: 1,
  busy_timeout: 5000,
  secure_delete: 1,
} as const;

export function applyPragmas(db: Db): void {
  db.pragma(`journal_mode = ${PRAGMAS.journal_mode}`);
  db.pragma(`synchronous = FULL`);
  db.pragma(`foreign_keys = ON`);
  db.pragma(`busy_timeout = ${PRAGMAS.busy_timeout}`);
  db.pragma(`secure_delete = ON`);
}

export interface OpenOptions {
  readonly?: boolean;
  /** Skip migrations (used to inspect foreign files, e.g. a backup before restore). */
  migrate?: boolean;
}

/**
 * Opens (creating if needed) the database, checks it and migrates it. Every failure becomes a
 * German ApiError that tells the user what to do; the file itself is never modified on failure.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const exists = fs.existsSync(file);
  if (exists) assertLooksLikeSqlite(file);
  let db: Db;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    throw new ApiError('INTERNAL', `Die Datenbank ${file} lässt sich nicht öffnen (${(error as Error).message}).`);
  }
  try {
    // Before migrating: the search triggers and view call these functions.
    registerSearchFunctions(db);
    if (!options.readonly) applyPragmas(db);
    else db.pragma('busy_timeout = 5000');
    quickCheck(db, file);
    if (options.migrate !== false && !options.readonly) migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof ApiError) throw error;
    throw damaged(file, (error as Error).message);
  }
}

function damaged(file: string, detail: string): ApiError {
  return new ApiError(
    'INTERNAL',
    `Die Datenbank ${file} ist beschädigt oder keine Vorlagenwerk-Datenbank (${detail}). ` +
      'Es wurde nichts verändert. Stellen Sie die letzte Sicherung wieder her: vorlagenwerk restore <Sicherungsdatei>.',
  );
}

function assertLooksLikeSqlite(file: string): void {
  const size = fs.statSync(file).size;
  if (size === 0) return; // an empty file is a valid, new database
  const fd = fs.openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    fs.readSync(fd, header, 0, 16, 0);
    if (header.toString('latin1') !== 'SQLite format 3\u0000') throw damaged(file, 'keine SQLite-Datei');
    if (size < 512) throw damaged(file, 'Datei ist abgeschnitten');
  } finally {
    fs.closeSync(fd);
  }
}

export function quickCheck(db: Db, file: string): void {
  let rows: { quick_check: string }[];
  try {
    rows = db.pragma('quick_check') as { quick_check: string }[];
  } catch (error) {
    throw damaged(file, (error as Error).message);
  }
  if (rows.length !== 1 || rows[0]!.quick_check !== 'ok') {
    throw damaged(file, rows.slice(0, 3).map((r) => r.quick_check).join('; '));
  }
}
