-- The Vorlage's own date ("Datum" in its head). Mirrors ../sqlite/006_paper_date.sql.
ALTER TABLE paper ADD COLUMN dated_on text;
