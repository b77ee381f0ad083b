import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../electron/core/app-context.js';
import { printCacheDir } from '../../electron/core/export/pack/print-cache.js';
import { builtinTemplatesDir } from '../../electron/core/templates/loader.js';
import { silentLogger } from '../../electron/core/log.js';
// @ts-expect-error plain JavaScript build script without type declarations
import { buildTeamServer as buildTeamServerUntyped } from '../../scripts/build-web.mjs';
import { PASSWORD, addTestUser } from '../helpers/team.js';
import { createTestDatabase, postgresAvailable } from '../helpers/postgres-test-db.js';
import { tempDir } from '../helpers/temp-app.js';
import { docxPart } from '../core/export/docx/helpers.js';
import { startTeamInstance, stopTeamInstances, type TeamInstance } from '../helpers/team-instance.js';

/**
 * Two team server PROCESSES on one database: nothing but the database (and the shared storage
 * folder) connects them. Runs on PostgreSQL when a server answers, and always on one SQLite file.
 */
const buildTeamServer = buildTeamServerUntyped as () => Promise<string>;
const engines: ('postgres' | 'sqlite')[] = (await postgresAvailable()) ? ['postgres', 'sqlite'] : ['sqlite'];

type Instance = TeamInstance;

const startInstance = startTeamInstance;

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
  /** How to start one more process on the same database (the one the kill test kills). */
  let entry: string;
  let instanceArgs: string[];

  beforeAll(async () => {
    // Into out/web like `npm run server`: the bundle finds its packages in the repository's node_modules.
    entry = await buildTeamServer();
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
    instanceArgs = [...dbArgs, '--storage', storage];
    [a, b] = await Promise.all([startInstance(entry, instanceArgs), startInstance(entry, instanceArgs)]);
  }, 120_000);

  afterAll(async () => {
    await stopTeamInstances([a, b]);
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

  it('a server process killed (SIGKILL) during a save loses no acknowledged save and shows no half-written one', async () => {
    const observer = await signIn(a.url, 'admin');
    const [paper] = (await callApi(a.url, observer, 'vorlagen.list')).body.result as { id: number }[];
    let acknowledgedSaves = 0;
    for (let round = 0; round < 3; round++) {
      const victim = await startInstance(entry, instanceArgs);
      const exited = new Promise((resolve) => victim.child.once('exit', resolve));
      const writer = await signIn(victim.url, 'admin');
      let acknowledged = (await callApi(a.url, observer, 'vorlagen.get', { ref: paper!.id })).body.result as { title: string; revision: number };
      const save = async (title: string) => {
        const response = await callApi(victim.url, writer, 'vorlagen.save', { id: paper!.id, expectedRevision: acknowledged.revision, title });
        expect(response.status).toBe(200);
        acknowledged = { title, revision: (response.body.result as { revision: number }).revision };
        acknowledgedSaves++;
      };
      for (let i = 0; i <= round; i++) await save(`Gesichert ${round}.${i}`);
      // One more save, and the process dies while it runs (or just after it answered).
      const last = `Beim Abbruch ${round}`;
      const pending = save(last).then(
        () => 'acknowledged',
        () => 'lost connection',
      );
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
      victim.child.kill('SIGKILL');
      await exited;
      await pending;

      const after = (await callApi(a.url, observer, 'vorlagen.get', { ref: paper!.id })).body.result as { title: string; revision: number };
      if (after.title === last && acknowledged.title !== last) {
        // Committed, but the answer never reached the client: allowed, as long as it is whole.
        expect(after.revision).toBe(acknowledged.revision + 1);
      } else {
        expect(after).toMatchObject({ title: acknowledged.title, revision: acknowledged.revision });
      }
      const history = (await callApi(a.url, observer, 'vorlagen.history', { ref: paper!.id })).body.result as { revisions: { number: number }[] };
      expect(Math.max(...history.revisions.map((r) => r.number))).toBe(after.revision);
    }
    expect(acknowledgedSaves).toBeGreaterThanOrEqual(6);
  }, 180_000);
});

/** Files below a folder, recursively (none when it does not exist). */
const filesIn = (dir: string): string[] => (fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((e) => e.isFile()).map((e) => e.name) : []);

describe.skipIf(!engines.includes('postgres'))('team server processes with data folders of their own on one postgres database', () => {
  let a: Instance;
  let c: Instance;
  let drop: (() => Promise<void>) | undefined;
  let cDataDir: string;
  let storage: string;

  beforeAll(async () => {
    const entry = await buildTeamServer();
    const database = await createTestDatabase();
    drop = database.drop;
    const aDataDir = tempDir();
    cDataDir = tempDir();
    storage = path.join(aDataDir, 'ausgabe');
    fs.mkdirSync(storage, { recursive: true });
    const setup = await openApp({ dataDir: aDataDir, log: silentLogger, databaseUrl: database.url });
    const { createDispatcher, call } = await import('../../electron/core/api/dispatcher.js');
    await call(createDispatcher(setup), 'daten.demo', {});
    await addTestUser(setup, 'admin', 'admin');
    await setup.close();
    // Two machines: each process has its own data folder (logs, print cache), only the database and the storage are shared.
    [a, c] = await Promise.all([
      startInstance(entry, ['--database-url', database.url, '--data-dir', aDataDir, '--storage', storage]),
      startInstance(entry, ['--database-url', database.url, '--data-dir', cDataDir, '--storage', storage]),
    ]);
  }, 120_000);

  afterAll(async () => {
    await stopTeamInstances([a, c]);
    await drop?.();
  });

  it('data erased through one instance (DSGVO) leaves no printed copy in the print cache of the other', async () => {
    const client = await signIn(a.url, 'admin');
    const other = await signIn(c.url, 'admin');
    const meetings = (await callApi(c.url, other, 'sitzungen.list')).body.result as { id: number }[];
    // The other instance prints a Sitzungsmappe: its Vorlagen and Anlagen are now in its own print cache.
    const packed = await callApi(c.url, other, 'sitzungen.pack', { meetingId: meetings[0]!.id, variant: 'members' });
    expect(packed.status).toBe(200);
    const cached = printCacheDir(cDataDir);
    expect(filesIn(cached).length).toBeGreaterThan(0);

    const papers = (await callApi(a.url, client, 'vorlagen.list')).body.result as { id: number; status: string }[];
    const draft = papers.find((p) => p.status === 'entwurf')!;
    expect((await callApi(a.url, client, 'vorlagen.delete', { id: draft.id })).status).toBe(200);
    // The notice travels through the database: the other instance empties its cache a moment later.
    for (let i = 0; i < 100 && filesIn(cached).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(filesIn(cached)).toEqual([]);
  }, 180_000);

  it('a Hausvorlage uploaded through one instance is reported by the other and used in its DOCX exports', async () => {
    const client = await signIn(a.url, 'admin');
    const other = await signIn(c.url, 'admin');
    expect((await callApi(c.url, other, 'hausvorlage.get')).body.result).toMatchObject({ registered: false });
    const letterhead = fs.readFileSync(path.join(builtinTemplatesDir(), 'hausvorlage', 'musterkreis-briefkopf.docx'));
    const set = await callApi(a.url, client, 'hausvorlage.set', { fileName: 'musterkreis-briefkopf.docx', dataBase64: letterhead.toString('base64') });
    expect(set.status).toBe(200);

    const seen = await callApi(c.url, other, 'hausvorlage.get');
    expect(seen.body.result).toMatchObject({ registered: true, fileName: 'musterkreis-briefkopf.docx', sha256: (set.body.result as { sha256: string }).sha256 });
    const [paper] = (await callApi(c.url, other, 'vorlagen.list')).body.result as { id: number }[];
    const exported = await callApi(c.url, other, 'vorlagen.exportDocx', { ref: paper!.id });
    expect(exported.status).toBe(200);
    expect(exported.body.result).toMatchObject({ letterhead: true });
    const file = (exported.body as unknown as { file: { id: string } }).file;
    const fetched = await fetch(`${c.url}/files/${file.id}`, { headers: { cookie: other.cookie } });
    expect(fetched.status).toBe(200);
    // The Musterkreis letterhead's header line: only the Hausvorlage brings it into the document.
    expect(await docxPart(new Uint8Array(await fetched.arrayBuffer()), 'word/header1.xml')).toContain('Der Landrat');

    // Removed through the other instance: gone for the first one as well.
    expect((await callApi(c.url, other, 'hausvorlage.remove')).body.result).toEqual({ removed: true });
    expect((await callApi(a.url, client, 'hausvorlage.get')).body.result).toMatchObject({ registered: false });
  }, 60_000);

  it('gives no --storage hint to instances that share a storage folder', () => {
    expect(a.output()).toContain('läuft unter');
    expect(a.output()).not.toContain('Ohne --storage');
  });

  it('a user template placed in the shared storage folder is offered by both instances', async () => {
    const client = await signIn(a.url, 'admin');
    const other = await signIn(c.url, 'admin');
    fs.mkdirSync(path.join(storage, 'templates'), { recursive: true });
    fs.writeFileSync(
      path.join(storage, 'templates', 'teambericht.json'),
      JSON.stringify({
        id: 'teambericht',
        name: 'Teambericht',
        defaultRole: 'kenntnisnahme',
        sections: [{ key: 'sachverhalt', title: 'Sachverhalt', required: true, defaultText: 'Bericht für {{jahr}}' }],
        closingLine: 'Zur Sitzung {{gremium.genitive}} am {{sitzung.datum}}.',
        signature: { greeting: 'Im Auftrag', signatory: '{{amt.unterzeichnung}}' },
        attachments: { singular: 'Anlage:', plural: 'Anlagen:' },
      }),
    );
    for (const [base, who] of [[a.url, client], [c.url, other]] as const) {
      const listed = (await callApi(base, who, 'vorlagen.templates')).body.result as { templates: { id: string; name: string; source: string }[]; errors: unknown[] };
      expect(listed.errors).toEqual([]);
      expect(listed.templates).toContainEqual(expect.objectContaining({ id: 'teambericht', name: 'Teambericht', source: 'user' }));
    }
  });
});

/** Reads a Server-Sent Events stream until an event of `type` whose data passes `match` arrives. */
async function nextEvent(response: Response, type: string, match: (data: Record<string, unknown>) => boolean, timeoutMs = 15_000): Promise<Record<string, unknown>> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no ${type} event within ${timeoutMs} ms: ${buffer}`)), deadline - Date.now()))]);
      if (chunk.done) throw new Error(`stream ended before a ${type} event: ${buffer}`);
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (name === type && data) {
          const parsed = JSON.parse(data) as Record<string, unknown>;
          if (match(parsed)) return parsed;
        }
      }
    }
    throw new Error(`no ${type} event within ${timeoutMs} ms`);
  } finally {
    await reader.cancel().catch(() => {});
  }
}

describe.each(engines)('live updates between team server processes on one %s database', (engine) => {
  let a: Instance;
  let b: Instance;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const entry = await buildTeamServer();
    const dataDir = tempDir();
    let databaseUrl: string | undefined;
    if (engine === 'postgres') {
      const database = await createTestDatabase();
      drop = database.drop;
      databaseUrl = database.url;
    }
    const dbArgs = databaseUrl ? ['--database-url', databaseUrl, '--data-dir', dataDir] : ['--data-dir', dataDir];
    const setup = await openApp({ dataDir, log: silentLogger, ...(databaseUrl ? { databaseUrl } : {}) });
    const { createDispatcher, call } = await import('../../electron/core/api/dispatcher.js');
    await call(createDispatcher(setup), 'daten.demo', {});
    await addTestUser(setup, 'admin', 'admin');
    await addTestUser(setup, 'leser', 'lesen');
    await setup.close();
    a = await startInstance(entry, dbArgs);
    // On one SQLite file only one process may serve (no cross-process notices): both ends on A.
    b = engine === 'postgres' ? await startInstance(entry, dbArgs) : a;
  }, 120_000);

  afterAll(async () => {
    await stopTeamInstances([a, b]);
    await drop?.();
  });

  it(`${engine === 'postgres' ? 'says' : 'does not say'} at start that without --storage the instance keeps its files to itself`, async () => {
    // stderr may arrive just after the start line the helper waited for.
    for (let i = 0; i < (engine === 'postgres' ? 50 : 10) && !a.output().includes('Ohne --storage'); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    if (engine === 'postgres') expect(a.output()).toContain('Hinweis: Ohne --storage bleiben Exporte, Hausvorlage und eigene Schablonen im Datenordner dieser Instanz');
    else expect(a.output()).not.toContain('Ohne --storage');
  });

  it('without a session the event stream answers 401', async () => {
    const response = await fetch(`${b.url}/api/events`);
    expect(response.status).toBe(401);
  });

  it(`a save on ${engine === 'postgres' ? 'instance A reaches an event stream opened on instance B' : 'the instance reaches its event streams'}, naming the Vorlage and who saved it`, async () => {
    const writer = await signIn(a.url, 'admin');
    const reader = await signIn(b.url, 'leser');
    const stream = await fetch(`${b.url}/api/events`, { headers: { cookie: reader.cookie, accept: 'text/event-stream' } });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const [paper] = (await callApi(a.url, writer, 'vorlagen.list')).body.result as { id: number }[];
    const detail = (await callApi(a.url, writer, 'vorlagen.get', { ref: paper!.id })).body.result as { revision: number };
    const heard = nextEvent(stream, 'change', (data) => data.id === paper!.id);
    const saved = await callApi(a.url, writer, 'vorlagen.save', { id: paper!.id, expectedRevision: detail.revision, title: 'Live geänderter Titel' });
    expect(saved.status).toBe(200);
    const event = await heard;
    expect(event).toEqual({ kind: 'vorlagen', id: paper!.id, by: 'Person admin', method: 'vorlagen.save' });
    // Only a notice: the new title itself is not in the stream.
    expect(JSON.stringify(event)).not.toContain('Live geänderter Titel');
  });

  it('presence: who has a Vorlage open on one instance is named to an editor of it on the other, and no longer after closing', async () => {
    const writer = await signIn(a.url, 'admin');
    const reader = await signIn(b.url, 'leser');
    const [paper] = (await callApi(a.url, writer, 'vorlagen.list')).body.result as { id: number }[];
    const first = await callApi(a.url, writer, 'presence.announce', { paperId: paper!.id, state: 'open' });
    expect(first.status).toBe(200);
    expect(first.body.result).toEqual({ others: [] });
    // The notice travels through the database: B may hear it a moment later.
    let others: string[] = [];
    for (let i = 0; i < 50 && !others.includes('Person admin'); i++) {
      others = ((await callApi(b.url, reader, 'presence.announce', { paperId: paper!.id, state: 'open' })).body.result as { others: string[] }).others;
      if (!others.includes('Person admin')) await new Promise((r) => setTimeout(r, 100));
    }
    expect(others).toEqual(['Person admin']);
    expect(((await callApi(a.url, writer, 'presence.announce', { paperId: paper!.id, state: 'open' })).body.result as { others: string[] }).others).toEqual(['Person leser']);
    await callApi(a.url, writer, 'presence.announce', { paperId: paper!.id, state: 'close' });
    for (let i = 0; i < 50 && others.length > 0; i++) {
      others = ((await callApi(b.url, reader, 'presence.announce', { paperId: paper!.id, state: 'open' })).body.result as { others: string[] }).others;
      if (others.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(others).toEqual([]);
  });

  it('presence reaches the event streams of the others at once (an editor shows it without waiting for its heartbeat)', async () => {
    const writer = await signIn(a.url, 'admin');
    const reader = await signIn(b.url, 'leser');
    const stream = await fetch(`${b.url}/api/events`, { headers: { cookie: reader.cookie } });
    const [paper] = (await callApi(a.url, writer, 'vorlagen.list')).body.result as { id: number }[];
    const heard = nextEvent(stream, 'change', (data) => data.kind === 'presence' && data.id === paper!.id);
    await callApi(a.url, writer, 'presence.announce', { paperId: paper!.id, state: 'open' });
    expect(await heard).toEqual({ kind: 'presence', id: paper!.id, by: 'Person admin', method: 'open' });
    await callApi(a.url, writer, 'presence.announce', { paperId: paper!.id, state: 'close' });
  });

  it('logging out ends the open event stream with a German notice', async () => {
    const reader = await signIn(b.url, 'leser');
    const stream = await fetch(`${b.url}/api/events`, { headers: { cookie: reader.cookie } });
    const ended = nextEvent(stream, 'ended', () => true);
    expect((await callApi(b.url, reader, 'auth.logout')).status).toBe(200);
    const event = await ended;
    expect(String(event.message)).toContain('melden Sie sich erneut an');
  });
});
