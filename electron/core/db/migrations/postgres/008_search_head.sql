-- Search speed on PostgreSQL: ranking every match of a common word (ts_rank_cd reads each
-- matching document's tsvector) took over half a second with 50 000 Vorlagen. The search now
-- ranks a bounded set of candidates (postgres-search-index.ts): the first matches of the whole
-- document, and the documents whose number or title match, found through this second, small
-- index over number (weight A) and title (weight B) alone.
CREATE FUNCTION vw_search_head(reference text, title text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('vw_search', vw_search_text(reference)), 'A') ||
         setweight(to_tsvector('vw_search', vw_search_text(title)), 'B');
$$;
CREATE INDEX search_document_head ON search_document USING gin (vw_search_head(reference, title));
