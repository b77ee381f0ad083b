-- Issues 14.5 and 14.6: print settings of the Körperschaft.
-- How numbered lists are printed: '1.', '1)' or 'a)' on the first level.
ALTER TABLE body ADD COLUMN list_numbering TEXT NOT NULL DEFAULT '1.' CHECK (list_numbering IN ('1.', '1)', 'a)'));
-- Non-public TOPs in the public Tagesordnung: 'weglassen' (left out) or 'neutral' (number and a neutral title).
ALTER TABLE body ADD COLUMN public_agenda_closed TEXT NOT NULL DEFAULT 'weglassen' CHECK (public_agenda_closed IN ('weglassen', 'neutral'));
-- Who gets the Einladung "nachrichtlich" (issue 14.6): JSON array of lines, per Gremium.
ALTER TABLE committee ADD COLUMN copy_to TEXT NOT NULL DEFAULT '[]';
