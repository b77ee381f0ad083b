import { existsSync, readFileSync } from 'node:fs';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The Electron binary is not installed in CI, so the module is replaced by a recorder that
// behaves like the parts of BrowserWindow/session the renderer uses.
const electronState = vi.hoisted(() => ({
  windows: [] as FakeWindowLike[],
  requestFilter: null as null | ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  pdfBytes: new Uint8Array() as Uint8Array,
  /** Whether the request filter let the document itself through while it was loading. */
  documentAllowed: [] as boolean[],
}));
interface FakeWindowLike {
  options: Record<string, unknown>;
  loaded: { file: string; html: string }[];
  printOptions: Record<string, unknown>[];
  destroyed: boolean;
}

vi.mock('electron', () => {
  class BrowserWindow implements FakeWindowLike {
    loaded: { file: string; html: string }[] = [];
    printOptions: Record<string, unknown>[] = [];
    destroyed = false;
    webContents = {
      printToPDF: async (opts: Record<string, unknown>) => {
        this.printOptions.push(opts);
        return Buffer.from(electronState.pdfBytes);
      },
    };
    constructor(readonly options: Record<string, unknown>) {
      electronState.windows.push(this);
    }
    async loadFile(file: string) {
      this.loaded.push({ file, html: readFileSync(file, 'utf8') });
      electronState.requestFilter?.({ url: pathToFileURL(file).href }, (r) => electronState.documentAllowed.push(!r.cancel));
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  const session = {
    fromPartition: () => ({
      webRequest: {
        onBeforeRequest: (filter: typeof electronState.requestFilter) => {
          electronState.requestFilter = filter;
        },
      },
    }),
  };
  return { BrowserWindow, session, default: { BrowserWindow, session } };
});

const { ElectronPdfRenderer } = await import('../../../../electron/main/pdf-renderer.js');

async function onePagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  doc.setTitle('von Chromium');
  return doc.save();
}

beforeEach(async () => {
  electronState.windows.length = 0;
  electronState.requestFilter = null;
  electronState.documentAllowed = [];
  electronState.pdfBytes = await onePagePdf();
});

describe('ElectronPdfRenderer', () => {
  it('prints through one hidden, sandboxed window without JavaScript and reuses it', async () => {
    const renderer = new ElectronPdfRenderer();
    await renderer.render('<p>Erste Vorlage</p>');
    await renderer.render('<p>Zweite Vorlage</p>', { tagged: true });
    expect(electronState.windows).toHaveLength(1);
    const window = electronState.windows[0]!;
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
    });
    expect(window.loaded.map((l) => l.html)).toEqual(['<p>Erste Vorlage</p>', '<p>Zweite Vorlage</p>']);
    expect(window.printOptions.map((o) => o.generateTaggedPDF)).toEqual([false, true]);
    expect(window.printOptions[0]).toMatchObject({ preferCSSPageSize: true, printBackground: true });
    // The HTML is handed over in a temp file that is gone once the PDF exists.
    expect(window.loaded.some((l) => existsSync(l.file))).toBe(false);
    await renderer.close();
    expect(window.destroyed).toBe(true);
  });

  it('can create its window ahead of the first render, and still uses only that one', async () => {
    const renderer = new ElectronPdfRenderer();
    await renderer.warmUp();
    expect(electronState.windows).toHaveLength(1);
    expect(electronState.windows[0]!.loaded).toEqual([]);
    await renderer.render('<p>x</p>');
    expect(electronState.windows).toHaveLength(1);
    await renderer.close();
  });

  it('writes the requested metadata instead of the engine defaults', async () => {
    const renderer = new ElectronPdfRenderer();
    const pdf = await renderer.render('<p>x</p>', {
      metadata: { title: 'Vorlage 50/012/2025', author: 'Musterkreis', subject: 'Sachstand' },
    });
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getTitle()).toBe('Vorlage 50/012/2025');
    expect(doc.getAuthor()).toBe('Musterkreis');
    expect(doc.getCreator()).toBe('Vorlagenwerk');
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('de-DE');
    await renderer.close();
  });

  it('lets only the document itself load and cancels every other request', async () => {
    const renderer = new ElectronPdfRenderer();
    const decisions: Record<string, boolean> = {};
    const window = await (async () => {
      await renderer.render('<p>x</p>');
      return electronState.windows[0]!;
    })();
    const ask = (url: string) =>
      electronState.requestFilter!({ url }, (r) => {
        decisions[url] = r.cancel;
      });
    ask('https://tracker.example/pixel.png');
    ask('file:///etc/passwd');
    ask(`file://${fileURLToPath(new URL(import.meta.url))}`);
    expect(Object.values(decisions)).toEqual([true, true, true]);
    expect(window.loaded).toHaveLength(1);
    expect(electronState.documentAllowed).toEqual([true]);
    await renderer.close();
  });

  it('reports a failing print in German and stays usable', async () => {
    const renderer = new ElectronPdfRenderer();
    await renderer.render('<p>x</p>');
    const contents = (electronState.windows[0] as unknown as { webContents: { printToPDF: unknown } }).webContents;
    const print = contents.printToPDF;
    contents.printToPDF = () => Promise.reject(new Error('render process gone'));
    await expect(renderer.render('<p>y</p>')).rejects.toThrow('Das Dokument konnte nicht als PDF gedruckt werden');
    contents.printToPDF = print;
    electronState.pdfBytes = await onePagePdf();
    const pdf = await renderer.render('<p>z</p>');
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    await renderer.close();
  });
});
