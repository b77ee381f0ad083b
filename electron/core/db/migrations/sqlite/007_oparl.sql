-- OParl publication: the Körperschaft's time zone and licences, the ledger of every object ever
-- published (created/modified stable per id, tombstones after deletion) and the link from
-- imported OParl ids to the records they created (re-import updates instead of duplicating).

-- time_zone: IANA name; Sitzung times are wall-clock times in it. legislative_terms: JSON array of
-- {name, startDate, endDate} (OParl Body.legislativeTerm).
CREATE TABLE body_settings (
  id                   INTEGER PRIMARY KEY CHECK (id = 1),
  time_zone            TEXT NOT NULL DEFAULT 'Europe/Berlin',
  oparl_license        TEXT NOT NULL DEFAULT '',
  oparl_system_license TEXT NOT NULL DEFAULT '',
  legislative_terms    TEXT NOT NULL DEFAULT '[]'
);

-- path: the object's id relative to the base URL ("papers/50-012-2023.json"), so a new base URL
-- keeps the history. fingerprint: SHA-256 of the object without its timestamps.
CREATE TABLE oparl_object (
  path        TEXT PRIMARY KEY,
  type        TEXT NOT NULL,
  created     TEXT NOT NULL,
  modified    TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0
);

-- source_id: the OParl id (URL) of an imported object; kind: committee, person, membership, meeting.
CREATE TABLE oparl_import (
  source_id TEXT NOT NULL,
  kind      TEXT NOT NULL,
  local_id  INTEGER NOT NULL,
  PRIMARY KEY (source_id, kind)
);
