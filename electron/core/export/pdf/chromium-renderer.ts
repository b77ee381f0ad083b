import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { findChromium } from './find-chromium.js';
import { applyPdfMetadata } from './metadata.js';
import { PdfRenderError, PdfRendererUnavailableError, type PdfRenderOptions, type PdfRenderer } from './types.js';

/** Flags for a headless print-only browser: no GPU, no background traffic, no first-run UI. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
];

// Not named `require`: bundlers declare their own top-level `require` in ESM output.
const requireHere = createRequire(import.meta.url);
let driver: Promise<typeof import('playwright-core')> | null = null;

/**
 * Loads playwright-core, which drives Chromium (~0.25 s and ~80 MB resident). Not at import: a
 * process that never prints, like the desktop app printing with Electron, should not carry it.
 * Web mode calls this right after it has started, so the first Sitzungsmappe does not wait.
 */
export function preloadChromiumDriver(): Promise<typeof import('playwright-core')> {
  // require, not import(): importing this CommonJS package as ESM first scans its module tree
  // for export names (cjs-module-lexer), which made loading it about 1.7 times slower.
  driver ??= Promise.resolve().then(() => requireHere('playwright-core') as typeof import('playwright-core'));
  return driver;
}

export interface ChromiumPdfRendererOptions {
  /** Overrides CHROMIUM_PATH and the search of usual install paths. */
  executablePath?: string;
  /** Pages kept open for reuse; three let a pack print front matter and two Vorlagen batches at once. */
  maxIdlePages?: number;
}

/**
 * Node implementation of PdfRenderer: playwright-core driving an installed Chromium. The browser
 * starts on the first render (~0.5 s) and then stays up for all documents and packs until
 * `close()`; a crashed browser is restarted on the next render.
 */
export class ChromiumPdfRenderer implements PdfRenderer {
  private session: Promise<{ browser: Browser; context: BrowserContext }> | null = null;
  private idle: Page[] = [];
  private closed = false;
  private engine: string | null | undefined;

  constructor(private readonly options: ChromiumPdfRendererOptions = {}) {}

  /** Starts the browser ahead of the first render, e.g. while the user still picks a file. */
  async warmUp(): Promise<void> {
    const page = await this.acquire();
    this.release(page);
  }

  /**
   * Two once pages are pooled: each page is a renderer process of its own. Right after the
   * launch, new processes would compete with the launch itself (measured: the first pack is
   * ~0.1 s faster printing its Vorlagen in one go).
   */
  parallelPrints(): number {
    return this.idle.length >= 2 ? 2 : 1;
  }

  /** The browser binary by path, size and time: an update of Chromium changes it. */
  identity(): string | null {
    if (this.engine === undefined) {
      try {
        const path = this.options.executablePath ?? findChromium();
        const stat = statSync(path);
        this.engine = `chromium:${path}:${stat.size}:${stat.mtimeMs}`;
      } catch {
        this.engine = null;
      }
    }
    return this.engine;
  }

  async render(html: string, options: PdfRenderOptions = {}): Promise<Uint8Array> {
    const page = await this.acquire();
    let ok = false;
    try {
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        format: 'A4',
        tagged: options.tagged ?? false,
        outline: false,
      });
      ok = true;
      const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      return options.metadata ? await applyPdfMetadata(bytes, options.metadata) : bytes;
    } catch (error) {
      if (error instanceof PdfRendererUnavailableError) throw error;
      throw new PdfRenderError(`Chromium konnte das Dokument nicht als PDF drucken: ${message(error)}`, {
        cause: error,
      });
    } finally {
      if (ok) this.release(page);
      else await page.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const session = this.session;
    this.session = null;
    this.idle = [];
    if (!session) return;
    const { browser } = await session.catch(() => ({ browser: null }));
    await browser?.close().catch(() => undefined);
  }

  private async acquire(): Promise<Page> {
    if (this.closed) throw new PdfRenderError('Der PDF-Renderer wurde bereits geschlossen.');
    const pooled = this.idle.pop();
    if (pooled && !pooled.isClosed()) return pooled;
    const { context } = await this.start();
    return context.newPage();
  }

  private release(page: Page): void {
    if (this.closed || this.idle.length >= (this.options.maxIdlePages ?? 3)) {
      void page.close().catch(() => undefined);
      return;
    }
    this.idle.push(page);
  }

  private start(): Promise<{ browser: Browser; context: BrowserContext }> {
    if (!this.session) {
      const session = this.launch();
      this.session = session;
      // A failed launch must not poison later attempts (e.g. after the user installed Chromium).
      session.catch(() => {
        if (this.session === session) this.session = null;
      });
    }
    return this.session;
  }

  private async launch(): Promise<{ browser: Browser; context: BrowserContext }> {
    const executablePath = this.options.executablePath ?? findChromium();
    let browser: Browser;
    try {
      const { chromium } = await preloadChromiumDriver();
      browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    } catch (error) {
      throw new PdfRendererUnavailableError(
        `Chromium („${executablePath}“) konnte nicht gestartet werden: ${message(error)}. ` +
          'Bitte die Chromium-Installation prüfen oder mit CHROMIUM_PATH ein anderes Chromium angeben.',
        { cause: error },
      );
    }
    browser.on('disconnected', () => {
      this.session = null;
      this.idle = [];
    });
    // Documents are self-contained (fonts and images inlined); blocking every request keeps a
    // crafted document from reaching the network or local files while it is printed.
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route(
      (url) => url.protocol !== 'data:',
      (route) => route.abort('blockedbyclient'),
    );
    return { browser, context };
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
