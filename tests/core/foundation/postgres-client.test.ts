import { afterEach, describe, expect, it } from 'vitest';
import { call, createDispatcher } from '../../../electron/core/api/dispatcher.js';
import { openApp, type AppContext } from '../../../electron/core/app-context.js';
import { PostgresClient, toPositional } from '../../../electron/core/db/postgres-client.js';
import { migratePostgres, postgresMigrations } from '../../../electron/core/db/postgres-migrate.js';
import { postgresErrorPayload } from '../../../electron/core/db/postgres-errors.js';
import { silentLogger } from '../../../electron/core/log.js';
import { ApiError } from '../../../electron/shared/errors.js';
import { createTestDatabase, postgresAvailable, TEST_DATABASE_URL, urlFor } from '../../helpers/postgres-test-db.js';
import { tempDir } from '../../helpers/temp-app.js';

/**
 * The PostgreSQL SqlClient on its own: placeholder translation, value types, transactions on one
 * pooled connection, two server processes on one database (simulated by two apps with their own
 * pools), a connection lost mid-transaction, and the migration runner under concurrent starts.
 */

describe('? placeholders become $n', () => {
  it('numbers the placeholders and leaves question marks in literals, identifiers and comments alone', () => {
    expect(toPositional('SELECT ? , ?')).toBe('SELECT $1 , $2');
    expect(toPositional(`SELECT '?', 'it''s ?', ? FROM "we?rd" WHERE a = ? -- really?\n AND b = ? /* ? */`)).toBe(
      `SELECT '?', 'it''s ?', $1 FROM "we?rd" WHERE a = $2 -- really?\n AND b = $3 /* ? */`,
    );
    expect(toPositional('SELECT $$ ? $$, ?')).toBe('SELECT $$ ? $$, $1');
  });
});

const available = await postgresAvailable();
const dbs: { drop(): Promise<void> }[] = [];
const apps: AppContext[] = [];
const clients: PostgresClient[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  for (const c of clients.splice(0)) await c.close().catch(() => {});
  for (const d of dbs.splice(0)) await d.drop();
});

async function database() {
  const db = await createTestDatabase();
  dbs.push(db);
  return db;
}

async function instance(url: string) {
  const app = await openApp({ dataDir: tempDir(), databaseUrl: url, log: silentLogger, actor: `server-${apps.length + 1}` });
  apps.push(app);
  const dispatch = createDispatcher(app);
  return { app, call: <M extends Parameters<typeof call>[1]>(method: M, params: unknown) => call(dispatch, method, params) };
}

describe.skipIf(!available)('PostgreSQL client (needs a server at VW_TEST_DATABASE_URL)', () => {
  it('returns counts as numbers and Anlage bytes unchanged', async () => {
    const { url } = await database();
    const client = PostgresClient.connect(url);
    clients.push(client);
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await client.run('INSERT INTO file_blob (sha256, size, data) VALUES (?, ?, ?)', ['x', bytes.length, bytes]);
    const row = await client.get<{ n: number; data: Uint8Array }>('SELECT (SELECT COUNT(*) FROM file_blob) AS n, data FROM file_blob');
    expect(row!.n).toBe(1);
    expect([...row!.data]).toEqual([...bytes]);
  });

  it('joins nested transactions and repository calls to one connection and rolls all back together', async () => {
    const { url } = await database();
    const client = PostgresClient.connect(url);
    clients.push(client);
    await expect(
      client.transaction(async () => {
        await client.run("INSERT INTO department (key, code, name) VALUES ('a', '1', 'Amt A')");
        await client.transaction(() => client.run("INSERT INTO department (key, code, name) VALUES ('b', '2', 'Amt B')"));
        // Another caller outside the transaction sees nothing uncommitted.
        const outside = await new Promise<number>((resolve, reject) => {
          setImmediate(() => void client.pool.query('SELECT COUNT(*) AS n FROM department').then((r) => resolve(Number(r.rows[0].n)), reject));
        });
        expect(outside).toBe(0);
        expect(client.inTransaction).toBe(true);
        throw new Error('abgebrochen');
      }),
    ).rejects.toThrow('abgebrochen');
    expect((await client.get<{ n: number }>('SELECT COUNT(*) AS n FROM department'))!.n).toBe(0);
    expect(client.inTransaction).toBe(false);
  });

  it('two server instances saving the same Vorlage at once: exactly one CONFLICT each round, no lost save', async () => {
    const { url } = await database();
    const a = await instance(url);
    const b = await instance(url);
    await a.call('daten.demo', {});
    const paper = (await a.call('vorlagen.list', {}))[0]!;
    for (let round = 0; round < 5; round++) {
      const before = await a.call('vorlagen.get', { ref: paper.id });
      const saves = await Promise.allSettled([
        a.call('vorlagen.save', { id: paper.id, expectedRevision: before.revision, title: `Fassung A${round}` }),
        b.call('vorlagen.save', { id: paper.id, expectedRevision: before.revision, title: `Fassung B${round}` }),
      ]);
      const refused = saves.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
      expect(refused).toHaveLength(1);
      expect((refused[0]!.reason as ApiError).code).toBe('CONFLICT');
      // The row lock makes the second save wait and then fail the revision check, with its message.
      expect((refused[0]!.reason as ApiError).message).toMatch(/inzwischen anderweitig geändert/);
      const after = await b.call('vorlagen.get', { ref: paper.id });
      expect(after.revision).toBe(before.revision + 1);
      expect(after.title).toBe(saves[0]!.status === 'fulfilled' ? `Fassung A${round}` : `Fassung B${round}`);
    }
  });

  it('two server instances creating Vorlagen at once never hand out the same number', async () => {
    const { url } = await database();
    const a = await instance(url);
    const b = await instance(url);
    await a.call('daten.demo', {});
    const department = (await a.call('aemter.list', {}))[0]!;
    const create = (s: typeof a, i: number) => s.call('vorlagen.create', { template: 'mitteilungsvorlage', departmentId: department.id, title: `Parallel ${i}` });
    const created = await Promise.all(Array.from({ length: 16 }, (_, i) => create(i % 2 ? a : b, i)));
    const references = created.map((p) => p.reference);
    expect(new Set(references).size).toBe(16);
  });

  it('a connection lost mid-transaction: German retry error, nothing half-written, the next call works', async () => {
    const { url } = await database();
    const server = await instance(url);
    const client = server.app.store.sql as PostgresClient;
    let failure: unknown;
    try {
      await server.app.store.transaction(async () => {
        await server.app.store.departments.insert({ key: 'amt-weg', code: '98', name: 'Amt vor dem Abbruch', signatory: '' });
        const pid = (await client.get<{ pid: number }>('SELECT pg_backend_pid() AS pid'))!.pid;
        // The administrator (or a failover) ends this server's database session.
        const admin = PostgresClient.connect(url, { max: 1 });
        clients.push(admin);
        await admin.run('SELECT pg_terminate_backend(?)', [pid]);
        await server.app.store.departments.insert({ key: 'amt-weg-2', code: '97', name: 'Amt nach dem Abbruch', signatory: '' });
      });
    } catch (error) {
      failure = error;
    }
    const payload = postgresErrorPayload(failure);
    expect(payload).toMatchObject({ code: 'CONFLICT', retry: true });
    expect(payload!.message).toMatch(/Verbindung zur Datenbank ist unterbrochen.*nichts gespeichert/);
    const keys = (await server.call('aemter.list', {})).map((d) => d.key);
    expect(keys).not.toContain('amt-weg');
    await server.call('aemter.save', { key: 'amt-danach', code: '96', name: 'Amt danach', signatory: '' });
    expect((await server.call('aemter.list', {})).map((d) => d.key)).toContain('amt-danach');
  });

  it('a server that does not answer is a German error without the password', async () => {
    const error = await openApp({ dataDir: tempDir(), databaseUrl: 'postgres://vw:geheim@127.0.0.1:1/nirgends', log: silentLogger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/PostgreSQL-Datenbank \(127\.0\.0\.1:1\/nirgends\) ist nicht erreichbar: der Server antwortet nicht/);
    expect((error as ApiError).message).not.toContain('geheim');
  });

  it('concurrent server starts migrate once; a database from a newer version is refused untouched', async () => {
    const { url } = await database();
    // A fresh empty database beside the template copy.
    const admin = PostgresClient.connect(url, { max: 1 });
    clients.push(admin);
    const name = `${new URL(url).pathname.slice(1)}_leer`;
    await admin.run(`CREATE DATABASE "${name}"`);
    dbs.push({
      drop: async () => {
        const dropper = PostgresClient.connect(TEST_DATABASE_URL, { max: 1 });
        await dropper.run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => dropper.close());
      },
    });
    const starts = Array.from({ length: 3 }, () => PostgresClient.connect(urlFor(name, url), { max: 2 }));
    clients.push(...starts);
    const results = await Promise.all(starts.map((c) => migratePostgres(c)));
    const latest = postgresMigrations().at(-1)!.id;
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, latest]);
    const records = await starts[0]!.all<{ id: number }>('SELECT id FROM schema_migration ORDER BY id');
    expect(records.map((r) => r.id)).toEqual(Array.from({ length: latest }, (_, i) => i + 1));

    await starts[0]!.run('INSERT INTO schema_migration (id, name, applied_at) VALUES (?, ?, ?)', [latest + 1, 'zukunft', '2099-01-01T00:00:00Z']);
    const refused = await migratePostgres(starts[1]!).catch((e: unknown) => e);
    expect((refused as ApiError).message).toMatch(/neueren Version von Vorlagenwerk/);
    expect((await starts[0]!.get<{ n: number }>('SELECT COUNT(*) AS n FROM schema_migration'))!.n).toBe(latest + 1);
  });
});
