-- Issue 17: persons, memberships, attendance and the Niederschrift of a Sitzung.

CREATE TABLE person (
  id              INTEGER PRIMARY KEY,
  key             TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  form_of_address TEXT NOT NULL DEFAULT 'none' CHECK (form_of_address IN ('Frau', 'Herr', 'none')),
  title           TEXT NOT NULL DEFAULT '',
  affiliation     TEXT NOT NULL DEFAULT '',
  email           TEXT NOT NULL DEFAULT ''
);

CREATE TABLE membership (
  id                   INTEGER PRIMARY KEY,
  committee_id         INTEGER NOT NULL REFERENCES committee(id) ON DELETE CASCADE,
  person_id            INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  role                 TEXT NOT NULL CHECK (role IN ('vorsitz', 'stellv-vorsitz', 'mitglied', 'stellvertretung', 'beratend', 'sachkundig')),
  represents_person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
  from_date            TEXT NOT NULL,
  until_date           TEXT,
  position             INTEGER NOT NULL
);
CREATE INDEX membership_committee ON membership(committee_id, position);
CREATE INDEX membership_person ON membership(person_id);

-- A person named in a Niederschrift cannot be deleted (no cascade from person).
CREATE TABLE attendance (
  meeting_id           INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  person_id            INTEGER NOT NULL REFERENCES person(id),
  position             INTEGER NOT NULL,
  status               TEXT NOT NULL CHECK (status IN ('anwesend', 'entschuldigt', 'abwesend')),
  arrived              TEXT,
  left_at              TEXT,
  represents_person_id INTEGER REFERENCES person(id),
  group_name           TEXT NOT NULL DEFAULT 'mitglied' CHECK (group_name IN ('mitglied', 'verwaltung', 'gast')),
  duty                 TEXT CHECK (duty IN ('vorsitz', 'schriftfuehrung')),
  PRIMARY KEY (meeting_id, person_id)
);
CREATE INDEX attendance_person ON attendance(person_id);

-- Members who declared themselves befangen under a TOP (not counted in its vote).
CREATE TABLE vote_conflict (
  agenda_item_id INTEGER NOT NULL REFERENCES agenda_item(id) ON DELETE CASCADE,
  person_id      INTEGER NOT NULL REFERENCES person(id),
  PRIMARY KEY (agenda_item_id, person_id)
);
CREATE INDEX vote_conflict_person ON vote_conflict(person_id);

-- The approved Niederschrift as it was approved: read-only from then on.
CREATE TABLE minutes_archive (
  id          INTEGER PRIMARY KEY,
  meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  variant     TEXT NOT NULL CHECK (variant IN ('public', 'members')),
  format      TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  size        INTEGER NOT NULL,
  data        BLOB NOT NULL,
  created_at  TEXT NOT NULL,
  UNIQUE (meeting_id, variant, format)
);

ALTER TABLE meeting ADD COLUMN opened TEXT;
ALTER TABLE meeting ADD COLUMN closed TEXT;
ALTER TABLE meeting ADD COLUMN chair_person_id INTEGER REFERENCES person(id);
ALTER TABLE meeting ADD COLUMN recorder_person_id INTEGER REFERENCES person(id);
-- The TOP of a later Sitzung that approved this Sitzung's Niederschrift, and when.
ALTER TABLE meeting ADD COLUMN minutes_approved_item_id INTEGER REFERENCES agenda_item(id) ON DELETE SET NULL;
ALTER TABLE meeting ADD COLUMN minutes_approved_at TEXT;

ALTER TABLE agenda_item ADD COLUMN resolution_text TEXT;
