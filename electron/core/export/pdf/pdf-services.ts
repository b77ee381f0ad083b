import type { AppContext } from '../../app-context.js';
import { PackAssembler } from '../pack/pack-assembler.js';
import { onPrintCacheCleared } from '../pack/print-cache.js';
import { ChromiumPdfRenderer, preloadChromiumDriver } from './chromium-renderer.js';
import type { PdfRenderer } from './types.js';

export interface PdfServices {
  renderer: PdfRenderer;
  assembler: PackAssembler;
  /** Prints that fill the print cache in the background (after a pack, on save), until they settle. */
  background: Set<Promise<void>>;
  /** The process ends after one command (see endsAfterCommand). */
  shortLived: boolean;
  /** Renderers closed before the app (closeRendererNow), until they are down. */
  closing: Promise<void>[];
}

let rendererFactory: () => PdfRenderer = () => new ChromiumPdfRenderer();

/**
 * The desktop app prints with Electron (electron/main calls this at start); CLI, web server and
 * tests keep the default, playwright-core with an installed Chromium.
 */
export function usePdfRenderer(factory: () => PdfRenderer): void {
  rendererFactory = factory;
}

const byApp = new WeakMap<object, PdfServices>();

/**
 * One browser and one pack worker per open app, created on first use and closed with the app,
 * so every document and pack after the first skips the start-up cost.
 */
export function pdfServices(app: AppContext): PdfServices {
  // Handler contexts are per call (Object.create(app)); the store identifies the app, whatever the engine.
  const key = app.store as object;
  let services = byApp.get(key);
  if (!services) {
    const created: PdfServices = { renderer: rendererFactory(), assembler: new PackAssembler(), background: new Set(), shortLived: false, closing: [] };
    services = created;
    byApp.set(key, created);
    // Erased data must not outlive the erasure in the worker's last pack either.
    const unsubscribe = onPrintCacheCleared(app.dataDir, () => created.assembler.forgetLastPack());
    app.onClose(async () => {
      unsubscribe();
      byApp.delete(key);
      await Promise.all([created.renderer.close(), created.assembler.close(), ...created.closing]);
    });
  }
  return services;
}

/**
 * For a process that ends after one command (the CLI): prints that would fill the print cache in
 * the background are not started (the process would cut them off half-way), and a pack closes
 * the browser as soon as its last print is done (closeRendererNow), so that the browser's
 * shutdown (~0.1 s) overlaps the assembly instead of delaying the end of the process.
 */
export function endsAfterCommand(app: AppContext): void {
  pdfServices(app).shortLived = true;
}

/**
 * Closes the app's browser now, e.g. when a short-lived process has printed everything it will;
 * a later print starts a new one. The app's close waits until the browser is down.
 */
export function closeRendererNow(app: AppContext): void {
  const services = pdfServices(app);
  const done = services.renderer;
  services.renderer = rendererFactory();
  services.closing.push(done.close().catch(() => undefined));
}

/**
 * Loads the Chromium driver and starts the pack worker in the background, so that the first PDF
 * export or Sitzungsmappe after start does not wait for them (web mode calls this once it runs).
 * The browser itself starts with the first print.
 */
export function warmUpPdfServices(app: AppContext): void {
  preloadChromiumDriver().catch(() => undefined);
  void pdfServices(app).assembler.warmUp();
}

/** Lets background work of the app's printer run, tracked until it settles (it must not reject). */
export function runInBackground(app: AppContext, work: Promise<void>): void {
  const { background } = pdfServices(app);
  background.add(work);
  void work.finally(() => background.delete(work));
}

/** Settles when no background print of the app is running (tests and benchmarks wait for it). */
export async function backgroundPrintsIdle(app: AppContext): Promise<void> {
  const services = byApp.get(app.store as object);
  while (services?.background.size) await Promise.all(services.background);
}
