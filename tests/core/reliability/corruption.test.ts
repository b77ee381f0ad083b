import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../../electron/core/app-context.js';
import { silentLogger } from '../../../electron/core/log.js';
import { backupsDir, databaseFile } from '../../../electron/core/paths.js';
import { createBackup } from '../../../electron/core/services/backup.js';
import { DatabaseUnusableError } from '../../../electron/shared/errors.js';
import { runCli } from '../../../electron/cli/main.js';
import { cli } from '../../helpers/cli.js';
import { tempApp, tempDir } from '../../helpers/temp-app.js';

/**
 * Issue 8.2: a damaged, truncated, foreign or too-new database file is refused by the app and
 * the CLI with a German message that names the newest GOOD backup; nothing in the data folder
 * is changed by the refusal; the offered restore then works — and keeps the bad file.
 */

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
/**
 * Every file in the data folder with its hash: the refusal must not touch any of them. Left out:
 * the -shm file (SQLite's shared-memory index, which every WAL reader creates and rebuilds from
 * the WAL) and an EMPTY -wal file (a reader's placeholder, no data). A WAL with content counts.
 */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'logs') walk(p);
      } else if (!e.name.endsWith('-shm') && !(e.name.endsWith('-wal') && fs.statSync(p).size === 0)) out[path.relative(dir, p)] = sha(p);
    }
  };
  walk(dir);
  return out;
}

/** The CLI's own entry (runCli) in this process: the same code as the binary, without a process start per call. */
async function cliHere(dataDir: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--data-dir', dataDir, ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false, env: {} });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}

let template: string; // a healthy data folder: database + one good backup + a newer, damaged backup
let goodBackup: string;
let titleAtBackup: string;
let paperId: number;

beforeAll(async () => {
  const t = await tempApp({ demo: true, now: () => new Date('2026-02-01T10:00:00Z') });
  const paper = (await t.call('vorlagen.list', {}))[0]!;
  paperId = paper.id;
  titleAtBackup = paper.title;
  goodBackup = path.basename((await createBackup(t.app)).file);
  await t.call('vorlagen.save', { id: paper.id, title: 'Nach der Sicherung geändert' });
  await t.close();
  // A newer backup that is itself damaged: the offer must skip it.
  const badBackup = path.join(backupsDir(t.dir), 'vorlagenwerk-20260301-100000.sqlite');
  fs.copyFileSync(path.join(backupsDir(t.dir), goodBackup), badBackup);
  smashPages(badBackup);
  template = t.dir;
});
afterAll(() => fs.rmSync(template, { recursive: true, force: true }));

/** Overwrites the root pages of the biggest tables with garbage (quick_check must notice). */
function smashPages(file: string) {
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const roots = (db.prepare("SELECT rootpage FROM sqlite_master WHERE name IN ('paper', 'revision', 'agenda_item')").all() as { rootpage: number }[]).map((r) => r.rootpage);
  db.close();
  const fd = fs.openSync(file, 'r+');
  const garbage = Buffer.alloc(pageSize, 0);
  for (let i = 0; i < pageSize; i++) garbage[i] = (i * 131 + 7) & 0xff;
  for (const root of roots) fs.writeSync(fd, garbage, 0, pageSize, (root - 1) * pageSize);
  fs.closeSync(fd);
}

const damages: Record<string, { damage: (file: string) => void; message: RegExp }> = {
  'damaged pages': { damage: smashPages, message: /ist beschädigt oder keine Vorlagenwerk-Datenbank/ },
  'a truncated file': {
    damage: (file) => fs.truncateSync(file, Math.floor(fs.statSync(file).size * 0.6)),
    message: /ist beschädigt oder keine Vorlagenwerk-Datenbank/,
  },
  'a file that is not a database': {
    damage: (file) => fs.writeFileSync(file, '%PDF-1.7\nDies ist eine Anlage, keine Datenbank.\n'.repeat(200)),
    message: /ist beschädigt oder keine Vorlagenwerk-Datenbank \(keine SQLite-Datei\)/,
  },
  'a database from a newer schema version': {
    damage: (file) => {
      const db = new Database(file);
      db.prepare("INSERT INTO schema_migration (id, name, applied_at) VALUES (999, 'aus_der_zukunft', '2030-01-01T00:00:00Z')").run();
      db.close();
    },
    message: /stammt aus einer neueren Version von Vorlagenwerk \(Schema 999/,
  },
};

describe('an unusable database file', () => {
  for (const [name, { damage, message }] of Object.entries(damages)) {
    it(`is refused (${name}) with a German message naming the newest good backup, changes nothing, and the offered restore works`, async () => {
      const dir = tempDir('vw-corrupt-');
      fs.cpSync(template, dir, { recursive: true });
      const dbFile = databaseFile(dir);
      damage(dbFile);
      const damagedHash = sha(dbFile);
      const before = snapshot(dir);

      // The app (core) refuses.
      let error: unknown;
      try {
        await openApp({ dataDir: dir, log: silentLogger });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DatabaseUnusableError);
      const refused = error as DatabaseUnusableError;
      expect(refused.message).toMatch(message);
      expect(refused.message).toContain(`Neueste intakte Sicherung: ${path.join(backupsDir(dir), goodBackup)}`);
      expect(refused.message).not.toMatch(/malformed|not a database|SQLITE_|btree|Page \d/);
      expect(refused.newestBackup).toBe(path.join(backupsDir(dir), goodBackup));
      expect(snapshot(dir)).toEqual(before);

      // The CLI refuses the same way, exit code 1, nothing on stdout.
      const list = await cliHere(dir, 'vorlage', 'list');
      expect(list.code).toBe(1);
      expect(list.stdout).toBe('');
      expect(list.stderr).toMatch(message);
      expect(list.stderr).toContain(`restore "${path.join(backupsDir(dir), goodBackup)}"`);
      expect(list.stderr).not.toMatch(/malformed|not a database|SQLITE_|at .*\.ts:/);
      expect(snapshot(dir)).toEqual(before);

      // The restore the message offers works although the database cannot be opened …
      const restore = await cliHere(dir, '--json', 'restore', path.join(backupsDir(dir), goodBackup));
      expect(restore.code, restore.stderr).toBe(0);
      const result = restore.json<{ restoredFrom: string; previousSavedAs: string }>();
      // … keeps the unusable file byte for byte, out of the backup list …
      expect(sha(result.previousSavedAs)).toBe(damagedHash);
      expect(path.basename(result.previousSavedAs)).toMatch(/^beschaedigt-/);
      // … and brings back the state of the backup.
      const app = await openApp({ dataDir: dir, log: silentLogger });
      try {
        const title = (app.db.prepare('SELECT title FROM paper WHERE id = ?').get(paperId) as { title: string }).title;
        expect(title).toBe(titleAtBackup);
        expect(app.db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        await app.close();
      }
      expect(fs.readdirSync(backupsDir(dir))).toContain(goodBackup);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  }

  it('says so when there is no good backup at all, still without touching anything (the real CLI binary)', () => {
    const dir = tempDir('vw-corrupt-');
    fs.cpSync(template, dir, { recursive: true });
    fs.rmSync(path.join(backupsDir(dir), goodBackup));
    smashPages(databaseFile(dir));
    const before = snapshot(dir);
    const r = cli(dir, 'vorlage', 'list');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/keine intakte Sicherung/);
    expect(snapshot(dir)).toEqual(before);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
