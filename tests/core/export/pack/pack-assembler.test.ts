import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { PackError } from '../../../../electron/core/export/pack/errors.js';
import { PackAssembler } from '../../../../electron/core/export/pack/pack-assembler.js';
import type { PackJob, PackLayout, PackProgress } from '../../../../electron/core/export/pack/types.js';
import { pdfPagesText } from '../pdf/pdf-tools.js';
import { simplePdf, textPdf } from './fixtures.js';

const assembler = new PackAssembler();
afterAll(() => assembler.close());

async function baseJob(): Promise<PackJob> {
  return {
    sources: [{ id: 'front', deferred: true }],
    parts: [
      { kind: 'rendered', id: 'front', source: 'front' },
      { kind: 'attachment', id: 'a', title: 'A', fileName: 'a.pdf', data: { bytes: await simplePdf('Anlage A', 3) }, stamp: 'Anlage 1 zu TOP 1 – Vorlage 50/001/2025' },
      { kind: 'attachment', id: 'b', title: 'B', fileName: 'b.pdf', data: { bytes: await simplePdf('Anlage B', 2) }, stamp: 'Anlage 2 zu TOP 1 – Vorlage 50/001/2025' },
    ],
    outline: [{ title: 'Tagesordnung', part: 'front' }],
    metadata: { title: 'Mappe' },
  };
}

describe('PackAssembler.warmUp', () => {
  it('settles once the worker has started, which then builds the first pack', async () => {
    const fresh = new PackAssembler();
    try {
      await fresh.warmUp();
      const worker = (fresh as unknown as { worker: { threadId: number } | null }).worker;
      expect(worker?.threadId).toBeGreaterThan(0);
      const result = await fresh.assemble({ ...(await baseJob()), sources: [{ id: 'front', bytes: await simplePdf('Front', 1) }] });
      expect(result.pageCount).toBe(6);
      // The same worker: warming up did not start a second one.
      expect((fresh as unknown as { worker: { threadId: number } }).worker.threadId).toBe(worker!.threadId);
    } finally {
      await fresh.close();
    }
  });
});

describe('PackAssembler after a timeout', () => {
  it('builds the next pack in a fresh worker, untouched by the old one ending', async () => {
    // Long enough for the next pack's fresh worker to start even on a busy machine.
    const timed = new PackAssembler({ timeoutMs: 2500 });
    try {
      const next = { ...(await baseJob()), sources: [{ id: 'front', bytes: await simplePdf('Front', 1) }] };
      // A Tagesordnung that never arrives; the next pack starts the moment the first one failed,
      // while the old worker is still ending.
      const stuck = timed.assemble(await baseJob(), { resolveDeferred: () => ({ front: new Promise<Uint8Array>(() => undefined) }) });
      const error = await stuck.catch((e: unknown) => e);
      const result = await timed.assemble(next);
      expect(error).toMatchObject({ code: 'PACK_TIMEOUT' });
      expect(result.pageCount).toBe(6);
    } finally {
      await timed.close();
    }
  });
});

describe('PackAssembler (worker thread)', () => {
  it('asks for deferred parts with the page counts of everything else, then builds the pack', async () => {
    const layouts: PackLayout[] = [];
    const progress: PackProgress[] = [];
    const result = await assembler.assemble(await baseJob(), {
      onProgress: (p) => progress.push(p),
      resolveDeferred: async (layout) => {
        layouts.push(layout);
        // A Tagesordnung that prints where each Anlage starts (after its own single page).
        const startA = 2;
        const startB = startA + layout.pageCounts.a!;
        return { front: await textPdf([{ lines: [`Anlage A ab Seite ${startA}`, `Anlage B ab Seite ${startB}`], margins: true }]) };
      },
    });
    expect(layouts).toEqual([{ pageCounts: { a: 3, b: 2 } }]);
    expect(result.pageCount).toBe(6);
    const pages = pdfPagesText(result.bytes);
    expect(pages[0]).toContain('Anlage B ab Seite 5');
    expect(pages[4]).toContain('Anlage B Seite 1');
    expect(result.parts.b).toEqual({ start: 5, pageCount: 2 });

    const steps = [...new Set(progress.map((p) => p.step))];
    expect(steps).toEqual(['load', 'merge', 'stamp', 'save']);
    for (const p of progress) expect(p.done).toBeLessThanOrEqual(p.total);
    expect(progress.at(-1)).toEqual({ step: 'save', done: 1, total: 1 });
    expect(progress.filter((p) => p.step === 'stamp').at(-1)).toEqual({ step: 'stamp', done: 6, total: 6 });
  });

  it.each([
    ['right', 1],
    ['wrong', 2],
  ])('stamps everything else while the last document prints; a %s expectation gives the same pack', async (_, expectedFront) => {
    const stampedBeforeFront: boolean[] = [];
    // A blank page (no /Contents at all) must lose its first stamps as well.
    const blank = await PDFDocument.create();
    blank.addPage([595.28, 841.89]);
    const job = await baseJob();
    job.parts.push({ kind: 'attachment', id: 'c', title: 'C', fileName: 'c.pdf', data: { bytes: await blank.save() }, stamp: 'Anlage 3 zu TOP 1 – Vorlage 50/001/2025' });
    const result = await assembler.assemble(job, {
      resolveDeferred: (_layout, expect) => ({
        front: (async () => {
          expect({ front: expectedFront });
          // Give the worker time to stamp before the front arrives, as Chromium's print would.
          await new Promise((r) => setTimeout(r, 200));
          stampedBeforeFront.push(true);
          return textPdf([{ lines: ['Tagesordnung'], margins: true }]);
        })(),
      }),
    });
    expect(stampedBeforeFront).toEqual([true]);
    expect(result.pageCount).toBe(7);
    const pages = pdfPagesText(result.bytes);
    pages.forEach((text, i) => {
      // Exactly one page number per page, the right one, whatever was expected.
      expect(text.match(/Seite \d+ von \d+/g)).toEqual([`Seite ${i + 1} von 7`]);
    });
    expect(pages[1]!.match(/Anlage 1 zu TOP 1/g)).toHaveLength(1);
  });

  it('reports invalid jobs as PackError with a German message and stays usable', async () => {
    const job = await baseJob();
    job.parts.push({ ...job.parts[1]! });
    const error = await assembler.assemble(job, { resolveDeferred: async () => ({}) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).code).toBe('PACK_INPUT');
    expect((error as Error).message).toContain('kommt doppelt vor');

    const ok = await assembler.assemble({ ...(await baseJob()), sources: [], parts: (await baseJob()).parts.slice(1), outline: [] });
    expect(ok.pageCount).toBe(5);
  });

  it('passes a failure of the deferred renderer through and keeps working', async () => {
    const failing = assembler.assemble(await baseJob(), {
      resolveDeferred: () => Promise.reject(new Error('Chromium nicht gefunden')),
    });
    await expect(failing).rejects.toThrow('Chromium nicht gefunden');
    const again = await assembler.assemble(await baseJob(), {
      resolveDeferred: async () => ({ front: await simplePdf('Neu', 1, undefined, true) }),
    });
    expect(pdfPagesText(again.bytes)[0]).toContain('Neu Seite 1');
  });

  it('copies a deferred source that is ready early while a later one is still being produced', async () => {
    const job = await baseJob();
    job.sources = [{ id: 'docs', deferred: true }, { id: 'front', deferred: true }];
    job.parts.splice(1, 0, { kind: 'rendered', id: 'docs', source: 'docs' });
    let docsLoaded!: () => void;
    const docsSeen = new Promise<void>((resolve) => (docsLoaded = resolve));
    const result = await assembler.assemble(job, {
      // 2 Anlagen + docs = 3 of 4 sources loaded, before the front matter even exists.
      onProgress: (p) => p.step === 'load' && p.done === 3 && docsLoaded(),
      resolveDeferred: () => ({
        docs: simplePdf('Vorlagen', 2, undefined, true),
        front: Promise.race([
          docsSeen.then(() => simplePdf('Tagesordnung', 1, undefined, true)),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('docs were not loaded first')), 10_000)),
        ]),
      }),
    });
    expect(result.parts).toMatchObject({ front: { start: 1 }, docs: { start: 2, pageCount: 2 }, a: { start: 4 }, b: { start: 7 } });
    expect(pdfPagesText(result.bytes)[1]).toContain('Vorlagen Seite 1');
  });

  it('runs several packs at the same time in the one worker', async () => {
    const jobs = await Promise.all(
      [1, 2, 3].map(async (n) => ({
        sources: [],
        parts: [{ kind: 'attachment' as const, id: 'x', title: 'X', fileName: 'x.pdf', data: { bytes: await simplePdf(`Pack ${n}`, n) }, stamp: `Anlage 1 zu TOP ${n}` }],
        outline: [],
        metadata: { title: `Pack ${n}` },
      })),
    );
    const results = await Promise.all(jobs.map((job) => assembler.assemble(job)));
    results.forEach((r, i) => {
      expect(r.pageCount).toBe(i + 1);
      expect(pdfPagesText(r.bytes)[0]).toContain(`Pack ${i + 1} Seite 1`);
    });
  });
});

describe('PackAssembler input transfer', () => {
  it('moves whole input buffers to the worker when asked, and copies otherwise', async () => {
    const local = new PackAssembler();
    try {
      const bytes = await simplePdf('Verschoben', 2);
      const moved = new Uint8Array(bytes);
      const kept = new Uint8Array(bytes);
      const job = (data: Uint8Array): PackJob => ({
        sources: [],
        parts: [{ kind: 'attachment', id: 'a', title: 'A', fileName: 'a.pdf', data: { bytes: data }, stamp: 'Anlage 1 zu TOP 1' }],
        outline: [],
        metadata: { title: 't' },
      });
      const a = await local.assemble(job(moved), {}, { transferInputs: true });
      const b = await local.assemble(job(kept));
      expect(a.pageCount).toBe(2);
      expect(b.pageCount).toBe(2);
      expect(moved.byteLength).toBe(0); // detached: the memory now belongs to the worker
      expect(kept.byteLength).toBe(bytes.byteLength);
    } finally {
      await local.close();
    }
  });
});
