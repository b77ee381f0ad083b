-- Counterpart of ../postgres/008_search_head.sql (an index for PostgreSQL's bounded ranking).
-- FTS5 ranks every match with bm25 fast enough; the SQLite schema does not change.
SELECT 1;
