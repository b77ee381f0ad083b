import { ApiError } from '../shared/errors.js';
import type { AppContext, DatabaseMaintenance } from './context.js';
import { currentActor, type OpenAppOptions } from './app-context.js';
import type { Db } from './db/connection.js';
import { PostgresClient } from './db/postgres-client.js';
import { POSTGRES_NO_FILE } from './db/postgres-errors.js';
import { migratePostgres } from './db/postgres-migrate.js';
import { createStore } from './db/repositories/store.js';
import { fileLogger } from './log.js';
import { logsDir } from './paths.js';
import { postgresSearchIndex } from './search/postgres-search-index.js';

/** Same app over a PostgreSQL pool; the schema is brought up to date first (one process at a time). */
export async function openPostgresApp(options: OpenAppOptions, url: string): Promise<AppContext> {
  const client = PostgresClient.connect(url);
  try {
    await migratePostgres(client);
  } catch (error) {
    await client.close();
    throw databaseUnreachable(error, url);
  }
  const closers: (() => void | Promise<void>)[] = [];
  let closed = false;
  return {
    engine: 'postgres',
    get db(): Db {
      throw new ApiError('INTERNAL', POSTGRES_NO_FILE);
    },
    store: createStore(client, postgresSearchIndex(client)),
    maintenance: postgresMaintenance,
    dataDir: options.dataDir,
    sharedDir: options.sharedDir ?? options.dataDir,
    dbFile: '',
    actor: options.actor ?? currentActor(),
    now: options.now ?? (() => new Date()),
    log: options.log ?? fileLogger(logsDir(options.dataDir)),
    onClose: (fn) => closers.push(fn),
    async close() {
      if (closed) return;
      closed = true;
      for (const fn of closers.reverse()) await fn();
      await client.close();
    },
  };
}

/** Backups of a PostgreSQL database are the server's (pg_dump, docs/team.md); the data folder holds none. */
const postgresMaintenance: DatabaseMaintenance = {
  createBackup: () => Promise.reject(new ApiError('VALIDATION', POSTGRES_NO_FILE)),
  listBackups: () => [],
  restoreBackup: () => Promise.reject(new ApiError('VALIDATION', POSTGRES_NO_FILE)),
  check: () => {
    throw new ApiError('VALIDATION', POSTGRES_NO_FILE);
  },
};

/** A server that cannot be reached or refuses the login: German, without the password of the URL. */
function databaseUnreachable(error: unknown, url: string): unknown {
  if (error instanceof ApiError) return error;
  let where = 'der angegebenen Adresse';
  try {
    const u = new URL(url);
    where = `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    // an unparsable URL is reported as such below
  }
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const reason =
    code === '28P01' || code === '28000'
      ? 'Benutzername oder Passwort werden nicht angenommen'
      : code === '3D000'
        ? 'die Datenbank gibt es dort nicht'
        : /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT/.test(code) || /timeout/i.test((error as Error)?.message ?? '')
          ? 'der Server antwortet nicht'
          : 'die Verbindung ist fehlgeschlagen';
  return new ApiError('INTERNAL', `Die PostgreSQL-Datenbank (${where}) ist nicht erreichbar: ${reason}. Es wurde nichts verändert.`);
}
