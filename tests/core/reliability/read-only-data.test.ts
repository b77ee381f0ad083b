import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openApp } from '../../../electron/core/app-context.js';
import { silentLogger } from '../../../electron/core/log.js';
import { openDataOrOfferRestore } from '../../../electron/main/open-data.js';
import { DatabaseUnusableError } from '../../../electron/shared/errors.js';
import { cli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-app.js';

/**
 * Issue 12.6: a data folder that cannot be written — a read-only file system, or no write
 * permission — is reported as what it is, in the CLI, web mode and the desktop start, and never
 * as "Datenbank beschädigt" with the advice to restore a backup. Nothing in the folder changes.
 */

const root = path.join(import.meta.dirname, '..', '..', '..');
const canMount = (() => {
  if (process.platform !== 'linux') return false;
  const probe = tempDir('vw-ro-probe-');
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1k', 'tmpfs', probe]).status !== 0) return false;
  spawnSync('umount', [probe]);
  return true;
})();
// Root ignores file permissions; without CAP_DAC_OVERRIDE (setpriv) it sees them like a user.
const asPlainUser = (() => {
  if (process.platform !== 'linux') return null;
  if (process.getuid?.() !== 0) return [] as string[];
  const probe = spawnSync('setpriv', ['--bounding-set=-dac_override,-dac_read_search', 'true']);
  return probe.status === 0 ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search'] : null;
})();

function folderWithBackup(parent: string): string {
  const data = path.join(parent, 'daten');
  expect(cli(data, 'demo').code).toBe(0);
  expect(cli(data, 'backup').code).toBe(0);
  return data;
}
const snapshot = (dir: string) =>
  fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .sort()
    .map((f) => {
      const p = path.join(dir, f);
      return fs.statSync(p).isFile() ? `${f}:${fs.readFileSync(p).toString('base64')}` : f;
    })
    .join('\n');

function expectReadOnlyMessage(text: string, cause: RegExp): void {
  expect(text).toMatch(cause);
  expect(text).toContain('An der Datenbank wurde nichts verändert; eine Sicherung zurückzuspielen hilft hier nicht.');
  expect(text).not.toMatch(/beschädigt|restore|wiederher/i);
}

describe('read-only data folder (issue 12.6)', () => {
  it.skipIf(!canMount)('read-only file system: CLI, app start and desktop dialog name it, offer no restore, change nothing', async () => {
    const mount = tempDir('vw-ro-');
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', mount]).status).toBe(0);
    try {
      const data = folderWithBackup(mount);
      const before = snapshot(data);
      expect(spawnSync('mount', ['-o', 'remount,ro', mount]).status).toBe(0);

      const r = cli(data, 'vorlage', 'list');
      expect(r.code).toBe(1);
      expectReadOnlyMessage(r.stderr, /schreibgeschützten Datenträger/);
      // Even "restore", which works on a damaged database without opening it, does not try here.
      const restore = cli(data, 'restore', path.join(data, 'backups', fs.readdirSync(path.join(data, 'backups'))[0]!));
      expect(restore.code).toBe(1);
      expectReadOnlyMessage(restore.stderr, /schreibgeschützten Datenträger/);

      const error = await openApp({ dataDir: data, log: silentLogger }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DatabaseUnusableError);
      expect((error as DatabaseUnusableError).reason).toBe('read-only');
      expect((error as DatabaseUnusableError).newestBackup).toBeNull();

      const dialog = { showMessageBoxSync: vi.fn(() => 0), showErrorBox: vi.fn() };
      expect(await openDataOrOfferRestore(data, dialog)).toBeNull();
      expect(dialog.showMessageBoxSync).not.toHaveBeenCalled();
      expectReadOnlyMessage(String(dialog.showErrorBox.mock.calls[0]![1]), /schreibgeschützten Datenträger/);

      // A data folder still to be created on a read-only disk: the same message, no raw EROFS.
      const missing = cli(path.join(mount, 'neu'), 'vorlage', 'list');
      expectReadOnlyMessage(missing.stderr, /schreibgeschützten Datenträger/);
      expect(missing.stderr).not.toMatch(/EROFS/);

      expect(snapshot(data)).toBe(before);
    } finally {
      spawnSync('umount', [mount]);
    }
  }, 120_000);

  it.skipIf(!asPlainUser)('no write permission: named as such, no restore offered, nothing changed', () => {
    const data = folderWithBackup(tempDir('vw-perm-'));
    for (const f of fs.readdirSync(data)) if (f.startsWith('vorlagenwerk.sqlite')) fs.chmodSync(path.join(data, f), 0o444);
    fs.chmodSync(data, 0o555);
    try {
      const before = snapshot(data);
      const r = spawnSync(asPlainUser![0] ?? process.execPath, [...asPlainUser!.slice(1), ...(asPlainUser!.length ? [process.execPath] : []), path.join(root, 'bin', 'vorlagenwerk.mjs'), '--data-dir', data, 'vorlage', 'list'], {
        encoding: 'utf8',
        env: { ...process.env, VORLAGENWERK_DATA_DIR: '' },
      });
      expect(r.status).toBe(1);
      expectReadOnlyMessage(r.stderr, /fehlt die Schreibberechtigung/);
      expect(snapshot(data)).toBe(before);
    } finally {
      fs.chmodSync(data, 0o755);
    }
  }, 120_000);
});
