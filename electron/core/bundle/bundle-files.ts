import fs from 'node:fs';
import path from 'node:path';
import { invalid } from '../../shared/errors.js';
import { LIMITS } from '../../shared/schemas.js';
import type { FileSource } from './import.js';

export interface BundleFileLimits {
  /** One Anlage file. */
  maxFileBytes: number;
  /** All Anlage files of one bundle together: they are held in memory until the import commits. */
  maxTotalBytes: number;
}

export const BUNDLE_FILE_LIMITS: BundleFileLimits = {
  maxFileBytes: LIMITS.attachmentBytes,
  maxTotalBytes: 500 * 1024 * 1024,
};

// Not on Windows (0 there): links are then caught by lstat alone.
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
// A FIFO that slipped past lstat (swapped in meanwhile) must not block the open forever.
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
const CHUNK = 1024 * 1024;

/**
 * Reads the Anlage files of a bundle from the folder beside it, judging each file before a byte
 * of it is read: only regular files inside that folder, reached without following any link (a
 * link to /etc/passwd or a symlinked folder would publish the target as a public Anlage), no
 * FIFOs, sockets or devices (a FIFO or /dev/zero would hang or fill memory), sizes checked per
 * file and for the whole bundle from the file system's own figures. Every refusal names the file.
 */
export function readBesideBundle(bundlePath: string, limits: BundleFileLimits = BUNDLE_FILE_LIMITS): FileSource {
  const base = path.dirname(path.resolve(bundlePath));
  const stats = new Map<string, fs.Stats>();

  const check = (relative: string): fs.Stats => {
    const known = stats.get(relative);
    if (known) return known;
    const parts = path.normalize(relative).split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
    if (parts.length === 0 || parts.includes('..')) throw invalid(`Die Anlage-Datei „${relative}“ liegt nicht im Ordner des Bundles.`);
    let current = base;
    let stat: fs.Stats | undefined;
    for (const [i, part] of parts.entries()) {
      current = path.join(current, part);
      try {
        stat = fs.lstatSync(current);
      } catch (error) {
        throw unreadable(relative, error);
      }
      const last = i === parts.length - 1;
      if (stat.isSymbolicLink()) {
        throw invalid(
          `Die Anlage-Datei „${relative}“ ist ein symbolischer Verweis (Link)${last ? '' : ` im Ordner „${parts.slice(0, i + 1).join('/')}“`}; Anlagen eines Bundles müssen echte Dateien im Ordner des Bundles sein.`,
        );
      }
      if (!last && !stat.isDirectory()) throw unreadable(relative, Object.assign(new Error('not a directory'), { code: 'ENOENT' }));
    }
    if (!stat!.isFile()) throw invalid(`Die Anlage-Datei „${relative}“ ist ${kindOf(stat!)} und wird nicht gelesen.`);
    if (stat!.size === 0) throw invalid(`Die Anlage-Datei „${relative}“ ist leer (0 Byte).`);
    if (stat!.size > limits.maxFileBytes) {
      throw invalid(`Die Anlage-Datei „${relative}“ ist mit ${size(stat!.size)} zu groß (höchstens ${size(limits.maxFileBytes)}).`);
    }
    stats.set(relative, stat!);
    return stat!;
  };

  const read = (relative: string): Uint8Array => {
    const expected = check(relative);
    let fd: number;
    try {
      fd = fs.openSync(path.join(base, relative), fs.constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw invalid(`Die Anlage-Datei „${relative}“ ist ein symbolischer Verweis (Link) und wird nicht gelesen.`);
      throw unreadable(relative, error);
    }
    try {
      const stat = fs.fstatSync(fd);
      // Swapped between the check and the open: judge what was opened, not what was checked.
      if (stat.ino !== expected.ino || stat.dev !== expected.dev || !stat.isFile()) {
        throw invalid(`Die Anlage-Datei „${relative}“ wurde während des Imports ausgetauscht und wird nicht gelesen.`);
      }
      // Never more than the size checked before, even if the file grows meanwhile.
      const data = new Uint8Array(Math.min(stat.size, expected.size));
      let filled = 0;
      while (filled < data.length) {
        const n = fs.readSync(fd, data, filled, Math.min(CHUNK, data.length - filled), null);
        if (n === 0) break;
        filled += n;
      }
      return filled === data.length ? data : data.subarray(0, filled);
    } finally {
      fs.closeSync(fd);
    }
  };

  return Object.assign(read, {
    checkAll(relatives: string[]): void {
      let total = 0;
      for (const relative of relatives) total += check(relative).size;
      if (total > limits.maxTotalBytes) {
        throw invalid(
          `Die Anlagen des Bundles sind zusammen ${size(total)} groß; in einem Import sind höchstens ${size(limits.maxTotalBytes)} möglich. Bitte das Bundle aufteilen.`,
        );
      }
    },
  });
}

function unreadable(relative: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return invalid(`Die Anlage-Datei „${relative}“ darf nicht gelesen werden (keine Berechtigung).`);
  if (code === 'ENOENT' || code === 'ENOTDIR') return invalid(`Die Anlage-Datei „${relative}“ wurde nicht gefunden.`);
  return invalid(`Die Anlage-Datei „${relative}“ konnte nicht gelesen werden (${code ?? 'unbekannter Fehler'}).`);
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'ein Ordner';
  if (stat.isFIFO()) return 'eine benannte Pipe (FIFO)';
  if (stat.isSocket()) return 'ein Socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'eine Gerätedatei';
  return 'keine gewöhnliche Datei';
}

function size(bytes: number): string {
  const gb = bytes / 1024 ** 3;
  if (gb >= 1) return `${gb.toFixed(1).replace('.', ',')} GB`;
  return `${Math.max(1, Math.round(bytes / 1024 ** 2))} MB`;
}
