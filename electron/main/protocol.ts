import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Outbox } from '../host/outbox.js';
import { FILE_CSP, PDF_CSP } from '../host/csp.js';
import { resolveStatic } from '../host/static-files.js';
import { APP_SCHEME } from '../shared/transport.js';
import { DESKTOP_CSP } from './csp.js';

/** Privileges of vorlagenwerk://: a standard, secure origin that can stream (PDF viewer). */
export const APP_SCHEME_PRIVILEGES = { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } };

const notFound = () => new Response('Nicht gefunden.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': "default-src 'none'" } });

function fileBody(file: string): ReadableStream {
  return Readable.toWeb(fs.createReadStream(file)) as unknown as ReadableStream;
}

/**
 * Answers vorlagenwerk://app/… with the built renderer and vorlagenwerk://datei/<id> with an
 * output file of the outbox. Nothing else on disk is reachable through the scheme.
 */
export function respondToAppRequest(url: string, options: { rendererDir: string; outbox: Outbox }): Response {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return notFound();
  }
  if (parsed.protocol !== `${APP_SCHEME}:`) return notFound();
  if (parsed.host === 'app') {
    const file = resolveStatic(options.rendererDir, parsed.pathname);
    if (!file) return notFound();
    return new Response(fileBody(file.path), {
      status: 200,
      headers: { 'Content-Type': file.type, 'Content-Security-Policy': DESKTOP_CSP, 'X-Content-Type-Options': 'nosniff' },
    });
  }
  if (parsed.host === 'datei') {
    const entry = options.outbox.get(decodeURIComponent(parsed.pathname.replace(/^\//, '')));
    if (!entry) return notFound();
    const isPdf = entry.mediaType === 'application/pdf';
    return new Response(fileBody(entry.path), {
      status: 200,
      headers: {
        'Content-Type': entry.mediaType,
        'Content-Length': String(entry.size),
        'Content-Security-Policy': isPdf ? PDF_CSP : FILE_CSP,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  }
  return notFound();
}
