-- Issue 13.4: Tischvorlage and "abgesetzt" marks of a TOP, and the day the Einladung went out.
-- A TOP handed out on the day of the Sitzung (Tischvorlage).
ALTER TABLE agenda_item ADD COLUMN table_paper INTEGER NOT NULL DEFAULT 0;
-- Taken off the agenda after the Einladung: stays visible (and printed) as "abgesetzt".
ALTER TABLE agenda_item ADD COLUMN withdrawn_at TEXT;
-- "Einladung versandt" ("YYYY-MM-DD"): from then on added TOPs are Nachträge.
ALTER TABLE meeting ADD COLUMN invited_on TEXT;
