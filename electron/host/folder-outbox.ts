import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { OutputFile } from '../shared/transport.js';
import { safeFileName, type OutboxEntry } from './outbox.js';

interface Meta {
  fileName: string;
  mediaType: string;
  size: number;
  createdAt: number;
  /** The team user the file was made for; only they may fetch it. */
  owner: number | null;
  committed: boolean;
}

/**
 * The outbox of the team server: output files live in a configured storage folder with their
 * description beside them, nothing in memory, so any server instance sharing the folder can hand
 * out a file another instance made. Files older than `maxAgeMs` are removed when new ones come.
 */
export class FolderOutbox {
  constructor(
    readonly dir: string,
    private readonly maxAgeMs = 24 * 60 * 60 * 1000,
  ) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  reserve(fileName: string, mediaType: string, owner: number | null = null): OutboxEntry {
    const id = crypto.randomBytes(16).toString('hex');
    const safe = safeFileName(fileName);
    const folder = path.join(this.dir, id);
    fs.mkdirSync(folder, { mode: 0o700 });
    const meta: Meta = { fileName: safe, mediaType, size: 0, createdAt: Date.now(), owner, committed: false };
    fs.writeFileSync(path.join(folder, 'meta.json'), JSON.stringify(meta));
    return { id, fileName: safe, mediaType, size: 0, path: path.join(folder, safe), createdAt: meta.createdAt };
  }

  commit(id: string, fileName?: string): OutputFile | null {
    const meta = this.meta(id);
    const file = meta ? path.join(this.dir, id, meta.fileName) : '';
    if (!meta || !fs.existsSync(file)) return null;
    if (fileName !== undefined && safeFileName(fileName) !== meta.fileName) {
      meta.fileName = safeFileName(fileName);
      fs.renameSync(file, path.join(this.dir, id, meta.fileName));
    }
    meta.size = fs.statSync(path.join(this.dir, id, meta.fileName)).size;
    meta.committed = true;
    fs.writeFileSync(path.join(this.dir, id, 'meta.json'), JSON.stringify(meta));
    this.prune();
    return { id, fileName: meta.fileName, mediaType: meta.mediaType, size: meta.size };
  }

  discard(id: string): void {
    if (/^[0-9a-f]{32}$/.test(id)) fs.rmSync(path.join(this.dir, id), { recursive: true, force: true });
  }

  /** A committed file, for its owner only (null owner: anybody signed in). */
  get(id: string, owner: number | null = null): (OutboxEntry & { owner: number | null }) | undefined {
    const meta = this.meta(id);
    if (!meta?.committed || (meta.owner !== null && meta.owner !== owner)) return undefined;
    return { id, fileName: meta.fileName, mediaType: meta.mediaType, size: meta.size, createdAt: meta.createdAt, path: path.join(this.dir, id, meta.fileName), owner: meta.owner };
  }

  /** The folder is shared with other instances: nothing to tidy up when one stops. */
  close(): void {}

  private meta(id: string): Meta | null {
    if (!/^[0-9a-f]{32}$/.test(id)) return null;
    try {
      return JSON.parse(fs.readFileSync(path.join(this.dir, id, 'meta.json'), 'utf8')) as Meta;
    } catch {
      return null;
    }
  }

  private prune() {
    const cutoff = Date.now() - this.maxAgeMs;
    for (const id of fs.readdirSync(this.dir)) {
      const meta = this.meta(id);
      if (meta && meta.createdAt < cutoff) this.discard(id);
    }
  }
}
