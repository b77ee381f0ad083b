import crypto from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../core/app-context.js';
import { ERASING_METHODS } from '../core/db/forget-in-wal.js';
import { clearPrintCache } from '../core/export/pack/print-cache.js';
import { ROLE_LABELS, type SessionUser } from '../shared/roles.js';
import { APP_CSP, securityHeaders } from '../host/csp.js';
import type { GuardedDispatch } from '../host/file-policy.js';
import type { FolderOutbox } from '../host/folder-outbox.js';
import { contract, isMethodName } from '../shared/contract.js';
import { FILE_GONE, HTTP_ERRORS, HttpError, apiRoutes, createHttpServer, requireJson, sendError, sendJson, sendOutputFile, serveRenderer } from './http-base.js';
import type { Role } from '../shared/roles.js';
import { LocalChangeFeed, type ChangeEvent, type ChangeFeed } from './change-feed.js';
import { PresenceBoard } from './presence.js';
import { DEFAULT_SESSION_POLICY, SessionService, hashToken, type SessionPolicy } from './sessions.js';

export const SESSION_COOKIE = 'vw_session';
export const CSRF_HEADER = 'x-csrf-token';
export const DEFAULT_TEAM_MAX_BODY = 2 * 1024 * 1024;
export const DEFAULT_TEAM_UPLOAD_BODY = 40 * 1024 * 1024;

export interface TeamServerOptions {
  app: AppContext;
  dispatch: GuardedDispatch;
  outbox: FolderOutbox;
  rendererDir: string;
  /** Behind a reverse proxy: believe its X-Forwarded-Proto/-For (Secure cookies, client IP for the rate limit). */
  trustProxy?: boolean;
  sessionPolicy?: SessionPolicy;
  /** Login attempts per client IP and minute (on top of the per-login limit in the database). */
  loginsPerMinute?: number;
  maxBodyBytes?: number;
  uploadBodyBytes?: number;
  /** Where committed changes are announced; several instances on PostgreSQL share one via LISTEN/NOTIFY. */
  changes?: ChangeFeed;
  /** How often an open event stream gets a heartbeat and its session is checked again. */
  eventHeartbeatMs?: number;
}

/** For each feature: the roles that may read it, so an event reaches only those who could look. */
const READERS: ReadonlyMap<string, ReadonlySet<Role>> = (() => {
  const readers = new Map<string, Set<Role>>();
  for (const [name, def] of Object.entries(contract)) {
    if ((def as { mutates?: boolean }).mutates) continue;
    const kind = name.split('.')[0]!;
    const set = readers.get(kind) ?? new Set<Role>();
    for (const role of def.roles) set.add(role);
    readers.set(kind, set);
  }
  return readers;
})();

const numericId = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) ? value : null);

/** The change a successful call of a mutating method made, or null for reads. */
function changeOf(method: string, params: unknown, result: unknown, by: string): ChangeEvent | null {
  if (!isMethodName(method) || !(contract[method] as { mutates?: boolean }).mutates) return null;
  const p = (params ?? {}) as Record<string, unknown>;
  const r = (result ?? {}) as Record<string, unknown>;
  const id = numericId(p.id) ?? numericId(p.ref) ?? numericId(p.paperId) ?? numericId(r.id);
  return { kind: method.split('.')[0]!, id, by, method };
}

const WRONG_LOGIN = 'Anmeldung fehlgeschlagen: Login oder Passwort ist falsch.';
const SESSION_ENDED = 'Ihre Sitzung ist abgelaufen oder wurde beendet. Bitte melden Sie sich erneut an.';

const PresenceSchema = z.strictObject({ paperId: z.number().int().positive(), state: z.enum(['open', 'close']) });
const LoginSchema = z.strictObject({ login: z.string().max(200), password: z.string().max(1024) });

declare module 'fastify' {
  interface FastifyRequest {
    session: { user: SessionUser; tokenHash: string } | null;
  }
}

const userView = (app: AppContext) => async (user: SessionUser) => ({
  login: user.login,
  name: user.name,
  role: user.role,
  roleLabel: ROLE_LABELS[user.role],
  amt: user.departmentId === null ? null : ((await app.store.departments.get(user.departmentId))?.code ?? null),
});

/**
 * The team server: the built renderer for many users, sessions in the database (several
 * instances may share one), CSRF tokens bound to the session, rate-limited logins, and the same
 * API as web mode, called in the signed-in user's name so the dispatcher checks their role.
 */
export async function createTeamServer(options: TeamServerOptions): Promise<FastifyInstance> {
  const { app } = options;
  const sessions = new SessionService(app, options.sessionPolicy ?? DEFAULT_SESSION_POLICY);
  const maxBody = options.maxBodyBytes ?? DEFAULT_TEAM_MAX_BODY;
  const uploadBody = options.uploadBodyBytes ?? DEFAULT_TEAM_UPLOAD_BODY;
  const describe = userView(app);
  const changes = options.changes ?? new LocalChangeFeed();
  const heartbeatMs = options.eventHeartbeatMs ?? 15_000;
  /** Open event streams by session, so a logout on this instance ends them at once. */
  const streams = new Map<string, Set<() => void>>();
  const openStreams = new Set<() => void>();
  const presence = new PresenceBoard(changes);
  // Printed copies of erased data must not outlive it (dispatcher.ts), also in the print cache of
  // an instance with a data folder of its own: the erasing instance's notice reaches it through
  // the database. One that was stopped may have missed notices, so a start empties it too.
  if (!clearPrintCache(app.dataDir)) app.log.error('the print cache could not be emptied at start');
  const stopForgetting = changes.subscribe((event) => {
    if (ERASING_METHODS.has(event.method) && !clearPrintCache(app.dataDir)) app.log.error(`${event.method} elsewhere: the print cache could not be emptied`);
  });
  // The CSRF key must be the same in every instance: it lives in the database.
  const hmacKey = await app.store.users.sharedSecret('csrf-hmac', () => crypto.randomBytes(32).toString('base64url'));

  const server = createHttpServer({ bodyLimit: Math.max(maxBody, uploadBody), trustProxy: options.trustProxy, logError: (message, error) => app.log.error(message, error) });
  server.decorateRequest('session', null);

  await server.register(fastifyCookie);
  await server.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => ({ statusCode: 429, ok: false, error: { code: 'TOO_MANY_REQUESTS', message: HTTP_ERRORS.TOO_MANY_REQUESTS.message } }),
  });
  await server.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'vw_csrf',
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: 'auto' },
    // Tokens are bound to the session: one stolen from another session is useless here.
    getUserInfo: (req: FastifyRequest) => req.session?.tokenHash ?? '',
    getToken: (req: FastifyRequest) => req.headers[CSRF_HEADER] as string | undefined,
    csrfOpts: { hmacKey },
  });

  /** Attaches the session (if any); routes decide whether they need one. */
  server.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.session = await sessions.resolve(token);
  });

  const requireSession = async (request: FastifyRequest) => {
    if (!request.session) throw new HttpError('UNAUTHORIZED', request.cookies[SESSION_COOKIE] ? SESSION_ENDED : undefined);
  };
  const requireCsrf = (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => server.csrfProtection(request, reply, done);

  const sessionCookie = (request: FastifyRequest) => ({ path: '/', httpOnly: true, sameSite: 'strict' as const, secure: request.protocol === 'https' });

  server.post(
    '/api/auth.login',
    { preValidation: requireJson, config: { rateLimit: { max: options.loginsPerMinute ?? 20, timeWindow: 60_000 } } },
    async (request, reply) => {
      const parsed = LoginSchema.safeParse(request.body);
      if (!parsed.success) return sendError(reply, 'UNAUTHORIZED', WRONG_LOGIN);
      const result = await sessions.login(parsed.data.login, parsed.data.password);
      if (!result.ok) return result.reason === 'throttled' ? sendError(reply, 'TOO_MANY_REQUESTS') : sendError(reply, 'UNAUTHORIZED', WRONG_LOGIN);
      reply.setCookie(SESSION_COOKIE, result.token, sessionCookie(request));
      request.session = { user: result.user, tokenHash: hashToken(result.token) };
      const csrfToken = reply.generateCsrf({ userInfo: request.session.tokenHash });
      return sendJson(reply, { ok: true, result: { user: await describe(result.user), csrfToken } });
    },
  );

  server.get('/api/auth.session', { onRequest: requireSession }, async (request, reply) => {
    const csrfToken = reply.generateCsrf({ userInfo: request.session!.tokenHash });
    return sendJson(reply, { ok: true, result: { user: await describe(request.session!.user), csrfToken } });
  });

  server.post('/api/auth.logout', { onRequest: requireSession, preValidation: requireJson, preHandler: requireCsrf }, async (request, reply) => {
    await sessions.logout(request.session!.tokenHash);
    for (const end of streams.get(request.session!.tokenHash) ?? []) end();
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return sendJson(reply, { ok: true, result: { loggedOut: true } });
  });

  apiRoutes(server, {
    dispatch: options.dispatch,
    maxBodyBytes: maxBody,
    uploadBodyBytes: uploadBody,
    hooks: { onRequest: requireSession, preHandler: requireCsrf },
    // The dispatcher checks this user's role for the method.
    user: (request) => request.session!.user,
    async after(method, request, response) {
      if (!response.ok) return;
      const event = changeOf(method, request.body, response.result, request.session!.user.name);
      // The change is committed; a feed that is down must not turn the save into an error.
      if (event) await changes.publish(event).catch((error: Error) => app.log.error('change feed', error));
    },
  });

  /**
   * Server-Sent Events: what others changed, for the lists and views to refresh. Only kind, id and
   * name, and only of features the user's role may read; the session is checked again with every
   * heartbeat, so an expired or ended session (on any instance) closes the stream.
   */
  server.get('/api/events', { onRequest: requireSession }, async (request, reply) => {
    const session = request.session!;
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { ...securityHeaders(APP_CSP), 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no', Connection: 'keep-alive' });
    raw.write('retry: 3000\n: verbunden\n\n');
    const send = (text: string) => {
      if (!raw.writableEnded) raw.write(text);
    };
    // Presence notices (who opened which Vorlage) go to those who may read Vorlagen.
    const readable = (kind: string) => READERS.get(kind === 'presence' ? 'vorlagen' : kind)?.has(session.user.role) ?? false;
    const unsubscribe = changes.subscribe((event) => {
      if (readable(event.kind)) send(`event: change\ndata: ${JSON.stringify(event)}\n\n`);
    });
    let ended = false;
    const end = (reason?: string) => {
      if (ended) return;
      ended = true;
      clearInterval(timer);
      unsubscribe();
      streams.get(session.tokenHash)?.delete(onLogout);
      openStreams.delete(onClose);
      if (reason) send(`event: ended\ndata: ${JSON.stringify({ message: reason })}\n\n`);
      if (!raw.writableEnded) raw.end();
    };
    const timer = setInterval(() => {
      void (async () => {
        const still = await sessions.resolve(request.cookies[SESSION_COOKIE]!).catch(() => session);
        if (!still) end(SESSION_ENDED);
        else send(': heartbeat\n\n');
      })();
    }, heartbeatMs);
    timer.unref();
    const onLogout = () => end(SESSION_ENDED);
    const onClose = () => end();
    const own = streams.get(session.tokenHash) ?? new Set();
    own.add(onLogout);
    streams.set(session.tokenHash, own);
    openStreams.add(onClose);
    raw.once('close', onClose);
  });

  /** Presence: the editor announces open/close (and "open" again as a heartbeat) and learns who else is there. */
  server.post('/api/presence.announce', { onRequest: requireSession, preValidation: requireJson, preHandler: requireCsrf }, async (request, reply) => {
    const parsed = PresenceSchema.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 'BAD_REQUEST', 'Ungültige Angabe zur geöffneten Vorlage.');
    const name = request.session!.user.name;
    const others = await presence.announce(parsed.data.paperId, name, parsed.data.state);
    return reply.headers(securityHeaders(APP_CSP)).header('cache-control', 'no-store').send({ ok: true, result: { others } });
  });

  // Open event streams would keep the server from closing.
  server.addHook('preClose', async () => {
    stopForgetting();
    presence.close();
    for (const end of [...openStreams]) end();
  });


  server.get<{ Params: { id: string }; Querystring: { download?: string } }>('/files/:id', { onRequest: requireSession }, async (request, reply) => {
    const entry = options.outbox.get(request.params.id, request.session!.user.id);
    if (!entry) return sendError(reply, 'NOT_FOUND', FILE_GONE);
    return sendOutputFile(reply, entry, request.query.download === '1');
  });

  serveRenderer(server, options.rendererDir);

  return server;
}
