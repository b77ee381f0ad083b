-- Team server: users with roles, sessions (stored, not in memory, so several server processes
-- share them), login attempts for the per-login rate limit, and secrets all instances share.

CREATE TABLE app_user (
  id            INTEGER PRIMARY KEY,
  login         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('sachbearbeitung', 'amtsleitung', 'sitzungsdienst', 'admin', 'lesen')),
  department_id INTEGER REFERENCES department(id) ON DELETE SET NULL,
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

-- The cookie carries a random token; only its SHA-256 is stored, so a copy of the database
-- does not hand out live sessions.
CREATE TABLE user_session (
  token_hash   TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE INDEX user_session_user ON user_session(user_id);

CREATE TABLE login_attempt (
  id        INTEGER PRIMARY KEY,
  login     TEXT NOT NULL,
  at        TEXT NOT NULL,
  succeeded INTEGER NOT NULL
);
CREATE INDEX login_attempt_login_at ON login_attempt(login, at);

CREATE TABLE server_secret (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
