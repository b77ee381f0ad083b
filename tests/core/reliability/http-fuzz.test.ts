import fc from 'fast-check';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createDispatcher } from '../../../electron/core/api/dispatcher.js';
import { createFileGuardedDispatch } from '../../../electron/host/file-policy.js';
import { Outbox } from '../../../electron/host/outbox.js';
import { createWebServer, type WebServer } from '../../../electron/server/server.js';
import { contract } from '../../../electron/shared/contract.js';
import { databaseFingerprint, tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';
import { anyTransportable, malformed, validish } from './helpers/zod-arbitrary.js';

/**
 * Issue 8.4, web mode: the same fuzzing through the HTTP endpoint, with everything a request can
 * get wrong — verb, path, Host (DNS rebinding), Origin / Sec-Fetch-Site (cross-origin), token
 * (missing, wrong, non-ASCII), content type, body (bad JSON, random bytes, too large) — plus raw
 * malformed HTTP on a socket. Every refusal is a typed German error with the right status, the
 * database stays unchanged, and the server keeps serving.
 */

const RUNS = Number(process.env.VW_HTTP_FUZZ_RUNS ?? 1_500);
const SEED = Number(process.env.VW_FUZZ_SEED ?? Date.now() % 2 ** 31);
const TOKEN = 'fuzz-token-0123456789abcdefghijkl';
const methods = Object.keys(contract);

let t: TempApp;
let web: WebServer;
let outbox: Outbox;
let port: number;
let fingerprint: string;
const counts = { requests: 0, admitted: 0, refused: {} as Record<number, number>, raw: 0 };

beforeAll(async () => {
  t = await tempApp({ demo: true });
  outbox = new Outbox(10, tempDir('vw-http-outbox-'));
  const rendererDir = tempDir('vw-http-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Vorlagenwerk</title>');
  web = createWebServer({ dispatch: createFileGuardedDispatch({ dispatch: createDispatcher(t.app), outbox, dataDir: t.dir }), outbox, rendererDir, token: TOKEN, maxBodyBytes: 256 * 1024, uploadBodyBytes: 512 * 1024 });
  ({ port } = await web.listen(0));
  fingerprint = await databaseFingerprint(t.app);
});

afterAll(async () => {
  await web?.close();
  outbox?.close();
  await t?.close();
  console.log(`[http-fuzz] seed ${SEED}: ${JSON.stringify(counts)}`);
});

interface Shape {
  verb: string;
  method: string;
  host: string;
  origin: string;
  site: string;
  token: string;
  ctype: string;
  accept: string;
  body: string | Buffer;
}

const HOSTS: Record<string, (p: number) => string | undefined> = {
  ok: (p) => `127.0.0.1:${p}`,
  localhost: (p) => `localhost:${p}`,
  upper: (p) => `LOCALHOST:${p}`,
  evil: () => 'evil.example',
  rebind: (p) => `attacker.example:${p}`,
  otherport: (p) => `127.0.0.1:${p + 1}`,
  bare: () => '127.0.0.1',
};
const ORIGINS: Record<string, (p: number) => string | undefined> = {
  absent: () => undefined,
  same: (p) => `http://127.0.0.1:${p}`,
  sameLocalhost: (p) => `http://localhost:${p}`,
  evil: () => 'https://evil.example',
  null: () => 'null',
  otherport: (p) => `http://127.0.0.1:${p + 1}`,
};
const SITES: Record<string, string | undefined> = { absent: undefined, 'same-origin': 'same-origin', none: 'none', 'cross-site': 'cross-site', 'same-site': 'same-site' };
const TOKENS: Record<string, string | undefined> = {
  ok: TOKEN,
  absent: undefined,
  wrong: TOKEN.replace(/.$/, 'X'),
  short: TOKEN.slice(1),
  // Same number of characters, more bytes: must be a refusal, not a crash.
  latin1: `${TOKEN.slice(0, -1)}\u00e4`,
  spaced: ` ${TOKEN}`,
};
const CTYPES: Record<string, string | undefined> = {
  json: 'application/json',
  charset: 'application/json; charset=utf-8',
  upper: 'Application/JSON',
  text: 'text/plain',
  form: 'application/x-www-form-urlencoded',
  absent: undefined,
};
const admissible = (s: Shape) =>
  s.verb === 'POST' &&
  ['ok', 'localhost', 'upper'].includes(s.host) &&
  ['absent', 'same', 'sameLocalhost'].includes(s.origin) &&
  ['absent', 'same-origin', 'none'].includes(s.site) &&
  // Node strips the leading space of a header value (HTTP's optional whitespace): same token.
  ['ok', 'spaced'].includes(s.token) &&
  ['json', 'charset', 'upper'].includes(s.ctype) &&
  /^[A-Za-z0-9._-]{1,100}$/.test(s.method) &&
  // URL resolution turns /api/.. into / (the static files), /api/. into /api/.
  s.method !== '.' &&
  s.method !== '..';

function send(s: Shape): Promise<{ status: number; text: string; type: string }> {
  const headers: Record<string, string> = {};
  const host = HOSTS[s.host]!(port);
  if (host) headers.host = host;
  const origin = ORIGINS[s.origin]!(port);
  if (origin) headers.origin = origin;
  if (SITES[s.site]) headers['sec-fetch-site'] = SITES[s.site]!;
  if (TOKENS[s.token] !== undefined) headers['x-vorlagenwerk-token'] = TOKENS[s.token]!;
  if (CTYPES[s.ctype]) headers['content-type'] = CTYPES[s.ctype]!;
  if (s.accept) headers.accept = s.accept;
  // Explicit length: Node's client sends a DELETE body without one, which the parser then reads as a broken next request.
  if (s.verb !== 'GET' && s.verb !== 'HEAD') headers['content-length'] = String(Buffer.byteLength(s.body));
  return new Promise((resolve, reject) => {
    const req = http.request({ agent: false, host: '127.0.0.1', port, method: s.verb, path: `/api/${encodeURIComponent(s.method).replace(/%2E/g, '.')}`, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString('utf8'), type: String(res.headers['content-type'] ?? '') }));
    });
    req.on('error', reject);
    if (s.verb !== 'GET' && s.verb !== 'HEAD') req.end(s.body);
    else req.end();
  });
}

const cheapState = () => `${(t.app.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n}/${t.app.db.pragma('data_version', { simple: true }) as number}`;

/** JSON text of a generated value; the deep-nesting mutations are written out by hand (stringify's replacer would overflow the stack). */
function toJson(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? '';
  } catch {
    return `${'{"content":['.repeat(3000)}"Boden"${']}'.repeat(3000)}`;
  }
}

function bodyFor(method: string): fc.Arbitrary<string | Buffer> {
  const def = Object.prototype.hasOwnProperty.call(contract, method) ? (contract as Record<string, { input: z.ZodType }>)[method]! : null;
  const options = { ids: Array.from({ length: 40 }, (_, i) => i + 1), words: ['Sozialausschuss', 'mitteilungsvorlage', 'Integration'] };
  const json = def ? fc.oneof(validish(def.input, options), malformed(validish(def.input, options)), anyTransportable()) : anyTransportable();
  return fc.oneof(
    { weight: 10, arbitrary: json.map(toJson) },
    { weight: 2, arbitrary: fc.constantFrom('', '{', '{"a":', 'null', '[]', '"x"', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '\u0000', '{}}', 'NaN') },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) },
    // Over the body limit (256 KB here; 8 MB in production): 413, connection closed.
    { weight: 1, arbitrary: fc.constant(Buffer.alloc(300 * 1024, 0x41)) },
  );
}

describe('HTTP endpoint fuzz (web mode)', () => {
  it(`answers ${RUNS} hostile or malformed requests with typed refusals and leaves the database unchanged`, async () => {
    // Half the requests are proper (right envelope, fuzzed body), so the dispatcher behind the
    // server gets its share; the other half get everything wrong at random.
    const proper = fc
      .record({
        verb: fc.constant('POST'),
        method: fc.constantFrom(...methods),
        host: fc.constantFrom('ok', 'localhost'),
        origin: fc.constantFrom('absent', 'same'),
        site: fc.constantFrom('absent', 'same-origin'),
        token: fc.constant('ok'),
        ctype: fc.constantFrom('json', 'charset'),
        accept: fc.constantFrom('', 'application/x-ndjson'),
      })
      .chain((s) => bodyFor(s.method).map((body) => ({ ...s, body }) as Shape));
    const hostile = fc
      .record({
        verb: fc.constantFrom('POST', 'POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
        method: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...methods) }, { weight: 1, arbitrary: fc.string({ maxLength: 40 }) }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', '..', 'vorlagen.get/../x', 'a'.repeat(101)) }),
        host: fc.constantFrom(...Object.keys(HOSTS), 'ok', 'ok'),
        origin: fc.constantFrom(...Object.keys(ORIGINS), 'absent', 'same'),
        site: fc.constantFrom(...Object.keys(SITES), 'absent'),
        token: fc.constantFrom(...Object.keys(TOKENS), 'ok', 'ok', 'ok'),
        ctype: fc.constantFrom(...Object.keys(CTYPES), 'json', 'json'),
        accept: fc.constantFrom('', '', '', 'application/x-ndjson'),
      })
      .chain((s) => bodyFor(s.method).map((body) => ({ ...s, body }) as Shape));
    const shape = fc.oneof(proper, hostile);

    await fc.assert(
      fc.asyncProperty(shape, async (s) => {
        counts.requests++;
        const before = cheapState();
        const r = await send(s);
        // Every answer is our JSON (NDJSON when streaming), never a stack trace.
        expect(r.text).not.toMatch(/\bat \S+\.(ts|js):\d|SqliteError|SQLITE_|TypeError|RangeError|node_modules/);
        if (r.type.startsWith('text/html')) {
          // /api/.. resolves to / : the (public, data-free) app page, and only for GET.
          expect(['.', '..']).toContain(s.method);
          expect(r.text).toBe('<!doctype html><title>Vorlagenwerk</title>');
          return;
        }
        const lines = r.type.includes('ndjson') ? r.text.trim().split('\n') : [r.text];
        const last = JSON.parse(lines.at(-1)!) as { type?: string; response?: unknown };
        const payload = (last.type === 'response' ? last.response : last) as { ok: boolean; error?: { code: string; message: string } };
        expect(typeof payload.ok).toBe('boolean');
        if (!payload.ok) expect(payload.error!.message.length).toBeGreaterThan(0);

        if (!admissible(s)) {
          expect(payload.ok, `admitted: ${JSON.stringify({ ...s, body: undefined })}`).toBe(false);
          expect([400, 401, 403, 404, 405, 413, 415]).toContain(r.status);
          counts.refused[r.status] = (counts.refused[r.status] ?? 0) + 1;
        } else {
          counts.admitted++;
          // Admitted requests reach the dispatcher (or fail JSON/size checks): never a crash.
          expect(r.status, r.text.slice(0, 300)).not.toBe(500);
          if (!payload.ok) expect(['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'BAD_REQUEST', 'PAYLOAD_TOO_LARGE', 'CANCELLED']).toContain(payload.error!.code);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        if (cheapState() !== before) {
          const now = await databaseFingerprint(t.app);
          const def = Object.prototype.hasOwnProperty.call(contract, s.method) ? (contract as Record<string, { mutates?: boolean }>)[s.method] : undefined;
          if (payload.ok && def?.mutates) fingerprint = now;
          else expect(now === fingerprint, `${s.method} changed the database (${r.status})`).toBe(true);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 300_000);

  it('survives malformed raw HTTP and keeps serving', async () => {
    const raw = [
      'GARBAGE\r\n\r\n',
      `POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 99999999999999999999\r\n\r\n{}`,
      `POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\nzz\r\n`,
      `POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Vorlagenwerk-Token: ${TOKEN}\r\nX-Vorlagenwerk-Token: ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
      `POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Vorlagenwerk-Token: ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{}`,
      `GET /api/../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
      `POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Vorlagenwerk-Token: ${TOKEN.slice(0, -1)}\u00ff\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
      `POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${'X-Lang: aaaaaaaaaa\r\n'.repeat(3000)}\r\n`,
    ];
    for (const text of raw) {
      counts.raw++;
      const reply = await new Promise<string>((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        let data = '';
        socket.setTimeout(3000, () => socket.destroy());
        socket.on('data', (c) => (data += c.toString('latin1')));
        socket.on('close', () => resolve(data));
        socket.on('error', () => resolve(data));
        socket.end(Buffer.from(text, 'latin1'));
      });
      expect(reply).not.toMatch(/\bat \S+\.(ts|js):\d|RangeError|TypeError/);
      if (reply) expect(reply, JSON.stringify(text.slice(0, 200))).toMatch(/^HTTP\/1\.1 (400|401|403|404|413|431) /);
    }
    const ok = await send({ verb: 'POST', method: 'app.info', host: 'ok', origin: 'absent', site: 'absent', token: 'ok', ctype: 'json', accept: '', body: '{}' });
    expect(ok.status).toBe(200);
    expect(await databaseFingerprint(t.app)).toBe(fingerprint);
  });
});
