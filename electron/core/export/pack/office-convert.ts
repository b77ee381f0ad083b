import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findTool } from './external-tools.js';
import { noNetworkPrefix, offlineEnv, writeOfflineProfile } from './office-sandbox.js';

export type OfficeConversion =
  | { ok: true; pdf: Uint8Array }
  | { ok: false; reason: 'unavailable' }
  | { ok: false; reason: 'failed'; detail: string };

// Conversions are queued: one LibreOffice at a time keeps a pack with many Office Anlagen from
// starting a dozen of them on a two-core office PC.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Converts an Office document (DOCX, DOC, ODT, RTF, …) to PDF with `soffice --headless`, offline
 * and with a fresh profile for every run (see office-sandbox.ts). Documents that link content
 * from outside are refused before (office-references.ts).
 */
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
  const work = await mkdtemp(join(tmpdir(), 'vorlagenwerk-lo-'));
  try {
    const profile = join(work, 'profil');
    await writeOfflineProfile(profile);
    const inputDir = join(work, 'eingabe');
    const outputDir = join(work, 'ausgabe');
    await mkdir(inputDir);
    await mkdir(outputDir);
    // A neutral name: the user's file name may contain characters LibreOffice's command line
    // parsing trips over. The extension tells LibreOffice which import filter to use.
    const input = join(inputDir, `anlage${safeExtension(fileName)}`);
    await writeFile(input, bytes);
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--nodefault',
      '--nologo',
      '--convert-to',
      'pdf',
      '--outdir',
      outputDir,
      input,
    ];
    const prefix = noNetworkPrefix();
    const [command, ...commandArgs] = prefix ? [...prefix, soffice, ...args] : [soffice, ...args];
    await new Promise<void>((resolve, reject) => {
      execFile(
        command!,
        commandArgs,
        { timeout: timeoutSeconds * 1000, killSignal: 'SIGKILL', windowsHide: true, env: offlineEnv(work), cwd: work },
        (error, _stdout, stderr) => (error ? reject(new Error(stderr.trim() || error.message)) : resolve()),
      );
    });
    const pdfName = (await readdir(outputDir)).find((name) => name.toLowerCase().endsWith('.pdf'));
    if (!pdfName) return { ok: false, reason: 'failed', detail: 'LibreOffice hat keine PDF-Datei erzeugt.' };
    return { ok: true, pdf: new Uint8Array(await readFile(join(outputDir, pdfName))) };
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
