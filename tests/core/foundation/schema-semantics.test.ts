import { afterAll, describe, expect, it } from 'vitest';
import { openApp } from '../../../electron/core/app-context.js';
import { PostgresClient } from '../../../electron/core/db/postgres-client.js';
import { silentLogger } from '../../../electron/core/log.js';
import { createTestDatabase, postgresAvailable } from '../../helpers/postgres-test-db.js';
import { tempDir } from '../../helpers/temp-app.js';

/**
 * Both engines' migrations must give the same schema semantics: the same tables and columns with
 * the same nullability and type family, the same primary and unique keys, and the same foreign
 * keys with the same ON DELETE rule. The search structures differ by design (FTS5 virtual table
 * vs. a tsvector table) and are compared by the search suite's results instead.
 */

interface Schema {
  columns: string[];
  keys: string[];
  foreignKeys: string[];
}

const isSearchTable = (t: string) => /^search_(fts|document)/.test(t);
const family = (type: string) => {
  const t = type.toLowerCase();
  if (/int/.test(t)) return 'integer';
  if (/blob|bytea/.test(t)) return 'bytes';
  if (/text|char/.test(t)) return 'text';
  return t;
};
const ON_DELETE: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

async function sqliteSchema(): Promise<Schema> {
  const app = await openApp({ dataDir: tempDir(), log: silentLogger });
  try {
    const db = app.db;
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[])
      .map((t) => t.name)
      .filter((t) => !isSearchTable(t));
    const schema: Schema = { columns: [], keys: [], foreignKeys: [] };
    for (const t of tables) {
      const cols = db.pragma(`table_info("${t}")`) as { name: string; type: string; notnull: number; pk: number }[];
      for (const c of cols) schema.columns.push(`${t}.${c.name} ${family(c.type)} ${c.notnull || c.pk ? 'NOT NULL' : 'NULL'}`);
      const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      if (pk.length) schema.keys.push(`${t} PRIMARY (${pk.join(',')})`);
      for (const idx of db.pragma(`index_list("${t}")`) as { name: string; unique: number; origin: string; partial: number }[]) {
        if (!idx.unique || idx.origin === 'pk') continue;
        const cols = (db.pragma(`index_info("${idx.name}")`) as { name: string }[]).map((c) => c.name);
        schema.keys.push(`${t} UNIQUE (${cols.join(',')})${idx.partial ? ' partial' : ''}`);
      }
      for (const fk of db.pragma(`foreign_key_list("${t}")`) as { table: string; from: string; to: string; on_delete: string }[]) {
        schema.foreignKeys.push(`${t}.${fk.from} -> ${fk.table}.${fk.to} ON DELETE ${fk.on_delete}`);
      }
    }
    return { columns: schema.columns.sort(), keys: schema.keys.sort(), foreignKeys: schema.foreignKeys.sort() };
  } finally {
    await app.close();
  }
}

async function postgresSchema(url: string): Promise<Schema> {
  const sql = PostgresClient.connect(url, { max: 1 });
  try {
    const columns = (
      await sql.all<{ t: string; c: string; type: string; nullable: string }>(
        `SELECT c.table_name AS t, c.column_name AS c, c.data_type AS type, c.is_nullable AS nullable
         FROM information_schema.columns c JOIN information_schema.tables tb ON tb.table_name = c.table_name AND tb.table_schema = c.table_schema
         WHERE c.table_schema = 'public' AND tb.table_type = 'BASE TABLE'`,
      )
    )
      .filter((r) => !isSearchTable(r.t))
      .map((r) => `${r.t}.${r.c} ${family(r.type)} ${r.nullable === 'YES' ? 'NULL' : 'NOT NULL'}`);
    const attnames = (keyColumn: string, relColumn: string) =>
      `array_to_string(ARRAY(SELECT a.attname FROM unnest(${keyColumn}) WITH ORDINALITY k(n, ord)
        JOIN pg_attribute a ON a.attrelid = ${relColumn} AND a.attnum = k.n ORDER BY k.ord), ',')`;
    const constraints = await sql.all<{ t: string; type: string; cols: string; ref: string | null; refcols: string | null; del: string }>(
      `SELECT CAST(c.conrelid AS regclass)::text AS t, c.contype AS type, ${attnames('c.conkey', 'c.conrelid')} AS cols,
              CAST(NULLIF(c.confrelid, 0) AS regclass)::text AS ref, ${attnames('c.confkey', 'c.confrelid')} AS refcols, c.confdeltype AS del
       FROM pg_constraint c WHERE c.connamespace = CAST('public' AS regnamespace) AND c.contype IN ('p', 'u', 'f')`,
    );
    const keys = constraints
      .filter((c) => c.type !== 'f' && !isSearchTable(c.t))
      .map((c) => `${c.t} ${c.type === 'p' ? 'PRIMARY' : 'UNIQUE'} (${c.cols})`);
    // Unique indexes created on their own (not backing a constraint), e.g. partial ones.
    const indexes = await sql.all<{ t: string; cols: string; partial: boolean }>(
      `SELECT CAST(i.indrelid AS regclass)::text AS t, ${attnames('i.indkey', 'i.indrelid')} AS cols, i.indpred IS NOT NULL AS partial
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
       WHERE i.indisunique AND ic.relnamespace = CAST('public' AS regnamespace)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    );
    for (const i of indexes) if (!isSearchTable(i.t)) keys.push(`${i.t} UNIQUE (${i.cols})${i.partial ? ' partial' : ''}`);
    const foreignKeys = constraints.filter((c) => c.type === 'f').map((c) => `${c.t}.${c.cols} -> ${c.ref}.${c.refcols} ON DELETE ${ON_DELETE[c.del]}`);
    return { columns: columns.sort(), keys: keys.sort(), foreignKeys: foreignKeys.sort() };
  } finally {
    await sql.close();
  }
}

const available = await postgresAvailable();
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

describe.skipIf(!available)('schema semantics of both engines (needs PostgreSQL)', () => {
  it('migrates SQLite and PostgreSQL to the same tables, columns, keys and foreign keys', async () => {
    const pg = await createTestDatabase();
    drops.push(pg.drop);
    const [lite, postgres] = [await sqliteSchema(), await postgresSchema(pg.url)];
    // The comparison would pass on two empty lists: make sure there is a schema to compare.
    expect(lite.columns.length).toBeGreaterThan(60);
    expect(lite.foreignKeys).toContain('revision.paper_id -> paper.id ON DELETE CASCADE');
    expect(postgres.columns).toEqual(lite.columns);
    expect(postgres.keys).toEqual(lite.keys);
    expect(postgres.foreignKeys).toEqual(lite.foreignKeys);
  });
});
