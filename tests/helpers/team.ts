import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createDispatcher } from '../../electron/core/api/dispatcher.js';
import { addUser } from '../../electron/core/services/users.js';
import type { AppContext } from '../../electron/core/app-context.js';
import { createFileGuardedDispatch } from '../../electron/host/file-policy.js';
import { FolderOutbox } from '../../electron/host/folder-outbox.js';
import { createTeamServer, type TeamServerOptions } from '../../electron/server/team-server.js';

export const PASSWORD = 'ein-langes-Passwort-2026';

/** A team server over an opened app (not listening: tests talk to it with inject). */
export async function teamServer(app: AppContext, options: Partial<TeamServerOptions> = {}): Promise<FastifyInstance> {
  const outbox = new FolderOutbox(path.join(app.dataDir, 'ausgabe'));
  return createTeamServer({
    app,
    dispatch: createFileGuardedDispatch({ dispatch: createDispatcher(app), outbox, dataDir: app.dataDir }),
    outbox,
    rendererDir: path.join(app.dataDir, 'renderer'),
    ...options,
  });
}

export async function addTestUser(app: AppContext, login: string, role: string, amt?: string) {
  return addUser(app, { login, name: `Person ${login}`, role, amt, password: PASSWORD });
}

export interface Session {
  cookie: string;
  csrf: string;
  /** All cookies the login set, as a Cookie header (session + CSRF secret). */
  headers: Record<string, string>;
}

export const cookieHeader = (response: LightMyRequestResponse) => response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

export async function login(server: FastifyInstance, loginName: string, password = PASSWORD): Promise<Session> {
  const response = await server.inject({ method: 'POST', url: '/api/auth.login', payload: { login: loginName, password } });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const csrf = (response.json() as { result: { csrfToken: string } }).result.csrfToken;
  const cookie = cookieHeader(response);
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

export function api(server: FastifyInstance, session: Session | null, method: string, payload: unknown = {}, headers: Record<string, string> = {}) {
  return server.inject({ method: 'POST', url: `/api/${method}`, payload: payload as object, headers: { ...(session?.headers ?? {}), ...headers } });
}
