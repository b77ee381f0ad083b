import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A really full disk: a tmpfs of a few KB (needs root or CAP_SYS_ADMIN). Where mounting is not
 * allowed (CI runners), the tests that need it are skipped and atomic-write-stub.test.ts covers
 * the same guarantees with a write stub that fails with ENOSPC.
 */
export interface TinyDisk {
  dir: string;
  /** Fills the disk until at most `leaveBytes` are free. */
  fill(leaveBytes?: number): void;
  /** Frees what fill() took. */
  free(): void;
  unmount(): void;
}

export function mountTinyDisk(sizeKb: number, at?: string): TinyDisk | null {
  const dir = at ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vw-tiny-'));
  fs.mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0777`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    if (!at) fs.rmSync(dir, { recursive: true, force: true });
    return null;
  }
  const filler = path.join(dir, '.filler');
  return {
    dir,
    fill(leaveBytes = 0) {
      const fd = fs.openSync(filler, 'a');
      const chunk = Buffer.alloc(4096, 0x55);
      try {
        for (;;) {
          const free = fs.statfsSync(dir);
          if (free.bavail * free.bsize <= leaveBytes) break;
          fs.writeSync(fd, chunk, 0, Math.min(chunk.length, Math.max(1, free.bavail * free.bsize - leaveBytes)));
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        fs.closeSync(fd);
      }
    },
    free() {
      fs.rmSync(filler, { force: true });
    },
    unmount() {
      spawnSync('umount', [dir]);
      if (!at) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let cached: boolean | undefined;
/** Whether this machine lets the tests mount a tmpfs. */
export function canMountTmpfs(): boolean {
  if (cached === undefined) {
    const probe = process.platform === 'linux' ? mountTinyDisk(16) : null;
    cached = probe !== null;
    probe?.unmount();
  }
  return cached;
}
