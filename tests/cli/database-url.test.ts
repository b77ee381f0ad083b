import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { PostgresClient } from '../../electron/core/db/postgres-client.js';
import { postgresMigrations } from '../../electron/core/db/postgres-migrate.js';
import { builtinTemplatesDir } from '../../electron/core/templates/loader.js';
import { postgresAvailable, TEST_DATABASE_URL, urlFor } from '../helpers/postgres-test-db.js';
import { tempDir } from '../helpers/temp-app.js';

/**
 * `--database-url` on the command line: `migrate` creates and then reports the schema in German,
 * the data commands work on PostgreSQL, and the SQLite-only commands (backup, check, restore)
 * point to pg_dump with exit code 1 instead of touching anything.
 */

const available = await postgresAvailable();
const name = `vw_test_${process.pid}_cli`;
const admin = available ? PostgresClient.connect(TEST_DATABASE_URL, { max: 1 }) : null;
afterAll(async () => {
  await admin?.run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin?.close();
});

describe('vorlagenwerk migrate on SQLite', () => {
  it('refuses a database URL that is not postgres:// (usage error, exit 2)', () => {
    const r = cli(tempDir(), '--database-url', 'mysql://root@localhost/x', 'migrate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('muss mit postgres:// beginnen');
  });

  it('migrate on the SQLite file of the data folder says what it did', () => {
    const dir = tempDir();
    const first = cli(dir, 'migrate');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Schema der SQLite-Datenbank angelegt \(Version \d+\):\n\s+001 initial/);
    expect(cli(dir, 'migrate').stdout).toMatch(/SQLite-Datenbank ist auf dem neuesten Stand .*nichts zu tun/);
  });
});

describe.skipIf(!available)('vorlagenwerk --database-url (needs PostgreSQL)', () => {
  it('migrate creates the schema once, then finds nothing to do; data commands work; backup/check/restore point to pg_dump', async () => {
    await admin!.run(`CREATE DATABASE "${name}"`);
    const url = urlFor(name);
    const dir = tempDir();
    const first = cli(dir, '--database-url', url, 'migrate');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const latest = postgresMigrations().at(-1)!.id;
    expect(first.stdout).toContain(`Schema der PostgreSQL-Datenbank angelegt (Version ${latest}):`);
    expect(first.stdout).toContain('002 search');
    const second = cli(dir, '--database-url', url, 'migrate');
    expect(second.stdout).toContain(`PostgreSQL-Datenbank ist auf dem neuesten Stand (Schema ${latest}); es war nichts zu tun.`);

    expect(cli(dir, '--database-url', url, 'demo').stdout).toContain('Demodaten geladen');
    const search = cli(dir, '--database-url', url, '--json', 'search', 'Sprachmittler*');
    expect(search.code).toBe(0);
    expect(JSON.stringify(search.json())).toContain('Sprachmittlerpool');

    for (const command of [['backup'], ['check'], ['restore', 'sicherung.sqlite']]) {
      const r = cli(dir, '--database-url', url, ...command);
      expect(r.code, command[0]).toBe(1);
      expect(r.stderr, command[0]).toContain('Sache von pg_dump');
    }
  }, 120_000);
});

describe('vorlagenwerk --storage (the team servers\' shared folder)', () => {
  it('puts the Hausvorlage into the storage folder, where a later call with the same folder finds it; without it the data folder is used', () => {
    const dir = tempDir();
    const storage = tempDir();
    const letterhead = path.join(builtinTemplatesDir(), 'hausvorlage', 'musterkreis-briefkopf.docx');
    const set = cli(dir, '--storage', storage, 'hausvorlage', 'set', letterhead);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(fs.existsSync(path.join(storage, 'hausvorlage', 'briefkopf.docx'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'hausvorlage'))).toBe(false);
    // The option may also stand after the command, in the --name=value spelling.
    expect(cli(dir, 'hausvorlage', 'show', `--storage=${storage}`).stdout).toContain('Hausvorlage: musterkreis-briefkopf.docx');
    expect(cli(dir, 'hausvorlage', 'show').stdout).toContain('Es ist keine Hausvorlage hinterlegt.');
    expect(cli(dir, '--help').stdout).toContain('--storage DIR');
  }, 60_000);
});
