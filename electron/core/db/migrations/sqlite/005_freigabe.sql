-- Freigabe (Mitzeichnung and release of a Vorlage), Ergänzungs-/Änderungsvorlagen and the
-- Beschlusskontrolle.

-- Per Körperschaft: the Mitzeichnung chain (ordered step keys, JSON array), whether results of a
-- Beschlussempfehlung also create Beschlusskontrolle entries, and the number suffix pattern of
-- Ergänzungs-/Änderungsvorlagen.
CREATE TABLE freigabe_config (
  id                       INTEGER PRIMARY KEY CHECK (id = 1),
  steps                    TEXT NOT NULL DEFAULT '["amtsleitung","kaemmerei"]',
  follow_up_recommendations INTEGER NOT NULL DEFAULT 0,
  amendment_suffix         TEXT NOT NULL DEFAULT '{nummer}/{n}'
);

-- One Mitzeichnung: who signed which revision (number and SHA-256) in which function. A content
-- change marks the signatures of the older revision invalidated instead of deleting them.
CREATE TABLE paper_approval (
  id             INTEGER PRIMARY KEY,
  paper_id       INTEGER NOT NULL REFERENCES paper(id) ON DELETE CASCADE,
  step           TEXT NOT NULL,
  by_name        TEXT NOT NULL,
  by_function    TEXT NOT NULL DEFAULT '',
  at             TEXT NOT NULL,
  revision       INTEGER NOT NULL,
  revision_hash  TEXT NOT NULL,
  invalidated_at TEXT,
  invalidated_reason TEXT
);
CREATE INDEX paper_approval_paper ON paper_approval(paper_id);

-- The Freigabe of a Vorlage; withdrawn = row deleted (the audit log keeps the history).
CREATE TABLE paper_release (
  paper_id      INTEGER PRIMARY KEY REFERENCES paper(id) ON DELETE CASCADE,
  by_name       TEXT NOT NULL,
  by_function   TEXT NOT NULL DEFAULT '',
  at            TEXT NOT NULL,
  revision      INTEGER NOT NULL,
  revision_hash TEXT NOT NULL
);

-- Ergänzungs-/Änderungsvorlage: the Vorlage it amends.
ALTER TABLE paper ADD COLUMN amends_id INTEGER REFERENCES paper(id) ON DELETE SET NULL;
ALTER TABLE paper ADD COLUMN amend_kind TEXT;


CREATE TABLE follow_up (
  id             INTEGER PRIMARY KEY,
  agenda_item_id INTEGER UNIQUE REFERENCES agenda_item(id) ON DELETE SET NULL,
  paper_id       INTEGER REFERENCES paper(id) ON DELETE SET NULL,
  meeting_id     INTEGER REFERENCES meeting(id) ON DELETE SET NULL,
  committee_id   INTEGER NOT NULL REFERENCES committee(id),
  decided_on     TEXT NOT NULL,
  reference      TEXT NOT NULL DEFAULT '',
  agenda_number  TEXT NOT NULL DEFAULT '',
  title          TEXT NOT NULL,
  result         TEXT NOT NULL,
  text           TEXT NOT NULL DEFAULT '',
  department_id  INTEGER REFERENCES department(id),
  frist          TEXT,
  stand          TEXT NOT NULL DEFAULT 'offen' CHECK (stand IN ('offen', 'in_bearbeitung', 'erledigt', 'zurueckgestellt')),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX follow_up_committee ON follow_up(committee_id, decided_on);

CREATE TABLE follow_up_note (
  id           INTEGER PRIMARY KEY,
  follow_up_id INTEGER NOT NULL REFERENCES follow_up(id) ON DELETE CASCADE,
  at           TEXT NOT NULL,
  author       TEXT NOT NULL,
  text         TEXT NOT NULL
);
CREATE INDEX follow_up_note_entry ON follow_up_note(follow_up_id);
