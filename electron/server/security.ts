import crypto from 'node:crypto';
import type http from 'node:http';

/** Only 127.0.0.1:PORT and localhost:PORT: a foreign name pointing at us (DNS rebinding) is refused. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
}

/**
 * Browsers send Origin on cross-origin requests and on every POST; Sec-Fetch-Site tells us
 * where a request came from. Requests without either (curl, tests) are judged by token alone.
 */
export function isSameOrigin(req: http.IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) return false;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  return true;
}

export function tokenMatches(given: unknown, token: string): boolean {
  if (typeof given !== 'string') return false;
  // Compare byte lengths: a header with a non-ASCII character has as many characters as the
  // token but more bytes, and timingSafeEqual throws on unequal lengths (was a 500).
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export const newToken = () => crypto.randomBytes(24).toString('base64url');
