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
    const created: PdfServices = { renderer: rendererFactory(), assembler: new PackAssembler(), background: new Set() };
    services = created;
    byApp.set(key, created);
    // Erased data must not outlive the erasure in the worker's last pack either.
    const unsubscribe = onPrintCacheCleared(app.dataDir, () => created.assembler.forgetLastPack());
    app.onClose(async () => {
      unsubscribe();
      byApp.delete(key);
      await Promise.all([created.renderer.close(), created.assembler.close()]);
    });
  }
  return services;
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
