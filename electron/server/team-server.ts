import crypto from 'node:crypto';
import fs from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../core/app-context.js';
import { ROLE_LABELS, type SessionUser } from '../shared/roles.js';
import type { StreamMessage, TransportErrorCode, TransportResponse } from '../shared/transport.js';
import { APP_CSP, FILE_CSP, PDF_CSP, securityHeaders } from '../host/csp.js';
import type { GuardedDispatch } from '../host/file-policy.js';
import type { FolderOutbox } from '../host/folder-outbox.js';
import { resolveStatic } from '../host/static-files.js';
import { contract, isMethodName } from '../shared/contract.js';
import type { Role } from '../shared/roles.js';
import { LocalChangeFeed, type ChangeEvent, type ChangeFeed } from './change-feed.js';
import { PresenceBoard } from './presence.js';
import { DEFAULT_SESSION_POLICY, SessionService, hashToken, type SessionPolicy } from './sessions.js';

export const SESSION_COOKIE = 'vw_session';
export const CSRF_HEADER = 'x-csrf-token';
export const DEFAULT_TEAM_MAX_BODY = 2 * 1024 * 1024;
export const DEFAULT_TEAM_UPLOAD_BODY = 40 * 1024 * 1024;
const UPLOAD_METHODS = new Set(['anlagen.add', 'vorlagen.importDocx', 'hausvorlage.set']);

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

type ErrorCode = TransportErrorCode | 'TOO_MANY_REQUESTS' | 'INTERNAL';
const ERRORS: Record<ErrorCode, { status: number; message: string }> = {
  UNAUTHORIZED: { status: 401, message: 'Bitte melden Sie sich an.' },
  FORBIDDEN: { status: 403, message: 'Die Anfrage wurde abgelehnt: Das Sicherheitsmerkmal (CSRF-Token) fehlt oder ist falsch. Bitte laden Sie die Seite neu.' },
  BAD_REQUEST: { status: 400, message: 'Die Anfrage ist kein gültiges JSON.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Die Anfrage ist zu groß.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Die Anfrage muss als JSON (Content-Type: application/json) gesendet werden.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Diese Anfrageart ist hier nicht erlaubt.' },
  NOT_FOUND: { status: 404, message: 'Diese Adresse gibt es nicht.' },
  UNAVAILABLE: { status: 503, message: 'Die Oberfläche wurde noch nicht gebaut. Bitte „npm run build“ ausführen.' },
  TOO_MANY_REQUESTS: { status: 429, message: 'Zu viele Anmeldeversuche. Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.' },
  INTERNAL: { status: 500, message: 'Ein interner Fehler ist aufgetreten. Details stehen in der Protokolldatei.' },
};
const API_STATUS: Record<string, number> = { VALIDATION: 422, NOT_FOUND: 404, CONFLICT: 409, INTERNAL: 500, FORBIDDEN: 403, CANCELLED: 200 };

const WRONG_LOGIN = 'Anmeldung fehlgeschlagen: Login oder Passwort ist falsch.';
const SESSION_ENDED = 'Ihre Sitzung ist abgelaufen oder wurde beendet. Bitte melden Sie sich erneut an.';

const PresenceSchema = z.strictObject({ paperId: z.number().int().positive(), state: z.enum(['open', 'close']) });
const LoginSchema = z.strictObject({ login: z.string().max(200), password: z.string().max(1024) });

declare module 'fastify' {
  interface FastifyRequest {
    session: { user: SessionUser; tokenHash: string } | null;
  }
}

class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
  ) {
    super(message ?? ERRORS[code].message);
  }
}

function sendError(reply: FastifyReply, code: ErrorCode, message?: string) {
  const body: TransportResponse = { ok: false, error: { code: code as TransportErrorCode, message: message ?? ERRORS[code].message } };
  return reply.code(ERRORS[code].status).headers(securityHeaders(APP_CSP)).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(body);
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
  // The CSRF key must be the same in every instance: it lives in the database.
  const hmacKey = await app.store.users.sharedSecret('csrf-hmac', () => crypto.randomBytes(32).toString('base64url'));

  const server = Fastify({ trustProxy: options.trustProxy ?? false, bodyLimit: uploadBody, logger: false, return503OnClosing: true });
  server.decorateRequest('session', null);

  await server.register(fastifyCookie);
  await server.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => ({ statusCode: 429, ok: false, error: { code: 'TOO_MANY_REQUESTS', message: ERRORS.TOO_MANY_REQUESTS.message } }),
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

  // The JSON body is parsed here so size, type and syntax errors become German answers.
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    try {
      done(null, text.trim() === '' ? {} : JSON.parse(text));
    } catch {
      done(new HttpError('BAD_REQUEST'), undefined);
    }
  });

  server.setErrorHandler((error: Error & { code?: string; statusCode?: number }, _request, reply) => {
    if (error instanceof HttpError) return sendError(reply, error.code, error.message);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply.header('connection', 'close'), 'PAYLOAD_TOO_LARGE');
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.code === 'FST_ERR_CTP_EMPTY_TYPE') return sendError(reply, 'UNSUPPORTED_MEDIA_TYPE');
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return sendError(reply, 'BAD_REQUEST');
    if (error.code === 'FST_CSRF_MISSING_SECRET' || error.code === 'FST_CSRF_INVALID_TOKEN') return sendError(reply, 'FORBIDDEN');
    if (error.statusCode === 429) return sendError(reply, 'TOO_MANY_REQUESTS');
    app.log.error('team server', error);
    return sendError(reply, 'INTERNAL');
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
  const requireJson = async (request: FastifyRequest) => {
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') throw new HttpError('UNSUPPORTED_MEDIA_TYPE');
  };

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
      return reply.headers(securityHeaders(APP_CSP)).header('cache-control', 'no-store').send({ ok: true, result: { user: await describe(result.user), csrfToken } });
    },
  );

  server.get('/api/auth.session', { onRequest: requireSession }, async (request, reply) => {
    const csrfToken = reply.generateCsrf({ userInfo: request.session!.tokenHash });
    return reply.headers(securityHeaders(APP_CSP)).header('cache-control', 'no-store').send({ ok: true, result: { user: await describe(request.session!.user), csrfToken } });
  });

  server.post('/api/auth.logout', { onRequest: requireSession, preValidation: requireJson, preHandler: requireCsrf }, async (request, reply) => {
    await sessions.logout(request.session!.tokenHash);
    for (const end of streams.get(request.session!.tokenHash) ?? []) end();
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.headers(securityHeaders(APP_CSP)).header('cache-control', 'no-store').send({ ok: true, result: { loggedOut: true } });
  });

  server.post<{ Params: { method: string } }>(
    '/api/:method',
    { onRequest: requireSession, preValidation: requireJson, preHandler: requireCsrf },
    async (request, reply) => {
      const { method } = request.params;
      if (!/^[A-Za-z0-9._-]{1,100}$/.test(method)) throw new HttpError('NOT_FOUND');
      const size = Number(request.headers['content-length'] ?? 0);
      if (!UPLOAD_METHODS.has(method) && size > maxBody) return sendError(reply.header('connection', 'close'), 'PAYLOAD_TOO_LARGE');
      const user = request.session!.user;
      const streaming = (request.headers.accept ?? '').includes('application/x-ndjson');
      const announce = async (response: TransportResponse) => {
        if (!response.ok) return;
        const event = changeOf(method, request.body, response.result, user.name);
        // The change is committed; a feed that is down must not turn the save into an error.
        if (event) await changes.publish(event).catch((error: Error) => app.log.error('change feed', error));
      };
      if (!streaming) {
        const response = await options.dispatch(method, request.body, { user });
        await announce(response);
        return reply
          .code(response.ok ? 200 : (API_STATUS[response.error.code] ?? 400))
          .headers(securityHeaders(APP_CSP))
          .header('cache-control', 'no-store')
          .send(response);
      }
      reply.hijack();
      reply.raw.writeHead(200, { ...securityHeaders(APP_CSP), 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
      const write = (message: StreamMessage) => {
        if (!reply.raw.writableEnded) reply.raw.write(`${JSON.stringify(message)}\n`);
      };
      const response = await options.dispatch(method, request.body, { user, onProgress: (progress) => write({ type: 'progress', progress }) });
      await announce(response);
      write({ type: 'response', response });
      reply.raw.end();
    },
  );

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
    presence.close();
    for (const end of [...openStreams]) end();
  });

  server.all('/api/*', async (request, reply) => sendError(reply, request.method === 'POST' ? 'NOT_FOUND' : 'METHOD_NOT_ALLOWED'));

  server.get<{ Params: { id: string }; Querystring: { download?: string } }>('/files/:id', { onRequest: requireSession }, async (request, reply) => {
    const entry = options.outbox.get(request.params.id, request.session!.user.id);
    if (!entry || !fs.existsSync(entry.path)) return sendError(reply, 'NOT_FOUND', 'Diese Datei ist nicht mehr vorhanden. Bitte erzeugen Sie sie erneut.');
    const isPdf = entry.mediaType === 'application/pdf';
    const inline = request.query.download !== '1' && (isPdf || entry.mediaType.startsWith('text/html'));
    return reply
      .headers(securityHeaders(isPdf ? PDF_CSP : FILE_CSP, true))
      .header('content-type', entry.mediaType)
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${entry.fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(entry.fileName)}`)
      .header('cache-control', 'no-store')
      .send(fs.createReadStream(entry.path));
  });

  server.setNotFoundHandler(async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendError(reply, 'METHOD_NOT_ALLOWED');
    const file = resolveStatic(options.rendererDir, request.url.split('?')[0]!);
    if (!file) return sendError(reply, request.url === '/' ? 'UNAVAILABLE' : 'NOT_FOUND');
    return reply
      .headers(securityHeaders(APP_CSP))
      .header('content-type', file.type)
      .header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(fs.createReadStream(file.path));
  });

  return server;
}
