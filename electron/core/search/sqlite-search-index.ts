import type { SqliteClient } from '../db/sqlite-client.js';
import { checkSearchIndex, rebuildSearchIndex } from './rebuild.js';
import type { SearchIndex } from './search-index.js';
import { runSearch } from './search.js';

/** FTS5 search: synchronous on the connection, run through the client so it waits for other transactions. */
export function sqliteSearchIndex(client: SqliteClient): SearchIndex {
  return {
    query: (options) => client.use((db) => runSearch(db, options)),
    rebuild: () => client.transaction(() => client.use((db) => rebuildSearchIndex(db))),
    check: () => client.use((db) => checkSearchIndex(db)),
  };
}
