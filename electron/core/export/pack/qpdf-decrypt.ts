import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTool } from './external-tools.js';

/**
 * Many official PDFs are "encrypted" only to restrict printing or editing; they open without a
 * password and their content is public. pdf-lib cannot read such files, qpdf can remove that
 * layer. Files that need a password to open stay encrypted (null).
 */
export async function decryptWithoutPassword(bytes: Uint8Array, timeoutSeconds = 60): Promise<Uint8Array | null> {
  const qpdf = findTool('qpdf');
  if (!qpdf) return null;
  const work = await mkdtemp(join(tmpdir(), 'vorlagenwerk-qpdf-'));
  try {
    const input = join(work, 'in.pdf');
    const output = join(work, 'out.pdf');
    await writeFile(input, bytes);
    const ok = await new Promise<boolean>((resolve) => {
      execFile(
        qpdf,
        ['--decrypt', '--password=', input, output],
        { timeout: timeoutSeconds * 1000, killSignal: 'SIGKILL', windowsHide: true },
        // Exit code 3 means "succeeded with warnings".
        (error) => resolve(!error || (error as { code?: number }).code === 3),
      );
    });
    return ok ? new Uint8Array(await readFile(output)) : null;
  } catch {
    return null;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
