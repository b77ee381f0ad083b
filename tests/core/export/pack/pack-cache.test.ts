import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileCache } from '../../../../electron/core/fs/file-cache.js';
import { composeMeetingPack, type MeetingPackInput, type PackVariant } from '../../../../electron/core/export/pack/meeting-pack.js';
import { PackAssembler } from '../../../../electron/core/export/pack/pack-assembler.js';
import { renderPack } from '../../../../electron/core/export/pack/render-pack.js';
import { ChromiumPdfRenderer } from '../../../../electron/core/export/pdf/chromium-renderer.js';
import type { PdfRenderOptions } from '../../../../electron/core/export/pdf/types.js';
import { tempDir } from '../../../helpers/temp-app.js';
import { pdfPagesText, pdfText } from '../pdf/pdf-tools.js';
import { simplePdf } from './fixtures.js';
import { CANARY, grosseSitzung, musterSitzung } from './meeting-fixture.js';

/**
 * Issue 16.7: printed documents and whole packs are cached by content. The cache must never serve
 * a stale pack: every input that changes the PDF (Vorlage text, Anlage content, TOP order,
 * variant, template, print settings, the print engine) gives a different pack, and only an
 * unchanged pack is served without printing. A damaged entry is rebuilt, never served.
 */

/** Counts prints (and keeps what it printed) and names an engine version that the test can change. */
class CountingRenderer extends ChromiumPdfRenderer {
  prints = 0;
  printed: string[] = [];
  version = 'test-1';
  override identity(): string | null {
    return `${super.identity()}|${this.version}`;
  }
  override render(html: string, options?: PdfRenderOptions): Promise<Uint8Array> {
    this.prints++;
    this.printed.push(html);
    return super.render(html, options);
  }
}

let renderer: CountingRenderer;
let assembler: PackAssembler;
let cache: FileCache;
let dir: string;

beforeAll(() => {
  renderer = new CountingRenderer();
  assembler = new PackAssembler();
  dir = join(tempDir('vw-pack-cache-'), 'cache');
  cache = new FileCache(dir);
});
afterAll(async () => {
  await renderer.close();
  await assembler.close();
});

const doc = (...paragraphs: string[]) => ({
  type: 'doc' as const,
  content: paragraphs.map((text) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] })),
});

/** Builds a pack and says how many prints it took. */
async function pack(
  input: MeetingPackInput,
  options: { pageLabel?: string; cache?: FileCache; background?: (work: Promise<void>) => void; freshProcess?: boolean; afterPrints?: () => void } = {},
) {
  const before = renderer.prints;
  const { plan } = composeMeetingPack(input);
  const { cache: useCache = cache, background, freshProcess, afterPrints, ...planOptions } = options;
  // A browser just started (a CLI process) prints one document at a time.
  const printer = freshProcess ? { render: renderer.render.bind(renderer), identity: () => renderer.identity(), parallelPrints: () => 1, close: async () => undefined } : renderer;
  const result = await renderPack({ ...plan, options: { ...plan.options, ...planOptions } }, { renderer: printer, assembler, cache: useCache, background, afterPrints });
  return { ...result, prints: renderer.prints - before, text: pdfText(result.bytes) };
}

// The fixture's Anlagen carry their creation time: built once, so "unchanged" really is unchanged.
const fixtures = new Map<PackVariant, Promise<MeetingPackInput>>();
const sitzung = async (variant: PackVariant = 'members') => {
  if (!fixtures.has(variant)) fixtures.set(variant, musterSitzung(variant));
  return structuredClone(await fixtures.get(variant)!);
};
/** The Vorlage 50/012/2025 (TOP 2) of the fixture. */
const sachstand = (input: MeetingPackInput) => input.items[1]!;

describe('the pack cache (issue 16.7)', () => {
  it('serves an unchanged pack without printing, byte for byte, and builds it afresh without a cache', async () => {
    const first = await pack(await sitzung());
    expect(first.prints).toBeGreaterThan(0);
    const again = await pack(await sitzung());
    expect(again.prints).toBe(0);
    expect(again.bytes.length).toBe(first.bytes.length);
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect(again.pageCount).toBe(first.pageCount);
    expect(again.parts).toEqual(first.parts);
    expect(again.warnings).toEqual(first.warnings);
    const { plan } = composeMeetingPack(await sitzung());
    const uncached = await renderPack(plan, { renderer, assembler });
    expect(uncached.pageCount).toBe(first.pageCount);
  });

  it('a changed Vorlage text is printed again: the new text is in the pack, the old one is not', async () => {
    const input = await sitzung();
    const paper = sachstand(input).paper!;
    sachstand(input).paper = { ...paper, sections: [{ key: 'vorbemerkungen', title: 'Vorbemerkungen', body: doc('NEUER-STAND-4711 Die Zahlen wurden aktualisiert.') }, ...paper.sections.slice(1)] };
    const changed = await pack(input);
    expect(changed.prints).toBeGreaterThan(0);
    expect(changed.text).toContain('NEUER-STAND-4711');
    expect(changed.text).not.toContain('Sachstand, Absatz 1:');
  });

  it('a changed Anlage (same title and file name, other content) is never served stale', async () => {
    const input = await sitzung();
    const anlage = sachstand(input).attachments[0]!;
    anlage.data = { bytes: await simplePdf('Kennzahlen-Neu-0815', 3) };
    const changed = await pack(input);
    expect(changed.text).toContain('Kennzahlen-Neu-0815');
    // Only the Anlage changed: every print comes from the cache.
    expect(changed.prints).toBe(0);
  });

  it('a new TOP order gives the new order', async () => {
    const input = await sitzung();
    [input.items[1], input.items[2]] = [input.items[2]!, input.items[1]!];
    input.meeting.items = input.items.map((i) => i.item);
    const reordered = await pack(input);
    const pages = pdfPagesText(reordered.bytes);
    const fonds = pages.findIndex((p) => p.includes('Integrationsfonds, Absatz 1'));
    const sachstandPage = pages.findIndex((p) => p.includes('Sachstand, Absatz 1'));
    expect(fonds).toBeGreaterThan(0);
    expect(fonds).toBeLessThan(sachstandPage);
  });

  it('the public variant after the members variant contains nothing non-public', async () => {
    const publicPack = await pack(await sitzung('public'));
    for (const canary of [CANARY.paperText.slice(0, 18), CANARY.topTitle.slice(0, 16), CANARY.hiddenAttachmentContent, CANARY.attachmentContent]) {
      expect(publicPack.text).not.toContain(canary);
    }
    const members = await pack(await sitzung('members'));
    expect(members.prints).toBe(0);
    expect(members.text).toContain(CANARY.attachmentContent);
  });

  it('another template (Vorlagenart: its section titles, closing and signature) is never served stale', async () => {
    const input = await sitzung();
    const paper = sachstand(input).paper!;
    // What the print model takes from a template (print-models-from-store.ts).
    sachstand(input).paper = {
      ...paper,
      paper: { ...paper.paper, template: 'beschlussvorlage', kindLabel: 'Beschlussvorlage' },
      sections: paper.sections.map((s) => (s.key === 'erlaeuterungen' ? { ...s, title: 'Begründung-Neu' } : s)),
      signature: { greeting: 'In Vertretung', signatory: paper.signature.signatory },
    };
    const changed = await pack(input);
    expect(changed.prints).toBeGreaterThan(0);
    expect(changed.text).toContain('Begründung-Neu');
    expect(changed.text).toContain('In Vertretung');
  });

  it('changed print settings (Körperschaft, page label) are never served stale', async () => {
    const input = await sitzung();
    input.meeting = { ...input.meeting, body: { name: 'Landkreis Beispielhausen' } };
    const renamed = await pack(input);
    expect(renamed.text).toContain('Landkreis Beispielhausen');
    const relabelled = await pack(await sitzung(), { pageLabel: 'Blatt {page} / {total}' });
    expect(relabelled.text).toContain(`Blatt 1 / ${relabelled.pageCount}`);
    expect(relabelled.text).not.toContain('Seite 1 von');
  });

  it('another version of the print engine prints again', async () => {
    renderer.version = 'test-2';
    try {
      const rebuilt = await pack(await sitzung());
      expect(rebuilt.prints).toBeGreaterThan(0);
    } finally {
      renderer.version = 'test-1';
    }
  });

  it('after the Vorlagen were printed alone in the background, a changed one is the only print', async () => {
    const own = new FileCache(join(tempDir('vw-pack-cache-singles-'), 'cache'));
    const background: Promise<void>[] = [];
    const first = await pack(await sitzung(), { cache: own, background: (work) => background.push(work) });
    expect(background).toHaveLength(1);
    await Promise.all(background);
    const input = await sitzung();
    const paper = sachstand(input).paper!;
    sachstand(input).paper = { ...paper, sections: [{ key: 'vorbemerkungen', title: 'Vorbemerkungen', body: doc('EINZELN-NEU-2201 Der Bericht wurde ergänzt.') }, ...paper.sections.slice(1)] };
    const changed = await pack(input, { cache: own, background: (work) => background.push(work) });
    expect(changed.prints).toBe(1);
    expect(changed.text).toContain('EINZELN-NEU-2201');
    expect(changed.text).not.toContain('Sachstand, Absatz 1:');
    // The other Vorlagen and Anlagen are all there, in the same places.
    expect(changed.pageCount).toBe(first.pageCount);
    expect(pdfPagesText(changed.bytes).slice(-4)).toEqual(pdfPagesText(first.bytes).slice(-4));
  });

  it('without single prints (a CLI process prints nothing in the background), a changed Vorlage prints only its own batch', async () => {
    const own = new FileCache(join(tempDir('vw-pack-cache-batches-'), 'cache'));
    const input = await grosseSitzung(10);
    await pack(input, { cache: own, freshProcess: true });
    // The last Vorlage, in the second batch of seven: a word of the same length, so the page
    // numbers of the Tagesordnung stay and its prints come from the cache too.
    const changedInput = structuredClone(input);
    const last = changedInput.items.at(-1)!;
    const body = JSON.stringify(last.paper!.sections[0]!.body);
    expect(body).toContain('Handlungsfeld 10');
    last.paper = { ...last.paper!, sections: [{ ...last.paper!.sections[0]!, body: JSON.parse(body.replace('Handlungsfeld 10', 'HANDLUNGSFELD-X')) }, ...last.paper!.sections.slice(1)] };
    const firstPrint = renderer.printed.length;
    // Where the process then closes its browser: after the last print, once.
    const printsWhenDone: number[] = [];
    const changed = await pack(changedInput, { cache: own, freshProcess: true, afterPrints: () => printsWhenDone.push(renderer.printed.length - firstPrint) });
    const printed = renderer.printed.slice(firstPrint);
    expect(changed.prints).toBe(1);
    expect(printsWhenDone).toEqual([1]);
    expect(printed[0]).toContain('HANDLUNGSFELD-X');
    // The first batch (the Muster Vorlagen and Handlungsfeld 1 to 4) was not printed again.
    expect(printed[0]).not.toContain('Sachstand, Absatz 1');
    expect(printed[0]).not.toContain('Handlungsfeld 1, Absatz');
    // The same pack as one built from scratch.
    const fresh = await renderPack(composeMeetingPack(changedInput).plan, { renderer, assembler });
    expect(changed.pageCount).toBe(fresh.pageCount);
    expect(pdfPagesText(changed.bytes)).toEqual(pdfPagesText(fresh.bytes));
  });

  it('a damaged entry is ignored and rebuilt; the pack is still complete', async () => {
    const good = await pack(await sitzung());
    expect(good.prints).toBe(0);
    // Damage every entry: one truncated, the others with a flipped byte in the middle.
    const files = readdirSync(dir).filter((f) => f.endsWith('.bin'));
    expect(files.length).toBeGreaterThan(2);
    files.forEach((file, i) => {
      const path = join(dir, file);
      const bytes = readFileSync(path);
      if (i === 0) writeFileSync(path, bytes.subarray(0, bytes.length >> 1));
      else {
        bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0xff;
        writeFileSync(path, bytes);
      }
    });
    const rebuilt = await pack(await sitzung());
    expect(rebuilt.prints).toBeGreaterThan(0);
    expect(rebuilt.pageCount).toBe(good.pageCount);
    expect(pdfPagesText(rebuilt.bytes)).toEqual(pdfPagesText(good.bytes));
    // Rebuilt entries are good again: the next pack prints nothing.
    expect((await pack(await sitzung())).prints).toBe(0);
  });
});
