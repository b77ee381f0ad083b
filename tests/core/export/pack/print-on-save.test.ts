import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createDispatcher } from '../../../../electron/core/api/dispatcher.js';
import { printCacheFor } from '../../../../electron/core/export/pack/print-cache.js';
import { PrintOnSave } from '../../../../electron/core/export/pack/print-on-save.js';
import { ChromiumPdfRenderer } from '../../../../electron/core/export/pdf/chromium-renderer.js';
import { usePdfRenderer } from '../../../../electron/core/export/pdf/pdf-services.js';
import type { PdfRenderOptions } from '../../../../electron/core/export/pdf/types.js';
import type { MethodName, MethodOutput, ProgressEvent } from '../../../../electron/shared/contract.js';
import type { Doc } from '../../../../electron/shared/document.js';
import { releasePaper } from '../../../helpers/freigabe.js';
import { tempApp, tempDir, type TempApp } from '../../../helpers/temp-app.js';
import { pdfPagesText, pdfText } from '../pdf/pdf-tools.js';
import { simplePdf } from './fixtures.js';

/**
 * Issue 16.7, print on save: web mode, desktop and team server print a changed Vorlage into the
 * print cache in the background, so that the next Sitzungsmappe prints nothing; a pack asked for
 * while that print runs waits for it instead of printing twice; a print that lost the race to a
 * newer revision is never served for it.
 */

/** Counts prints; while `gate` is set, every print waits for it (a slow print the test can hold). */
class GatedRenderer extends ChromiumPdfRenderer {
  prints = 0;
  gate: Promise<void> | null = null;
  private started: (() => void)[] = [];
  /** Settles when the next print starts. */
  nextPrint(): Promise<void> {
    return new Promise((resolve) => this.started.push(resolve));
  }
  override async render(html: string, options?: PdfRenderOptions): Promise<Uint8Array> {
    this.prints++;
    for (const resolve of this.started.splice(0)) resolve();
    if (this.gate) await this.gate;
    return super.render(html, options);
  }
}

const doc = (...paragraphs: string[]): Doc => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

let t: TempApp;
let renderer: GatedRenderer;
let printOnSave: PrintOnSave;
/** The app's API with the hook the hosts install (server/main.ts, main/app.ts, team-main.ts). */
let api: TempApp;
let meetingId: number;
let paperId: number;
let out: string;

beforeAll(async () => {
  renderer = new GatedRenderer();
  usePdfRenderer(() => renderer);
  t = await tempApp({ demo: true });
  out = tempDir('vw-print-on-save-');
  // Long enough that the test decides when the waiting prints start (flush), except where it
  // waits for the timer itself.
  printOnSave = new PrintOnSave(t.app, { delayMs: 60_000 });
  const dispatch = createDispatcher(t.app, { afterChange: printOnSave.afterChange });
  api = { ...t, dispatch, call: <M extends MethodName>(method: M, params: unknown = {}) => call(dispatch, method, params) as Promise<MethodOutput<M>> };
  const soz = await t.call('gremien.get', { ref: 'Sozialausschuss' });
  meetingId = (await t.call('sitzungen.list', { committeeId: soz.id })).find((m) => m.state === 'geplant')!.id;
  const agenda = (await t.call('sitzungen.get', { id: meetingId })).agenda;
  paperId = agenda.find((i) => i.paperId !== null && i.public)!.paperId!;
  // The first pack prints in batches; afterwards each Vorlage is printed alone into the cache.
  await pack();
  await printOnSave.idle();
}, 120_000);

afterAll(async () => {
  printOnSave.close();
  await t.close();
  usePdfRenderer(() => new ChromiumPdfRenderer());
});

let packs = 0;
/** The members' pack through the API, with the prints it took and its text. */
async function pack(onProgress?: (event: ProgressEvent) => void) {
  const before = renderer.prints;
  const path = join(out, `mappe-${++packs}.pdf`);
  const response = await api.dispatch('sitzungen.pack', { meetingId, variant: 'members', path }, { onProgress });
  if (!response.ok) throw new Error(response.error.message);
  const pdf = new Uint8Array(readFileSync(path));
  return { prints: renderer.prints - before, text: pdfText(pdf), pdf, tops: (response.result as MethodOutput<'sitzungen.pack'>).tops };
}

/** Holds every print until `open` is called. */
function holdPrints(): { started: Promise<void>; open: () => void } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  renderer.gate = gate;
  const started = renderer.nextPrint();
  return {
    started,
    open: () => {
      renderer.gate = null;
      open();
    },
  };
}

/**
 * What a clerk does to change a released Vorlage: withdraw the Freigabe, save the text, release
 * again. One short paragraph for the whole first section keeps the page count, hence the
 * Tagesordnung.
 */
async function changeText(marker: string, paragraphs = 1) {
  await api.call('freigabe.withdraw', { ref: paperId, reason: 'Zahlen aktualisiert' });
  const paper = await api.call('vorlagen.get', { ref: paperId });
  const [key] = Object.keys(paper.sections);
  const text = Array.from({ length: paragraphs }, (_, i) => `${marker}${i ? `-${i}` : ''} Die Zahlen wurden am Vortag aktualisiert.`);
  await api.call('vorlagen.save', { id: paperId, sections: { ...paper.sections, [key!]: doc(...text) } });
  await releasePaper(api, paperId);
}

describe('print on save (issue 16.7)', () => {
  it('prints a saved Vorlage in the background, after the quiet time, so that the next pack prints nothing', async () => {
    const quick = new PrintOnSave(t.app, { delayMs: 1500 });
    const hooked = createDispatcher(t.app, { afterChange: quick.afterChange });
    await api.call('freigabe.withdraw', { ref: paperId });
    const paper = await api.call('vorlagen.get', { ref: paperId });
    const [key] = Object.keys(paper.sections);
    const before = renderer.prints;
    // Several autosaves while typing: one print after the last.
    for (const marker of ['TIPPEN-1', 'TIPPEN-2', 'GESPEICHERT-3301']) {
      await call(hooked, 'vorlagen.save', { id: paperId, sections: { ...paper.sections, [key!]: doc(`${marker} Die Zahlen wurden am Vortag aktualisiert.`) } });
    }
    await releasePaper({ ...t, dispatch: hooked, call: (m, p) => call(hooked, m, p) } as TempApp, paperId);
    await quick.idle();
    quick.close();
    // The saves printed only the newest state (the release may set the Vorlage's date: a second state).
    expect(renderer.prints - before).toBeGreaterThanOrEqual(1);
    expect(renderer.prints - before).toBeLessThanOrEqual(2);
    const next = await pack();
    expect(next.prints).toBe(0);
    expect(next.text).toContain('GESPEICHERT-3301');
    expect(next.text).not.toContain('TIPPEN-2');
  });

  it('the save itself does not wait for the print', async () => {
    await changeText('OHNE-WARTEN-5120');
    const held = holdPrints();
    printOnSave.flush();
    await held.started;
    try {
      // While that print hangs, the next change answers: it only schedules another print.
      await changeText('OHNE-WARTEN-5121');
    } finally {
      held.open();
    }
    printOnSave.flush();
    await printOnSave.idle();
    const next = await pack();
    expect(next.prints).toBe(0);
    expect(next.text).toContain('OHNE-WARTEN-5121');
  });

  it('a pack asked for while the background print runs waits for it and prints nothing itself', async () => {
    await changeText('WARTET-AUF-DRUCK-7788');
    const held = holdPrints();
    const before = renderer.prints;
    printOnSave.flush();
    await held.started;
    // The print is let go once the pack has looked up its prints (they start right after this event).
    const result = await pack((event) => {
      if (event.step === 'render' && event.done === 0) held.open();
    });
    await printOnSave.idle();
    expect(renderer.prints - before).toBe(1);
    expect(result.prints).toBe(0);
    expect(result.text).toContain('WARTET-AUF-DRUCK-7788');
  });

  it('a change during a background print is printed afterwards; the older print is never served for it', async () => {
    await changeText('ALTER-STAND-1111');
    const held = holdPrints();
    printOnSave.flush();
    await held.started;
    // While the old state prints, the Vorlage changes again.
    await changeText('NEUER-STAND-2222');
    printOnSave.flush();
    held.open();
    await printOnSave.idle();
    const next = await pack();
    expect(next.prints).toBe(0);
    expect(next.text).toContain('NEUER-STAND-2222');
    expect(next.text).not.toContain('ALTER-STAND-1111');
  });

  it('data erased while a background print runs: that print is not stored (no printed copy outlives them)', async () => {
    const canary = 'KANARIE-ANLAGE-6161 Gutachten';
    await api.call('freigabe.withdraw', { ref: paperId });
    const anlage = await api.call('anlagen.add', { paperId, title: canary, fileName: 'gutachten.pdf', public: true, dataBase64: Buffer.from(await simplePdf('Gutachten', 1)).toString('base64') });
    await releasePaper(api, paperId);
    const held = holdPrints();
    printOnSave.flush();
    await held.started;
    // The print under way lists the Anlage; removing it erases data, which empties the print cache.
    await api.call('anlagen.remove', { id: anlage.id });
    held.open();
    await printOnSave.idle();
    const cache = printCacheFor(t.dir);
    for (const file of existsSync(cache.dir) ? readdirSync(cache.dir) : []) {
      expect(pdfText(cache.get(file.replace(/\.bin$/, ''))!.bytes)).not.toContain('KANARIE-ANLAGE');
    }
  });

  it('a Vorlage grown by pages: the Tagesordnung is printed anew with the real start pages (page counts kept in the cache)', async () => {
    // The erase above emptied the cache: one pack and its prints of each Vorlage alone fill it again.
    await pack();
    await printOnSave.idle();
    await changeText('LANG-GEWORDEN-9090', 160);
    printOnSave.flush();
    await printOnSave.idle();
    const next = await pack();
    // Only the Tagesordnung: its page numbers changed.
    expect(next.prints).toBe(1);
    const pages = pdfPagesText(next.pdf);
    const toc = pages.find((p) => p.includes('A. Öffentlicher Teil'))!;
    const withPages = next.tops.filter((top) => top.page !== null);
    expect(withPages.length).toBeGreaterThan(1);
    for (const top of withPages) {
      const line = toc.split('\n').find((l) => new RegExp(`^\\s*${top.number}\\s`).test(l))!;
      expect(line.trim().split(/\s+/).at(-1)).toBe(String(top.page));
      expect(pages[top.page! - 1]).toContain('Vorlage-Nr.:');
    }
    pages.forEach((p, i) => expect(p).toContain(`Seite ${i + 1} von ${pages.length}`));
  });
});
