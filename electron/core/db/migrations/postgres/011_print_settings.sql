-- Print settings of the Körperschaft (issues 14.5, 14.6). Mirrors ../sqlite/011_print_settings.sql.
ALTER TABLE body ADD COLUMN list_numbering text NOT NULL DEFAULT '1.' CHECK (list_numbering IN ('1.', '1)', 'a)'));
ALTER TABLE body ADD COLUMN public_agenda_closed text NOT NULL DEFAULT 'weglassen' CHECK (public_agenda_closed IN ('weglassen', 'neutral'));
ALTER TABLE committee ADD COLUMN copy_to text NOT NULL DEFAULT '[]';
