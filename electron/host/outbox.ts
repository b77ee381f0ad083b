import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isProcessRunning } from '../core/fs/process-alive.js';
import type { OutputFile } from '../shared/transport.js';

export interface OutboxEntry extends OutputFile {
  path: string;
  createdAt: number;
}

export interface OutboxOptions {
  /** A file is deleted this long after it was written, fetched or not (default 30 minutes). */
  ttlMs?: number;
  /** …and this long after it was downloaded or saved (default 2 minutes: room for a retry). */
  afterDownloadMs?: number;
}

/** Prefix of every outbox folder; the owning process id follows, so leftovers can be told apart. */
const PREFIX = 'vorlagenwerk-ausgabe-';

/**
 * Files the app writes on the renderer's behalf (exports, Sitzungsmappen) before the user
 * previews or saves them. The renderer only ever sees an unguessable id, never a path, so it
 * cannot make an adapter write or read anywhere else.
 *
 * They can hold non-public TOPs and texts of Vorlagen deleted later, so they do not outlive
 * their use: the folder (in the data folder, owner-only) is named after the process, files go
 * after download or a timeout, the folder when the adapter stops — and folders of processes that
 * died without stopping (kill -9, power cut) are swept at the next start.
 */
/** A file name that is one plain path segment (never "..", no separators). */
export const safeFileName = (fileName: string) => fileName.replace(/[^A-Za-z0-9ÄÖÜäöüß._ -]/g, '_').replace(/^\.+/, '_').slice(0, 120) || 'datei';

export class Outbox {
  readonly dir: string;
  private readonly entries = new Map<string, OutboxEntry>();
  private readonly pending = new Map<string, OutboxEntry>();
  private readonly expiry = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private readonly ttlMs: number;
  private readonly afterDownloadMs: number;

  constructor(
    private readonly keep = 40,
    baseDir = os.tmpdir(),
    options: OutboxOptions = {},
  ) {
    fs.mkdirSync(baseDir, { recursive: true, mode: 0o700 });
    sweepLeftovers(baseDir);
    this.dir = fs.mkdtempSync(path.join(baseDir, `${PREFIX}${process.pid}-`));
    fs.chmodSync(this.dir, 0o700);
    this.ttlMs = options.ttlMs ?? 30 * 60_000;
    this.afterDownloadMs = options.afterDownloadMs ?? 2 * 60_000;
    this.timer = setInterval(() => this.expire(), Math.max(1_000, Math.min(60_000, this.afterDownloadMs / 2)));
    this.timer.unref();
  }

  /** A fresh path for a method to write to; becomes an OutputFile only after `commit`. */
  reserve(fileName: string, mediaType: string): OutboxEntry {
    const id = crypto.randomBytes(16).toString('hex');
    const safe = safeFileName(fileName);
    const folder = path.join(this.dir, id);
    fs.mkdirSync(folder, { mode: 0o700 });
    const entry: OutboxEntry = { id, fileName: safe, mediaType, size: 0, path: path.join(folder, safe), createdAt: Date.now() };
    this.pending.set(id, entry);
    return entry;
  }

  /** The method succeeded: the file is there and may be fetched by id, under `fileName` if given. */
  commit(id: string, fileName?: string): OutputFile | null {
    const entry = this.pending.get(id);
    this.pending.delete(id);
    if (!entry || !fs.existsSync(entry.path)) return null;
    const renamed = fileName === undefined ? entry.fileName : safeFileName(fileName);
    if (renamed !== entry.fileName) {
      const target = path.join(path.dirname(entry.path), renamed);
      fs.renameSync(entry.path, target);
      Object.assign(entry, { fileName: renamed, path: target });
    }
    entry.size = fs.statSync(entry.path).size;
    this.entries.set(id, entry);
    this.expiry.set(id, Date.now() + this.ttlMs);
    this.prune();
    const { path: _path, createdAt: _createdAt, ...file } = entry;
    return file;
  }

  /** The method failed: whatever it left behind goes. */
  discard(id: string): void {
    const entry = this.pending.get(id) ?? this.entries.get(id);
    this.pending.delete(id);
    this.entries.delete(id);
    this.expiry.delete(id);
    if (entry) fs.rmSync(path.dirname(entry.path), { recursive: true, force: true });
  }

  get(id: string): OutboxEntry | undefined {
    if (!/^[0-9a-f]{32}$/.test(id)) return undefined;
    const until = this.expiry.get(id);
    if (until !== undefined && until <= Date.now()) {
      this.discard(id);
      return undefined;
    }
    return this.entries.get(id);
  }

  /** The file was downloaded or saved: it goes soon (a moment is left for a repeated click). */
  downloaded(id: string): void {
    if (!this.entries.has(id)) return;
    this.expiry.set(id, Math.min(this.expiry.get(id) ?? Infinity, Date.now() + this.afterDownloadMs));
  }

  close(): void {
    clearInterval(this.timer);
    fs.rmSync(this.dir, { recursive: true, force: true });
    this.entries.clear();
    this.pending.clear();
  }

  private expire() {
    const now = Date.now();
    for (const [id, until] of this.expiry) if (until <= now) this.discard(id);
  }

  private prune() {
    const ids = [...this.entries.keys()];
    for (const id of ids.slice(0, Math.max(0, ids.length - this.keep))) this.discard(id);
  }
}

/** Removes outbox folders whose process is gone; a running app's or web mode's folder stays. */
function sweepLeftovers(baseDir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(baseDir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = new RegExp(`^${PREFIX}(\\d+)-`).exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isProcessRunning(pid)) continue;
    fs.rmSync(path.join(baseDir, name), { recursive: true, force: true });
  }
}
