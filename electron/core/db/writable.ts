import fs from 'node:fs';
import path from 'node:path';
import { DatabaseUnusableError } from '../../shared/errors.js';

/**
 * Why the data folder cannot be written to, if it cannot: a read-only file system (a write-
 * protected stick, a share mounted read-only) or missing permission. Checked before the
 * database is opened for writing: SQLite reports both as a failure to open its journal, which
 * used to read as "Datenbank beschädigt" with the advice to restore a backup — advice that
 * cannot help and that would make a careful user replace a perfectly good database.
 */
export function unwritableReason(dbFile: string): 'read-only-file-system' | 'no-permission' | null {
  const dir = path.dirname(dbFile);
  // The folder (SQLite creates -wal and -shm beside the file), the file and its WAL files.
  for (const target of [dir, dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) {
    try {
      fs.accessSync(target, fs.constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EROFS') return 'read-only-file-system';
      if (code === 'EACCES' || code === 'EPERM') return 'no-permission';
      // ENOENT: not there yet, created on opening.
    }
  }
  return null;
}

/** The German error for a data folder that cannot be written; never offers a restore. */
export function notWritable(dataDir: string, reason: 'read-only-file-system' | 'no-permission'): DatabaseUnusableError {
  const cause =
    reason === 'read-only-file-system'
      ? `Der Datenordner ${dataDir} liegt auf einem schreibgeschützten Datenträger (das Dateisystem ist nur lesbar eingebunden).`
      : `Für den Datenordner ${dataDir} oder die Datenbank darin fehlt die Schreibberechtigung.`;
  const remedy =
    reason === 'read-only-file-system'
      ? 'Bitte den Datenträger beschreibbar einbinden oder einen anderen Datenordner wählen (--data-dir).'
      : 'Bitte die Berechtigungen prüfen (Schreibrecht für Ordner und Datei) oder einen anderen Datenordner wählen (--data-dir).';
  // No claim about the file's health (only its header was read), but no advice that cannot help.
  return new DatabaseUnusableError(`${cause} Vorlagenwerk braucht dort Schreibzugriff. An der Datenbank wurde nichts verändert; eine Sicherung zurückzuspielen hilft hier nicht. ${remedy}`, 'read-only');
}

/**
 * Classifies a failed mkdir of the data folder the same way (Node's recursive mkdir reports a
 * read-only parent as ENOENT); other errors are returned as they are.
 */
export function asNotWritable(dataDir: string, error: unknown): unknown {
  let existing = path.resolve(dataDir);
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  try {
    fs.accessSync(existing, fs.constants.W_OK);
  } catch (denied) {
    const code = (denied as NodeJS.ErrnoException).code;
    if (code === 'EROFS') return notWritable(dataDir, 'read-only-file-system');
    if (code === 'EACCES' || code === 'EPERM') return notWritable(dataDir, 'no-permission');
  }
  return error;
}
