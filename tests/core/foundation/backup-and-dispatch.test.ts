import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { KEEP_BACKUPS, listBackups } from '../../../electron/core/db/sqlite-backup.js';
import { backupIfDue, createBackup, restoreBackup } from '../../../electron/core/services/backup.js';
import { tempApp, type TempApp } from '../../helpers/temp-app.js';

let t: TempApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('backups', () => {
  it('keeps only the newest backups and makes one at start only when the last is older than a day', async () => {
    let clock = new Date('2026-03-01T08:00:00Z');
    t = await tempApp({ demo: true, now: () => clock });
    for (let i = 0; i < KEEP_BACKUPS + 3; i++) {
      clock = new Date(clock.getTime() + 60_000);
      await createBackup(t.app);
    }
    expect(listBackups(t.dir)).toHaveLength(KEEP_BACKUPS);
    expect(await backupIfDue(t.app)).toBeNull();
    // listBackups reads file times; age them as a day-old backup folder would look.
    const old = new Date(Date.now() - 2 * 86_400_000);
    for (const b of listBackups(t.dir)) fs.utimesSync(b.file, old, old);
    clock = new Date();
    expect(await backupIfDue(t.app)).not.toBeNull();
  });

  it('restores an earlier state into the open database and saves the current state first', async () => {
    t = await tempApp({ demo: true });
    const backup = await createBackup(t.app);
    const paper = (await t.call('vorlagen.list', {}))[0]!;
    await t.call('vorlagen.save', { id: paper.id, title: 'Nach der Sicherung geändert' });
    const result = await restoreBackup(t.app, backup.file);
    expect((await t.call('vorlagen.get', { ref: paper.id })).title).toBe(paper.title);
    expect(fs.existsSync(result.previousSavedAs)).toBe(true);
    const check = await t.call('sicherung.check', {});
    expect(check.ok).toBe(true);
  });
});

describe('dispatcher', () => {
  it('rejects unknown and prototype method names as VALIDATION', async () => {
    t = await tempApp();
    for (const method of ['gibtsnicht', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const r = await t.dispatch(method, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('rejects unknown keys, wrong types and prototype-polluting input without side effects', async () => {
    t = await tempApp({ demo: true });
    const polluted = JSON.parse('{"__proto__": {"polluted": true}, "ref": "Sozialausschuss"}');
    const r = await t.dispatch('gremien.get', polluted);
    expect(r.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await t.dispatch('vorlagen.get', { ref: 1, extra: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('unbekannte Felder') } });
    expect(await t.dispatch('vorlagen.get', { ref: { $gt: 1 } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.dispatch('vorlagen.get', { ref: 999_999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('hides internal failures behind a German message', async () => {
    t = await tempApp({ demo: true });
    t.app.db.exec('DROP TABLE audit_event');
    const r = await t.dispatch('app.activity', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/interner Fehler/) } });
    if (!r.ok) expect(r.error.message).not.toMatch(/audit_event|SqliteError|\.ts/);
  });
});

describe('restore of the oldest backup', () => {
  it('works even when the safety backup taken first would rotate that very file away', async () => {
    let clock = new Date('2026-03-01T08:00:00Z');
    t = await tempApp({ demo: true, now: () => clock });
    const paper = (await t.call('vorlagen.list', {}))[0]!;
    for (let i = 0; i < KEEP_BACKUPS; i++) {
      clock = new Date(clock.getTime() + 60_000);
      await createBackup(t.app);
    }
    const oldest = listBackups(t.dir).at(-1)!;
    await t.call('vorlagen.save', { id: paper.id, title: 'Nach allen Sicherungen geändert' });
    clock = new Date(clock.getTime() + 60_000);
    await restoreBackup(t.app, oldest.file);
    expect((await t.call('vorlagen.get', { ref: paper.id })).title).toBe(paper.title);
  });
});
