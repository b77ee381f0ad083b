-- Core schema. Booleans are 0/1 integers, timestamps ISO-8601 UTC text, document bodies JSON text.

CREATE TABLE body (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  name             TEXT NOT NULL,
  number_pattern   TEXT NOT NULL,
  agenda_numbering TEXT NOT NULL DEFAULT 'durchgehend' CHECK (agenda_numbering IN ('durchgehend', 'getrennt'))
);

CREATE TABLE department (
  id        INTEGER PRIMARY KEY,
  key       TEXT NOT NULL UNIQUE,
  code      TEXT NOT NULL,
  name      TEXT NOT NULL,
  signatory TEXT NOT NULL DEFAULT ''
);

CREATE TABLE committee (
  id                            INTEGER PRIMARY KEY,
  key                           TEXT NOT NULL UNIQUE,
  name                          TEXT NOT NULL UNIQUE,
  short_name                    TEXT NOT NULL,
  genitive                      TEXT NOT NULL,
  kind                          TEXT NOT NULL,
  notice_period_days            INTEGER NOT NULL DEFAULT 7,
  supplement_notice_period_days INTEGER,
  notice_workdays_only          INTEGER NOT NULL DEFAULT 0,
  chair                         TEXT NOT NULL DEFAULT ''
);

CREATE TABLE meeting (
  id           INTEGER PRIMARY KEY,
  key          TEXT NOT NULL UNIQUE,
  committee_id INTEGER NOT NULL REFERENCES committee(id),
  number       INTEGER,
  start        TEXT NOT NULL,
  end          TEXT,
  location     TEXT NOT NULL DEFAULT '',
  state        TEXT NOT NULL DEFAULT 'geplant'
);
CREATE INDEX meeting_committee_start ON meeting(committee_id, start);

-- Running numbers per department and year. Only ever counts up, so a number freed by a
-- deletion is never handed out again.
CREATE TABLE paper_counter (
  department_id INTEGER NOT NULL REFERENCES department(id),
  year          INTEGER NOT NULL,
  last_number   INTEGER NOT NULL,
  PRIMARY KEY (department_id, year)
);

-- Every Vorlage number ever issued, manual ones included; survives deletion of the Vorlage.
CREATE TABLE used_reference (
  reference  TEXT PRIMARY KEY,
  created_at TEXT NOT NULL
);

CREATE TABLE paper (
  id             INTEGER PRIMARY KEY,
  key            TEXT UNIQUE,
  reference      TEXT NOT NULL UNIQUE REFERENCES used_reference(reference),
  department_id  INTEGER NOT NULL REFERENCES department(id),
  template       TEXT NOT NULL,
  title          TEXT NOT NULL,
  public         INTEGER NOT NULL DEFAULT 1,
  year           INTEGER NOT NULL,
  sections       TEXT NOT NULL DEFAULT '{}',
  predecessor_id INTEGER REFERENCES paper(id) ON DELETE SET NULL,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX paper_year ON paper(year);

CREATE TABLE revision (
  id         INTEGER PRIMARY KEY,
  paper_id   INTEGER NOT NULL REFERENCES paper(id) ON DELETE CASCADE,
  number     INTEGER NOT NULL,
  content    TEXT NOT NULL,
  hash       TEXT NOT NULL,
  author     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (paper_id, number)
);

-- Append-only: the history of a Vorlage can be deleted with it (DSGVO), never edited.
CREATE TRIGGER revision_no_update BEFORE UPDATE ON revision
BEGIN
  SELECT RAISE(ABORT, 'revisions are append-only');
END;

CREATE TABLE consultation (
  id           INTEGER PRIMARY KEY,
  paper_id     INTEGER NOT NULL REFERENCES paper(id) ON DELETE CASCADE,
  committee_id INTEGER NOT NULL REFERENCES committee(id),
  role         TEXT NOT NULL CHECK (role IN ('kenntnisnahme', 'vorberatung', 'entscheidung')),
  position     INTEGER NOT NULL,
  meeting_id   INTEGER REFERENCES meeting(id) ON DELETE SET NULL
);
CREATE INDEX consultation_paper ON consultation(paper_id, position);
CREATE INDEX consultation_meeting ON consultation(meeting_id);

CREATE TABLE agenda_item (
  id              INTEGER PRIMARY KEY,
  meeting_id      INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  position        INTEGER NOT NULL,
  manual_number   TEXT,
  public          INTEGER NOT NULL DEFAULT 1,
  title           TEXT NOT NULL,
  paper_id        INTEGER REFERENCES paper(id) ON DELETE SET NULL,
  consultation_id INTEGER REFERENCES consultation(id) ON DELETE SET NULL,
  result          TEXT,
  vote_yes        INTEGER,
  vote_no         INTEGER,
  vote_abstain    INTEGER,
  minutes         TEXT,
  supplement      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX agenda_item_meeting ON agenda_item(meeting_id, position);
CREATE INDEX agenda_item_paper ON agenda_item(paper_id);
CREATE UNIQUE INDEX agenda_item_consultation ON agenda_item(consultation_id) WHERE consultation_id IS NOT NULL;

-- Anlage bytes, content-addressed: a carried-forward Vorlage shares its predecessor's files.
CREATE TABLE file_blob (
  sha256 TEXT PRIMARY KEY,
  size   INTEGER NOT NULL,
  data   BLOB NOT NULL
);

CREATE TABLE attachment (
  id         INTEGER PRIMARY KEY,
  paper_id   INTEGER NOT NULL REFERENCES paper(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  title      TEXT NOT NULL,
  file_name  TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size       INTEGER NOT NULL,
  sha256     TEXT NOT NULL REFERENCES file_blob(sha256),
  public     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX attachment_paper ON attachment(paper_id, position);
CREATE INDEX attachment_sha ON attachment(sha256);

CREATE TABLE audit_event (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  paper_id   INTEGER REFERENCES paper(id) ON DELETE SET NULL,
  meeting_id INTEGER REFERENCES meeting(id) ON DELETE SET NULL,
  details    TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_event_paper ON audit_event(paper_id);
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OF at, actor, action, details ON audit_event
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;
