import { createHash } from 'node:crypto';
import { closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileCache } from '../../fs/file-cache.js';
import { cacheDir } from '../../paths.js';
import type { AttachmentPart } from './types.js';

/**
 * Version of what the cache stores and how keys are built; bump it when either changes. Code
 * changes of the print and pack pipeline need no bump: they change `codeFingerprint()`.
 */
const FORMAT = 'druck-1';

/** The cache of printed documents, assembled packs and converted Anlagen in a data folder. */
export function printCacheDir(dataDir: string): string {
  return join(cacheDir(dataDir), 'druck');
}

const caches = new Map<string, FileCache>();

/** One cache object per data folder and process. */
export function printCacheFor(dataDir: string): FileCache {
  const dir = printCacheDir(dataDir);
  let cache = caches.get(dir);
  if (!cache) {
    cache = new FileCache(dir);
    caches.set(dir, cache);
  }
  return cache;
}

const clearListeners = new Map<string, Set<() => void>>();

/**
 * Calls `listener` whenever the print cache of `dataDir` is emptied after data were erased, for
 * copies held elsewhere (the pack worker's last pack); returns the function that unsubscribes.
 */
export function onPrintCacheCleared(dataDir: string, listener: () => void): () => void {
  const dir = printCacheDir(dataDir);
  const listeners = clearListeners.get(dir) ?? new Set();
  clearListeners.set(dir, listeners);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** After data was erased (DSGVO): no printed copy of it may outlive it in the cache. */
export function clearPrintCache(dataDir: string): boolean {
  for (const listener of clearListeners.get(printCacheDir(dataDir)) ?? []) listener();
  return printCacheFor(dataDir).clear();
}

let fingerprint: string | null = null;

/**
 * Identifies the code that turns HTML and Anlagen into PDF bytes, so that an update (or a
 * developer's edit) never serves a pack built by other code. From the sources: every file of the
 * PDF and pack pipeline; in a build: the bundle file holding this module and the pack worker
 * beside it (chunks are content-hashed, entry files are not, hence their content).
 */
export function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256').update(FORMAT);
  const self = fileURLToPath(import.meta.url);
  const files: string[] = [];
  if (self.endsWith('.ts')) {
    // Every file below pack/ and pdf/ (sub-folders such as pdf/archival and its ICC profile too).
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.isFile()) files.push(join(dir, entry.name));
      }
    };
    walk(dirname(self));
    walk(join(dirname(self), '..', 'pdf'));
  } else {
    files.push(self);
    const worker = join(dirname(self), 'pack-worker.js');
    if (existsSync(worker)) files.push(worker);
  }
  for (const file of files) hash.update(file.slice(dirname(self).length)).update(readFileSync(file));
  fingerprint = hash.digest('hex');
  return fingerprint;
}

/** SHA-256 over the parts of a key; each part is length-prefixed so no two lists collide. */
export function cacheKey(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    hash.update(`${bytes.length}:`).update(bytes);
  }
  return hash.digest('hex');
}

/**
 * An Anlage by content for a cache key: the known hash, the bytes, or the file read in pieces
 * (never through a link or from a FIFO, like the loader); a file that cannot be read is keyed by
 * its path, as the pack shows a note page for it.
 */
export function attachmentHash(part: AttachmentPart): string {
  if (part.contentHash) return `sha256:${part.contentHash}`;
  if ('bytes' in part.data) return `sha256:${createHash('sha256').update(part.data.bytes).digest('hex')}`;
  let fd: number;
  try {
    fd = openSync(part.data.path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    return `unreadable:${part.data.path}`;
  }
  try {
    if (!fstatSync(fd).isFile()) return `unreadable:${part.data.path}`;
    const hash = createHash('sha256');
    const chunk = Buffer.alloc(1024 * 1024);
    for (let n; (n = readSync(fd, chunk)) > 0; ) hash.update(chunk.subarray(0, n));
    return `sha256:${hash.digest('hex')}`;
  } catch {
    return `unreadable:${part.data.path}`;
  } finally {
    closeSync(fd);
  }
}
