import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { composeMeetingPack, type MeetingPackInput, type PackVariant } from '../../../../electron/core/export/pack/meeting-pack.js';
import { PackAssembler } from '../../../../electron/core/export/pack/pack-assembler.js';
import { clearPrintCache } from '../../../../electron/core/export/pack/print-cache.js';
import { pdfServices } from '../../../../electron/core/export/pdf/pdf-services.js';
import { renderPack } from '../../../../electron/core/export/pack/render-pack.js';
import { assemblePack } from '../../../../electron/core/export/pack/assemble.js';
import { PackMemory, PackWorkbench } from '../../../../electron/core/export/pack/kept-pack.js';
import { deferredPromises, partLinkName, type PackHooks, type PackJob, type PackResult } from '../../../../electron/core/export/pack/types.js';
import { ChromiumPdfRenderer } from '../../../../electron/core/export/pdf/chromium-renderer.js';
import { FileCache } from '../../../../electron/core/fs/file-cache.js';
import { tempApp, tempDir } from '../../../helpers/temp-app.js';
import { checkArchival } from '../pdf/archival-checker.js';
import { pdfInfo, pdfPagesText, qdfBytes, qpdfCheck } from '../pdf/pdf-tools.js';
import { simplePdf } from './fixtures.js';
import { CANARY, musterSitzung } from './meeting-fixture.js';
import { readOutline } from './outline-reader.js';
import { readStructure } from './structure-reader.js';
import { indirectContents, linksOnPages, objectGraph, taggedWithOwnRole } from './kept-pack-fixtures.js';

/**
 * Issue 16.7: the pack worker keeps its last pack and reuses every unchanged source and Anlage
 * for the next one (kept-pack.ts). Each pack here is built twice from the very same inputs: by a
 * worker that reuses and by one that always starts afresh. A reader must not be able to tell them
 * apart — pages, text, bookmarks, links, structure tree, PDF/A — and nothing of what left the
 * pack may remain in the file.
 */
class TwinAssembler extends PackAssembler {
  readonly fresh = new PackAssembler({ reuseLastPack: false });
  last: { kept: PackResult; fresh: PackResult } | null = null;

  override async assemble(job: PackJob, hooks: PackHooks = {}): Promise<PackResult> {
    const ids = job.sources.filter((s) => !('bytes' in s)).map((s) => s.id);
    let sources: Record<string, Promise<Uint8Array>> = {};
    const kept = await super.assemble(job, {
      ...hooks,
      resolveDeferred: (layout, expect) => (sources = deferredPromises(hooks.resolveDeferred!(layout, expect), ids)),
    });
    // The same printed documents, delivered as they were to the reusing worker.
    const fresh = await this.fresh.assemble(job, { resolveDeferred: () => sources });
    this.last = { kept, fresh };
    return kept;
  }

  override async close(): Promise<void> {
    await Promise.all([super.close(), this.fresh.close()]);
  }
}

let renderer: ChromiumPdfRenderer;
let twin: TwinAssembler;
let cache: FileCache;

beforeAll(() => {
  renderer = new ChromiumPdfRenderer();
  twin = new TwinAssembler();
  cache = new FileCache(join(tempDir('vw-kept-pack-'), 'cache'));
});
afterAll(async () => {
  await renderer.close();
  await twin.close();
});

const paragraph = (text: string, href?: string) => ({
  type: 'paragraph' as const,
  content: [{ type: 'text' as const, text, ...(href ? { marks: [{ type: 'link' as const, attrs: { href } }] } : {}) }],
});
/** The Vorlage 50/012/2025 (TOP 2) with other Vorbemerkungen. */
function withVorbemerkungen(input: MeetingPackInput, ...content: ReturnType<typeof paragraph>[]): MeetingPackInput {
  const item = input.items[1]!;
  const paper = item.paper!;
  item.paper = { ...paper, sections: [{ key: 'vorbemerkungen', title: 'Vorbemerkungen', body: { type: 'doc', content } }, ...paper.sections.slice(1)] };
  return input;
}

/** Builds the pack through the twin; background prints (each Vorlage alone) are awaited. */
async function pack(input: MeetingPackInput): Promise<{ kept: PackResult; fresh: PackResult }> {
  const background: Promise<void>[] = [];
  twin.last = null;
  await renderPack(composeMeetingPack(input).plan, { renderer, assembler: twin, cache, background: (work) => background.push(work) });
  await Promise.all(background);
  expect(twin.last, 'the pack was served from the cache instead of being assembled').not.toBeNull();
  return twin.last!;
}

/** Every link of every page: its address, or the page it leads to and its description. */
async function links(bytes: Uint8Array): Promise<string[][]> {
  return linksOnPages(await PDFDocument.load(bytes)).map((page) => page.map((link) => link.uri ?? `Seite ${link.page ?? '?'} (${link.description})`));
}

const graphOf = async (bytes: Uint8Array) => objectGraph(await PDFDocument.load(bytes));
const unreachableObjects = async (bytes: Uint8Array) => (await graphOf(bytes)).unreachable;

/** What a reader sees of the reused pack equals the pack built afresh; both are sound PDF/A files. */
async function expectSamePack({ kept, fresh }: { kept: PackResult; fresh: PackResult }): Promise<void> {
  expect(kept.pageCount).toBe(fresh.pageCount);
  expect(kept.parts).toEqual(fresh.parts);
  expect(kept.warnings).toEqual(fresh.warnings);
  expect(pdfPagesText(kept.bytes)).toEqual(pdfPagesText(fresh.bytes));
  expect(readOutline(await PDFDocument.load(kept.bytes))).toEqual(readOutline(await PDFDocument.load(fresh.bytes)));
  expect(await links(kept.bytes)).toEqual(await links(fresh.bytes));
  const [keptTree, freshTree] = [await readStructure(kept.bytes), await readStructure(fresh.bytes)];
  expect(keptTree!.sections).toEqual(freshTree!.sections);
  expect(keptTree!.sectionPages).toEqual(freshTree!.sectionPages);
  expect(keptTree!.pagesInTree.every(Boolean)).toBe(true);
  expect(await checkArchival(kept.bytes)).toEqual([]);
  qpdfCheck(kept.bytes);
  // Nothing left over, nothing broken (a reused pack's shared fonts and stamp streams are made
  // again when the sweep took them).
  expect(await graphOf(kept.bytes)).toEqual({ unreachable: 0, dangling: (await graphOf(fresh.bytes)).dangling });
  // Nothing of earlier packs is still referenced either: no more objects than afresh (which
  // carries a few unreferenced ones of its own).
  const count = async (bytes: Uint8Array) => (await PDFDocument.load(bytes)).context.enumerateIndirectObjects().length;
  expect(await count(kept.bytes)).toBeLessThanOrEqual(await count(fresh.bytes));
}

// The fixture's Anlagen carry their creation time: built once, so "unchanged" really is unchanged.
const fixtures = new Map<PackVariant, Promise<MeetingPackInput>>();
const sitzung = async (variant: PackVariant = 'members') => {
  if (!fixtures.has(variant)) fixtures.set(variant, musterSitzung(variant));
  return structuredClone(await fixtures.get(variant)!);
};
const base = () => sitzung();
const ALT_LINK = 'https://alt.example.org/ALTER-STAND-4711';

// One sequence of packs, each reusing the one before: the tests run in this order.
describe('a pack after changes, reusing the last pack (issue 16.7)', () => {
  it('takes over the unchanged Vorlagen and Anlagen and equals the pack built afresh; the old text is gone', async () => {
    // First the Vorlagen print in batches and each alone in the background; then the one with
    // a link, printed alone; the unchanged Anlagen are taken over already.
    await pack(await base());
    const linked = await pack(withVorbemerkungen(await base(), paragraph('Stand mit Verweis: ', ALT_LINK)));
    expect(linked.kept.reusedParts).toBeGreaterThan(0);
    expect(await links(linked.kept.bytes)).toContainEqual(expect.arrayContaining([ALT_LINK]));

    const changed = await pack(withVorbemerkungen(await base(), paragraph('NEUER-STAND-0815 Die Zahlen wurden aktualisiert.')));
    // All but the changed Vorlage and the Anlage that is a note page (a broken file): the other
    // Vorlagen, the Anlagen, and cover, Einladung and Tagesordnung, whose page numbers stayed.
    expect(changed.kept.reusedParts).toBe(Object.keys(changed.kept.parts).length - 2);
    await expectSamePack(changed);
    const text = pdfPagesText(changed.kept.bytes).join('\n');
    expect(text).toContain('NEUER-STAND-0815');
    expect(text).not.toContain('Stand mit Verweis');
    expect(qdfBytes(changed.kept.bytes).includes(ALT_LINK)).toBe(false);
  });

  it('renumbers every page when a Vorlage grows', async () => {
    const long = Array.from({ length: 40 }, (_, i) => paragraph(`WACHSTUM-${i} Der Bericht wurde um einen ausführlichen Abschnitt zur Entwicklung der Beratungszahlen ergänzt.`));
    const grown = await pack(withVorbemerkungen(await base(), ...long));
    expect(grown.kept.reusedParts).toBeGreaterThan(0);
    await expectSamePack(grown);
  });

  it('the public variant after the members variant holds nothing non-public, not even unreferenced', async () => {
    // The members Sitzung as the public variant: the same Anlagen, so the public ones are reused.
    const input = await base();
    input.variant = 'public';
    const publicPack = await pack(input);
    expect(publicPack.kept.reusedParts).toBeGreaterThan(0);
    await expectSamePack(publicPack);
    const text = pdfPagesText(publicPack.kept.bytes).join('\n');
    for (const canary of [CANARY.paperText.slice(0, 18), CANARY.topTitle.slice(0, 16), CANARY.hiddenAttachmentContent, CANARY.attachmentContent]) {
      expect(text).not.toContain(canary);
    }
  });

  it('the members variant again, with a changed Vorlage: what left and came back is whole', async () => {
    const again = await pack(withVorbemerkungen(await base(), paragraph('ZURUECK-0916 Der Stand nach der öffentlichen Mappe.')));
    expect(again.kept.reusedParts).toBeGreaterThan(0);
    await expectSamePack(again);
    expect(pdfPagesText(again.kept.bytes).join('\n')).toContain(CANARY.attachmentContent);
  });

  it('takes a changed Anlage and a new TOP order', async () => {
    const input = await base();
    input.items[1]!.attachments[0]!.data = { bytes: await simplePdf('Kennzahlen-Neu-0815', 2) };
    const anlage = await pack(input);
    expect(pdfPagesText(anlage.kept.bytes).join('\n')).toContain('Kennzahlen-Neu-0815');
    await expectSamePack(anlage);

    const reordered = await base();
    [reordered.items[1], reordered.items[2]] = [reordered.items[2]!, reordered.items[1]!];
    reordered.meeting.items = reordered.items.map((i) => i.item);
    await expectSamePack(await pack(reordered));
  });
});

describe('a reused part whose link target moves (engine)', () => {
  /** A tagged print with a link to a part of the pack, as the Tagesordnung has them. */
  const pageLinkingTo = (part: string) =>
    renderer.render(`<!doctype html><html lang="de"><body><p><a href="#${partLinkName(part)}">Zur Anlage</a></p><span id="${partLinkName(part)}"></span></body></html>`, { tagged: true });

  it('points at the new page, and its description names the new page; bookmarks are the new pack\u2019s', async () => {
    const directory = await pageLinkingTo('b');
    const anlage = await simplePdf('Anlage B', 1);
    const job = async (aPages: number, outline: PackJob['outline'] = []): Promise<PackJob> => ({
      sources: [
        { id: 'verzeichnis', bytes: directory.slice() },
        { id: 'a', bytes: await simplePdf(`Vorlage A ${aPages}`, aPages, undefined, true) },
      ],
      parts: [
        { kind: 'rendered', id: 'verzeichnis', source: 'verzeichnis' },
        { kind: 'rendered', id: 'a', source: 'a' },
        { kind: 'attachment', id: 'b', title: 'Anlage B', fileName: 'b.pdf', data: { bytes: anlage.slice() }, stamp: 'Anlage 1 zu TOP 1' },
      ],
      outline,
      metadata: { title: 'Mappe' },
    });
    const memory = new PackMemory();
    const first = await assemblePack(await job(1, [{ title: 'Anlage B', part: 'b' }]), {}, memory);
    expect(readOutline(await PDFDocument.load(first.bytes))).toEqual([{ title: 'Anlage B', page: 3, children: [] }]);
    expect((await links(first.bytes))[0]).toEqual(['Seite 3 (Verweis auf Seite 3)']);
    const longer = await job(2);
    const second = await assemblePack(longer, {}, memory);
    // The Verzeichnis and the Anlage were taken over; only Vorlage A was placed again.
    expect(second.reusedParts).toBe(2);
    expect((await links(second.bytes))[0]).toEqual(['Seite 4 (Verweis auf Seite 4)']);
    expect(await links(second.bytes)).toEqual(await links((await assemblePack(longer)).bytes));
    // The second pack has no bookmarks: none of the first one's are left.
    expect(readOutline(await PDFDocument.load(second.bytes))).toEqual([]);
    expect(await unreachableObjects(second.bytes)).toBe(0);
  });
});

describe('an Anlage that leaves a reused pack (engine)', () => {
  it('keeps its own role names mapped as its producer did, and takes them out with it; properties are the new pack\u2019s', async () => {
    const role = 'KanarieRolle9f1';
    const anlage = (id: string, bytes: Uint8Array) => ({ kind: 'attachment' as const, id, title: id, fileName: `${id}.pdf`, data: { bytes }, stamp: `Anlage ${id}` });
    const plain = await simplePdf('Bleibt', 1);
    const memory = new PackMemory();
    const job = (parts: PackJob['parts'], subject?: string): PackJob => ({ sources: [], parts, outline: [], metadata: { title: 'Mappe', ...(subject ? { subject } : {}) } });
    const first = await assemblePack(job([anlage('a', await taggedWithOwnRole('Eigene Rolle', role)), anlage('b', plain.slice())], 'Nichtöffentliche Sitzungsunterlagen'), {}, memory);
    expect(pdfInfo(first.bytes).Subject).toBe('Nichtöffentliche Sitzungsunterlagen');
    expect(qdfBytes(first.bytes).toString('latin1')).toContain(`/${role} /P`);
    const second = await assemblePack(job([anlage('b', plain.slice())]), {}, memory);
    expect(second.reusedParts).toBe(1);
    expect(pdfInfo(second.bytes).Subject).toBeUndefined();
    expect(qdfBytes(second.bytes).includes(role)).toBe(false);
    expect(await unreachableObjects(second.bytes)).toBe(0);
    expect(await checkArchival(second.bytes)).toEqual([]);
  });
});

describe('parts that leave a reused pack and come back (engine)', () => {
  const objectCount = async (bytes: Uint8Array) => (await PDFDocument.load(bytes)).context.enumerateIndirectObjects().length;
  const anlage = (id: string, bytes: Uint8Array) => ({ kind: 'attachment' as const, id, title: id, fileName: `${id}.pdf`, data: { bytes: bytes.slice() }, stamp: `Anlage ${id}` });
  const job = (parts: PackJob['parts'], sources: PackJob['sources'] = []): PackJob => ({ sources, parts, outline: [], metadata: { title: 'Mappe' } });

  it('get the shared fonts and stamp streams made again that the sweep took with them', async () => {
    const times = await PDFDocument.create();
    const font = await times.embedFont(StandardFonts.TimesRoman);
    times.addPage().drawText('Satzung in Times', { x: 50, y: 700, size: 12, font });
    const inputs = { letter: await simplePdf('US Letter', 1, [612, 792]), times: await times.save(), plain: await simplePdf('Schlicht', 1), broken: new Uint8Array() };
    const all = () => job(Object.entries(inputs).map(([id, bytes]) => anlage(id, bytes)));
    const memory = new PackMemory();
    await assemblePack(all(), {}, memory);
    expect((await assemblePack(job([anlage('plain', inputs.plain)]), {}, memory)).reusedParts).toBe(1);
    const back = await assemblePack(all(), {}, memory);
    const fresh = await assemblePack(all());
    expect(await graphOf(back.bytes)).toEqual({ unreachable: 0, dangling: 0 });
    expect(pdfPagesText(back.bytes)).toEqual(pdfPagesText(fresh.bytes));
    expect(await checkArchival(back.bytes)).toEqual(await checkArchival(fresh.bytes));
  });

  it('an Anlage that stays while others come and go keeps its content and links, whatever its producer made indirect', async () => {
    const indirect = await indirectContents('Indirekter Inhalt');
    const other = await simplePdf('Kommt und geht', 1);
    const packOf = (withOther: boolean) => job([...(withOther ? [anlage('other', other)] : []), anlage('indirect', indirect)]);
    const memory = new PackMemory();
    for (const [n, withOther] of [true, false, true, false].entries()) {
      const kept = await assemblePack(packOf(withOther), {}, memory);
      const fresh = await assemblePack(packOf(withOther));
      if (n > 0) expect(kept.reusedParts).toBe(1);
      expect(pdfPagesText(kept.bytes)).toEqual(pdfPagesText(fresh.bytes));
      // The first pack is built afresh: only reused packs are swept.
      expect(await graphOf(kept.bytes)).toEqual({ unreachable: n > 0 ? 0 : (await graphOf(fresh.bytes)).unreachable, dangling: 0 });
      expect(await links(kept.bytes)).toEqual(await links(fresh.bytes));
    }
  });

  it('a link (GoTo action) to a part that left the pack leads nowhere and holds nothing of it', async () => {
    const doc = await PDFDocument.load(await simplePdf('Verzeichnis', 1, undefined, true));
    const action = doc.context.obj({ S: 'GoTo', D: PDFString.of(partLinkName('b')) });
    doc.getPage(0).node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [40, 700, 200, 720], A: action }))]));
    const directory = await doc.save();
    const source = () => [{ id: 'verzeichnis', bytes: directory.slice() }];
    const rendered = { kind: 'rendered' as const, id: 'verzeichnis', source: 'verzeichnis' };
    const memory = new PackMemory();
    await assemblePack(job([rendered, anlage('b', await simplePdf('Anlage B', 3))], source()), {}, memory);
    const without = await assemblePack(job([rendered], source()), {}, memory);
    expect(without.reusedParts).toBe(1);
    expect(await graphOf(without.bytes)).toEqual({ unreachable: 0, dangling: 0 });
    expect(await objectCount(without.bytes)).toBeLessThanOrEqual(await objectCount((await assemblePack(job([rendered], source()))).bytes));
  });
});

describe('the memory of the last pack', () => {
  const job: PackJob = { sources: [], parts: [], outline: [], metadata: { title: 'Mappe' } };

  it('gives it only to a pack of the same frame, once, and lets it go when no pack follows', async () => {
    const memory = new PackMemory(50);
    memory.keep(await PackWorkbench.create('Seite {page}'), job, 0, memory.epoch);
    expect(memory.take('Blatt {page}')).toBeNull();
    expect(memory.take('Seite {page}')).toBeNull(); // taken (and dropped) by the other frame
    const bench = await PackWorkbench.create('Seite {page}');
    memory.keep(bench, job, 0, memory.epoch);
    expect(memory.take('Seite {page}')).toBe(bench);
    memory.keep(bench, job, 0, memory.epoch);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(memory.take('Seite {page}')).toBeNull();
  });

  it('keeps no pack written straight to a file, nor one of very large inputs', async () => {
    const memory = new PackMemory();
    memory.keep(await PackWorkbench.create('f'), { ...job, outputPath: '/tmp/mappe.pdf' }, 0, memory.epoch);
    expect(memory.take('f')).toBeNull();
    memory.keep(await PackWorkbench.create('f'), job, 200 * 1024 * 1024, memory.epoch);
    expect(memory.take('f')).toBeNull();
  });

  it('counts Anlagen read from a file towards the limit of what it keeps', async () => {
    const dir = tempDir('vw-kept-path-');
    const file = join(dir, 'gross.pdf');
    writeFileSync(file, await simplePdf('Aus der Datei', 4));
    const fromFile: PackJob = { ...job, parts: [{ kind: 'attachment', id: 'f', title: 'F', fileName: 'gross.pdf', data: { path: file }, stamp: 'Anlage 1' }] };
    const small = new PackMemory(60_000, 1024);
    await assemblePack(fromFile, {}, small);
    expect((await assemblePack(fromFile, {}, small)).reusedParts).toBeUndefined();
    const large = new PackMemory(60_000, 10 * 1024 * 1024);
    await assemblePack(fromFile, {}, large);
    expect((await assemblePack(fromFile, {}, large)).reusedParts).toBe(1);
  });

  it('keeps no pack whose stamps needed a subset font: its glyphs would pass on to the next file', async () => {
    const memory = new PackMemory();
    const latin = await PackWorkbench.create('f');
    await latin.fonts.regular.encode('Anlage 1 zu TOP 5 – Müller');
    memory.keep(latin, job, 0, memory.epoch);
    expect(memory.take('f')).toBe(latin);
    const cyrillic = await PackWorkbench.create('f');
    await cyrillic.fonts.regular.encode('Anlage 1: Жилищный отчёт');
    memory.keep(cyrillic, job, 0, memory.epoch);
    expect(memory.take('f')).toBeNull();
  });

  it('forgets the kept pack when data are erased, and keeps no pack that began before', async () => {
    const memory = new PackMemory();
    const begun = memory.epoch;
    memory.forget();
    memory.keep(await PackWorkbench.create('f'), job, 0, begun);
    expect(memory.take('f')).toBeNull();

    const anlagen = [await simplePdf('Erstens', 1), await simplePdf('Zweitens', 1)];
    const two: PackJob = {
      ...job,
      parts: anlagen.map((bytes, i) => ({ kind: 'attachment' as const, id: `a${i}`, title: `A${i}`, fileName: `a${i}.pdf`, data: { bytes: bytes.slice() }, stamp: `Anlage ${i + 1}` })),
    };
    const assembler = new PackAssembler();
    try {
      await assembler.assemble(two);
      expect((await assembler.assemble(two)).reusedParts).toBe(2);
      assembler.forgetLastPack();
      expect((await assembler.assemble(two)).reusedParts).toBeUndefined();
    } finally {
      await assembler.close();
    }

    // The app's pack worker is told whenever an erasure empties the print cache.
    const t = await tempApp();
    const forget = vi.spyOn(pdfServices(t.app).assembler, 'forgetLastPack');
    clearPrintCache(t.app.dataDir);
    expect(forget).toHaveBeenCalledTimes(1);
    await t.close();
    clearPrintCache(t.app.dataDir);
    expect(forget).toHaveBeenCalledTimes(1);
  });
});
