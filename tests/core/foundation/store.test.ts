import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/connection.js';
import { currentSchemaVersion, latestSchemaVersion, loadMigrations, migrate } from '../../../electron/core/db/migrate.js';
import { tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';

let t: TempApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('database', () => {
  it('creates every table from an empty file and records each migration', () => {
    const file = path.join(tempDir(), 'db.sqlite');
    const db = openDatabase(file);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    for (const name of ['body', 'department', 'committee', 'meeting', 'agenda_item', 'paper', 'consultation', 'attachment', 'file_blob', 'revision', 'audit_event', 'schema_migration']) {
      expect(tables).toContain(name);
    }
    const applied = db.prepare('SELECT id, name FROM schema_migration ORDER BY id').all() as { id: number; name: string }[];
    expect(applied.map((m) => m.id)).toEqual(loadMigrations().map((m) => m.id));
    expect(currentSchemaVersion(db)).toBe(latestSchemaVersion());
    db.close();
  });

  it('sets the durability and privacy pragmas on every connection', () => {
    const db = openDatabase(path.join(tempDir(), 'db.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    db.close();
  });

  it('rolls back a migration that fails midway and reports it in German', () => {
    const db = new Database(path.join(tempDir(), 'db.sqlite'));
    const good = loadMigrations();
    const broken = [...good, { id: good.length + 1, name: 'broken', sql: 'CREATE TABLE half_done (x); INSERT INTO no_such_table VALUES (1);' }];
    expect(() => migrate(db, broken)).toThrow(/konnte nicht auf Version \d+ \(broken\) aktualisiert werden/);
    expect(currentSchemaVersion(db)).toBe(good.length);
    expect(db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database from a newer version without touching it', () => {
    const file = path.join(tempDir(), 'db.sqlite');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO schema_migration (id, name, applied_at) VALUES (999, ?, ?)').run('future', new Date().toISOString());
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(/neueren Version von Vorlagenwerk/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database, and a truncated one, with a German message', () => {
    const dir = tempDir();
    const notDb = path.join(dir, 'text.sqlite');
    fs.writeFileSync(notDb, 'Dies ist keine Datenbank, sondern ein Brief.'.repeat(50));
    expect(() => openDatabase(notDb)).toThrow(/beschädigt oder keine Vorlagenwerk-Datenbank/);
    expect(fs.readFileSync(notDb, 'utf8')).toMatch(/^Dies ist keine Datenbank/);

    const good = path.join(dir, 'good.sqlite');
    const db = openDatabase(good);
    db.exec('CREATE TABLE filler (x); INSERT INTO filler SELECT randomblob(1000) FROM (WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM c WHERE n < 200) SELECT n FROM c);');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const truncated = path.join(dir, 'truncated.sqlite');
    fs.writeFileSync(truncated, fs.readFileSync(good).subarray(0, 300));
    expect(() => openDatabase(truncated)).toThrow(/beschädigt/);
  });
});

describe('revisions', () => {
  it('appends a revision per changed save, none for an identical save, and keeps old states readable', async () => {
    t = await tempApp({ demo: true });
    const paper = await t.call('vorlagen.get', { ref: '50/010/' + new Date().getFullYear() });
    expect(paper.revision).toBe(1);
    const first = await t.call('vorlagen.save', { id: paper.id, title: 'Integrationslotsen – Ausweitung', expectedRevision: 1 });
    expect(first).toMatchObject({ revision: 2, changed: true });
    const same = await t.call('vorlagen.save', { id: paper.id, title: 'Integrationslotsen – Ausweitung' });
    expect(same).toMatchObject({ revision: 2, changed: false });
    const history = await t.call('vorlagen.history', { ref: paper.id });
    expect(history.revisions.map((r) => r.number)).toEqual([1, 2]);
    const old = await t.call('vorlagen.revision', { ref: paper.id, number: 1 });
    expect(old.content.title).toBe(paper.title);
    await expect(t.app.store.sql.run('UPDATE revision SET content = ? WHERE paper_id = ?', ['{}', paper.id])).rejects.toThrow(/append-only/);
  });

  it('refuses a save based on an outdated revision instead of overwriting', async () => {
    t = await tempApp({ demo: true });
    const paper = (await t.call('vorlagen.list', {}))[0]!;
    await t.call('vorlagen.save', { id: paper.id, title: 'Stand A', expectedRevision: paper.revision });
    const stale = await t.dispatch('vorlagen.save', { id: paper.id, title: 'Stand B', expectedRevision: paper.revision });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await t.call('vorlagen.get', { ref: paper.id })).title).toBe('Stand A');
  });
});

describe('Vorlagen list', () => {
  it('derives the status in SQL exactly as paperStatus() does, and filters and pages by it', async () => {
    t = await tempApp({ demo: true });
    const all = await t.call('vorlagen.list', {});
    const { paperStatus, isResolution } = await import('../../../electron/core/domain/status.js');
    const { isFinalResult } = await import('../../../electron/shared/results.js');
    // A postponed Beratung must keep its Vorlage "in Beratung".
    const done = all.find((p) => p.status === 'erledigt' && p.committeeIds.length === 1)!;
    const doneItem = (await t.app.store.agenda.forPaper(done.id))[0]!;
    await t.app.store.agenda.setResult(doneItem.id, { result: 'vertagt', votes: null, minutes: null });
    const postponed = (await t.call('vorlagen.list', {})).find((p) => p.id === done.id)!;
    expect(postponed.status).toBe('in_beratung');
    all.splice(all.findIndex((p) => p.id === done.id), 1, postponed);
    for (const summary of all) {
      const consultations = await t.app.store.consultations.forPaper(summary.id);
      const expected = paperStatus({
        total: consultations.length,
        scheduled: consultations.filter((c) => c.meetingId !== null).length,
        withResult: consultations.filter((c) => c.result !== null && isFinalResult(c.result)).length,
        resolved: consultations.filter((c) => c.result !== null && isResolution(c.result)).length,
      });
      expect(summary.status, summary.reference).toBe(expected);
    }
    expect(new Set(all.map((p) => p.status))).toEqual(new Set(['entwurf', 'in_beratung', 'erledigt', 'beschlossen']));
    for (const status of ['entwurf', 'in_beratung', 'erledigt', 'beschlossen'] as const) {
      const filtered = await t.call('vorlagen.list', { status });
      expect(filtered.map((p) => p.id)).toEqual(all.filter((p) => p.status === status).map((p) => p.id));
    }
    const page1 = await t.call('vorlagen.page', { offset: 0, limit: 5 });
    const page2 = await t.call('vorlagen.page', { offset: 5, limit: 5 });
    expect(page1.total).toBe(all.length);
    expect([...page1.items, ...page2.items].map((p) => p.id)).toEqual(all.slice(0, 10).map((p) => p.id));
    const newest = all.find((p) => p.status === 'entwurf' && p.id !== all.filter((x) => x.status === 'entwurf')[0]!.id)!;
    await t.call('vorlagen.save', { id: newest.id, title: `${newest.title} (überarbeitet)` });
    const recent = await t.call('vorlagen.page', { status: 'entwurf', order: 'geaendert', limit: 1 });
    expect(recent.items.map((p) => p.id)).toEqual([newest.id]);
    const drafts = await t.call('vorlagen.page', { status: 'entwurf', limit: 2 });
    expect(drafts.total).toBe(all.filter((p) => p.status === 'entwurf').length);
    expect(drafts.items).toHaveLength(2);
  });
});

describe('dates', () => {
  it('refuses days that do not exist instead of rolling them over', async () => {
    const { IsoDateSchema, LocalDateTimeSchema } = await import('../../../electron/shared/schemas.js');
    for (const bad of ['2025-02-30T15:00', '2025-04-31T10:00', '2025-02-28T24:00', '2025-13-01T10:00', '2025-03-01T10:60']) {
      expect(LocalDateTimeSchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(LocalDateTimeSchema.safeParse('2024-02-29T15:00').success).toBe(true);
    expect(IsoDateSchema.safeParse('2025-02-29').success).toBe(false);
    expect(IsoDateSchema.safeParse('2024-02-29').success).toBe(true);
  });
});
