-- The Vorlage's own date ("Datum" in its head): set at Freigabe unless set by hand before.
-- NULL = not yet dated (prints fall back to the last change). "YYYY-MM-DD".
ALTER TABLE paper ADD COLUMN dated_on TEXT;
