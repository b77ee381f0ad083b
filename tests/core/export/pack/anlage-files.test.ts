import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { anlageFile, anlageFilesDir } from '../../../../electron/core/export/pack/anlage-files.js';
import { clearPrintCache } from '../../../../electron/core/export/pack/print-cache.js';
import { tempDir } from '../../../helpers/temp-app.js';

/** Stored Anlagen as files for streamed packs (anlage-files.ts). */
const dataDir = tempDir('vw-anlage-files-');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const bytes = new Uint8Array(Buffer.from('%PDF-1.7\n% Haushaltsplan 2026\n'));
const sha = 'a'.repeat(64);

describe('anlageFile', () => {
  it('writes a stored Anlage once, owner-only, and serves later packs without reading the database', async () => {
    let reads = 0;
    const read = async () => (reads++, bytes);
    const first = await anlageFile(dataDir, sha, bytes.length, read, () => true);
    const second = await anlageFile(dataDir, sha, bytes.length, read, () => true);
    expect(first).toBe(join(anlageFilesDir(dataDir), `${sha}.pdf`));
    expect(second).toBe(first);
    expect(reads).toBe(1);
    expect(new Uint8Array(readFileSync(first!))).toEqual(bytes);
    if (process.platform !== 'win32') expect(statSync(first!).mode & 0o077).toBe(0);
  });

  it('is removed with the print cache after data were erased, and not written when that happened during the pack', async () => {
    expect(clearPrintCache(dataDir)).toBe(true);
    expect(existsSync(join(anlageFilesDir(dataDir), `${sha}.pdf`))).toBe(false);
    // The cache is cleared (data erased) while a pack reads the Anlage: no copy may outlive that.
    let cleared = false;
    const during = await anlageFile(
      dataDir,
      sha,
      bytes.length,
      async () => {
        cleared = true;
        return bytes;
      },
      () => !cleared,
    );
    expect(during).toBeNull();
    expect(existsSync(join(anlageFilesDir(dataDir), `${sha}.pdf`))).toBe(false);
  });

  it('gives null for an Anlage whose data the database no longer has', async () => {
    expect(await anlageFile(dataDir, 'b'.repeat(64), 10, async () => null, () => true)).toBeNull();
  });
});
