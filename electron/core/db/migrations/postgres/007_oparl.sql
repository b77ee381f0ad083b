-- OParl publication: time zone and licences of the Körperschaft, the ledger of published objects
-- and the link from imported OParl ids to local records. Mirrors ../sqlite/007_oparl.sql.

CREATE TABLE body_settings (
  id                   integer PRIMARY KEY CHECK (id = 1),
  time_zone            text NOT NULL DEFAULT 'Europe/Berlin',
  oparl_license        text NOT NULL DEFAULT '',
  oparl_system_license text NOT NULL DEFAULT '',
  legislative_terms    text NOT NULL DEFAULT '[]'
);

CREATE TABLE oparl_object (
  path        text PRIMARY KEY,
  type        text NOT NULL,
  created     text NOT NULL,
  modified    text NOT NULL,
  fingerprint text NOT NULL,
  deleted     integer NOT NULL DEFAULT 0
);

CREATE TABLE oparl_import (
  source_id text NOT NULL,
  kind      text NOT NULL,
  local_id  integer NOT NULL,
  PRIMARY KEY (source_id, kind)
);
