-- Tischvorlage and "abgesetzt" marks of a TOP, the day the Einladung went out.
-- Mirrors ../sqlite/009_agenda_marks.sql.
ALTER TABLE agenda_item ADD COLUMN table_paper integer NOT NULL DEFAULT 0;
ALTER TABLE agenda_item ADD COLUMN withdrawn_at text;
ALTER TABLE meeting ADD COLUMN invited_on text;
