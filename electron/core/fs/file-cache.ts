import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, unlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';

/** An entry: what the producer wants back besides the bytes (JSON), and the bytes. */
export interface CacheEntry<M> {
  meta: M;
  bytes: Uint8Array;
}

export interface FileCacheOptions {
  /** Upper bound of all entries together; the least recently used go first (default 512 MB). */
  maxBytes?: number;
}

const MAGIC = Buffer.from('VWC1');
const HASH_BYTES = 32;
const KEY = /^[0-9a-f]{64}$/;
const ENTRY = /^[0-9a-f]{64}\.bin$/;

/**
 * A content-addressed cache of files in one folder: the key is a SHA-256 of everything the value
 * depends on, so an entry is never stale — a changed input is a different key, and the old entry
 * ages out (least recently used first once the folder exceeds its size). Each entry carries the
 * SHA-256 of its own content: a torn or corrupt file is a miss, removed and rebuilt by the caller,
 * never an error. Writes are atomic (temp file, rename). The folder is owner-only: entries may
 * hold non-public documents.
 *
 * A cache that cannot be used (read-only data folder, full disk) only costs speed: every failure
 * is a miss, nothing is thrown.
 */
export class FileCache<M = unknown> {
  private readonly maxBytes: number;
  private ready = false;
  private clears = 0;

  constructor(
    readonly dir: string,
    options: FileCacheOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? 512 * 1024 * 1024;
  }

  /** The entry under `key`, or null when there is none or it is damaged (then it is removed). */
  get(key: string): CacheEntry<M> | null {
    if (!KEY.test(key)) return null;
    const path = this.path(key);
    let file: Buffer;
    try {
      file = readFileSync(path);
    } catch {
      return null;
    }
    const entry = decode<M>(file);
    if (!entry) {
      rmSync(path, { force: true });
      return null;
    }
    // Recently used: the eviction goes by modification time.
    try {
      const now = new Date();
      utimesSync(path, now, now);
    } catch {
      // a read-only folder still serves entries
    }
    return entry;
  }

  /** Whether an entry exists (not whether it is intact: `get` checks that). */
  has(key: string): boolean {
    return KEY.test(key) && existsSync(this.path(key));
  }

  /**
   * Which clear() the cache is at: work that read its data before a clear (a print of since-erased
   * data) passes this to `put`, which then stores nothing.
   */
  get epoch(): number {
    return this.clears;
  }

  /**
   * Stores an entry (atomically) and evicts the least recently used beyond the size limit. With
   * `epoch` (see there), nothing is stored once the cache was cleared since, even if the clear
   * comes while the entry is being written.
   */
  async put(key: string, meta: M, bytes: Uint8Array, epoch?: number): Promise<boolean> {
    if (!KEY.test(key)) return false;
    const outdated = () => epoch !== undefined && epoch !== this.clears;
    if (outdated()) return false;
    try {
      this.ensureDir();
      await writeFileAtomic(this.path(key), encode(meta, bytes), { mode: 0o600 });
      if (outdated()) {
        rmSync(this.path(key), { force: true });
        return false;
      }
      this.evict();
      return true;
    } catch {
      return false;
    }
  }

  /** Removes every entry (e.g. after data was erased: no copy may outlive it here); false if that failed. */
  clear(): boolean {
    this.clears++;
    this.ready = false;
    try {
      rmSync(this.dir, { recursive: true, force: true });
      return true;
    } catch (error) {
      // A folder that cannot exist holds nothing.
      return (error as NodeJS.ErrnoException).code === 'ENOTDIR';
    }
  }

  /** Number and total size of the entries. */
  stats(): { entries: number; bytes: number } {
    const files = this.entries();
    return { entries: files.length, bytes: files.reduce((sum, f) => sum + f.size, 0) };
  }

  private path(key: string): string {
    return join(this.dir, `${key}.bin`);
  }

  private ensureDir(): void {
    if (this.ready) return;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.ready = true;
  }

  private entries(): { path: string; size: number; used: number }[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    const out: { path: string; size: number; used: number }[] = [];
    for (const name of names) {
      if (!ENTRY.test(name)) continue;
      const path = join(this.dir, name);
      try {
        const stat = statSync(path);
        out.push({ path, size: stat.size, used: stat.mtimeMs });
      } catch {
        // removed by another process meanwhile
      }
    }
    return out;
  }

  private evict(): void {
    const files = this.entries();
    let total = files.reduce((sum, f) => sum + f.size, 0);
    if (total <= this.maxBytes) return;
    files.sort((a, b) => a.used - b.used);
    for (const file of files) {
      if (total <= this.maxBytes) break;
      try {
        unlinkSync(file.path);
      } catch {
        // already gone
      }
      total -= file.size;
    }
  }
}

/** MAGIC, meta length (uint32), meta JSON, bytes, SHA-256 of everything before it. */
function encode(meta: unknown, bytes: Uint8Array): Buffer {
  const json = Buffer.from(JSON.stringify(meta), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  const hash = createHash('sha256').update(MAGIC).update(length).update(json).update(bytes).digest();
  return Buffer.concat([MAGIC, length, json, bytes, hash]);
}

function decode<M>(file: Buffer): CacheEntry<M> | null {
  if (file.length < MAGIC.length + 4 + HASH_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const body = file.subarray(0, file.length - HASH_BYTES);
  const hash = createHash('sha256').update(body).digest();
  if (!hash.equals(file.subarray(file.length - HASH_BYTES))) return null;
  const jsonLength = file.readUInt32BE(MAGIC.length);
  const start = MAGIC.length + 4;
  if (start + jsonLength > body.length) return null;
  try {
    const meta = JSON.parse(body.subarray(start, start + jsonLength).toString('utf8')) as M;
    const bytes = body.subarray(start + jsonLength);
    return { meta, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  } catch {
    return null;
  }
}
