import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OutputFile } from '../shared/transport.js';

export interface OutboxEntry extends OutputFile {
  path: string;
  createdAt: number;
}

/**
 * Files the app writes on the renderer's behalf (exports, Sitzungsmappen) before the user
 * previews or saves them. The renderer only ever sees an unguessable id, never a path, so it
 * cannot make an adapter write or read anywhere else. Files live in a private temp folder that
 * is removed when the adapter stops.
 */
export class Outbox {
  readonly dir: string;
  private readonly entries = new Map<string, OutboxEntry>();
  private readonly pending = new Map<string, OutboxEntry>();

  constructor(
    private readonly keep = 40,
    baseDir = os.tmpdir(),
  ) {
    this.dir = fs.mkdtempSync(path.join(baseDir, 'vorlagenwerk-ausgabe-'));
    fs.chmodSync(this.dir, 0o700);
  }

  /** A fresh path for a method to write to; becomes an OutputFile only after `commit`. */
  reserve(fileName: string, mediaType: string): OutboxEntry {
    const id = crypto.randomBytes(16).toString('hex');
    const safe = fileName.replace(/[^A-Za-z0-9ÄÖÜäöüß._ -]/g, '_').slice(0, 120) || 'datei';
    const folder = path.join(this.dir, id);
    fs.mkdirSync(folder, { mode: 0o700 });
    const entry: OutboxEntry = { id, fileName: safe, mediaType, size: 0, path: path.join(folder, safe), createdAt: Date.now() };
    this.pending.set(id, entry);
    return entry;
  }

  /** The method succeeded: the file is there and may be fetched by id. */
  commit(id: string): OutputFile | null {
    const entry = this.pending.get(id);
    this.pending.delete(id);
    if (!entry || !fs.existsSync(entry.path)) return null;
    entry.size = fs.statSync(entry.path).size;
    this.entries.set(id, entry);
    this.prune();
    const { path: _path, createdAt: _createdAt, ...file } = entry;
    return file;
  }

  /** The method failed: whatever it left behind goes. */
  discard(id: string): void {
    const entry = this.pending.get(id) ?? this.entries.get(id);
    this.pending.delete(id);
    this.entries.delete(id);
    if (entry) fs.rmSync(path.dirname(entry.path), { recursive: true, force: true });
  }

  get(id: string): OutboxEntry | undefined {
    return /^[0-9a-f]{32}$/.test(id) ? this.entries.get(id) : undefined;
  }

  close(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
    this.entries.clear();
    this.pending.clear();
  }

  private prune() {
    const ids = [...this.entries.keys()];
    for (const id of ids.slice(0, Math.max(0, ids.length - this.keep))) this.discard(id);
  }
}
