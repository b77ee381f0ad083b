import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtomicWriteError, writeFileAtomic } from '../../../electron/core/fs/atomic-write.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vw-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates a new file with exactly the given bytes and leaves no temp file', async () => {
    const target = join(dir, 'mappe.pdf');
    await writeFileAtomic(target, new Uint8Array([1, 2, 3, 250]));
    expect([...(await readFile(target))]).toEqual([1, 2, 3, 250]);
    expect(await readdir(dir)).toEqual(['mappe.pdf']);
  });

  it('replaces an existing file completely', async () => {
    const target = join(dir, 'mappe.pdf');
    await writeFile(target, 'alter Inhalt, deutlich länger als der neue');
    await writeFileAtomic(target, 'neu');
    expect(await readFile(target, 'utf8')).toBe('neu');
    expect(await readdir(dir)).toEqual(['mappe.pdf']);
  });

  it('fails with a German message and no leftovers when the folder does not exist', async () => {
    const target = join(dir, 'fehlt', 'mappe.pdf');
    const error = await writeFileAtomic(target, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtomicWriteError);
    expect((error as Error).message).toContain('Der Ordner existiert nicht');
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps the old target untouched and removes the temp file when the rename fails', async () => {
    // A non-empty folder as target makes rename() fail after the temp file was fully written.
    const target = join(dir, 'ziel');
    await mkdir(target);
    await writeFile(join(target, 'inhalt.txt'), 'bleibt');
    await expect(writeFileAtomic(target, 'neu')).rejects.toBeInstanceOf(AtomicWriteError);
    expect(await readdir(dir)).toEqual(['ziel']);
    expect(await readFile(join(target, 'inhalt.txt'), 'utf8')).toBe('bleibt');
  });
});
