import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError, DatabaseUnusableError } from '../../shared/errors.js';
import type { Db } from './sqlite-db.js';
import type { SqlClient, SqlDialect } from './sql-client.js';
import { registerSearchFunctions } from '../search/sql-functions.js';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/**
 * Migrations live as migrations/<dialect>/NNN_name.sql beside this file (copied next to the
 * bundle for Electron and web); VORLAGENWERK_MIGRATIONS_DIR names another migrations folder.
 */
export function migrationsDir(dialect: SqlDialect = 'sqlite'): string {
  const root = process.env.VORLAGENWERK_MIGRATIONS_DIR || path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
  return path.join(root, dialect);
}

export function loadMigrations(dir = migrationsDir()): Migration[] {
  const files = fs.readdirSync(dir).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f));
  const migrations = files
    .map((f) => ({ id: Number(f.slice(0, 3)), name: f.slice(4, -4), sql: fs.readFileSync(path.join(dir, f), 'utf8') }))
    .sort((a, b) => a.id - b.id);
  migrations.forEach((m, i) => {
    if (m.id !== i + 1) throw new Error(`migration numbering has a gap or duplicate at ${m.id}_${m.name}`);
  });
  return migrations;
}

export function latestSchemaVersion(): number {
  return loadMigrations().at(-1)?.id ?? 0;
}

export function currentSchemaVersion(db: Db): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'").get();
  if (!table) return 0;
  const row = db.prepare('SELECT MAX(id) AS v FROM schema_migration').get() as { v: number | null };
  return row.v ?? 0;
}

/** The schema version through any engine's client (the table exists once the app has opened the database). */
export async function schemaVersion(sql: SqlClient): Promise<number> {
  return (await sql.get<{ v: number | null }>('SELECT MAX(id) AS v FROM schema_migration'))?.v ?? 0;
}

/** Refuses, without writing anything, a database written by a newer app version. */
export function assertNotNewer(db: Db, latest = latestSchemaVersion()): void {
  const from = currentSchemaVersion(db);
  if (from > latest) {
    throw new DatabaseUnusableError(
      `Die Datenbank stammt aus einer neueren Version von Vorlagenwerk (Schema ${from}, diese Version kennt ${latest}). ` +
        'Bitte aktualisieren Sie die Anwendung; die Datei wurde nicht verändert.',
      'newer',
    );
  }
}

/**
 * Applies pending migrations, each in its own transaction together with its record, so a failing
 * migration leaves the database at the previous version. A database from a newer app version is
 * refused rather than touched.
 */
export function migrate(db: Db, migrations = loadMigrations()): { from: number; to: number } {
  // Migrations (and the triggers they create) may call the app's SQL functions.
  registerSearchFunctions(db);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const from = currentSchemaVersion(db);
  const latest = migrations.at(-1)?.id ?? 0;
  assertNotNewer(db, latest);
  const record = db.prepare('INSERT INTO schema_migration (id, name, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations.filter((m) => m.id > from)) {
    const apply = db.transaction(() => {
      db.exec(m.sql);
      record.run(m.id, m.name, new Date().toISOString());
    });
    try {
      apply.immediate();
    } catch (error) {
      throw new ApiError(
        'INTERNAL',
        `Die Datenbank konnte nicht auf Version ${m.id} (${m.name}) aktualisiert werden: ${(error as Error).message}. ` +
          'Die Änderungen dieser Aktualisierung wurden zurückgenommen.',
      );
    }
  }
  return { from, to: Math.max(from, latest) };
}
