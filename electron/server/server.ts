import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProgressEvent } from '../shared/contract.js';
import { API_TOKEN_HEADER, type StreamMessage, type TransportErrorCode, type TransportResponse } from '../shared/transport.js';
import type { GuardedDispatch } from '../host/file-policy.js';
import type { Outbox } from '../host/outbox.js';
import { APP_CSP, FILE_CSP, PDF_CSP, securityHeaders } from '../host/csp.js';
import { isAllowedHost, isSameOrigin, tokenMatches } from './security.js';
import { resolveStatic } from '../host/static-files.js';

export interface WebServerOptions {
  dispatch: GuardedDispatch;
  outbox: Outbox;
  rendererDir: string;
  token: string;
  /** Default request body limit; file uploads (Anlagen, Word files) get `uploadBodyBytes`. */
  maxBodyBytes?: number;
  uploadBodyBytes?: number;
  log?: (message: string) => void;
}

export const DEFAULT_MAX_BODY = 8 * 1024 * 1024;
/** An Anlage of up to 100 MB arrives base64-encoded inside JSON. */
export const DEFAULT_UPLOAD_BODY = 140 * 1024 * 1024;
/**
 * Methods that carry a file: the contract allows Anlagen up to 100 MB and Word files up to 50 MB,
 * far more than the default limit once base64-encoded. Everything else keeps the small limit.
 */
const UPLOAD_METHODS = new Set(['anlagen.add', 'vorlagen.importDocx', 'hausvorlage.set']);

const ERRORS: Record<TransportErrorCode, { status: number; message: string }> = {
  UNAUTHORIZED: { status: 401, message: 'Zugriff verweigert: Das Zugangs-Token fehlt oder ist falsch. Bitte öffnen Sie die Adresse, die beim Start von Vorlagenwerk angezeigt wurde.' },
  FORBIDDEN: { status: 403, message: 'Anfragen von fremden Seiten werden abgelehnt.' },
  BAD_REQUEST: { status: 400, message: 'Die Anfrage ist kein gültiges JSON.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Die Anfrage ist zu groß.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Die Anfrage muss als JSON (Content-Type: application/json) gesendet werden.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Diese Anfrageart ist hier nicht erlaubt.' },
  NOT_FOUND: { status: 404, message: 'Diese Adresse gibt es nicht.' },
  UNAVAILABLE: { status: 503, message: 'Die Oberfläche wurde noch nicht gebaut. Bitte „npm run build“ ausführen.' },
};

const API_STATUS: Record<string, number> = { VALIDATION: 422, NOT_FOUND: 404, CONFLICT: 409, INTERNAL: 500, FORBIDDEN: 403, CANCELLED: 200 };

class RequestError extends Error {
  constructor(
    readonly code: TransportErrorCode,
    message?: string,
  ) {
    super(message ?? ERRORS[code].message);
  }
}

export interface WebServer {
  server: http.Server;
  listen(port?: number): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
}

/**
 * Web mode: the built renderer plus POST /api/<method> over the guarded dispatcher, and
 * GET /files/<id> for output files. Every answer carries the security headers; every refusal is
 * a typed German error without internals.
 */
export function createWebServer(options: WebServerOptions): WebServer {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const uploadBody = options.uploadBodyBytes ?? DEFAULT_UPLOAD_BODY;
  const log = options.log ?? (() => {});
  let port = 0;

  function sendError(res: http.ServerResponse, code: TransportErrorCode, message?: string) {
    const body: TransportResponse = { ok: false, error: { code, message: message ?? ERRORS[code].message } };
    sendJson(res, ERRORS[code].status, body);
  }

  function sendJson(res: http.ServerResponse, status: number, body: unknown) {
    if (res.headersSent) return res.end();
    const text = JSON.stringify(body);
    res.writeHead(status, {
      ...securityHeaders(APP_CSP),
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-store',
    });
    res.end(text);
  }

  async function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > limit) throw new RequestError('PAYLOAD_TOO_LARGE');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw new RequestError('PAYLOAD_TOO_LARGE');
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, method: string) {
    if (req.method !== 'POST') throw new RequestError('METHOD_NOT_ALLOWED');
    if (!isSameOrigin(req, port)) throw new RequestError('FORBIDDEN');
    if (!tokenMatches(req.headers[API_TOKEN_HEADER], options.token)) throw new RequestError('UNAUTHORIZED');
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') throw new RequestError('UNSUPPORTED_MEDIA_TYPE');
    const text = await readBody(req, UPLOAD_METHODS.has(method) ? uploadBody : maxBody);
    let params: unknown;
    try {
      params = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw new RequestError('BAD_REQUEST');
    }

    const streaming = (req.headers.accept ?? '').includes('application/x-ndjson');
    if (!streaming) {
      const response = await options.dispatch(method, params);
      return sendJson(res, response.ok ? 200 : (API_STATUS[response.error.code] ?? 400), response);
    }
    res.writeHead(200, {
      ...securityHeaders(APP_CSP),
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    const write = (message: StreamMessage) => {
      if (!res.writableEnded) res.write(`${JSON.stringify(message)}\n`);
    };
    const response = await options.dispatch(method, params, { onProgress: (progress: ProgressEvent) => write({ type: 'progress', progress }) });
    write({ type: 'response', response });
    res.end();
  }

  function handleFile(req: http.IncomingMessage, res: http.ServerResponse, url: URL, id: string) {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new RequestError('METHOD_NOT_ALLOWED');
    if (!tokenMatches(url.searchParams.get('token'), options.token)) throw new RequestError('UNAUTHORIZED');
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new RequestError('FORBIDDEN');
    const entry = options.outbox.get(id);
    if (!entry) throw new RequestError('NOT_FOUND', 'Diese Datei ist nicht mehr vorhanden. Bitte erzeugen Sie sie erneut.');
    const download = url.searchParams.get('download') === '1';
    const isPdf = entry.mediaType === 'application/pdf';
    const inline = !download && (isPdf || entry.mediaType.startsWith('text/html'));
    const encoded = encodeURIComponent(entry.fileName);
    const headers = {
      ...securityHeaders(isPdf ? PDF_CSP : FILE_CSP, true),
      'Content-Type': entry.mediaType,
      'Content-Length': entry.size,
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${entry.fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encoded}`,
      'Cache-Control': 'no-store',
    };
    if (req.method === 'HEAD') return res.writeHead(200, headers).end();
    // A download is the end of the file's use (a preview is not): it goes soon after.
    sendFile(res, entry.path, headers, 'Diese Datei ist nicht mehr vorhanden. Bitte erzeugen Sie sie erneut.', download ? () => options.outbox.downloaded(id) : undefined);
  }

  function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new RequestError('METHOD_NOT_ALLOWED');
    const file = resolveStatic(options.rendererDir, url.pathname);
    if (!file) {
      if (url.pathname === '/' || url.pathname === '/index.html') throw new RequestError('UNAVAILABLE');
      throw new RequestError('NOT_FOUND');
    }
    const stat = fs.statSync(file.path);
    const headers = {
      ...securityHeaders(APP_CSP),
      'Content-Type': file.type,
      'Content-Length': stat.size,
      'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    if (req.method === 'HEAD') return res.writeHead(200, headers).end();
    sendFile(res, file.path, headers);
  }

  /**
   * Answers only once the file is open: it can vanish between lookup and open (outbox pruned,
   * renderer rebuilt), and a stream error without a listener would take the whole server down.
   */
  function sendFile(res: http.ServerResponse, file: string, headers: http.OutgoingHttpHeaders, missing?: string, onSent?: () => void) {
    const stream = fs.createReadStream(file);
    stream.once('open', () => {
      res.writeHead(200, headers);
      stream.pipe(res);
    });
    if (onSent) res.once('finish', onSent);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // Mid-transfer the status is out already: cutting the connection tells the browser it failed.
      if (res.headersSent) return void res.destroy();
      if (error.code === 'ENOENT') return sendError(res, 'NOT_FOUND', missing);
      log(`web server: ${error.stack ?? String(error)}`);
      sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Ein interner Fehler ist aufgetreten. Details stehen in der Protokolldatei.' } });
    });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    try {
      if (!isAllowedHost(req.headers.host, port)) throw new RequestError('FORBIDDEN', 'Unzulässiger Host. Vorlagenwerk ist nur unter 127.0.0.1 oder localhost erreichbar.');
      // No CORS: a preflight from another origin gets a plain refusal, never Allow-Origin.
      if (req.method === 'OPTIONS') throw new RequestError('FORBIDDEN');
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      const api = /^\/api\/([A-Za-z0-9._-]{1,100})$/.exec(url.pathname);
      if (api) return await handleApi(req, res, api[1]!);
      if (url.pathname.startsWith('/api/')) throw new RequestError('NOT_FOUND');
      const file = /^\/files\/([^/]{1,100})$/.exec(url.pathname);
      if (file) return handleFile(req, res, url, file[1]!);
      return handleStatic(req, res, url);
    } catch (error) {
      if (error instanceof RequestError) {
        // Drain nothing more of a refused upload: close the connection once answered.
        if (error.code === 'PAYLOAD_TOO_LARGE') res.setHeader('Connection', 'close');
        return sendError(res, error.code, error.message);
      }
      log(`web server: ${(error as Error)?.stack ?? String(error)}`);
      sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Ein interner Fehler ist aufgetreten. Details stehen in der Protokolldatei.' } });
    }
  }

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 0;

  return {
    server,
    listen(requested = 0) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(requested, '127.0.0.1', () => {
          server.off('error', reject);
          port = (server.address() as AddressInfo).port;
          resolve({ port, url: `http://127.0.0.1:${port}/?token=${options.token}` });
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
