import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../electron/core/app-context.js';
import { silentLogger } from '../../electron/core/log.js';
// @ts-expect-error plain JavaScript build script without type declarations
import { buildTeamServer as buildTeamServerUntyped } from '../../scripts/build-web.mjs';
import { PASSWORD, addTestUser } from '../helpers/team.js';
import { createTestDatabase, postgresAvailable } from '../helpers/postgres-test-db.js';
import { tempDir } from '../helpers/temp-app.js';

/**
 * Two team server PROCESSES on one database: nothing but the database (and the shared storage
 * folder) connects them. Runs on PostgreSQL when a server answers, and always on one SQLite file.
 */
const buildTeamServer = buildTeamServerUntyped as () => Promise<string>;
const engines: ('postgres' | 'sqlite')[] = (await postgresAvailable()) ? ['postgres', 'sqlite'] : ['sqlite'];

interface Instance {
  child: ChildProcess;
  url: string;
}

async function startInstance(entry: string, args: string[]): Promise<Instance> {
  const child = spawn(process.execPath, [entry, ...args, '--host', '127.0.0.1', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VORLAGENWERK_DATABASE_URL: '' } });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`team server did not start: ${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /läuft unter (http:\/\/\S+?)\/?\n/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`team server exited with ${code}: ${output}`)));
  });
  return { child, url };
}

interface Client {
  cookie: string;
  csrf: string;
}

async function signIn(base: string, login: string): Promise<Client> {
  const response = await fetch(`${base}/api/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: PASSWORD }) });
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { result } = (await response.json()) as { result: { csrfToken: string } };
  return { cookie, csrf: result.csrfToken };
}

async function callApi(base: string, client: Client, method: string, params: unknown = {}) {
  const response = await fetch(`${base}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: client.cookie, 'x-csrf-token': client.csrf },
    body: JSON.stringify(params),
  });
  return { status: response.status, body: (await response.json()) as { ok: boolean; result?: unknown; error?: { code: string; message: string } } };
}

describe.each(engines)('two team server processes on one %s database', (engine) => {
  let a: Instance;
  let b: Instance;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    // Into out/web like `npm run server`: the bundle finds its packages in the repository's node_modules.
    const entry = await buildTeamServer();
    const dataDir = tempDir();
    const storage = path.join(dataDir, 'ausgabe');
    let dbArgs: string[];
    let databaseUrl: string | undefined;
    if (engine === 'postgres') {
      const database = await createTestDatabase();
      drop = database.drop;
      databaseUrl = database.url;
      dbArgs = ['--database-url', database.url, '--data-dir', dataDir];
    } else {
      dbArgs = ['--data-dir', dataDir];
    }
    const setup = await openApp({ dataDir, log: silentLogger, ...(databaseUrl ? { databaseUrl } : {}) });
    const { createDispatcher, call } = await import('../../electron/core/api/dispatcher.js');
    await call(createDispatcher(setup), 'daten.demo', {});
    await addTestUser(setup, 'admin', 'admin');
    await addTestUser(setup, 'sitzung', 'sitzungsdienst');
    await setup.close();
    fs.mkdirSync(storage, { recursive: true });
    [a, b] = await Promise.all([startInstance(entry, [...dbArgs, '--storage', storage]), startInstance(entry, [...dbArgs, '--storage', storage])]);
  }, 120_000);

  afterAll(async () => {
    for (const instance of [a, b]) {
      if (!instance) continue;
      const exited = new Promise((resolve) => instance.child.once('exit', resolve));
      instance.child.kill('SIGTERM');
      await exited;
    }
    await drop?.();
  });

  it('a session made on one instance is valid on the other, and logging out on one ends it on both', async () => {
    const client = await signIn(a.url, 'admin');
    expect((await callApi(b.url, client, 'app.info')).status).toBe(200);
    expect((await callApi(b.url, client, 'auth.logout')).status).toBe(200);
    expect((await callApi(a.url, client, 'app.info')).status).toBe(401);
  });

  it('an export made on one instance can be fetched from the other', async () => {
    const client = await signIn(a.url, 'admin');
    const list = await callApi(a.url, client, 'vorlagen.list');
    const [paper] = list.body.result as { id: number; title: string }[];
    const exported = await callApi(a.url, client, 'vorlagen.exportHtml', { ref: paper!.id });
    expect(exported.status).toBe(200);
    const file = (exported.body as unknown as { file: { id: string } }).file;
    const fetched = await fetch(`${b.url}/files/${file.id}`, { headers: { cookie: client.cookie } });
    expect(fetched.status).toBe(200);
    expect(await fetched.text()).toContain(paper!.title.slice(0, 20));
  });

  it('two saves of one Vorlage at once through the two instances: exactly one CONFLICT, and the other save is kept', async () => {
    const admin = await signIn(a.url, 'admin');
    const other = await signIn(b.url, 'admin');
    const [paper] = (await callApi(a.url, admin, 'vorlagen.list')).body.result as { id: number }[];
    for (let round = 0; round < 3; round++) {
      const detail = (await callApi(a.url, admin, 'vorlagen.get', { ref: paper!.id })).body.result as { revision: number };
      const results = await Promise.all([
        callApi(a.url, admin, 'vorlagen.save', { id: paper!.id, expectedRevision: detail.revision, title: `Fassung A ${round}` }),
        callApi(b.url, other, 'vorlagen.save', { id: paper!.id, expectedRevision: detail.revision, title: `Fassung B ${round}` }),
      ]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409]);
      const conflict = results.find((r) => r.status === 409)!;
      expect(conflict.body.error).toMatchObject({ code: 'CONFLICT' });
      const winner = results.findIndex((r) => r.status === 200);
      const after = (await callApi(b.url, other, 'vorlagen.get', { ref: paper!.id })).body.result as { title: string; revision: number };
      expect(after.title).toBe(`Fassung ${winner === 0 ? 'A' : 'B'} ${round}`);
      expect(after.revision).toBe(detail.revision + 1);
    }
  });
});
