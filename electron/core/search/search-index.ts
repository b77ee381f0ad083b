import type { SearchHit, SearchKind } from '../../shared/api/suche.js';

export interface SearchOptions {
  query: string;
  limit: number;
  offset: number;
  kinds?: SearchKind[];
}

export interface SearchCounts {
  documents: number;
  vorlagen: number;
  tops: number;
  anlagen: number;
}

/**
 * Full-text search over Vorlagen, TOPs and Anlagen. Each engine has its own index (SQLite: FTS5
 * kept in step by triggers); all share the query syntax of query.ts and this results contract.
 */
export interface SearchIndex {
  /** One page of hits, best first; VALIDATION for a query the syntax does not allow. */
  query(options: SearchOptions): Promise<{ hits: SearchHit[]; hasMore: boolean }>;
  /** Rebuilds the index from the tables (joins the caller's transaction). */
  rebuild(): Promise<SearchCounts>;
  /** Throws when the index and the tables are out of step. */
  check(): Promise<void>;
}
