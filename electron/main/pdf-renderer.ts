import { BrowserWindow, session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyPdfMetadata } from '../core/export/pdf/metadata.js';
import { PdfRenderError, type PdfRenderOptions, type PdfRenderer } from '../core/export/pdf/types.js';

const PARTITION = 'vorlagenwerk-pdf';

/**
 * Electron implementation of PdfRenderer: the HTML is printed by a hidden, sandboxed window with
 * JavaScript off, in its own session that refuses every request except the document itself.
 * One window is reused for all documents; renders are queued because a window prints one page
 * at a time.
 */
export class ElectronPdfRenderer implements PdfRenderer {
  private window: BrowserWindow | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private allowedUrl: string | null = null;

  render(html: string, options: PdfRenderOptions = {}): Promise<Uint8Array> {
    const run = this.queue.then(() => this.renderNow(html, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async warmUp(): Promise<void> {
    if (!this.closed) this.ensureWindow();
  }

  /** Electron's version fixes its Chromium, and with it the print (cache keys, print-cache.ts). */
  identity(): string {
    return `electron:${process.versions.electron}:${process.versions.chrome}`;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    if (this.window && !this.window.isDestroyed()) this.window.destroy();
    this.window = null;
  }

  private async renderNow(html: string, options: PdfRenderOptions): Promise<Uint8Array> {
    if (this.closed) throw new PdfRenderError('Der PDF-Renderer wurde bereits geschlossen.');
    // A file instead of a data: URL, because Chromium caps URLs at 2 MB and inlined fonts
    // quickly get there.
    const dir = await mkdtemp(join(tmpdir(), 'vorlagenwerk-print-'));
    const file = join(dir, 'dokument.html');
    try {
      await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
      const window = this.ensureWindow();
      this.allowedUrl = pathToFileURL(file).href;
      await window.loadFile(file);
      const pdf = await window.webContents.printToPDF({
        pageSize: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        generateTaggedPDF: options.tagged ?? false,
        generateDocumentOutline: false,
      });
      const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      return options.metadata ? await applyPdfMetadata(bytes, options.metadata) : bytes;
    } catch (error) {
      if (error instanceof PdfRenderError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new PdfRenderError(`Das Dokument konnte nicht als PDF gedruckt werden: ${reason}`, { cause: error });
    } finally {
      this.allowedUrl = null;
      await rm(dir, { recursive: true, force: true });
    }
  }

  private ensureWindow(): BrowserWindow {
    if (this.window && !this.window.isDestroyed()) return this.window;
    const printSession = session.fromPartition(PARTITION);
    printSession.webRequest.onBeforeRequest((details, callback) => {
      const allowed = details.url === this.allowedUrl || details.url.startsWith('data:');
      callback({ cancel: !allowed });
    });
    this.window = new BrowserWindow({
      show: false,
      width: 794,
      height: 1123,
      webPreferences: {
        session: printSession,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: false,
        webSecurity: true,
        disableBlinkFeatures: 'Auxclick',
        spellcheck: false,
      },
    });
    return this.window;
  }
}
