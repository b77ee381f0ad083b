import type { Role, SessionUser } from '../../../shared/roles.js';
import type { SqlClient } from '../sql-client.js';

export interface UserRecord extends SessionUser {
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewUser {
  login: string;
  name: string;
  role: Role;
  departmentId: number | null;
  passwordHash: string;
}

interface UserRow { id: number; login: string; name: string; role: Role; department_id: number | null; password_hash: string; disabled: number; created_at: string; updated_at: string }
const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  login: r.login,
  name: r.name,
  role: r.role,
  departmentId: r.department_id,
  passwordHash: r.password_hash,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Team users, their sessions and login attempts: all in the database, so server processes share them. */
export type UserRepository = { [K in keyof SqlUserRepository]: SqlUserRepository[K] };

export class SqlUserRepository {
  constructor(private readonly sql: SqlClient) {}

  async list(): Promise<UserRecord[]> {
    return (await this.sql.all<UserRow>('SELECT * FROM app_user ORDER BY login')).map(toUser);
  }
  async byLogin(login: string): Promise<UserRecord | null> {
    const row = await this.sql.get<UserRow>('SELECT * FROM app_user WHERE login = ?', [login]);
    return row ? toUser(row) : null;
  }
  async insert(u: NewUser, now: string): Promise<UserRecord> {
    const row = await this.sql.get<UserRow>(
      'INSERT INTO app_user (login, name, role, department_id, password_hash, disabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?) RETURNING *',
      [u.login, u.name, u.role, u.departmentId, u.passwordHash, now, now],
    );
    return toUser(row!);
  }
  async setRole(id: number, role: Role, departmentId: number | null, now: string): Promise<void> {
    await this.sql.run('UPDATE app_user SET role = ?, department_id = ?, updated_at = ? WHERE id = ?', [role, departmentId, now, id]);
  }
  /** Disabling also ends every session of the user at once. */
  async disable(id: number, now: string): Promise<void> {
    await this.sql.transaction(async () => {
      await this.sql.run('UPDATE app_user SET disabled = 1, updated_at = ? WHERE id = ?', [now, id]);
      await this.sql.run('DELETE FROM user_session WHERE user_id = ?', [id]);
    });
  }

  async createSession(tokenHash: string, userId: number, now: string): Promise<void> {
    await this.sql.run('INSERT INTO user_session (token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)', [tokenHash, userId, now, now]);
  }
  /** The session with its user, if both exist and the user is not disabled. */
  async session(tokenHash: string): Promise<{ user: UserRecord; createdAt: string; lastSeenAt: string } | null> {
    const row = await this.sql.get<UserRow & { s_created_at: string; s_last_seen_at: string }>(
      `SELECT u.*, s.created_at AS s_created_at, s.last_seen_at AS s_last_seen_at
         FROM user_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.token_hash = ? AND u.disabled = 0`,
      [tokenHash],
    );
    return row ? { user: toUser(row), createdAt: row.s_created_at, lastSeenAt: row.s_last_seen_at } : null;
  }
  async touchSession(tokenHash: string, now: string): Promise<void> {
    await this.sql.run('UPDATE user_session SET last_seen_at = ? WHERE token_hash = ?', [now, tokenHash]);
  }
  async deleteSession(tokenHash: string): Promise<void> {
    await this.sql.run('DELETE FROM user_session WHERE token_hash = ?', [tokenHash]);
  }
  /** Sessions idle since before idleBefore or begun before createdBefore (ISO times). */
  async deleteExpiredSessions(idleBefore: string, createdBefore: string): Promise<number> {
    return (await this.sql.run('DELETE FROM user_session WHERE last_seen_at < ? OR created_at < ?', [idleBefore, createdBefore])).changes;
  }

  async recordAttempt(login: string, succeeded: boolean, now: string): Promise<void> {
    await this.sql.run('INSERT INTO login_attempt (login, at, succeeded) VALUES (?, ?, ?)', [login, now, succeeded ? 1 : 0]);
  }
  /** Failed attempts for a login since `since` (ISO), counted whether or not the login exists. */
  async failedAttemptsSince(login: string, since: string): Promise<number> {
    return (await this.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM login_attempt WHERE login = ? AND succeeded = 0 AND at >= ?', [login, since]))?.n ?? 0;
  }
  async pruneAttempts(before: string): Promise<void> {
    await this.sql.run('DELETE FROM login_attempt WHERE at < ?', [before]);
  }

  /** A secret every server instance shares (e.g. the CSRF key): the first instance to ask creates it. */
  async sharedSecret(name: string, create: () => string): Promise<string> {
    await this.sql.run('INSERT INTO server_secret (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING', [name, create()]);
    return (await this.sql.get<{ value: string }>('SELECT value FROM server_secret WHERE name = ?', [name]))!.value;
  }
}
