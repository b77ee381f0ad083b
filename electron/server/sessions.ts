import crypto from 'node:crypto';
import type { AppContext } from '../core/app-context.js';
import { hashForUnknownLogin, verifyPassword } from '../core/auth/password.js';
import type { UserRecord } from '../core/db/repositories/users.js';
import type { SessionUser } from '../shared/roles.js';

export interface SessionPolicy {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after login, used or not. */
  absoluteMs: number;
  /** Failed logins per login name within `lockoutWindowMs` before further attempts are refused. */
  maxFailures: number;
  lockoutWindowMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMs: 60 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
  maxFailures: 5,
  lockoutWindowMs: 15 * 60 * 1000,
};

/** last_seen_at is written at most this often, so reads do not turn into a write each. */
const TOUCH_EVERY_MS = 60 * 1000;

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

const sessionUser = (u: UserRecord): SessionUser => ({ id: u.id, login: u.login, name: u.name, role: u.role, departmentId: u.departmentId });

export type LoginResult = { ok: true; token: string; user: SessionUser } | { ok: false; reason: 'wrong' | 'throttled' };

/**
 * Sessions and logins, all state in the database: any server instance on the same database
 * accepts a session another one created, and a token from another database is simply unknown.
 */
export class SessionService {
  constructor(
    private readonly app: AppContext,
    readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  ) {}

  private now() {
    return this.app.now();
  }

  /**
   * Unknown login, disabled user and wrong password look the same to the caller, and take the
   * same time (the password is checked against a dummy hash when there is no user).
   */
  async login(loginText: string, password: string): Promise<LoginResult> {
    const users = this.app.store.users;
    const login = loginText.trim().toLowerCase().slice(0, 200);
    const now = this.now();
    const since = new Date(now.getTime() - this.policy.lockoutWindowMs).toISOString();
    if ((await users.failedAttemptsSince(login, since)) >= this.policy.maxFailures) {
      await verifyPassword(password, await hashForUnknownLogin());
      return { ok: false, reason: 'throttled' };
    }
    const user = await users.byLogin(login);
    const matches = await verifyPassword(password, user?.passwordHash ?? (await hashForUnknownLogin()));
    const ok = Boolean(user && matches && !user.disabled);
    await users.recordAttempt(login, ok, now.toISOString());
    if (!ok || !user) return { ok: false, reason: 'wrong' };
    const token = crypto.randomBytes(32).toString('base64url');
    await users.createSession(hashToken(token), user.id, now.toISOString());
    // Old rows go now and then, so the tables do not grow without end.
    if (Math.random() < 0.05) await this.prune();
    return { ok: true, token, user: sessionUser(user) };
  }

  /** The user of a live session, or null (unknown, expired, disabled); expired sessions are deleted. */
  async resolve(token: string | undefined): Promise<{ user: SessionUser; tokenHash: string } | null> {
    if (!token || token.length > 200) return null;
    const tokenHash = hashToken(token);
    const session = await this.app.store.users.session(tokenHash);
    if (!session) return null;
    const now = this.now().getTime();
    const lastSeen = Date.parse(session.lastSeenAt);
    if (now - lastSeen > this.policy.idleMs || now - Date.parse(session.createdAt) > this.policy.absoluteMs) {
      await this.app.store.users.deleteSession(tokenHash);
      return null;
    }
    if (now - lastSeen > TOUCH_EVERY_MS) await this.app.store.users.touchSession(tokenHash, new Date(now).toISOString());
    return { user: sessionUser(session.user), tokenHash };
  }

  async logout(tokenHash: string): Promise<void> {
    await this.app.store.users.deleteSession(tokenHash);
  }

  async prune(): Promise<void> {
    const now = this.now().getTime();
    await this.app.store.users.deleteExpiredSessions(new Date(now - this.policy.idleMs).toISOString(), new Date(now - this.policy.absoluteMs).toISOString());
    await this.app.store.users.pruneAttempts(new Date(now - 24 * 60 * 60 * 1000).toISOString());
  }
}
