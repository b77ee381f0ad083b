import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openApp, type AppContext } from '../../electron/core/app-context.js';
import { createDispatcher } from '../../electron/core/api/dispatcher.js';
import { createFileGuardedDispatch } from '../../electron/host/file-policy.js';
import { Outbox } from '../../electron/host/outbox.js';
import { DEFAULT_MAX_BODY, createWebServer, type WebServer } from '../../electron/server/server.js';
import { prepareData } from '../../electron/host/startup.js';

let app: AppContext;
let outbox: Outbox;
let web: WebServer;
let port: number;
let dataDir: string;
let rendererDir: string;
const token = 'test-token-0123456789abcdefghij';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json(): { ok: boolean; result?: unknown; error?: { code: string; message: string }; file?: { id: string; fileName: string } };
}

function request(options: { method?: string; path: string; headers?: Record<string, string | number>; body?: string | Buffer; host?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: { host: options.host ?? `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const api = (method: string, body: unknown = {}, headers: Record<string, string> = {}) =>
  request({ method: 'POST', path: `/api/${method}`, headers: { 'content-type': 'application/json', 'x-vorlagenwerk-token': token, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

const noStackTrace = (text: string) => expect(text).not.toMatch(/\bat .+:\d+:\d+|Error:|node_modules/);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vw-server-'));
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vw-renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Vorlagenwerk</title>');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app-123.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dataDir, 'geheim.txt'), 'nicht ausliefern');
  app = await openApp({ dataDir, actor: 'test' });
  const dispatch = createDispatcher(app);
  await prepareData(app, dispatch);
  outbox = new Outbox();
  web = createWebServer({ dispatch: createFileGuardedDispatch({ dispatch, outbox, dataDir }), outbox, rendererDir, token });
  ({ port } = await web.listen(0));
});

afterAll(async () => {
  await web.close();
  outbox.close();
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

describe('web mode server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect((web.server.address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it('answers a real API call with the demo data loaded on first start', async () => {
    const reply = await api('gremien.list');
    expect(reply.status).toBe(200);
    const body = reply.json();
    expect(body.ok).toBe(true);
    expect((body.result as { shortName: string }[]).map((c) => c.shortName)).toContain('Sozialausschuss');
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('passes domain errors through as typed German errors', async () => {
    const reply = await api('sitzungen.get', { id: 999999 });
    expect(reply.status).toBe(404);
    expect(reply.json().error).toMatchObject({ code: 'NOT_FOUND' });
    expect(reply.json().error!.message).toMatch(/nicht gefunden/);
    const invalid = await api('sitzungen.get', { id: 'x' });
    expect(invalid.status).toBe(422);
    expect(invalid.json().error!.code).toBe('VALIDATION');
  });

  it('requires the per-start token', async () => {
    const missing = await api('gremien.list', {}, { 'x-vorlagenwerk-token': '' });
    expect(missing.status).toBe(401);
    expect(missing.json().error).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(missing.json().error!.message).toMatch(/Zugangs-Token/);
    const wrong = await api('gremien.list', {}, { 'x-vorlagenwerk-token': token.replace(/.$/, 'X') });
    expect(wrong.status).toBe(401);
    noStackTrace(wrong.text);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    for (const host of ['evil.example:80', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `127.0.0.1.evil.example:${port}`]) {
      const reply = await request({ method: 'POST', path: '/api/gremien.list', host, headers: { 'content-type': 'application/json', 'x-vorlagenwerk-token': token }, body: '{}' });
      expect(reply.status, host).toBe(403);
      expect(reply.json().error!.message).toMatch(/Host/);
    }
    // HTTP/1.0 without any Host header.
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.end('GET / HTTP/1.0\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.[01] 403/);
    const page = await request({ path: '/', host: `rebind.example:${port}` });
    expect(page.status).toBe(403);
    expect((await request({ path: '/', host: `localhost:${port}` })).status).toBe(200);
  });

  it('rejects cross-origin requests and never allows CORS', async () => {
    const foreign = await api('gremien.list', {}, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const crossSite = await api('gremien.list', {}, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const preflight = await request({ method: 'OPTIONS', path: '/api/gremien.list', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const sameOrigin = await api('gremien.list', {}, { origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' });
    expect(sameOrigin.status).toBe(200);
  });

  it('requires JSON content type', async () => {
    const reply = await request({ method: 'POST', path: '/api/gremien.list', headers: { 'content-type': 'text/plain', 'x-vorlagenwerk-token': token }, body: '{}' });
    expect(reply.status).toBe(415);
    expect(reply.json().error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const form = await request({ method: 'POST', path: '/api/gremien.list', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-vorlagenwerk-token': token }, body: 'a=1' });
    expect(form.status).toBe(415);
  });

  it('answers bad JSON with a German error and no stack trace', async () => {
    const reply = await api('gremien.list', '{"broken": ');
    expect(reply.status).toBe(400);
    expect(reply.json().error).toEqual({ code: 'BAD_REQUEST', message: 'Die Anfrage ist kein gültiges JSON.' });
    noStackTrace(reply.text);
  });

  it('refuses bodies over the limit, by declared length and by actual size', async () => {
    const huge = Buffer.alloc(9 * 1024 * 1024, 0x20);
    const declared = await api('gremien.list', huge.toString());
    expect(declared.status).toBe(413);
    expect(declared.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });

    // Chunked upload without Content-Length: counted while it streams.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: '/api/gremien.list', headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', 'x-vorlagenwerk-token': token, 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'EPIPE' || (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
      for (let i = 0; i < 10; i++) req.write(Buffer.alloc(1024 * 1024, 0x20));
      req.end();
    });
    expect(chunked).toBe(413);
  });

  it('takes a Word file of more than the default limit, for the import and as Hausvorlage, like an Anlage', async () => {
    // Photos make Word files large: ~9 MB arrive as ~12 MB of base64 inside JSON.
    const bigDocx = async (text: string) => {
      const small = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] }));
      const zip = await JSZip.loadAsync(small);
      zip.file('word/media/foto.jpg', crypto.randomBytes(9 * 1024 * 1024), { compression: 'STORE' });
      return zip.generateAsync({ type: 'nodebuffer' });
    };
    const docx = await bigDocx('Sachstand Sprachförderung mit Fotos');
    const body = JSON.stringify({ fileName: 'Sachstand mit Fotos.docx', dataBase64: docx.toString('base64'), template: 'mitteilungsvorlage', departmentId: 1, title: 'Sachstand mit Fotos' });
    expect(Buffer.byteLength(body)).toBeGreaterThan(DEFAULT_MAX_BODY);
    const imported = await api('vorlagen.importDocx', body);
    expect(imported.status).toBe(200);
    expect((imported.json().result as { paper: { title: string } }).paper.title).toBe('Sachstand mit Fotos');

    const letterhead = await bigDocx('{{inhalt}}');
    const set = await api('hausvorlage.set', { fileName: 'Briefkopf.docx', dataBase64: letterhead.toString('base64') });
    expect(set.status).toBe(200);
    expect(set.json().ok).toBe(true);
    await api('hausvorlage.remove', {});

    // Other methods keep the small limit.
    const other = await api('gremien.list', body);
    expect(other.status).toBe(413);
  });

  it('refuses unknown API methods and wrong HTTP methods', async () => {
    const unknown = await api('fs.readFile', { path: '/etc/passwd' });
    expect(unknown.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const get = await request({ path: '/api/gremien.list', headers: { 'x-vorlagenwerk-token': token } });
    expect(get.status).toBe(405);
  });

  it('serves the renderer with a strict CSP and security headers, and nothing else from disk', async () => {
    const page = await request({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Vorlagenwerk</title>');
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const asset = await request({ path: '/assets/app-123.js' });
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    for (const p of ['/../geheim.txt', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../etc/passwd', '/geheim.txt']) {
      expect((await request({ path: p })).status, p).toBe(404);
    }
  });

  it('hands written files out only by id and token', async () => {
    const target = path.join(dataDir, 'vom-browser-gewaehlt.json');
    const reply = await api('daten.export', { path: target, publicOnly: true });
    const body = reply.json();
    expect(body.ok).toBe(true);
    expect(fs.existsSync(target)).toBe(false);
    const id = body.file!.id;
    expect((await request({ path: `/files/${id}` })).status).toBe(401);
    expect((await request({ path: `/files/${id}?token=falsch` })).status).toBe(401);
    const download = await request({ path: `/files/${id}?token=${token}&download=1` });
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="vorlagenwerk-export.json"/);
    expect(JSON.parse(download.text).format).toBe('vorlagenwerk-bundle');
    expect((await request({ path: `/files/${'0'.repeat(32)}?token=${token}` })).status).toBe(404);
    expect((await request({ path: `/files/..%2f..%2fetc%2fpasswd?token=${token}` })).status).toBe(404);
  });

  it('answers in German and keeps running when a file is gone between lookup and reading', async () => {
    // An output file removed from disk while the outbox still lists it (pruned, temp folder cleaned).
    const reply = await api('daten.export', { path: path.join(dataDir, 'x.json'), publicOnly: true });
    const id = reply.json().file!.id;
    fs.rmSync(outbox.get(id)!.path);
    const gone = await request({ path: `/files/${id}?token=${token}` });
    expect(gone.status).toBe(404);
    expect(gone.json().error!.message).toBe('Diese Datei ist nicht mehr vorhanden. Bitte erzeugen Sie sie erneut.');

    // A renderer file removed by a rebuild after it was looked up, just before it is opened.
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app-old.js'), 'console.log(0)');
    const open = fs.createReadStream;
    const spy = vi.spyOn(fs, 'createReadStream').mockImplementationOnce(((file: string) => {
      fs.rmSync(file);
      return open(file);
    }) as typeof fs.createReadStream);
    try {
      const rebuilt = await request({ path: '/assets/app-old.js' });
      expect(rebuilt.status).toBe(404);
      expect(rebuilt.json().error!.message).toBe('Diese Adresse gibt es nicht.');
    } finally {
      spy.mockRestore();
    }

    // A file that cannot be read after it was opened: the transfer is cut off instead of completed.
    const broken = (await api('daten.export', { path: path.join(dataDir, 'y.json'), publicOnly: true })).json().file!.id;
    const target = outbox.get(broken)!.path;
    fs.rmSync(target);
    fs.mkdirSync(target);
    const cut = await new Promise<string>((resolve) => {
      http
        .get({ host: '127.0.0.1', port, path: `/files/${broken}?token=${token}`, headers: { host: `127.0.0.1:${port}` } }, (res) => {
          res.on('error', () => resolve('abgebrochen'));
          res.on('end', () => resolve(res.complete ? 'vollständig' : 'abgebrochen'));
          res.resume();
        })
        .on('error', () => resolve('abgebrochen'));
    });
    expect(cut).toBe('abgebrochen');

    expect((await request({ path: '/' })).status).toBe(200);
  });

  it('refuses reading arbitrary files on behalf of the page', async () => {
    const restore = await api('sicherung.restore', { file: path.join(dataDir, 'geheim.txt') });
    expect(restore.json().error).toMatchObject({ code: 'FORBIDDEN' });
    const importing = await api('daten.import', { path: '/etc/passwd' });
    expect(importing.json().error).toMatchObject({ code: 'FORBIDDEN' });
    expect(importing.json().error!.message).toMatch(/Browser/);
  });
});

describe('progress streaming', () => {
  it('streams progress events as NDJSON before the final response', async () => {
    const out = new Outbox();
    const streaming = createWebServer({
      outbox: out,
      rendererDir,
      token,
      dispatch: async (_method, _params, options = {}) => {
        for (let i = 1; i <= 3; i++) {
          options.onProgress?.({ step: `Teil ${i}`, done: i, total: 3 });
          await new Promise((r) => setTimeout(r, 20));
        }
        return { ok: true, result: { pages: 12 } };
      },
    });
    const { port: p } = await streaming.listen(0);
    try {
      const lines: { type: string; at: number }[] = [];
      const started = Date.now();
      const res = await fetch(`http://127.0.0.1:${p}/api/app.info`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/x-ndjson', 'x-vorlagenwerk-token': token },
        body: '{}',
      });
      expect(res.headers.get('content-type')).toMatch(/application\/x-ndjson/);
      const reader = res.body!.getReader();
      let buffered = '';
      const parsed: unknown[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffered += new TextDecoder().decode(value);
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const message = JSON.parse(buffered.slice(0, nl));
          parsed.push(message);
          lines.push({ type: message.type, at: Date.now() - started });
          buffered = buffered.slice(nl + 1);
        }
      }
      expect(parsed).toEqual([
        { type: 'progress', progress: { step: 'Teil 1', done: 1, total: 3 } },
        { type: 'progress', progress: { step: 'Teil 2', done: 2, total: 3 } },
        { type: 'progress', progress: { step: 'Teil 3', done: 3, total: 3 } },
        { type: 'response', response: { ok: true, result: { pages: 12 } } },
      ]);
      // The first event arrives while the work is still going on, not with the answer.
      expect(lines[0]!.at).toBeLessThan(lines[3]!.at);
    } finally {
      await streaming.close();
      out.close();
    }
  });
});
