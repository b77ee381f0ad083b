import fs from 'node:fs';
import type http from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type RouteShorthandOptions } from 'fastify';
import type { ProgressEvent } from '../shared/contract.js';
import type { StreamMessage, TransportErrorCode, TransportResponse } from '../shared/transport.js';
import { APP_CSP, FILE_CSP, PDF_CSP, securityHeaders } from '../host/csp.js';
import type { GuardedDispatch } from '../host/file-policy.js';
import { resolveStatic } from '../host/static-files.js';
import type { SessionUser } from '../shared/roles.js';

/**
 * What web mode and the team server share on Fastify: the German error answers, the JSON body
 * parser, the API call (plain or as an NDJSON progress stream), output files and the renderer's
 * static files, each with the security headers. The two servers differ only in who may call
 * (web mode: per-start token on loopback; team server: session cookie and CSRF token).
 */

export type HttpErrorCode = TransportErrorCode | 'TOO_MANY_REQUESTS' | 'INTERNAL';

/** Status and default German message of every refusal; a server may give a more specific message. */
export const HTTP_ERRORS: Record<HttpErrorCode, { status: number; message: string }> = {
  UNAUTHORIZED: { status: 401, message: 'Bitte melden Sie sich an.' },
  FORBIDDEN: { status: 403, message: 'Anfragen von fremden Seiten werden abgelehnt.' },
  BAD_REQUEST: { status: 400, message: 'Die Anfrage ist kein gültiges JSON.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Die Anfrage ist zu groß.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Die Anfrage muss als JSON (Content-Type: application/json) gesendet werden.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Diese Anfrageart ist hier nicht erlaubt.' },
  NOT_FOUND: { status: 404, message: 'Diese Adresse gibt es nicht.' },
  UNAVAILABLE: { status: 503, message: 'Die Oberfläche wurde noch nicht gebaut. Bitte „npm run build“ ausführen.' },
  TOO_MANY_REQUESTS: { status: 429, message: 'Zu viele Anmeldeversuche. Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.' },
  INTERNAL: { status: 500, message: 'Ein interner Fehler ist aufgetreten. Details stehen in der Protokolldatei.' },
};

/** HTTP status of the API's own error codes (the body always carries the German message). */
export const API_STATUS: Record<string, number> = { VALIDATION: 422, NOT_FOUND: 404, CONFLICT: 409, INTERNAL: 500, FORBIDDEN: 403, CANCELLED: 200 };

export const FILE_GONE = 'Diese Datei ist nicht mehr vorhanden. Bitte erzeugen Sie sie erneut.';

/**
 * Methods that carry a file: the contract allows Anlagen up to 100 MB and Word files up to 50 MB,
 * far more than the default limit once base64-encoded. Everything else keeps the small limit.
 */
export const UPLOAD_METHODS: readonly string[] = ['anlagen.add', 'vorlagen.importDocx', 'hausvorlage.set'];
const METHOD_NAME = /^[A-Za-z0-9._-]{1,100}$/;

export class HttpError extends Error {
  constructor(
    readonly code: HttpErrorCode,
    message?: string,
  ) {
    super(message ?? HTTP_ERRORS[code].message);
  }
}

export function sendError(reply: FastifyReply, code: HttpErrorCode, message?: string) {
  const body: TransportResponse = { ok: false, error: { code: code as TransportErrorCode, message: message ?? HTTP_ERRORS[code].message } };
  return reply.code(HTTP_ERRORS[code].status).headers(securityHeaders(APP_CSP)).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(body);
}

/** A JSON answer of the API with the app's headers. */
export const sendJson = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).headers(securityHeaders(APP_CSP)).header('cache-control', 'no-store').send(body);

export interface HttpServerOptions {
  /** The largest body any route takes (per-route limits are set in apiRoutes). */
  bodyLimit: number;
  trustProxy?: boolean;
  /** Unexpected failures: logged in full, answered with a German INTERNAL. */
  logError: (message: string, error: unknown) => void;
}

/** A Fastify instance with the JSON parser and the error answers both servers use. */
export function createHttpServer(options: HttpServerOptions): FastifyInstance {
  const server = Fastify({ trustProxy: options.trustProxy ?? false, bodyLimit: options.bodyLimit, logger: false, return503OnClosing: true, forceCloseConnections: true });
  // Large uploads may take a while; a client that never finishes its headers may not.
  server.server.headersTimeout = 30_000;
  server.server.requestTimeout = 0;

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
    // Drain nothing more of a refused upload: close the connection once answered.
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply.header('connection', 'close'), 'PAYLOAD_TOO_LARGE');
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.code === 'FST_ERR_CTP_EMPTY_TYPE') return sendError(reply, 'UNSUPPORTED_MEDIA_TYPE');
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return sendError(reply, 'BAD_REQUEST');
    if (error.code === 'FST_CSRF_MISSING_SECRET' || error.code === 'FST_CSRF_INVALID_TOKEN') return sendError(reply, 'FORBIDDEN', CSRF_REFUSED);
    if (error.statusCode === 429) return sendError(reply, 'TOO_MANY_REQUESTS');
    options.logError('http server', error);
    return sendError(reply, 'INTERNAL');
  });
  return server;
}

export const CSRF_REFUSED = 'Die Anfrage wurde abgelehnt: Das Sicherheitsmerkmal (CSRF-Token) fehlt oder ist falsch. Bitte laden Sie die Seite neu.';

/** JSON only: a form post or text body never reaches the dispatcher. */
export const requireJson = async (request: FastifyRequest) => {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError('UNSUPPORTED_MEDIA_TYPE');
};

export interface ApiRouteOptions {
  dispatch: GuardedDispatch;
  maxBodyBytes: number;
  uploadBodyBytes: number;
  /** Checks before the body is read (who may call) and after (e.g. CSRF). */
  hooks: Pick<RouteShorthandOptions, 'onRequest' | 'preHandler'>;
  /** The signed-in user the call runs as (team server); none in web mode. */
  user?: (request: FastifyRequest) => SessionUser | undefined;
  /** After a call: e.g. announce a committed change. */
  after?: (method: string, request: FastifyRequest, response: TransportResponse) => Promise<void>;
}

/**
 * POST /api/<method> over the guarded dispatcher. Upload methods get their own routes with the
 * large body limit, so the small limit holds for everything else also when a body arrives
 * without Content-Length. With Accept: application/x-ndjson, progress events stream before the
 * final response.
 */
export function apiRoutes(server: FastifyInstance, options: ApiRouteOptions): void {
  const handle = async (method: string, request: FastifyRequest, reply: FastifyReply) => {
    if (!METHOD_NAME.test(method)) throw new HttpError('NOT_FOUND');
    const params = request.body ?? {};
    const user = options.user?.(request);
    const streaming = (request.headers.accept ?? '').includes('application/x-ndjson');
    if (!streaming) {
      const response = await options.dispatch(method, params, user ? { user } : {});
      await options.after?.(method, request, response);
      return sendJson(reply, response, response.ok ? 200 : (API_STATUS[response.error.code] ?? 400));
    }
    reply.hijack();
    reply.raw.writeHead(200, { ...securityHeaders(APP_CSP), 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    const write = (message: StreamMessage) => {
      if (!reply.raw.writableEnded) reply.raw.write(`${JSON.stringify(message)}\n`);
    };
    const onProgress = (progress: ProgressEvent) => write({ type: 'progress', progress });
    const response = await options.dispatch(method, params, user ? { user, onProgress } : { onProgress });
    await options.after?.(method, request, response);
    write({ type: 'response', response });
    reply.raw.end();
  };
  const route = { ...options.hooks, preValidation: requireJson };
  for (const method of UPLOAD_METHODS) server.post(`/api/${method}`, { ...route, bodyLimit: options.uploadBodyBytes }, (request, reply) => handle(method, request, reply));
  server.post<{ Params: { method: string } }>('/api/:method', { ...route, bodyLimit: options.maxBodyBytes }, (request, reply) => handle(request.params.method, request, reply));
}

/**
 * Sends a file once it is open: it can vanish between lookup and open (outbox pruned, renderer
 * rebuilt), and then the answer is a German 404. A read error after the status went out cuts
 * the connection, so the browser sees the transfer failed instead of a short file.
 */
export function sendFile(reply: FastifyReply, file: string, headers: http.OutgoingHttpHeaders, missing: string, onSent?: () => void): Promise<void> {
  return new Promise<void>((resolve) => {
    const stream = fs.createReadStream(file);
    const raw = reply.raw;
    stream.once('open', () => {
      reply.hijack();
      raw.writeHead(200, headers);
      if (reply.request.method === 'HEAD') {
        stream.destroy();
        raw.end();
        return resolve();
      }
      if (onSent) raw.once('finish', onSent);
      stream.pipe(raw);
      stream.once('end', () => resolve());
    });
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (raw.headersSent) {
        raw.destroy();
        return resolve();
      }
      if (error.code === 'ENOENT') void sendError(reply, 'NOT_FOUND', missing);
      else void sendError(reply, 'INTERNAL');
      resolve();
    });
  });
}

export interface OutputFileEntry {
  path: string;
  fileName: string;
  mediaType: string;
  size?: number;
}

/** An output file (PDF, DOCX, bundle …) for preview (inline) or download (attachment). */
export function sendOutputFile(reply: FastifyReply, entry: OutputFileEntry, download: boolean, onSent?: () => void): Promise<void> {
  const isPdf = entry.mediaType === 'application/pdf';
  const inline = !download && (isPdf || entry.mediaType.startsWith('text/html'));
  const headers: http.OutgoingHttpHeaders = {
    ...securityHeaders(isPdf ? PDF_CSP : FILE_CSP, true),
    'Content-Type': entry.mediaType,
    'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${entry.fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(entry.fileName)}`,
    'Cache-Control': 'no-store',
  };
  if (entry.size !== undefined) headers['Content-Length'] = entry.size;
  return sendFile(reply, entry.path, headers, FILE_GONE, onSent);
}

/**
 * The built renderer for every path no route took; GET and HEAD only, never outside rendererDir.
 * An API path that no route took is refused: 405 for a method name asked with another HTTP verb, else 404.
 */
export function serveRenderer(server: FastifyInstance, rendererDir: string): void {
  server.all('/api/*', async (request, reply) => {
    const name = request.url.split('?')[0]!.slice('/api/'.length);
    return sendError(reply, METHOD_NAME.test(name) && request.method !== 'POST' ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND');
  });
  server.setNotFoundHandler(async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendError(reply, 'METHOD_NOT_ALLOWED');
    const urlPath = request.url.split('?')[0]!;
    const file = resolveStatic(rendererDir, urlPath);
    if (!file) return sendError(reply, urlPath === '/' || urlPath === '/index.html' ? 'UNAVAILABLE' : 'NOT_FOUND');
    let size: number;
    try {
      size = fs.statSync(file.path).size;
    } catch {
      return sendError(reply, 'NOT_FOUND');
    }
    return sendFile(
      reply,
      file.path,
      {
        ...securityHeaders(APP_CSP),
        'Content-Type': file.type,
        'Content-Length': size,
        'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
      HTTP_ERRORS.NOT_FOUND.message,
    );
  });
}
