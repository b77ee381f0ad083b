import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/temp-app.js';

/**
 * The atomic-write guarantees where no tmpfs can be mounted (CI) and for what a tmpfs cannot
 * show: a write stub fails with ENOSPC, and rename fails the way Windows does while a PDF viewer
 * holds the target (EPERM/EBUSY), first briefly, then for good.
 */

const faults = vi.hoisted(() => ({ writeFails: null as string | null, renameFailures: 0, renameCode: 'EPERM', renameCalls: 0 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const fail = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });
  return {
    ...real,
    open: async (...args: Parameters<typeof real.open>) => {
      const handle = await real.open(...args);
      if (!faults.writeFails) return handle;
      const code = faults.writeFails;
      return new Proxy(handle, {
        get(target, prop, receiver) {
          if (prop === 'writeFile') {
            // Half the bytes land, then the disk is full, as a real ENOSPC does.
            return async (data: Uint8Array | string) => {
              const bytes = typeof data === 'string' ? Buffer.from(data) : data;
              await target.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
              throw fail(code);
            };
          }
          const value = Reflect.get(target, prop, receiver) as unknown;
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    },
    rename: async (from: string, to: string) => {
      faults.renameCalls++;
      if (faults.renameFailures > 0) {
        faults.renameFailures--;
        throw fail(faults.renameCode);
      }
      return real.rename(from, to);
    },
  };
});

const { AtomicWriteError, writeFileAtomic } = await import('../../../electron/core/fs/atomic-write.js');

afterEach(() => {
  faults.writeFails = null;
  faults.renameFailures = 0;
  faults.renameCalls = 0;
});

describe('writeFileAtomic under simulated faults', () => {
  it('keeps the old file and names the cause in German when the disk is full (ENOSPC stub)', async () => {
    const dir = tempDir('vw-stub-');
    const target = path.join(dir, 'Einladung.docx');
    fs.writeFileSync(target, 'alter Stand');
    faults.writeFails = 'ENOSPC';
    const error = await writeFileAtomic(target, Buffer.alloc(50_000, 1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtomicWriteError);
    expect((error as Error).message).toMatch(/Auf dem Datenträger ist nicht genug Platz/);
    expect(fs.readFileSync(target, 'utf8')).toBe('alter Stand');
    expect(fs.readdirSync(dir)).toEqual(['Einladung.docx']);
  });

  it('retries a rename Windows refuses for a moment (file open in a viewer) and then replaces the file', async () => {
    const dir = tempDir('vw-stub-');
    const target = path.join(dir, 'Sitzungsmappe.pdf');
    fs.writeFileSync(target, 'alt');
    faults.renameFailures = 2;
    faults.renameCode = 'EBUSY';
    await writeFileAtomic(target, 'neu');
    expect(faults.renameCalls).toBe(3);
    expect(fs.readFileSync(target, 'utf8')).toBe('neu');
    expect(fs.readdirSync(dir)).toEqual(['Sitzungsmappe.pdf']);
  });

  it('gives up with a German hint when the file stays locked, keeping the old one and no temp file', async () => {
    const dir = tempDir('vw-stub-');
    const target = path.join(dir, 'Sitzungsmappe.pdf');
    fs.writeFileSync(target, 'alt');
    faults.renameFailures = 100;
    faults.renameCode = 'EPERM';
    const error = await writeFileAtomic(target, 'neu', { renameRetries: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtomicWriteError);
    expect((error as Error).message).toMatch(/in einem anderen Programm geöffnet/);
    expect(faults.renameCalls).toBe(4);
    expect(fs.readFileSync(target, 'utf8')).toBe('alt');
    expect(fs.readdirSync(dir)).toEqual(['Sitzungsmappe.pdf']);
  });
});
