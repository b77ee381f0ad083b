import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isProcessRunning } from './process-alive.js';

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
  await sweepStaleTempFiles(dir);
  const temp = tempPathFor(path);
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

/**
 * The same guarantee for producers that write a file by path themselves (SQLite's backup API):
 * `produce` fills the temp path, then the temp file is fsynced, renamed into place (with the
 * Windows retry) and the folder fsynced. On any failure — including a kill, which leaves only a
 * hidden `.…tmp` file — the target keeps its old content. Side files a SQLite producer creates
 * next to the temp file (-journal, -wal, -shm) are removed with it.
 */
export async function produceFileAtomic(
  path: string,
  produce: (tempPath: string) => Promise<unknown> | unknown,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  await sweepStaleTempFiles(dir);
  const temp = tempPathFor(path);
  const cleanup = () => Promise.all(['', '-journal', '-wal', '-shm'].map((suffix) => unlink(temp + suffix).catch(() => undefined)));
  try {
    await produce(temp);
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, path, options.renameRetries ?? 5);
  } catch (error) {
    await cleanup();
    if (error instanceof AtomicWriteError) throw error;
    throw new AtomicWriteError(`Die Datei „${path}“ konnte nicht vollständig geschrieben werden: ${describe(error)}`, path, error);
  }
  await cleanup();
  await syncDirectory(dir);
}

/** Hidden, unique per process and call, recognisable as ours (see isAtomicTempFile). */
function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Whether a file name is a temp file left behind by a killed writer (for cleanup). */
export const isAtomicTempFile = (name: string) => /^\..+\.\d+\.[0-9a-f]{12}\.tmp(-journal|-wal|-shm)?$/.test(name);

const swept = new Set<string>();

/**
 * Removes our temp files in `dir` whose writer process is gone: a CLI pack killed mid-write
 * leaves a hidden, partial copy of a members' Sitzungsmappe in the user's folder. Once per
 * folder and process (a folder written to a thousand times is read once); a temp file of a
 * writer still running is left alone.
 */
export async function sweepStaleTempFiles(dir: string): Promise<void> {
  if (swept.has(dir)) return;
  swept.add(dir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return; // the write itself will report a missing or unreadable folder
  }
  for (const name of names) {
    if (!isAtomicTempFile(name)) continue;
    const pid = Number(/\.(\d+)\.[0-9a-f]{12}\.tmp/.exec(name)![1]);
    if (pid === process.pid || isProcessRunning(pid)) continue;
    await unlink(join(dir, name)).catch(() => undefined);
  }
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
    case 'SQLITE_FULL':
      return 'Auf dem Datenträger ist nicht genug Platz.';
    case 'EROFS':
      return 'Der Datenträger ist schreibgeschützt.';
    case 'EISDIR':
      return 'Der Pfad ist ein Ordner.';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
