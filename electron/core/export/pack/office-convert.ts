import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findTool } from './external-tools.js';

export type OfficeConversion =
  | { ok: true; pdf: Uint8Array }
  | { ok: false; reason: 'unavailable' }
  | { ok: false; reason: 'failed'; detail: string };

// LibreOffice allows one instance per user profile; conversions are queued so parallel packs
// in one process never collide, and each process has its own profile.
let queue: Promise<unknown> = Promise.resolve();
let profileDir: Promise<string> | null = null;

/** Converts an Office document (DOCX, DOC, ODT, RTF, …) to PDF with `soffice --headless`. */
export function convertOfficeToPdf(
  bytes: Uint8Array,
  fileName: string,
  timeoutSeconds = 120,
): Promise<OfficeConversion> {
  const soffice = findTool('soffice');
  if (!soffice) return Promise.resolve({ ok: false, reason: 'unavailable' });
  const run = queue.then(() => convert(soffice, bytes, fileName, timeoutSeconds));
  queue = run.catch(() => undefined);
  return run;
}

async function convert(soffice: string, bytes: Uint8Array, fileName: string, timeoutSeconds: number): Promise<OfficeConversion> {
  profileDir ??= mkdtemp(join(tmpdir(), 'vorlagenwerk-lo-profile-'));
  const profile = await profileDir;
  const work = await mkdtemp(join(tmpdir(), 'vorlagenwerk-lo-'));
  try {
    // A neutral name: the user's file name may contain characters LibreOffice's command line
    // parsing trips over. The extension tells LibreOffice which import filter to use.
    const input = join(work, `anlage${safeExtension(fileName)}`);
    await writeFile(input, bytes);
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=${pathToFileURL(profile).href}`,
          '--headless',
          '--norestore',
          '--nolockcheck',
          '--nodefault',
          '--convert-to',
          'pdf',
          '--outdir',
          work,
          input,
        ],
        { timeout: timeoutSeconds * 1000, killSignal: 'SIGKILL', windowsHide: true },
        (error, _stdout, stderr) => (error ? reject(new Error(stderr.trim() || error.message)) : resolve()),
      );
    });
    const pdfName = (await readdir(work)).find((name) => name.toLowerCase().endsWith('.pdf'));
    if (!pdfName) return { ok: false, reason: 'failed', detail: 'LibreOffice hat keine PDF-Datei erzeugt.' };
    return { ok: true, pdf: new Uint8Array(await readFile(join(work, pdfName))) };
  } catch (error) {
    return { ok: false, reason: 'failed', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function safeExtension(fileName: string): string {
  const ext = extname(fileName).toLowerCase();
  return /^\.[a-z0-9]{1,5}$/.test(ext) ? ext : '.docx';
}
