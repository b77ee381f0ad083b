import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { KEEP_BACKUPS, listBackups } from '../../../electron/core/db/sqlite-backup.js';
import { createBackup } from '../../../electron/core/services/backup.js';
import { tempApp, type TempApp } from '../../helpers/temp-app.js';

/**
 * Found by the crash harness (many backups in quick succession): backups made within one second
 * must each exist after they were reported, and rotation must remove the oldest, never the one
 * just written — neither by sorting "…-10" before "…-9" nor by reusing a name rotation freed.
 */
let t: TempApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('backups within one second', () => {
  it('all exist when reported, and the newest ten are kept', async () => {
    t = await tempApp({ demo: true, now: () => new Date('2026-03-01T08:00:00Z') });
    const made: string[] = [];
    for (let i = 0; i < KEEP_BACKUPS * 2 + 5; i++) {
      const backup = await createBackup(t.app);
      expect(fs.existsSync(backup.file), `backup ${i + 1} reported but gone: ${backup.file}`).toBe(true);
      made.push(backup.file);
    }
    expect(listBackups(t.dir).map((b) => b.file)).toEqual(made.slice(-KEEP_BACKUPS).reverse());
  });
});
