import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempApp, tempDir } from '../../helpers/temp-app.js';
import { crawl } from './consumer/crawl.js';
import { readExport } from './read-export.js';

/**
 * The web server snippets of docs/oparl.md. Their text is checked always: each duty the docs
 * name is configured for the folder the export writes. Where the server is installed (Debian's
 * nginx and apache2-bin; .ci/run installs both), the snippet also really serves a demo export:
 * a private server configuration holds the snippet verbatim except for the folder (/srv/oparl
 * becomes the export's folder; nginx gets the system's mime.types copied beside it for the
 * snippet's `include mime.types;`), the server runs as a child process in the foreground on a
 * free port of 127.0.0.1 with its pid, logs and temp files in a temp folder, and the test
 * fetches a list, a download, the folders, then crawls everything as a consumer does. Where a
 * server is missing, its tests are reported as skipped, not passed.
 */
const docs = path.resolve(__dirname, '../../../docs/oparl');
const nginx = fs.readFileSync(path.join(docs, 'nginx.conf'), 'utf8');
const apache = fs.readFileSync(path.join(docs, 'apache.conf'), 'utf8');
const directives = (conf: string) => conf.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);

/** An installed program, also where PATH lacks the sbin folders (Debian puts both servers there). */
const which = (cmd: string) =>
  [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/sbin']
    .filter(Boolean)
    .map((dir) => path.join(dir, cmd))
    .find((file) => {
      try {
        fs.accessSync(file, fs.constants.X_OK);
        return fs.statSync(file).isFile();
      } catch {
        return false;
      }
    });
const NGINX = which('nginx');
const NGINX_MIME_TYPES = '/etc/nginx/mime.types';
const APACHE = which('apache2');
const APACHE_MODULES = '/usr/lib/apache2/modules';
const hasNginx = !!NGINX && fs.existsSync(NGINX_MIME_TYPES);
const hasApache = !!APACHE && fs.existsSync(path.join(APACHE_MODULES, 'mod_headers.so'));

describe('web server snippets in docs/oparl/', () => {
  it('nginx: the folder under the base path, JSON as application/json, CORS everywhere, downloads as attachment, no rewrites', () => {
    const d = directives(nginx);
    expect(d).toContain('location /oparl/v1/ {');
    expect(d).toContain('alias /srv/oparl/;');
    expect(d).toContain('types { application/json json; }');
    expect(d.filter((l) => l === 'add_header Access-Control-Allow-Origin "*" always;')).toHaveLength(2); // nested locations do not inherit add_header
    expect(d).toContain('location /oparl/v1/download/ {');
    expect(d).toContain('alias /srv/oparl/download/;');
    expect(d).toContain('add_header Content-Disposition "attachment" always;');
    expect(nginx).not.toMatch(/^\s*(rewrite|try_files)\b/m);
    expect(d.join('\n').split('{').length).toBe(d.join('\n').split('}').length);
  });

  it('Apache: the same duties', () => {
    const d = directives(apache);
    expect(d).toContain('Alias /oparl/v1/ /srv/oparl/');
    expect(d).toContain('Options -Indexes -MultiViews');
    expect(d).toContain('AddType application/json .json');
    expect(d).toContain('Header always set Access-Control-Allow-Origin "*"');
    expect(d).toContain('<Directory /srv/oparl/download>');
    expect(d).toContain('Header always set Content-Disposition "attachment"');
    expect(apache).not.toMatch(/RewriteRule|RewriteEngine/);
    expect(d.filter((l) => l.startsWith('<Directory')).length).toBe(d.filter((l) => l === '</Directory>').length);
  });
});

// ---- The snippets serving a real export ----

const BASE_PATH = '/oparl/v1/';
/** The export, made once for whichever servers are installed, and the port they take in turn. */
let exported: Promise<{ dir: string; port: number; base: string }> | undefined;
const theExport = () =>
  (exported ??= (async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}${BASE_PATH}`;
    const parent = tempDir('vw-oparl-served-');
    // The servers' workers run as nobody when the tests run as root: they must be able to read it.
    fs.chmodSync(parent, 0o755);
    const dir = path.join(parent, 'ris');
    const t = await tempApp({ demo: true });
    try {
      await t.call('daten.oparlExport', { dir, baseUrl: base });
    } finally {
      await t.close();
    }
    return { dir, port, base };
  })());

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The snippet with the export's folder in place of /srv/oparl (outside comments), and nothing else changed. */
function withFolder(snippet: string, dir: string, expectedCount: number): string {
  let count = 0;
  const out = snippet
    .split('\n')
    .map((line) => {
      const hash = line.indexOf('#');
      const [code, comment] = hash < 0 ? [line, ''] : [line.slice(0, hash), line.slice(hash)];
      return code.replace(/\/srv\/oparl(?=[/>\s;])/g, () => (count++, dir)) + comment;
    })
    .join('\n');
  expect(count, 'places of /srv/oparl in the snippet').toBe(expectedCount);
  return out;
}

interface Running {
  stop(): Promise<void>;
  /** What the server said (stdout, stderr, error log), for failure messages. */
  output(): string;
}

/** Starts a server in the foreground and waits until it answers on the port; fails with its output if it exits. */
async function startServer(cmd: string, args: string[], port: number, errorLog: string): Promise<Running> {
  let said = '';
  const child: ChildProcess = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (b: Buffer) => (said += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (said += b.toString()));
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (error) => ((said += `${String(error)}\n`), resolve(null)));
  });
  let gone = false;
  void exited.then(() => (gone = true));
  const output = () => `${said}${fs.existsSync(errorLog) ? fs.readFileSync(errorLog, 'utf8') : ''}`;
  const stop = async () => {
    if (gone) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (gone) throw new Error(`${cmd} exited at start (code ${await exited}):\n${output()}`);
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
      return { stop, output };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`${cmd} did not answer on port ${port}:\n${output()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** nginx, as a site has it: a server block (which lists folders elsewhere) with the snippet pasted in. */
async function startNginx(dir: string, port: number): Promise<Running> {
  const d = tempDir('vw-nginx-');
  fs.chmodSync(d, 0o755);
  fs.mkdirSync(path.join(d, 'www'));
  // The snippet's `include mime.types;` is relative to the configuration's folder.
  fs.copyFileSync(NGINX_MIME_TYPES, path.join(d, 'mime.types'));
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((m) => `${m}_temp_path ${d}/${m}_temp;`).join('\n  ');
  const conf = `daemon off;
worker_processes 1;
pid ${d}/nginx.pid;
error_log ${d}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  ${temp}
  server {
    listen 127.0.0.1:${port};
    root ${d}/www;
    # Folder listings on for the rest of the site: the snippet has to switch them off for its own.
    autoindex on;
${withFolder(nginx, dir, 2)}
  }
}
`;
  fs.writeFileSync(path.join(d, 'nginx.conf'), conf);
  return startServer(NGINX!, ['-p', d, '-e', `${d}/error.log`, '-c', path.join(d, 'nginx.conf')], port, `${d}/error.log`);
}

/** Apache 2.4 with a private configuration: only the modules the snippet and a plain site need. */
async function startApache(dir: string, port: number): Promise<Running> {
  const d = tempDir('vw-apache-');
  fs.chmodSync(d, 0o755);
  fs.mkdirSync(path.join(d, 'www'));
  const mimeTypes = fs.existsSync('/etc/mime.types') ? '/etc/mime.types' : path.join(d, 'mime.types');
  if (!fs.existsSync(mimeTypes)) fs.writeFileSync(mimeTypes, '');
  const modules = ['mpm_event', 'authz_core', 'alias', 'mime', 'headers', 'dir', 'autoindex', 'negotiation'];
  const conf = `ServerRoot ${d}
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile ${d}/apache.pid
DefaultRuntimeDir ${d}
ErrorLog ${d}/error.log
LogLevel warn
${process.getuid?.() === 0 ? 'User #65534\nGroup #65534' : ''}
${modules.map((m) => `LoadModule ${m}_module ${APACHE_MODULES}/mod_${m}.so`).join('\n')}
StartServers 1
ThreadsPerChild 8
TypesConfig ${mimeTypes}
DocumentRoot ${d}/www
# Folder listings and content negotiation on for the rest of the site: the snippet has to switch them off for its own.
<Directory />
    Options Indexes MultiViews
    AllowOverride None
    Require all denied
</Directory>
${withFolder(apache, dir, 3)}
`;
  fs.writeFileSync(path.join(d, 'apache.conf'), conf);
  // -X: one process in the foreground, ended by SIGTERM.
  return startServer(APACHE!, ['-f', path.join(d, 'apache.conf'), '-X'], port, `${d}/error.log`);
}

/** The same requests against either server. */
function servesTheExport(start: (dir: string, port: number) => Promise<Running>) {
  let server: Running;
  let dir: string;
  let base: string;
  beforeAll(async () => {
    ({ dir, base } = await theExport());
    server = await start(dir, (await theExport()).port);
  }, 120_000);
  afterAll(async () => server?.stop());

  const get = async (url: string) => {
    const res = await fetch(url);
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const fileOf = (url: string) => path.join(dir, ...url.slice(base.length).split('/').map(decodeURIComponent));
  const someFile = () => {
    const file = readExport(dir).lists.files.data.find((f) => !f.deleted && typeof f.downloadUrl === 'string' && typeof f.accessUrl === 'string');
    expect(file, 'a File with bytes in the export').toBeTruthy();
    return { accessUrl: String(file!.accessUrl), downloadUrl: String(file!.downloadUrl) };
  };

  it('a list file: application/json in UTF-8, CORS, exactly the file, not as a download', async () => {
    const { res, bytes } = await get(`${base}papers.json`);
    expect(res.status, server.output()).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json; ?charset=utf-8$/i);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(bytes.equals(fs.readFileSync(path.join(dir, 'papers.json')))).toBe(true);
    const system = await get(`${base}system.json`);
    expect(system.res.headers.get('content-type')).toMatch(/^application\/json; ?charset=utf-8$/i);
    expect(system.res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('a file under download/: Content-Disposition attachment, CORS, the same bytes as its accessUrl, which is no download', async () => {
    const file = someFile();
    expect(file.downloadUrl.startsWith(`${base}download/`)).toBe(true);
    const download = await get(file.downloadUrl);
    expect(download.res.status, server.output()).toBe(200);
    expect(download.res.headers.get('content-disposition')).toBe('attachment');
    expect(download.res.headers.get('access-control-allow-origin')).toBe('*');
    expect(download.bytes.equals(fs.readFileSync(fileOf(file.downloadUrl)))).toBe(true);
    const access = await get(file.accessUrl);
    expect(access.res.status).toBe(200);
    expect(access.res.headers.get('content-disposition')).toBeNull();
    expect(access.res.headers.get('access-control-allow-origin')).toBe('*');
    expect(access.bytes.equals(download.bytes)).toBe(true);
    expect(download.res.headers.get('content-type')).toBe(access.res.headers.get('content-type'));
  });

  it('no folder is listed (the base, download/, an object folder): 403 or 404 without file names; errors carry CORS too', async () => {
    const file = someFile();
    const folders = [base, `${base}download/`, `${base}papers/`, file.downloadUrl.replace(/[^/]+$/, '')];
    for (const url of folders) {
      const { res, bytes } = await get(url);
      expect([403, 404], url).toContain(res.status);
      const text = bytes.toString('utf8');
      for (const name of ['system.json', 'papers.json', decodeURIComponent(file.downloadUrl.split('/').pop()!)]) expect(text, url).not.toContain(name);
      expect(res.headers.get('access-control-allow-origin'), url).toBe('*');
    }
    const missing = await get(`${base}papers/no-such-paper.json`);
    expect(missing.res.status).toBe(404);
    expect(missing.res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('a consumer crawls the whole export through it (every id and file, no rewrites) without a complaint', async () => {
    const result = await crawl(`${base}system.json`);
    expect(result.problems).toEqual([]);
    expect(result.objects.size).toBeGreaterThan(150);
    expect(result.files).toBeGreaterThan(20);
  }, 120_000);
}

describe.skipIf(!hasNginx)('nginx serves an export with docs/oparl/nginx.conf (skipped where nginx is not installed)', () => {
  servesTheExport(startNginx);
});

describe.skipIf(!hasApache)('Apache serves an export with docs/oparl/apache.conf (skipped where apache2 is not installed)', () => {
  servesTheExport(startApache);
});
