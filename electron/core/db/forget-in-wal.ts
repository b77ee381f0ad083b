import type { Db } from './connection.js';

/**
 * Methods that delete what may be personal data (a Vorlage, an Anlage, a TOP, a Sitzung, a
 * Beratung, the Hausvorlage, a Person). secure_delete overwrites the rows in the database file, but the
 * write-ahead log keeps the pages as they were before — for as long as the app runs and after a
 * crash, until ~1000 further pages have been written.
 */
export const ERASING_METHODS: ReadonlySet<string> = new Set([
  'vorlagen.delete',
  'anlagen.remove',
  'tagesordnung.remove',
  'sitzungen.delete',
  'beratungen.remove',
  'hausvorlage.remove',
  // A deleted or anonymised Person (issue 17): the old name must not stay in the WAL.
  'personen.remove',
]);

/**
 * Copies the WAL into the database file and empties it (TRUNCATE), so the deleted data is gone
 * from disk right away. Returns false when another connection's reader kept it from finishing;
 * the WAL is then emptied by a later checkpoint.
 */
export function forgetInWal(db: Db): boolean {
  if (!db.open || db.readonly) return true;
  try {
    const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    return !row || row.busy === 0;
  } catch {
    // The deletion itself has committed; a checkpoint that cannot run now must not undo its answer.
    return false;
  }
}
