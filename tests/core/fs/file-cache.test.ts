import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileCache } from '../../../electron/core/fs/file-cache.js';
import { printCacheDir, printCacheFor } from '../../../electron/core/export/pack/print-cache.js';
import { tempApp, tempDir } from '../../helpers/temp-app.js';

const key = (n: number) => n.toString(16).padStart(64, '0');
const bytes = (size: number, fill = 1) => new Uint8Array(size).fill(fill);
const entryFile = (cache: FileCache, n: number) => join(cache.dir, `${key(n)}.bin`);

describe('FileCache (issue 16.7: a bounded, self-checking cache)', () => {
  it('returns what was put, with its meta; an unknown key is a miss', async () => {
    const cache = new FileCache<{ pages: number }>(join(tempDir(), 'c'));
    expect(cache.get(key(1))).toBeNull();
    expect(await cache.put(key(1), { pages: 3 }, bytes(1000, 7))).toBe(true);
    const entry = cache.get(key(1))!;
    expect(entry.meta).toEqual({ pages: 3 });
    expect(Buffer.from(entry.bytes).equals(Buffer.from(bytes(1000, 7)))).toBe(true);
  });

  it('a torn or corrupt entry is a miss and is removed, never served', async () => {
    const cache = new FileCache(join(tempDir(), 'c'));
    await cache.put(key(1), null, bytes(5000));
    await cache.put(key(2), null, bytes(5000));
    const torn = readFileSync(entryFile(cache, 1));
    writeFileSync(entryFile(cache, 1), torn.subarray(0, 2000));
    const flipped = readFileSync(entryFile(cache, 2));
    flipped[100] = flipped[100]! ^ 0x01;
    writeFileSync(entryFile(cache, 2), flipped);
    expect(cache.get(key(1))).toBeNull();
    expect(cache.get(key(2))).toBeNull();
    expect(existsSync(entryFile(cache, 1))).toBe(false);
    expect(existsSync(entryFile(cache, 2))).toBe(false);
    // And the next put rebuilds it.
    await cache.put(key(1), null, bytes(5000));
    expect(cache.get(key(1))).not.toBeNull();
  });

  it('stays within its size: the least recently used entries go first', async () => {
    const cache = new FileCache(join(tempDir(), 'c'), { maxBytes: 35_000 });
    for (const n of [1, 2, 3]) {
      await cache.put(key(n), null, bytes(10_000));
      // Distinct use times without waiting: entry n was used n minutes ago … reversed below.
      const t = new Date(Date.now() - (10 - n) * 60_000);
      utimesSync(entryFile(cache, n), t, t);
    }
    expect(cache.get(key(1))).not.toBeNull(); // 1 is now the most recently used
    await cache.put(key(4), null, bytes(10_000));
    expect(cache.stats().bytes).toBeLessThanOrEqual(35_000);
    expect(cache.get(key(2))).toBeNull(); // the least recently used went
    for (const n of [1, 3, 4]) expect(cache.get(key(n))).not.toBeNull();
  });

  it('writes atomically into an owner-only folder, leaving no temp files', async () => {
    const cache = new FileCache(join(tempDir(), 'c'));
    await cache.put(key(1), null, bytes(100));
    expect(statSync(cache.dir).mode & 0o777).toBe(0o700);
    expect(statSync(entryFile(cache, 1)).mode & 0o777).toBe(0o600);
    expect(readdirSync(cache.dir)).toEqual([`${key(1)}.bin`]);
  });

  it('a folder it cannot create or write costs speed only: put says false, nothing throws', async () => {
    // A file where the folder should be fails even for root (ENOTDIR).
    const blocked = join(tempDir(), 'datei');
    writeFileSync(blocked, '');
    const cache = new FileCache(join(blocked, 'c'));
    expect(await cache.put(key(1), null, bytes(100))).toBe(false);
    expect(cache.get(key(1))).toBeNull();
    expect(cache.clear()).toBe(true);
  });

  it('stores nothing that was made before a clear(): neither a put begun after it nor one it interrupts', async () => {
    const cache = new FileCache(join(tempDir(), 'c'));
    const before = cache.epoch;
    cache.clear();
    expect(await cache.put(key(1), null, bytes(100), before)).toBe(false);
    const during = cache.put(key(2), null, bytes(100), cache.epoch);
    cache.clear();
    expect(await during).toBe(false);
    expect(cache.get(key(1))).toBeNull();
    expect(cache.get(key(2))).toBeNull();
    expect(cache.stats().entries).toBe(0);
    // Work that started after the clear is stored as usual.
    expect(await cache.put(key(3), null, bytes(100), cache.epoch)).toBe(true);
  });

  it('refuses keys that are not a SHA-256 (no paths from outside)', async () => {
    const cache = new FileCache(join(tempDir(), 'c'));
    expect(await cache.put('../../etc/passwd', null, bytes(1))).toBe(false);
    expect(cache.get('../x')).toBeNull();
  });
});

describe('the print cache and erased data', () => {
  const apps: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('is emptied when data is erased (DSGVO): no printed copy outlives a deleted Vorlage', async () => {
    const t = await tempApp({ demo: true });
    apps.push(t);
    const cache = printCacheFor(t.dir);
    expect(cache.dir).toBe(printCacheDir(t.dir));
    await cache.put(key(1), null, bytes(100));
    // Saving changes nothing in the cache (entries are keyed by content)…
    const paper = (await t.call('vorlagen.list', {}))[0]!;
    await t.call('vorlagen.save', { id: paper.id, title: `${paper.title} (geändert)` }).catch(() => undefined);
    expect(cache.get(key(1))).not.toBeNull();
    // … deleting empties it.
    const draft = await t.call('vorlagen.create', { template: paper.template, departmentId: paper.departmentId, title: 'Wird gelöscht' });
    await t.call('vorlagen.delete', { id: draft.id });
    expect(cache.get(key(1))).toBeNull();
    expect(cache.stats().entries).toBe(0);
  });
});
