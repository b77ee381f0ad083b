-- Full-text search over Vorlagen (number, title, section text), TOPs (title, result, minutes) and
-- Anlagen (title, file name), mirroring ../sqlite/002_search.sql: one table, one row per document,
-- id = row id * 4 + kind (1 Vorlage, 2 TOP, 3 Anlage), kept in step by triggers inside the
-- writing transaction.
--
-- The configuration vw_search parses like every PostgreSQL text search configuration and folds
-- case and diacritics with unaccent (ä→a, ß→ss), like SQLite's unicode61 remove_diacritics. It
-- neither stems nor drops stop words: the desktop (FTS5) does neither, and the same query must
-- find the same documents on both engines (docs/search.md). Like FTS5, a hyphenated word is
-- indexed as its parts only ("Case-Management": case, management), and vw_search_text() turns
-- slashes into spaces, so "50/012/2025" is three words as in FTS5 and not one file path.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION vw_search (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION vw_search
  ALTER MAPPING FOR asciiword, hword_asciipart, word, hword_part, numword, hword_numpart
  WITH unaccent, simple;
ALTER TEXT SEARCH CONFIGURATION vw_search DROP MAPPING FOR asciihword, hword, numhword;

CREATE FUNCTION vw_search_text(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT translate(t, '/\', '  ');
$$;

-- Plain text of stored document JSON (a Vorlage's record of section documents, or one minutes
-- document), with the word boundaries of document/plain-text.ts: inline text runs join without a
-- gap, blocks and hard breaks become line breaks. Damaged JSON gives '' (saving must not fail).
CREATE FUNCTION vw_doc_text(node jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  parts text[] := '{}';
  child jsonb;
BEGIN
  IF jsonb_typeof(node) <> 'object' THEN RETURN ''; END IF;
  IF node->>'type' = 'text' THEN RETURN coalesce(node->>'text', ''); END IF;
  IF node->>'type' = 'hardBreak' THEN RETURN E'\n'; END IF;
  IF jsonb_typeof(node->'content') IS DISTINCT FROM 'array' THEN RETURN ''; END IF;
  FOR child IN SELECT value FROM jsonb_array_elements(node->'content') LOOP
    parts := parts || vw_doc_text(child);
  END LOOP;
  IF node->>'type' IN ('paragraph', 'heading') THEN RETURN array_to_string(parts, ''); END IF;
  RETURN array_to_string(array_remove(parts, ''), E'\n');
END;
$$;

CREATE FUNCTION vw_plain_text(stored text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  value jsonb;
BEGIN
  IF stored IS NULL THEN RETURN ''; END IF;
  BEGIN
    value := stored::jsonb;
  EXCEPTION WHEN others THEN
    RETURN '';
  END;
  IF jsonb_typeof(value) <> 'object' THEN RETURN ''; END IF;
  IF value->>'type' = 'doc' THEN RETURN vw_doc_text(value); END IF;
  RETURN coalesce((SELECT string_agg(vw_doc_text(v.value), E'\n\n') FROM jsonb_each(value) AS v
                   WHERE v.value->>'type' = 'doc' AND vw_doc_text(v.value) <> ''), '');
END;
$$;

CREATE TABLE search_document (
  id        bigint PRIMARY KEY,
  reference text NOT NULL,
  title     text NOT NULL,
  body      text NOT NULL,
  -- Number weighs most, then title, then text (A, B, D; ranked with weights 1.0, 0.4, 0.1 as
  -- FTS5's bm25(10, 4, 1)).
  tsv       tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('vw_search', vw_search_text(reference)), 'A') ||
    setweight(to_tsvector('vw_search', vw_search_text(title)), 'B') ||
    setweight(to_tsvector('vw_search', vw_search_text(body)), 'D')) STORED
);
CREATE INDEX search_document_tsv ON search_document USING gin (tsv);

CREATE FUNCTION vw_search_put(doc_id bigint, doc_reference text, doc_title text, doc_body text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO search_document (id, reference, title, body) VALUES (doc_id, doc_reference, doc_title, doc_body)
  ON CONFLICT (id) DO UPDATE SET reference = excluded.reference, title = excluded.title, body = excluded.body;
$$;

CREATE FUNCTION vw_agenda_text(result text, minutes text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT btrim(coalesce(result, '') || E'\n' || vw_plain_text(minutes), E'\n ');
$$;

CREATE VIEW search_source AS
  SELECT CAST(id AS bigint) * 4 + 1 AS id, reference, title, vw_plain_text(sections) AS body FROM paper
  UNION ALL
  SELECT CAST(id AS bigint) * 4 + 2, '', title, vw_agenda_text(result, minutes) FROM agenda_item
  UNION ALL
  SELECT CAST(id AS bigint) * 4 + 3, '', title, file_name FROM attachment;

INSERT INTO search_document (id, reference, title, body) SELECT id, reference, title, body FROM search_source;

CREATE FUNCTION vw_search_paper() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_document WHERE id = CAST(old.id AS bigint) * 4 + 1;
    RETURN old;
  END IF;
  -- Saves that leave the text as it was skip the re-indexing.
  IF TG_OP = 'UPDATE' AND old.reference IS NOT DISTINCT FROM new.reference AND old.title IS NOT DISTINCT FROM new.title
     AND old.sections IS NOT DISTINCT FROM new.sections THEN
    RETURN new;
  END IF;
  PERFORM vw_search_put(CAST(new.id AS bigint) * 4 + 1, new.reference, new.title, vw_plain_text(new.sections));
  RETURN new;
END;
$$;
CREATE TRIGGER search_paper AFTER INSERT OR UPDATE OR DELETE ON paper FOR EACH ROW EXECUTE FUNCTION vw_search_paper();

CREATE FUNCTION vw_search_agenda() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_document WHERE id = CAST(old.id AS bigint) * 4 + 2;
    RETURN old;
  END IF;
  IF TG_OP = 'UPDATE' AND old.title IS NOT DISTINCT FROM new.title AND old.result IS NOT DISTINCT FROM new.result
     AND old.minutes IS NOT DISTINCT FROM new.minutes THEN
    RETURN new;
  END IF;
  PERFORM vw_search_put(CAST(new.id AS bigint) * 4 + 2, '', new.title, vw_agenda_text(new.result, new.minutes));
  RETURN new;
END;
$$;
CREATE TRIGGER search_agenda AFTER INSERT OR UPDATE OR DELETE ON agenda_item FOR EACH ROW EXECUTE FUNCTION vw_search_agenda();

CREATE FUNCTION vw_search_attachment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_document WHERE id = CAST(old.id AS bigint) * 4 + 3;
    RETURN old;
  END IF;
  IF TG_OP = 'UPDATE' AND old.title IS NOT DISTINCT FROM new.title AND old.file_name IS NOT DISTINCT FROM new.file_name THEN
    RETURN new;
  END IF;
  PERFORM vw_search_put(CAST(new.id AS bigint) * 4 + 3, '', new.title, new.file_name);
  RETURN new;
END;
$$;
CREATE TRIGGER search_attachment AFTER INSERT OR UPDATE OR DELETE ON attachment FOR EACH ROW EXECUTE FUNCTION vw_search_attachment();
