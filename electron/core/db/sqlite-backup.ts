import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError, invalid } from '../../shared/errors.js';
import type { BackupInfo, DatabaseCheck, DatabaseMaintenance } from '../context.js';
import { AtomicWriteError, isAtomicTempFile, produceFileAtomic } from '../fs/atomic-write.js';
import { backupsDir, databaseFile } from '../paths.js';
import { openDatabase, quickCheck, type Db } from './connection.js';
import { currentSchemaVersion, latestSchemaVersion, migrate } from './migrate.js';

/**
 * Backups of the embedded engine: copies of the SQLite file in the data folder's backups folder.
 * The app reaches them through AppContext.maintenance (sqliteMaintenance below); the audit trail
 * of who backed up or restored is the service's (services/backup.ts), not the engine's.
 */

/** What a backup needs of an open SQLite app. */
export interface SqliteFiles {
  db: Db;
  dbFile: string;
  dataDir: string;
  now(): Date;
}

export function sqliteMaintenance(files: SqliteFiles): DatabaseMaintenance {
  return {
    createBackup: (label) => createBackup(files, label),
    listBackups: () => listBackups(files.dataDir),
    restoreBackup: (file) => restoreBackup(files, file),
    check: () => checkDatabase(files),
  };
}

export const KEEP_BACKUPS = 10;
const BACKUP_NAME = /^vorlagenwerk-(\d{8}-\d{6})(-[a-z0-9-]+)?\.sqlite$/;

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/**
 * A consistent copy through SQLite's backup API (never a file copy, which can catch a
 * half-written WAL), written like every other file: under a temporary name, fsynced, renamed,
 * folder fsynced (produceFileAtomic). A crash leaves at most a hidden temp file, never a
 * half backup under a backup's name.
 */
export async function createBackup(ctx: SqliteFiles, label = '', options: { keep?: string } = {}): Promise<BackupInfo> {
  const dir = backupsDir(ctx.dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const base = `vorlagenwerk-${stamp(ctx.now())}${label ? `-${label}` : ''}`;
  // Several backups in one second get a counter above every one already there: reusing a name
  // that rotation freed ("…-090131.sqlite" = counter 1) would make the new backup the oldest,
  // and rotation would delete it at once.
  const taken = fs
    .readdirSync(dir)
    .map((f) => (f === `${base}.sqlite` ? 1 : f.startsWith(`${base}-`) && /^\d+\.sqlite$/.test(f.slice(base.length + 1)) ? Number(f.slice(base.length + 1, -7)) : 0))
    .reduce((a, b) => Math.max(a, b), 0);
  const name = taken === 0 ? `${base}.sqlite` : `${base}-${taken + 1}.sqlite`;
  const target = path.join(dir, name);
  try {
    await produceFileAtomic(target, async (temp) => {
      await ctx.db.backup(temp);
      // A backup is one self-contained file (copied to a stick, mailed to support): the copy
      // inherits WAL mode, which would make every reader create -wal/-shm files beside it.
      const copy = new Database(temp);
      try {
        copy.pragma('journal_mode = DELETE');
      } finally {
        copy.close();
      }
    });
  } catch (error) {
    const code = (error instanceof AtomicWriteError ? (error.cause as { code?: string } | undefined) : (error as { code?: string }))?.code;
    if (code === 'ENOSPC' || code === 'SQLITE_FULL') throw new ApiError('INTERNAL', 'Die Sicherung ist fehlgeschlagen: Der Datenträger ist voll. Die Datenbank ist unverändert.');
    throw error;
  }
  const info = { file: target, createdAt: ctx.now().toISOString(), size: fs.statSync(target).size };
  rotate(dir, options.keep);
  return info;
}

/**
 * Oldest first. Names sort by time stamp, then by the counter added for several backups in the
 * same second ("…-10" after "…-9", which plain string order gets wrong). App labels never end
 * in a digit, so a trailing "-N" is always that counter.
 */
function compareBackupNames(a: string, b: string): number {
  const key = (f: string) => {
    const m = BACKUP_NAME.exec(f);
    const counter = /-(\d+)$/.exec(m?.[2] ?? '');
    return { stamp: m?.[1] ?? '', counter: counter ? Number(counter[1]) : 1 };
  };
  const ka = key(a);
  const kb = key(b);
  return ka.stamp !== kb.stamp ? (ka.stamp < kb.stamp ? -1 : 1) : ka.counter - kb.counter || (a < b ? -1 : a > b ? 1 : 0);
}

/** Temp files older than this are leftovers of a killed backup, not one still running. */
const STALE_TEMP_MS = 3600 * 1000;

/** `keep`: a backup that must survive this rotation (the one being restored right now). */
function rotate(dir: string, keep?: string): void {
  const files = fs.readdirSync(dir);
  const kept = keep ? path.resolve(keep) : null;
  const backups = files.filter((f) => BACKUP_NAME.test(f) && path.resolve(dir, f) !== kept).sort(compareBackupNames);
  for (const old of backups.slice(0, Math.max(0, backups.length - KEEP_BACKUPS))) fs.rmSync(path.join(dir, old), { force: true });
  for (const f of files.filter((f) => isAtomicTempFile(f) || /\.sqlite\.tmp(-journal|-wal|-shm)?$/.test(f))) {
    try {
      if (Date.now() - fs.statSync(path.join(dir, f)).mtimeMs > STALE_TEMP_MS) fs.rmSync(path.join(dir, f), { force: true });
    } catch {
      // Removed meanwhile by whoever wrote it.
    }
  }
}

export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupsDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => BACKUP_NAME.test(f))
    .sort((a, b) => compareBackupNames(b, a))
    .map((f) => {
      const stat = fs.statSync(path.join(dir, f));
      return { file: path.join(dir, f), createdAt: stat.mtime.toISOString(), size: stat.size };
    });
}

/** The newest backup that passes validateBackup, or null: what to offer when the database is unusable. */
export function newestGoodBackup(dataDir: string): BackupInfo | null {
  for (const backup of listBackups(dataDir)) {
    try {
      validateBackup(backup.file);
      return backup;
    } catch {
      // Damaged or from a newer version: try the next older one.
    }
  }
  return null;
}

/** Checks a backup file without changing it: a real SQLite file, intact, of a schema we know. */
export function validateBackup(file: string): { schemaVersion: number } {
  if (!fs.existsSync(file)) throw invalid(`Die Sicherungsdatei ${file} wurde nicht gefunden.`);
  if (fs.statSync(file).size === 0) throw invalid(`Die Sicherungsdatei ${file} ist leer.`);
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, header, 0, 16, 0);
  fs.closeSync(fd);
  if (header.toString('latin1') !== 'SQLite format 3\u0000') throw invalid(`${file} ist keine Vorlagenwerk-Sicherung (keine SQLite-Datei).`);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    quickCheck(db, file);
    const version = currentSchemaVersion(db);
    if (version === 0) throw invalid(`${file} ist keine Vorlagenwerk-Sicherung (kein Schema).`);
    if (version > latestSchemaVersion()) throw invalid(`Die Sicherung ${file} stammt aus einer neueren Version von Vorlagenwerk (Schema ${version}).`);
    return { schemaVersion: version };
  } catch (error) {
    if (error instanceof ApiError) throw invalid(error.message);
    throw invalid(`Die Sicherung ${file} ist beschädigt: ${(error as Error).message}`);
  } finally {
    db?.close();
  }
}

/**
 * Restores a backup into the open database. The file is validated first; the current state is
 * saved as a backup before anything is replaced, so a restore can itself be undone.
 */
export async function restoreBackup(ctx: SqliteFiles, file: string): Promise<{ restoredFrom: string; previousSavedAs: string }> {
  const source = path.resolve(file);
  validateBackup(source);
  const previous = await createBackup(ctx, 'vor-wiederherstellung', { keep: source });
  const src = new Database(source, { readonly: true, fileMustExist: true });
  try {
    // The backup API writes page by page under SQLite's own locks into the live file, which the
    // open connection then sees as a normal external change.
    await src.backup(ctx.dbFile);
  } finally {
    src.close();
  }
  migrate(ctx.db);
  quickCheck(ctx.db, ctx.dbFile);
  return { restoredFrom: source, previousSavedAs: previous.file };
}

export function checkDatabase(ctx: SqliteFiles): DatabaseCheck {
  const integrity = (ctx.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const fk = ctx.db.pragma('foreign_key_check') as unknown[];
  return { ok: integrity.length === 1 && integrity[0] === 'ok' && fk.length === 0, integrity, schemaVersion: currentSchemaVersion(ctx.db), foreignKeyErrors: fk.length };
}

/**
 * Restore for when the database cannot be opened at all (damaged, not a database, newer schema),
 * so restoreBackup, which needs the open app, is out of reach. The unusable file is kept, moved
 * into the backups folder as "beschaedigt-…" (a name no backup list shows), never overwritten;
 * the backup is copied into place atomically and opened once, which migrates an older one.
 */
export async function restoreUnusableDatabase(dataDir: string, file: string, now = new Date()): Promise<{ restoredFrom: string; previousSavedAs: string | null }> {
  const source = path.resolve(file);
  validateBackup(source);
  const target = databaseFile(dataDir);
  const dir = backupsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  let previous: string | null = null;
  const src = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await produceFileAtomic(target, async (temp) => {
      await src.backup(temp);
      // Only now, with the complete copy waiting, does the unusable file (with its WAL) move.
      if (fs.existsSync(target)) {
        let aside = path.join(dir, `beschaedigt-${stamp(now)}.sqlite`);
        for (let i = 2; fs.existsSync(aside); i++) aside = path.join(dir, `beschaedigt-${stamp(now)}-${i}.sqlite`);
        for (const suffix of ['-wal', '-shm', '']) if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, aside + suffix);
        previous = aside;
      }
    });
  } finally {
    src.close();
  }
  openDatabase(target).close();
  return { restoredFrom: source, previousSavedAs: previous };
}
