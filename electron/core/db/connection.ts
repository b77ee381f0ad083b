import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError, DatabaseUnusableError } from '../../shared/errors.js';
import { assertNotNewer, migrate } from './migrate.js';
import { notWritable, unwritableReason } from './writable.js';
import { registerSearchFunctions } from '../search/sql-functions.js';

import type { Db } from './sqlite-db.js';

export type { Db };

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
  if (!options.readonly) {
    const unwritable = unwritableReason(file);
    if (unwritable) throw notWritable(path.dirname(file), unwritable);
  }
  // Checked through a read-only connection before a writing one exists: closing a writing
  // connection checkpoints the WAL into the file and switching to WAL rewrites the header, and a
  // damaged file or one from a newer version must stay byte for byte as it was.
  const checked = exists && fs.statSync(file).size > 0 && probe(file);
  let db: Db;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    throw new ApiError('INTERNAL', `Die Datenbank ${file} lässt sich nicht öffnen (${(error as Error).message}).`);
  }
  try {
    // Before migrating: the search triggers and view call these functions.
    registerSearchFunctions(db);
    db.pragma(`busy_timeout = ${PRAGMAS.busy_timeout}`);
    if (!checked) {
      quickCheck(db, file);
      assertNotNewer(db);
    }
    if (!options.readonly) applyPragmas(db);
    if (options.migrate !== false && !options.readonly) migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof ApiError) throw error;
    if (isBusy(error)) throw busy();
    throw damaged(file, sqliteDetail(error));
  }
}

/**
 * quick_check and the schema version on a read-only connection. Returns false when a read-only
 * connection cannot look (a hot rollback journal needs a writer to recover); the writing
 * connection then checks instead.
 */
function probe(file: string): boolean {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    return false;
  }
  try {
    registerSearchFunctions(db);
    db.pragma(`busy_timeout = ${PRAGMAS.busy_timeout}`);
    quickCheck(db, file);
    assertNotNewer(db);
    return true;
  } catch (error) {
    if (/^SQLITE_(READONLY|CANTOPEN)/.test(String((error as { code?: unknown }).code))) return false;
    if (error instanceof ApiError) throw error;
    if (isBusy(error)) throw busy();
    throw damaged(file, sqliteDetail(error));
  } finally {
    db.close();
  }
}

/** SQLite's English wording stays in the error object; the user reads what it means. */
function sqliteDetail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/not a database/i.test(message)) return 'keine SQLite-Datei';
  if (/malformed|corrupt/i.test(message)) return 'die innere Struktur der Datei ist zerstört';
  return 'die Datei lässt sich nicht lesen';
}

function damaged(file: string, detail: string): ApiError {
  return new DatabaseUnusableError(
    `Die Datenbank ${file} ist beschädigt oder keine Vorlagenwerk-Datenbank (${detail}). ` +
      'Es wurde nichts verändert. Stellen Sie die letzte Sicherung wieder her: vorlagenwerk restore <Sicherungsdatei>.',
    'damaged',
  );
}

const isBusy = (error: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: unknown } | null)?.code));

/** Another program holds the file (a second instance mid-write, a restore): not damage. */
const busy = () =>
  new ApiError('CONFLICT', 'Die Datenbank wird gerade von einem anderen Programm verwendet. Bitte versuchen Sie es gleich noch einmal.');

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
    if (isBusy(error)) throw busy();
    // A read-only probe that cannot recover a hot journal: not damage (see probe()).
    if (/^SQLITE_READONLY/.test(String((error as { code?: unknown }).code))) throw error;
    throw damaged(file, sqliteDetail(error));
  }
  if (rows.length !== 1 || rows[0]!.quick_check !== 'ok') {
    throw damaged(file, `die Integritätsprüfung meldet ${rows.length === 100 ? 'mindestens 100' : rows.length} Fehler`);
  }
}
