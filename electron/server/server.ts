import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { API_TOKEN_HEADER } from '../shared/transport.js';
import type { GuardedDispatch } from '../host/file-policy.js';
import type { Outbox } from '../host/outbox.js';
import { FILE_GONE, HttpError, apiRoutes, createHttpServer, sendError, sendOutputFile, serveRenderer } from './http-base.js';
import { isAllowedHost, isSameOrigin, tokenMatches } from './security.js';

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

const TOKEN_REFUSED = 'Zugriff verweigert: Das Zugangs-Token fehlt oder ist falsch. Bitte öffnen Sie die Adresse, die beim Start von Vorlagenwerk angezeigt wurde.';
const HOST_REFUSED = 'Unzulässiger Host. Vorlagenwerk ist nur unter 127.0.0.1 oder localhost erreichbar.';

export interface WebServer {
  server: http.Server;
  listen(port?: number): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
}

/**
 * Web mode: one user on this machine. The built renderer plus POST /api/<method> over the guarded
 * dispatcher and GET /files/<id> for output files, on loopback only, authorised by the per-start
 * token. Fastify and the answers are shared with the team server (http-base.ts).
 */
export function createWebServer(options: WebServerOptions): WebServer {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const uploadBody = options.uploadBodyBytes ?? DEFAULT_UPLOAD_BODY;
  const log = options.log ?? (() => {});
  let port = 0;

  const server = createHttpServer({ bodyLimit: Math.max(maxBody, uploadBody), logError: (message, error) => log(`web server: ${(error as Error)?.stack ?? String(error)}`) });

  // Before routing: a foreign name pointing at us (DNS rebinding) and any CORS preflight.
  server.addHook('onRequest', async (request) => {
    if (!isAllowedHost(request.headers.host, port)) throw new HttpError('FORBIDDEN', HOST_REFUSED);
    if (request.method === 'OPTIONS') throw new HttpError('FORBIDDEN');
  });

  const authorise = async (request: FastifyRequest) => {
    if (!isSameOrigin(request.raw, port)) throw new HttpError('FORBIDDEN');
    if (!tokenMatches(request.headers[API_TOKEN_HEADER], options.token)) throw new HttpError('UNAUTHORIZED', TOKEN_REFUSED);
  };
  apiRoutes(server, { dispatch: options.dispatch, maxBodyBytes: maxBody, uploadBodyBytes: uploadBody, hooks: { onRequest: authorise } });

  // Output files open in new tabs and downloads, which send no header: the token is in the query.
  server.get<{ Params: { id: string }; Querystring: { token?: string; download?: string } }>('/files/:id', async (request, reply) => {
    if (!tokenMatches(request.query.token, options.token)) return sendError(reply, 'UNAUTHORIZED', TOKEN_REFUSED);
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return sendError(reply, 'FORBIDDEN');
    const entry = options.outbox.get(request.params.id);
    if (!entry) return sendError(reply, 'NOT_FOUND', FILE_GONE);
    const download = request.query.download === '1';
    // A download is the end of the file's use (a preview is not): it goes soon after.
    return sendOutputFile(reply, entry, download, download ? () => options.outbox.downloaded(request.params.id) : undefined);
  });

  serveRenderer(server, options.rendererDir);

  return {
    server: server.server,
    async listen(requested = 0) {
      await server.listen({ host: '127.0.0.1', port: requested });
      port = (server.server.address() as AddressInfo).port;
      return { port, url: `http://127.0.0.1:${port}/?token=${options.token}` };
    },
    close: () => server.close(),
  };
}
