import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp } from '../../../electron/core/app-context.js';
import { currentSchemaVersion, latestSchemaVersion, loadMigrations, migrationsDir } from '../../../electron/core/db/migrate.js';
import { databaseFile } from '../../../electron/core/paths.js';
import { registerSearchFunctions } from '../../../electron/core/search/sql-functions.js';
import { ApiError } from '../../../electron/shared/errors.js';
import type { FixtureManifest } from '../../fixtures/schema-data.js';
import { tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';

/**
 * Issue 8.9: a database left by every earlier app version (committed fixtures with data, written
 * by tests/fixtures/make-schema-fixtures.ts) migrates to the current schema with its content
 * intact; a migration that fails midway is rolled back completely and reported in German.
 */

const root = path.join(import.meta.dirname, '..', '..', '..');
const fixturesDir = path.join(root, 'tests', 'fixtures', 'schema');
const fixture = (v: number) => path.join(fixturesDir, `v${String(v).padStart(3, '0')}.sqlite`);
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

let t: TempApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Every row of every table, for "nothing changed" comparisons outside an open app. */
function rawFingerprint(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    const schema = db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
    return JSON.stringify([schema, ...tables.map((name) => [name, db.prepare(`SELECT * FROM "${name}"`).raw().all()])], (_k, v: unknown) => (Buffer.isBuffer(v) ? sha256(v) : v));
  } finally {
    db.close();
  }
}

describe('schema fixtures', () => {
  const latest = latestSchemaVersion();
  const earlier = Array.from({ length: latest - 1 }, (_, i) => i + 1);

  it('exist for every earlier schema version (run tests/fixtures/make-schema-fixtures.ts after adding a migration)', () => {
    const missing = earlier.filter((v) => !fs.existsSync(fixture(v)));
    expect(missing, `fehlende Fixtures: ${missing.join(', ')}`).toEqual([]);
  });

  for (const version of earlier) {
    it(`v${version} migrates to v${latest} with every Vorlage, revision, Anlage and TOP intact`, async () => {
      const file = fixture(version);
      if (!fs.existsSync(file)) return; // reported by the test above
      const manifest = JSON.parse(fs.readFileSync(file.replace(/\.sqlite$/, '.manifest.json'), 'utf8')) as FixtureManifest;
      const dir = tempDir('vw-mig-');
      fs.copyFileSync(file, databaseFile(dir));
      const before = new Database(databaseFile(dir), { readonly: true });
      expect(currentSchemaVersion(before)).toBe(version);
      before.close();

      t = await tempApp({ dataDir: dir });
      const info = await t.call('app.info', {});
      expect(info.schemaVersion).toBe(latest);
      expect((await t.call('sicherung.check', {})).ok).toBe(true);

      const papers = await t.call('vorlagen.list', {});
      expect(papers.map((p) => p.reference).sort()).toEqual(manifest.papers.map((p) => p.reference).sort());
      for (const expected of manifest.papers) {
        const paper = await t.call('vorlagen.get', { ref: expected.reference });
        expect(paper.title).toBe(expected.title);
        expect(paper.sections).toEqual(JSON.parse(expected.sections));
        const history = await t.call('vorlagen.history', { ref: expected.reference });
        expect(history.revisions.map((r) => ({ number: r.number, hash: r.hash }))).toEqual(expected.revisions);
        // The stored content still hashes to the recorded hash, and reads back through the API.
        const last = expected.revisions.at(-1)!;
        const rev = await t.call('vorlagen.revision', { ref: expected.reference, number: last.number });
        expect(rev.content.title).toBe(expected.title);
        const stored = t.app.db.prepare('SELECT content FROM revision WHERE paper_id = ? AND number = ?').get(paper.id, last.number) as { content: string };
        expect(sha256(stored.content)).toBe(last.hash);
        for (const a of paper.attachments) {
          const content = await t.call('anlagen.content', { id: a.id });
          expect(sha256(Buffer.from(content.dataBase64, 'base64'))).toBe(a.sha256);
        }
      }
      const attachments = (await Promise.all(papers.map((p) => t!.call('vorlagen.get', { ref: p.id })))).flatMap((p) => p.attachments);
      expect(attachments.map((a) => ({ fileName: a.fileName, sha256: a.sha256, public: a.public })).sort((a, b) => a.fileName.localeCompare(b.fileName))).toEqual(
        [...manifest.attachments].sort((a, b) => a.fileName.localeCompare(b.fileName)),
      );
      const meeting = (await t.call('sitzungen.list', {})).find((m) => m.key === 'soz-2024-1')!;
      const agenda = (await t.call('sitzungen.get', { id: meeting.id })).agenda;
      expect(agenda.map((i) => ({ title: i.title, result: i.result, public: i.public })).sort((a, b) => a.title.localeCompare(b.title))).toEqual(
        [...manifest.agendaItems].sort((a, b) => a.title.localeCompare(b.title)),
      );

      // The number of the deleted Vorlage stays reserved after migrating.
      const next = await t.call('vorlagen.create', { template: 'mitteilungsvorlage', departmentId: 1, title: 'Nach der Aktualisierung', year: 2024 });
      expect(next.reference).toBe(`50/${String(manifest.papers.length + 2).padStart(3, '0')}/2024`);
      const reuse = await t.dispatch('vorlagen.create', { template: 'mitteilungsvorlage', departmentId: 1, title: 'x', reference: `50/${String(manifest.papers.length + 1).padStart(3, '0')}/2024` });
      expect(reuse).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

      // Content written before the search index existed is findable afterwards.
      const fts = t.app.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'").get();
      if (fts) {
        const hits = t.app.db.prepare('SELECT COUNT(*) AS n FROM search_fts WHERE search_fts MATCH ?').get(manifest.marker) as { n: number };
        expect(hits.n).toBe(manifest.papers.length);
      }
    });
  }
});

describe('a migration that fails midway', () => {
  /** The real migrations plus a broken next one that changes things before it fails. */
  function brokenMigrationsDir(): string {
    const dir = tempDir('vw-mig-broken-');
    const sqlite = path.join(dir, 'sqlite');
    fs.mkdirSync(sqlite);
    for (const f of fs.readdirSync(migrationsDir())) fs.copyFileSync(path.join(migrationsDir(), f), path.join(sqlite, f));
    const next = String(loadMigrations().length + 1).padStart(3, '0');
    fs.writeFileSync(
      path.join(sqlite, `${next}_kaputt.sql`),
      [
        'CREATE TABLE halb_fertig (id INTEGER PRIMARY KEY);',
        'ALTER TABLE paper ADD COLUMN neu TEXT;',
        "UPDATE paper SET title = 'von der kaputten Migration überschrieben';",
        'DELETE FROM revision;',
        // Fails: body may only have the row with id 1.
        "INSERT INTO body (id, name, number_pattern) VALUES (2, 'zweite Körperschaft', '{nr}/{jahr}');",
      ].join('\n'),
    );
    return dir;
  }

  it('is rolled back completely and reported to the app in German', async () => {
    const setup = await tempApp({ demo: true });
    const dir = setup.dir;
    await setup.close();
    const before = rawFingerprint(databaseFile(dir));
    const migrations = brokenMigrationsDir();
    const previous = process.env.VORLAGENWERK_MIGRATIONS_DIR;
    process.env.VORLAGENWERK_MIGRATIONS_DIR = migrations;
    let error: unknown;
    try {
      await openApp({ dataDir: dir });
    } catch (e) {
      error = e;
    } finally {
      if (previous === undefined) delete process.env.VORLAGENWERK_MIGRATIONS_DIR;
      else process.env.VORLAGENWERK_MIGRATIONS_DIR = previous;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(new RegExp(`konnte nicht auf Version ${loadMigrations().length + 1} \\(kaputt\\) aktualisiert werden`));
    expect((error as ApiError).message).toMatch(/zurückgenommen/);
    expect(rawFingerprint(databaseFile(dir))).toBe(before);

    // The CLI reports the same and leaves the database as it was.
    const cli = spawnSync(process.execPath, [path.join(root, 'bin', 'vorlagenwerk.mjs'), '--data-dir', dir, 'vorlage', 'list'], {
      encoding: 'utf8',
      env: { ...process.env, VORLAGENWERK_MIGRATIONS_DIR: migrations, VORLAGENWERK_DATA_DIR: '' },
    });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toBe('');
    expect(cli.stderr).toMatch(/^Fehler: Die Datenbank konnte nicht auf Version \d+ \(kaputt\) aktualisiert werden/);
    expect(rawFingerprint(databaseFile(dir))).toBe(before);

    // With the broken migration gone (the fixed app version), everything is still there.
    t = await tempApp({ dataDir: dir });
    expect((await t.call('sicherung.check', {})).ok).toBe(true);
    expect((await t.call('vorlagen.list', {})).length).toBeGreaterThan(0);
  });

  it('leaves an older database at the last version that completed, whole', async () => {
    const dir = tempDir('vw-mig-');
    fs.copyFileSync(fixture(1), databaseFile(dir));
    const migrations = brokenMigrationsDir();
    const previous = process.env.VORLAGENWERK_MIGRATIONS_DIR;
    process.env.VORLAGENWERK_MIGRATIONS_DIR = migrations;
    try {
      await expect(openApp({ dataDir: dir })).rejects.toThrow(/zurückgenommen/);
    } finally {
      if (previous === undefined) delete process.env.VORLAGENWERK_MIGRATIONS_DIR;
      else process.env.VORLAGENWERK_MIGRATIONS_DIR = previous;
    }
    const db = new Database(databaseFile(dir), { readonly: true });
    registerSearchFunctions(db);
    try {
      expect(currentSchemaVersion(db)).toBe(loadMigrations().length);
      expect(db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'halb_fertig'").get()).toBeUndefined();
      expect((db.prepare('SELECT COUNT(*) AS n FROM revision').get() as { n: number }).n).toBeGreaterThan(0);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
