-- Full-text search over Vorlagen (number, title, section text), TOPs (title, result, minutes) and
-- Anlagen (title, file name). One FTS5 table; the rowid encodes what a row is, so ranking needs
-- no join: rowid = id * 4 + kind (1 Vorlage, 2 TOP, 3 Anlage).
-- unicode61 with remove_diacritics 2 folds "Büro" and "Buro" to the same token; prefix indexes
-- make "Integr*" cheap. Text comes from vw_plain_text() (registered by openDatabase), which turns
-- stored document JSON into the same plain text the diffs use.
CREATE VIRTUAL TABLE search_fts USING fts5(
  reference,
  title,
  body,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4'
);
-- Hits in the number count most, then the title, then the body; `ORDER BY rank` uses these.
INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0)');
-- Deleting a row removes its terms from the index at once instead of leaving them in old
-- segments until the next merge: deleted personal data must not stay findable in the file (DSGVO).
INSERT INTO search_fts(search_fts, rank) VALUES ('secure-delete', 1);

CREATE VIEW search_source AS
  SELECT id * 4 + 1 AS rowid, reference, title, vw_plain_text(sections) AS body FROM paper
  UNION ALL
  SELECT id * 4 + 2, '', title, trim(coalesce(result, '') || char(10) || coalesce(vw_plain_text(minutes), ''), char(10) || ' ') FROM agenda_item
  UNION ALL
  SELECT id * 4 + 3, '', title, file_name FROM attachment;

INSERT INTO search_fts(rowid, reference, title, body) SELECT rowid, reference, title, body FROM search_source;

CREATE TRIGGER search_paper_insert AFTER INSERT ON paper BEGIN
  INSERT INTO search_fts(rowid, reference, title, body) VALUES (new.id * 4 + 1, new.reference, new.title, vw_plain_text(new.sections));
END;
-- Re-indexing costs a secure delete; saves that leave the text as it was skip it.
CREATE TRIGGER search_paper_update AFTER UPDATE OF reference, title, sections ON paper
WHEN old.reference IS NOT new.reference OR old.title IS NOT new.title OR old.sections IS NOT new.sections BEGIN
  DELETE FROM search_fts WHERE rowid = old.id * 4 + 1;
  INSERT INTO search_fts(rowid, reference, title, body) VALUES (new.id * 4 + 1, new.reference, new.title, vw_plain_text(new.sections));
END;
CREATE TRIGGER search_paper_delete AFTER DELETE ON paper BEGIN
  DELETE FROM search_fts WHERE rowid = old.id * 4 + 1;
END;

CREATE TRIGGER search_agenda_insert AFTER INSERT ON agenda_item BEGIN
  INSERT INTO search_fts(rowid, reference, title, body)
  VALUES (new.id * 4 + 2, '', new.title, trim(coalesce(new.result, '') || char(10) || coalesce(vw_plain_text(new.minutes), ''), char(10) || ' '));
END;
CREATE TRIGGER search_agenda_update AFTER UPDATE OF title, result, minutes ON agenda_item
WHEN old.title IS NOT new.title BEGIN
  DELETE FROM search_fts WHERE rowid = old.id * 4 + 2;
  INSERT INTO search_fts(rowid, reference, title, body)
  VALUES (new.id * 4 + 2, '', new.title, trim(coalesce(new.result, '') || char(10) || coalesce(vw_plain_text(new.minutes), ''), char(10) || ' '));
END;
-- Recording or correcting a result re-indexes the TOP without the secure delete, which costs
-- several times the rest of the call on a large index. What it leaves in old index segments
-- until FTS5 merges them is the TOP's unchanged title and a superseded result or minutes text —
-- of a TOP that, once it has a result, can no longer be deleted (docs/search.md).
CREATE TRIGGER search_agenda_result AFTER UPDATE OF result, minutes ON agenda_item
WHEN old.title IS new.title AND (old.result IS NOT new.result OR old.minutes IS NOT new.minutes) BEGIN
  INSERT INTO search_fts(search_fts, rank) VALUES ('secure-delete', 0);
  DELETE FROM search_fts WHERE rowid = old.id * 4 + 2;
  INSERT INTO search_fts(search_fts, rank) VALUES ('secure-delete', 1);
  INSERT INTO search_fts(rowid, reference, title, body)
  VALUES (new.id * 4 + 2, '', new.title, trim(coalesce(new.result, '') || char(10) || coalesce(vw_plain_text(new.minutes), ''), char(10) || ' '));
END;
CREATE TRIGGER search_agenda_delete AFTER DELETE ON agenda_item BEGIN
  DELETE FROM search_fts WHERE rowid = old.id * 4 + 2;
END;

CREATE TRIGGER search_attachment_insert AFTER INSERT ON attachment BEGIN
  INSERT INTO search_fts(rowid, reference, title, body) VALUES (new.id * 4 + 3, '', new.title, new.file_name);
END;
CREATE TRIGGER search_attachment_update AFTER UPDATE OF title, file_name ON attachment
WHEN old.title IS NOT new.title OR old.file_name IS NOT new.file_name BEGIN
  DELETE FROM search_fts WHERE rowid = old.id * 4 + 3;
  INSERT INTO search_fts(rowid, reference, title, body) VALUES (new.id * 4 + 3, '', new.title, new.file_name);
END;
CREATE TRIGGER search_attachment_delete AFTER DELETE ON attachment BEGIN
  DELETE FROM search_fts WHERE rowid = old.id * 4 + 3;
END;
