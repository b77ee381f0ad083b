import { openDatabase } from '../core/db/connection.js';
import { latestSchemaVersion, migrate } from '../core/db/migrate.js';
import { PostgresClient } from '../core/db/postgres-client.js';
import { migratePostgres } from '../core/db/postgres-migrate.js';
import { databaseFile } from '../core/paths.js';
import { ApiError } from '../shared/errors.js';

export interface MigrateReport {
  engine: 'sqlite' | 'postgres';
  from: number;
  to: number;
  applied: { id: number; name: string }[];
}

/**
 * `vorlagenwerk [--database-url URL] migrate`: creates or updates the schema of the chosen
 * database and says what it did. Runs without opening the app, so it is what an administrator
 * runs before starting new server versions.
 */
export async function runMigrate(dataDir: string, databaseUrl: string | undefined): Promise<MigrateReport> {
  if (databaseUrl) {
    const client = PostgresClient.connect(databaseUrl, { max: 1 });
    try {
      return { engine: 'postgres', ...(await migratePostgres(client)) };
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError('INTERNAL', `Die PostgreSQL-Datenbank ist nicht erreichbar oder lehnt die Anmeldung ab (${(error as { code?: string }).code ?? 'Verbindungsfehler'}). Es wurde nichts verändert.`);
    } finally {
      await client.close();
    }
  }
  const db = openDatabase(databaseFile(dataDir), { migrate: false });
  try {
    const { from, to } = migrate(db);
    const applied = [];
    for (let id = from + 1; id <= to; id++) {
      applied.push({ id, name: (db.prepare('SELECT name FROM schema_migration WHERE id = ?').get(id) as { name: string }).name });
    }
    return { engine: 'sqlite', from, to: Math.max(to, latestSchemaVersion()), applied };
  } finally {
    db.close();
  }
}

export function migrateText(r: MigrateReport): string {
  const where = r.engine === 'postgres' ? 'PostgreSQL-Datenbank' : 'SQLite-Datenbank';
  if (r.applied.length === 0) return `Die ${where} ist auf dem neuesten Stand (Schema ${r.to}); es war nichts zu tun.`;
  const steps = r.applied.map((m) => `  ${String(m.id).padStart(3, '0')} ${m.name}`).join('\n');
  return r.from === 0
    ? `Schema der ${where} angelegt (Version ${r.to}):\n${steps}`
    : `Die ${where} wurde von Schema ${r.from} auf ${r.to} aktualisiert:\n${steps}`;
}
