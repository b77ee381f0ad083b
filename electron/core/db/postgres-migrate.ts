import { ApiError, DatabaseUnusableError } from '../../shared/errors.js';
import { loadMigrations, migrationsDir, type Migration } from './migrate.js';
import type { PostgresClient } from './postgres-client.js';

/** Key of the advisory lock that lets one server process migrate while the others wait. */
const MIGRATION_LOCK = 0x56574d47; // "VWMG"

export interface PostgresMigrationResult {
  from: number;
  to: number;
  applied: { id: number; name: string }[];
}

export const postgresMigrations = (): Migration[] => loadMigrations(migrationsDir('postgres'));

/**
 * Applies pending PostgreSQL migrations, each in its own transaction together with its record.
 * Server processes starting at the same time queue on an advisory lock, so exactly one migrates
 * and the others find the schema current. A database from a newer app version is refused
 * untouched.
 */
export async function migratePostgres(client: PostgresClient, migrations = postgresMigrations()): Promise<PostgresMigrationResult> {
  const conn = await client.pool.connect();
  let broken: Error | undefined;
  try {
    await conn.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await conn.query(`CREATE TABLE IF NOT EXISTS schema_migration (
        id integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)`);
      const from = Number((await conn.query<{ v: number | null }>('SELECT MAX(id) AS v FROM schema_migration')).rows[0]?.v ?? 0);
      const latest = migrations.at(-1)?.id ?? 0;
      if (from > latest) throw newerDatabase(from, latest);
      const applied: { id: number; name: string }[] = [];
      for (const m of migrations.filter((m) => m.id > from)) {
        try {
          await conn.query('BEGIN');
          await conn.query(m.sql);
          await conn.query('INSERT INTO schema_migration (id, name, applied_at) VALUES ($1, $2, $3)', [m.id, m.name, new Date().toISOString()]);
          await conn.query('COMMIT');
        } catch (error) {
          await conn.query('ROLLBACK').catch((e: Error) => (broken = e));
          throw new ApiError(
            'INTERNAL',
            `Die Datenbank konnte nicht auf Version ${m.id} (${m.name}) aktualisiert werden: ${(error as Error).message}. ` +
              'Die Änderungen dieser Aktualisierung wurden zurückgenommen.',
          );
        }
        applied.push({ id: m.id, name: m.name });
      }
      return { from, to: Math.max(from, latest), applied };
    } finally {
      if (!broken) await conn.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch((e: Error) => (broken = e));
    }
  } finally {
    // A connection that failed mid-way is closed; closing also releases its advisory lock.
    conn.release(broken);
  }
}

function newerDatabase(from: number, latest: number): DatabaseUnusableError {
  return new DatabaseUnusableError(
    `Die Datenbank stammt aus einer neueren Version von Vorlagenwerk (Schema ${from}, diese Version kennt ${latest}). ` +
      'Bitte aktualisieren Sie die Anwendung; die Datenbank wurde nicht verändert.',
    'newer',
  );
}
