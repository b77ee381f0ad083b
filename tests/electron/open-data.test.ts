import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openDataOrOfferRestore } from '../../electron/main/open-data.js';
import { createBackup } from '../../electron/core/services/backup.js';
import { tempApp } from '../helpers/temp-app.js';

async function damagedDataDir() {
  const t = await tempApp({ demo: true });
  const count = (await t.call('vorlagen.list', {})).length;
  await createBackup(t.app);
  await t.close();
  const dbFile = path.join(t.dir, 'vorlagenwerk.sqlite');
  fs.rmSync(`${dbFile}-wal`, { force: true });
  fs.rmSync(`${dbFile}-shm`, { force: true });
  fs.writeFileSync(dbFile, 'Dies ist keine Datenbank mehr.'.repeat(200));
  return { dir: t.dir, dbFile, count };
}

const fakeDialog = (response: number) => ({ showMessageBoxSync: vi.fn(() => response), showErrorBox: vi.fn() });

describe('desktop start with a damaged database', () => {
  it('offers the newest intact backup and, when chosen, starts with it', async () => {
    const { dir, count } = await damagedDataDir();
    const dialog = fakeDialog(0);
    const context = await openDataOrOfferRestore(dir, dialog);
    expect(dialog.showMessageBoxSync).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(dialog.showMessageBoxSync.mock.calls[0])).toContain('Sicherung wiederherstellen');
    expect(context).not.toBeNull();
    expect(await context!.store.papers.count()).toBe(count);
    await context!.close();
    expect(fs.readdirSync(path.join(dir, 'backups')).some((f) => f.startsWith('beschaedigt-'))).toBe(true);
  });

  it('changes nothing when the user quits instead', async () => {
    const { dir, dbFile } = await damagedDataDir();
    const before = fs.readFileSync(dbFile);
    const dialog = fakeDialog(1);
    expect(await openDataOrOfferRestore(dir, dialog)).toBeNull();
    expect(fs.readFileSync(dbFile).equals(before)).toBe(true);
    expect(dialog.showErrorBox).not.toHaveBeenCalled();
  });
});
