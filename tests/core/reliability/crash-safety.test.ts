import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../../electron/core/app-context.js';
import { currentSchemaVersion, loadMigrations, migrate } from '../../../electron/core/db/migrate.js';
import { silentLogger } from '../../../electron/core/log.js';
import { backupsDir, databaseFile } from '../../../electron/core/paths.js';
import { registerSearchFunctions } from '../../../electron/core/search/sql-functions.js';
import { validateBackup } from '../../../electron/core/db/sqlite-backup.js';
import { buildSchemaDatabase } from '../../fixtures/schema-data.js';
import { tempApp, tempDir } from '../../helpers/temp-app.js';
import { bundleWorker, watchLines, type WorkerBundle } from './helpers/worker-bundle.js';

/**
 * Issue 8.1: a child process saves revisions through the real dispatcher (and backs up, and
 * migrates) and is killed with SIGKILL at random moments. After every kill the database must be
 * intact, every save that had returned must be there with its hash, and nothing half-saved may
 * be visible. `npm test` runs a CI-sized number of kills; `npm run test:torture` runs 200.
 */
const KILLS = Math.max(8, Number(process.env.VW_TORTURE_KILLS ?? 24));
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

let worker: WorkerBundle;
beforeAll(async () => {
  worker = await bundleWorker(path.join(import.meta.dirname, 'workers', 'crash-worker.ts'));
});
afterAll(() => worker?.dispose());

function openRaw(file: string): Database.Database {
  const db = new Database(file);
  registerSearchFunctions(db);
  return db;
}

/** Table, index, trigger and view names of an empty database at each schema version. */
function schemaObjectsByVersion(): Map<number, string> {
  const result = new Map<number, string>();
  const migrations = loadMigrations();
  for (let v = 1; v <= migrations.length; v++) {
    const db = openRaw(':memory:');
    migrate(db, migrations.slice(0, v));
    result.set(v, schemaObjects(db));
    db.close();
  }
  return result;
}
const schemaObjects = (db: Database.Database) =>
  (db.prepare("SELECT type || ':' || name AS o FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY 1").all() as { o: string }[]).map((r) => r.o).join(',');

/** Content of the tables every schema version has: must survive a (killed) migration unchanged. */
const BASE_TABLES = ['body', 'department', 'committee', 'meeting', 'used_reference', 'paper_counter', 'paper', 'revision', 'consultation', 'agenda_item', 'file_blob', 'attachment', 'audit_event'];

/** The columns the base tables have in `db` (the source version), so later migrations' added columns do not count. */
function baseColumns(db: Database.Database): Map<string, string[]> {
  return new Map(BASE_TABLES.map((t) => [t, (db.prepare(`SELECT name FROM pragma_table_info('${t}')`).all() as { name: string }[]).map((c) => c.name)]));
}

function baseContent(db: Database.Database, columns: Map<string, string[]>): string {
  const h = createHash('sha256');
  for (const [t, cols] of columns) {
    const list = cols.map((c) => `"${c}"`).join(', ');
    for (const row of db.prepare(`SELECT ${list} FROM "${t}" ORDER BY rowid`).raw().iterate()) h.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? sha256(v) : v)));
  }
  return h.digest('hex');
}

interface Figures {
  kills: number;
  killedDuringSave: number;
  committedButUnacknowledged: number;
  killedDuringBackup: number;
  killedDuringMigration: number;
  killedBeforeReady: number;
  savesAcknowledged: number;
  anlagenAcknowledged: number;
  backupsAcknowledged: number;
  leftoverBackupTempFiles: number;
}

describe('crash safety (SIGKILL)', () => {
  it(`keeps every returned save and shows no partial one across ${KILLS} kills during saves, backups and migrations`, async () => {
    const seed = Number(process.env.VW_TORTURE_SEED ?? Date.now() % 1_000_000);
    // Printed first, so that a failing run can be repeated: VW_TORTURE_SEED=<seed>.
    console.log(`[crash-safety] seed ${seed}, ${KILLS} kills`);
    let rng = seed || 1;
    const random = () => {
      rng = (rng * 1_103_515_245 + 12_345) % 2_147_483_648;
      return rng / 2_147_483_648;
    };

    // The live data folder the save/backup workers share across all kills.
    const t = await tempApp({ demo: true });
    // A draft: a released Vorlage is read-only, and the workers save.
    const paper = (await t.call('vorlagen.list', { status: 'entwurf' })).find((p) => p.public)!;
    await t.close();
    const dbFile = databaseFile(t.dir);

    // A large database at the oldest schema, to kill migrations in.
    const migrationSource = path.join(tempDir('vw-crash-mig-'), 'v1.sqlite');
    await buildSchemaDatabase(migrationSource, 1, { papers: 1500, words: 60 });
    const latest = loadMigrations().length;
    const objects = schemaObjectsByVersion();
    const sourceDb = openRaw(migrationSource);
    // Later migrations may add columns to these tables; the data that was there must stay as it was.
    const columns = baseColumns(sourceDb);
    const sourceContent = baseContent(sourceDb, columns);
    sourceDb.close();

    // Calibrate: how long does opening (= migrating) that database take in a worker?
    const calibrate = async () => {
      const dir = tempDir('vw-crash-cal-');
      fs.copyFileSync(migrationSource, databaseFile(dir));
      const times: Record<string, number> = {};
      const child = worker.spawn(['migrate', dir, '0', '0']);
      const w = watchLines(child, (line) => (times[line] = performance.now()));
      const exit = await w.exited;
      expect(exit.code, w.stderr()).toBe(0);
      fs.rmSync(dir, { recursive: true, force: true });
      return times.OPEN! - times.OPENING!;
    };
    let migrationMs = await calibrate();

    const figures: Figures = {
      kills: 0,
      killedDuringSave: 0,
      committedButUnacknowledged: 0,
      killedDuringBackup: 0,
      killedDuringMigration: 0,
      killedBeforeReady: 0,
      savesAcknowledged: 0,
      anlagenAcknowledged: 0,
      backupsAcknowledged: 0,
      leftoverBackupTempFiles: 0,
    };
    // Revision number → hash, over all kills; starting with what the demo import saved.
    const acked = new Map<number, string>();
    const initial = openRaw(dbFile);
    for (const r of initial.prepare('SELECT number, hash FROM revision WHERE paper_id = ?').all(paper.id) as { number: number; hash: string }[]) acked.set(r.number, r.hash);
    initial.close();
    const ackedAnlagen = new Map<number, string>(); // attachment id → sha256
    let verifiedContentUpTo = 0;

    // A worker that finished before its kill does not count; the loop runs until KILLS kills.
    for (let k = 0; figures.kills < KILLS; k++) {
      expect(k, 'too many workers ended before they could be killed').toBeLessThan(KILLS * 3);
      const mode = k % 7 === 3 ? 'migrate' : k % 7 === 5 ? 'backup' : 'save';
      if (mode === 'migrate') {
        const dir = tempDir('vw-crash-m-');
        fs.copyFileSync(migrationSource, databaseFile(dir));
        const child = worker.spawn(['migrate', dir, '0', String(seed + k)]);
        let timer: NodeJS.Timeout | undefined;
        // Measured from the moment the worker starts opening: (almost) always inside the migration.
        const w = watchLines(child, (line) => {
          if (line === 'OPENING') timer = setTimeout(() => child.kill('SIGKILL'), random() * migrationMs * 0.9);
        });
        const exit = await w.exited;
        clearTimeout(timer);
        if (exit.signal === 'SIGKILL') {
          figures.kills++;
          if (w.lines.includes('OPENING') && !w.lines.includes('OPEN')) figures.killedDuringMigration++;
        } else {
          expect(exit.code, w.stderr()).toBe(0);
          // The machine got faster (less load): aim earlier next time.
          migrationMs *= 0.7;
        }
        const db = openRaw(databaseFile(dir));
        try {
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          const version = currentSchemaVersion(db);
          expect(version).toBeGreaterThanOrEqual(1);
          // All of one migration or none of it: the schema is exactly that of a known version.
          expect(schemaObjects(db)).toBe(objects.get(version));
          expect(baseContent(db, columns)).toBe(sourceContent);
        } finally {
          db.close();
        }
        // The next start finishes the job.
        const app = await openApp({ dataDir: dir, log: silentLogger });
        expect(currentSchemaVersion(app.db)).toBe(latest);
        await app.close();
        fs.rmSync(dir, { recursive: true, force: true });
        continue;
      }

      const child = worker.spawn([mode, t.dir, String(paper.id), String(seed + k)]);
      let timer: NodeJS.Timeout | undefined;
      // One kill in five may hit the start (recovery of the previous kill's WAL, opening).
      const early = random() < 0.2;
      if (early) timer = setTimeout(() => child.kill('SIGKILL'), random() * 250);
      const w = watchLines(child, (line) => {
        // Backups of the growing database take longer: give them a wider window to finish (or not).
        if (line === 'READY' && !early) timer = setTimeout(() => child.kill('SIGKILL'), 5 + random() * (mode === 'backup' ? 600 : 120));
      });
      const exit = await w.exited;
      clearTimeout(timer);
      expect(w.lines.find((l) => l.startsWith('ERR')), w.stderr()).toBeUndefined();
      // Only a kill ends a saving worker; anything else is a crash of its own.
      expect(exit.signal, `worker ended by itself: ${exit.code} ${w.stderr()}`).toBe('SIGKILL');
      figures.kills++;
      if (!w.lines.includes('READY')) figures.killedBeforeReady++;

      let inFlight: { revision: number; hash: string } | null = null;
      let lastBackup: string | null = null;
      let lastBegin: string | null = null;
      for (const line of w.lines) {
        const [kind, what, a, b] = line.split(' ');
        if (kind === 'BEGIN') lastBegin = what!;
        if (kind === 'BEGIN' && what === 'save') inFlight = { revision: Number(a), hash: b! };
        if (kind !== 'ACK') continue;
        lastBegin = null;
        if (what === 'save') {
          acked.set(Number(a), b!);
          inFlight = null;
          figures.savesAcknowledged++;
        } else if (what === 'anlage') {
          ackedAnlagen.set(Number(a), b!);
          figures.anlagenAcknowledged++;
        } else if (what === 'backup') {
          figures.backupsAcknowledged++;
          lastBackup = a!;
        }
      }
      // Older acknowledged backups may have been rotated out (10 are kept); the newest must be there.
      if (lastBackup) expect(fs.existsSync(lastBackup), `acknowledged backup ${lastBackup} is missing`).toBe(true);
      if (lastBegin === 'save') figures.killedDuringSave++;
      if (lastBegin === 'backup') figures.killedDuringBackup++;

      const db = openRaw(dbFile);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        const revisions = db.prepare('SELECT number, hash FROM revision WHERE paper_id = ? ORDER BY number').all(paper.id) as { number: number; hash: string }[];
        // No gaps, no duplicates: revision i is at index i-1.
        revisions.forEach((r, i) => expect(r.number).toBe(i + 1));
        const byNumber = new Map(revisions.map((r) => [r.number, r.hash]));
        for (const [number, hash] of acked) expect(byNumber.get(number), `acknowledged revision ${number} lost`).toBe(hash);
        const newest = revisions.at(-1)!;
        const lastAcked = Math.max(0, ...acked.keys());
        if (newest.number > lastAcked) {
          // Only the save that was running when the process died may have committed, whole.
          expect(inFlight, `revision ${newest.number} appeared without a save in flight`).not.toBeNull();
          expect(newest).toEqual({ number: inFlight!.revision, hash: inFlight!.hash });
          acked.set(newest.number, newest.hash);
          figures.committedButUnacknowledged++;
        }
        // Every stored revision's content hashes to its recorded hash (checked once each).
        for (const r of db.prepare('SELECT number, content, hash FROM revision WHERE paper_id = ? AND number > ?').iterate(paper.id, verifiedContentUpTo) as Iterable<{ number: number; content: string; hash: string }>) {
          expect(sha256(r.content), `revision ${r.number} content damaged`).toBe(r.hash);
        }
        verifiedContentUpTo = newest.number;
        // The Vorlage itself shows exactly the newest revision, never a mix.
        const row = db.prepare('SELECT title, sections FROM paper WHERE id = ?').get(paper.id) as { title: string; sections: string };
        const latestContent = JSON.parse((db.prepare('SELECT content FROM revision WHERE paper_id = ? AND number = ?').get(paper.id, newest.number) as { content: string }).content) as { title: string; sections: unknown };
        expect(row.title).toBe(latestContent.title);
        expect(JSON.parse(row.sections)).toEqual(latestContent.sections);
        const hasSearch = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'").get();
        if (hasSearch) {
          expect((db.prepare('SELECT title FROM search_fts WHERE rowid = ?').get(paper.id * 4 + 1) as { title: string }).title).toBe(row.title);
        }
        for (const [id, hash] of ackedAnlagen) {
          const a = db.prepare('SELECT a.sha256, b.data FROM attachment a JOIN file_blob b ON b.sha256 = a.sha256 WHERE a.id = ?').get(id) as { sha256: string; data: Buffer } | undefined;
          expect(a, `acknowledged Anlage ${id} lost`).toBeDefined();
          expect(a!.sha256).toBe(hash);
          expect(sha256(a!.data)).toBe(hash);
        }
      } finally {
        db.close();
      }
      // Every backup under its final name is complete; a killed one never got that name.
      const dir = backupsDir(t.dir);
      if (fs.existsSync(dir)) {
        for (const f of fs.readdirSync(dir)) {
          if (f.endsWith('.sqlite')) expect(() => validateBackup(path.join(dir, f))).not.toThrow();
        }
      }
    }

    if (fs.existsSync(backupsDir(t.dir))) figures.leftoverBackupTempFiles = fs.readdirSync(backupsDir(t.dir)).filter((f) => !f.endsWith('.sqlite')).length;
    // Final full check through the app itself.
    const app = await openApp({ dataDir: t.dir, log: silentLogger });
    const check = (app.db.pragma('integrity_check', { simple: true }) as string);
    await app.close();
    expect(check).toBe('ok');

    console.log(`[crash-safety] seed ${seed}: ${figures.kills} SIGKILLs survived (integrity ok, 0 acknowledged saves lost, 0 partial revisions); ${JSON.stringify(figures)}`);
    expect(figures.kills).toBe(KILLS);
    // The harness must really hit the dangerous moments, not only idle ones.
    expect(figures.killedDuringSave).toBeGreaterThan(0);
    expect(figures.killedDuringMigration).toBeGreaterThan(0);
    expect(figures.savesAcknowledged).toBeGreaterThan(KILLS);
  }, 30_000 + KILLS * 3_000);
});
