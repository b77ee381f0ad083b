import { mkdirSync, readdirSync, rmSync, statSync, unlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import { printCacheDir } from './print-cache.js';

/**
 * Stored Anlagen as files, by SHA-256, for packs written straight to their file (PackJob.outputPath,
 * streamed-save.ts): the engine leaves a scan's images in such a file and copies them from there,
 * instead of a 300 MB Haushaltsplan travelling from the database through memory into the pack.
 * Once written, a file serves every later pack without touching the database.
 *
 * Inside the print cache's folder, so that clearing the print cache after data was erased (DSGVO)
 * removes these copies too; owner-only like it. Bounded: the least recently used go first.
 */
const MAX_BYTES = 2 * 1024 * 1024 * 1024;
const NAME = /^[0-9a-f]{64}\.pdf$/;

export function anlageFilesDir(dataDir: string): string {
  return join(printCacheDir(dataDir), 'anlagen');
}

/**
 * The file holding the stored Anlage `sha256` of `size` bytes, written from `read()` when it is
 * not there yet; null when the database has no data for it (the pack shows a note page) or the
 * file cannot be written (the caller then passes the bytes instead). `current()` false means the
 * print cache was cleared since the pack began (data erased): then nothing is written, and what
 * was written meanwhile is removed.
 */
export async function anlageFile(
  dataDir: string,
  sha256: string,
  size: number,
  read: () => Promise<Uint8Array | null>,
  current: () => boolean,
): Promise<string | null> {
  const dir = anlageFilesDir(dataDir);
  const path = join(dir, `${sha256}.pdf`);
  try {
    if (statSync(path).size === size) {
      const now = new Date();
      utimesSync(path, now, now);
      return path;
    }
  } catch {
    // not there yet
  }
  const bytes = await read();
  if (!bytes || !current()) return null;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(path, bytes, { mode: 0o600 });
  } catch {
    return null;
  }
  if (!current()) {
    rmSync(path, { force: true });
    return null;
  }
  evict(dir, path);
  return path;
}

function evict(dir: string, keep: string): void {
  const files: { path: string; size: number; used: number }[] = [];
  for (const name of readdirSync(dir)) {
    if (!NAME.test(name)) continue;
    try {
      const stat = statSync(join(dir, name));
      files.push({ path: join(dir, name), size: stat.size, used: stat.mtimeMs });
    } catch {
      // removed meanwhile
    }
  }
  let total = files.reduce((sum, f) => sum + f.size, 0);
  files.sort((a, b) => a.used - b.used);
  for (const file of files) {
    if (total <= MAX_BYTES) break;
    if (file.path === keep) continue;
    try {
      unlinkSync(file.path);
    } catch {
      // already gone
    }
    total -= file.size;
  }
}
