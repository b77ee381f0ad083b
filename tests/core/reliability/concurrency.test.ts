import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../../electron/core/paths.js';
import { registerSearchFunctions } from '../../../electron/core/search/sql-functions.js';
import { sha256 } from '../../../electron/core/db/hash.js';
import { tempApp } from '../../helpers/temp-app.js';
import { bundleWorker, watchLines, type WorkerBundle } from './helpers/worker-bundle.js';

/**
 * Issue 8.10: another process (a second app instance, the CLI) writes at the same time. Short
 * waits are absorbed by the busy timeout; a long lock ends in the German CONFLICT message, never
 * in SQLite's "database is locked"; concurrent saves of the same Vorlage never lose one.
 */

const root = path.join(import.meta.dirname, '..', '..', '..');
const RAW_LOCK_TEXT = /database is locked|SQLITE_BUSY|SQLITE_LOCKED|SqliteError/i;
const GERMAN_BUSY = /Die Datenbank wird gerade von einem anderen Programm verwendet\. Bitte versuchen Sie es gleich noch einmal\./;

let writer: WorkerBundle;
beforeAll(async () => {
  writer = await bundleWorker(path.join(import.meta.dirname, 'workers', 'write-worker.ts'));
});
afterAll(() => writer?.dispose());

/** The real CLI as a child process, asynchronously, so this process can hold and release locks meanwhile. */
function cliAsync(dataDir: string, ...args: string[]) {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'bin', 'vorlagenwerk.mjs'), '--data-dir', dataDir, ...args], {
    env: { ...process.env, VORLAGENWERK_DATA_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started })),
  );
}

/** A second connection holding the write lock, as another instance in the middle of a save. */
function holdWriteLock(file: string, exclusive = false) {
  const db = new Database(file);
  registerSearchFunctions(db);
  if (exclusive) db.pragma('locking_mode = EXCLUSIVE');
  db.prepare(exclusive ? 'BEGIN EXCLUSIVE' : 'BEGIN IMMEDIATE').run();
  db.prepare("UPDATE paper SET updated_at = updated_at WHERE id = (SELECT MIN(id) FROM paper)").run();
  return () => {
    db.prepare('ROLLBACK').run();
    db.close();
  };
}

async function demoFolder() {
  const t = await tempApp({ demo: true });
  // Drafts only: a released Vorlage is read-only, and these tests save.
  const papers = (await t.call('vorlagen.list', { status: 'entwurf' })).sort((a, b) => a.id - b.id);
  await t.close();
  return { dir: t.dir, papers };
}

describe('a second process writing at the same time', () => {
  it('waits out a short lock (busy timeout) and then writes', async () => {
    const { dir, papers } = await demoFolder();
    const release = holdWriteLock(databaseFile(dir));
    const run = cliAsync(dir, '--json', 'vorlage', 'carry-forward', papers[0]!.reference, '--year', '2031');
    // Released well within the 5 s busy timeout, after the CLI has started waiting.
    await new Promise((r) => setTimeout(r, 3000));
    release();
    const r = await run;
    expect(r.stderr).not.toMatch(RAW_LOCK_TEXT);
    expect(r.code, r.stderr).toBe(0);
    const created = JSON.parse(r.stdout) as { reference: string; year: number };
    expect(created.reference).toMatch(/\/2031$/);
    console.log(`[concurrency] CLI write ran ${Math.round(r.ms)} ms against a 3000 ms lock and succeeded`);
  });

  it('reports a long lock in German (CONFLICT), whether held by a writer or exclusively, and changes nothing', async () => {
    const a = await demoFolder();
    const b = await demoFolder();
    const releaseA = holdWriteLock(databaseFile(a.dir));
    const releaseB = holdWriteLock(databaseFile(b.dir), true);
    try {
      // Both in parallel: each waits the full busy timeout before giving up.
      const [write, read] = await Promise.all([
        cliAsync(a.dir, 'vorlage', 'carry-forward', a.papers[0]!.reference, '--year', '2031'),
        // An exclusive lock blocks even opening and reading.
        cliAsync(b.dir, 'vorlage', 'list'),
      ]);
      for (const r of [write, read]) {
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(GERMAN_BUSY);
        expect(r.stderr).not.toMatch(RAW_LOCK_TEXT);
        expect(r.stderr).not.toMatch(/beschädigt/);
      }
    } finally {
      releaseA();
      releaseB();
    }
    const t = await tempApp({ dataDir: a.dir });
    expect((await t.call('vorlagen.list', { year: 2031 })).length).toBe(0);
    await t.close();
  });

  it('loses no save when two processes and this one save at the same time, even to the same Vorlage', async () => {
    const { dir, papers } = await demoFolder();
    const shared = papers[0]!;
    const own = papers[1]!;
    const count = 60;
    const workers = ['A', 'B'].map((tag) => {
      const w = watchLines(writer.spawn([dir, String(shared.id), String(count), tag]));
      return w;
    });
    // Meanwhile this process saves another Vorlage through its own dispatcher.
    const t = await tempApp({ dataDir: dir });
    const local: { revision: number; title: string }[] = [];
    for (let i = 0; i < count; i++) {
      const r = await t.dispatch('vorlagen.save', { id: own.id, title: `Lokal ${i}` });
      expect(r.ok ? null : r.error, 'local save failed').toBeNull();
      if (r.ok) local.push({ revision: (r.result as { revision: number }).revision, title: `Lokal ${i}` });
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const exits = await Promise.all(workers.map((w) => w.exited));
    exits.forEach((e, i) => expect(e.code, workers[i]!.stderr() + workers[i]!.lines.join('\n')).toBe(0));
    const acked = workers.flatMap((w) => w.lines.filter((l) => l.startsWith('ACK ')).map((l) => l.split(' ')));
    const conflicts = workers.map((w) => Number(w.lines.find((l) => l.startsWith('DONE'))!.split(' ')[1]));
    for (const w of workers) expect(w.lines.join('\n')).not.toMatch(RAW_LOCK_TEXT);
    expect(acked).toHaveLength(2 * count);

    // Every acknowledged save of the shared Vorlage is a revision of its own, with its content.
    const revisions = t.app.db.prepare('SELECT number, hash, content FROM revision WHERE paper_id = ? ORDER BY number').all(shared.id) as { number: number; hash: string; content: string }[];
    const byNumber = new Map(revisions.map((r) => [r.number, r]));
    for (const [, number, hash] of acked) {
      const r = byNumber.get(Number(number));
      expect(r?.hash, `revision ${number}`).toBe(hash);
      expect(sha256(r!.content)).toBe(hash);
    }
    expect(new Set(acked.map((a) => a[1])).size).toBe(2 * count);
    const ownRevisions = t.app.db.prepare('SELECT number FROM revision WHERE paper_id = ?').all(own.id) as { number: number }[];
    for (const l of local) expect(ownRevisions.map((r) => r.number)).toContain(l.revision);
    expect(t.app.db.pragma('integrity_check', { simple: true })).toBe('ok');
    await t.close();
    console.log(`[concurrency] 3 writers, ${2 * count + count} saves, 0 lost; ${conflicts.reduce((a, b) => a + b, 0)} stale-revision CONFLICTs reloaded and retried`);
  });
});
