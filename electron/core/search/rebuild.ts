import type { Db } from '../db/connection.js';
import type { SearchCounts } from './search-index.js';

/**
 * Rebuilds the search index from the tables (view search_source), in one transaction: after a
 * restore from an old backup, or if an integrity check ever finds it out of step. The final
 * 'optimize' merges all index segments, so nothing of deleted rows survives in the file.
 */
export function rebuildSearchIndex(db: Db): SearchCounts {
  const run = () => {
    // Row-by-row secure deletion is pointless when everything goes; optimize purges afterwards.
    db.exec(`INSERT INTO search_fts(search_fts, rank) VALUES ('secure-delete', 0)`);
    db.exec('DELETE FROM search_fts');
    db.exec('INSERT INTO search_fts(rowid, reference, title, body) SELECT rowid, reference, title, body FROM search_source');
    db.exec(`INSERT INTO search_fts(search_fts) VALUES ('optimize')`);
    db.exec(`INSERT INTO search_fts(search_fts, rank) VALUES ('secure-delete', 1)`);
    const counts = db.prepare('SELECT rowid & 3 AS kind, COUNT(*) AS n FROM search_fts GROUP BY kind').all() as { kind: number; n: number }[];
    const n = (kind: number) => counts.find((c) => c.kind === kind)?.n ?? 0;
    return { documents: n(1) + n(2) + n(3), vorlagen: n(1), tops: n(2), anlagen: n(3) };
  };
  return db.inTransaction ? run() : db.transaction(run).immediate();
}

/** FTS5's own consistency check of the index against its content; throws when they differ. */
export function checkSearchIndex(db: Db): void {
  db.exec(`INSERT INTO search_fts(search_fts) VALUES ('integrity-check')`);
}
