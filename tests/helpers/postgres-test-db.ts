import crypto from 'node:crypto';
import pg from 'pg';
import { PostgresClient } from '../../electron/core/db/postgres-client.js';
import { migratePostgres, postgresMigrations } from '../../electron/core/db/postgres-migrate.js';

/**
 * Throw-away PostgreSQL databases for tests. Migrating a database costs a second; copying a
 * migrated template (CREATE DATABASE … TEMPLATE) costs a fraction of that, so every test app gets
 * its own database copied from one template per migration state.
 */
export const TEST_DATABASE_URL = process.env.VW_TEST_DATABASE_URL || 'postgres://vorlagenwerk:vorlagenwerk@127.0.0.1:5432/postgres';
const PREFIX = 'vw_test_';
const LOCK = 0x56575453; // "VWTS": one process at a time creates the template

export const urlFor = (database: string, base = TEST_DATABASE_URL): string => {
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
};

/** Template name from the migrations' content: a changed migration gets a fresh template. */
function templateName(): string {
  const hash = crypto.createHash('sha256');
  for (const m of postgresMigrations()) hash.update(`${m.id}\0${m.sql}\0`);
  return `${PREFIX}template_${hash.digest('hex').slice(0, 12)}`;
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Whether a PostgreSQL server answers at VW_TEST_DATABASE_URL (or its default). */
export async function postgresAvailable(): Promise<boolean> {
  try {
    await withAdmin((c) => c.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
};

/**
 * Drops the test databases of processes that no longer run (killed runs), for the start and end of
 * a run. Databases of live processes stay: another test run or a benchmark may use the same
 * server at the same time. Templates stay too (another worktree's migrations have their own).
 */
export async function dropTestDatabases(): Promise<string[]> {
  return withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${PREFIX}%`]);
    const stale = rows.map((r) => r.datname).filter((name) => {
      const pid = /^vw_test_(\d+)_/.exec(name)?.[1];
      return pid !== undefined && !alive(Number(pid));
    });
    for (const name of stale) await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    return stale;
  });
}

let template: Promise<string> | undefined;

/** The migrated template database, created once (under an advisory lock across worker processes). */
export function ensureTemplate(): Promise<string> {
  template ??= withAdmin(async (admin) => {
    const name = templateName();
    await admin.query('SELECT pg_advisory_lock($1)', [LOCK]);
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) {
        const building = `${name}_build`;
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(building)} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${quoteIdent(building)}`);
        const client = PostgresClient.connect(urlFor(building), { max: 1 });
        try {
          await migratePostgres(client);
        } finally {
          await client.close();
        }
        // Renamed only once complete: a run killed mid-migration leaves no half-built template.
        await admin.query(`ALTER DATABASE ${quoteIdent(building)} RENAME TO ${quoteIdent(name)}`);
      }
      return name;
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [LOCK]);
    }
  });
  return template;
}

let counter = 0;

/** A fresh, migrated database of its own; drop() removes it. */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const source = await ensureTemplate();
  const name = `${PREFIX}${process.pid}_${Date.now().toString(36)}_${++counter}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(source)}`));
  return {
    url: urlFor(name),
    name,
    drop: () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)).then(() => undefined),
  };
}
