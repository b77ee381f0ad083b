import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Raised when the target cannot be replaced; the message is German because the UI shows it. */
export class AtomicWriteError extends Error {
  constructor(
    message: string,
    readonly path: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'AtomicWriteError';
  }
}

export interface AtomicWriteOptions {
  /** File mode of a newly created file (default 0o644 minus umask). */
  mode?: number;
  /** How often a rename refused by Windows (file open in a viewer) is retried. */
  renameRetries?: number;
}

/**
 * Writes `bytes` to `path` so that readers only ever see the old file or the complete new one:
 * temp file in the same folder (rename is only atomic within one file system), fsync, rename,
 * fsync of the folder so the rename itself survives a power cut. The temp file is removed on
 * any failure, so an error never leaves a half-written file behind.
 */
export async function writeFileAtomic(
  path: string,
  bytes: Uint8Array | string,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle;
  try {
    handle = await open(temp, 'wx', options.mode ?? 0o644);
  } catch (error) {
    throw new AtomicWriteError(
      `Die Datei „${path}“ kann nicht geschrieben werden: ${describe(error)}`,
      path,
      error,
    );
  }
  try {
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, path, options.renameRetries ?? 5);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    if (error instanceof AtomicWriteError) throw error;
    throw new AtomicWriteError(
      `Die Datei „${path}“ konnte nicht vollständig geschrieben werden: ${describe(error)}`,
      path,
      error,
    );
  }
  await syncDirectory(dir);
}

async function renameWithRetry(from: string, to: string, retries: number): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Windows refuses to replace a file another program (a PDF viewer) holds open; such locks
      // are often released within a moment, so retry briefly before giving up.
      const locked = code === 'EPERM' || code === 'EBUSY' || code === 'EACCES';
      if (!locked || attempt >= retries) {
        if (locked) {
          throw new AtomicWriteError(
            `Die Datei „${to}“ ist vermutlich in einem anderen Programm geöffnet und kann nicht ersetzt werden. Bitte schließen Sie sie und versuchen Sie es erneut.`,
            to,
            error,
          );
        }
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // Directories cannot be opened for fsync on Windows; there the rename is already durable
  // enough (NTFS journals metadata), so failures here are deliberately ignored.
  if (process.platform === 'win32') return;
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some file systems (network shares) do not support fsync on directories.
  } finally {
    await handle?.close();
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'Der Ordner existiert nicht.';
    case 'EACCES':
    case 'EPERM':
      return 'Keine Schreibberechtigung.';
    case 'ENOSPC':
      return 'Auf dem Datenträger ist nicht genug Platz.';
    case 'EROFS':
      return 'Der Datenträger ist schreibgeschützt.';
    case 'EISDIR':
      return 'Der Pfad ist ein Ordner.';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
