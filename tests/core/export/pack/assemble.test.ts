import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assemblePack } from '../../../../electron/core/export/pack/assemble.js';
import { PackError } from '../../../../electron/core/export/pack/errors.js';
import type { AttachmentPart, PackJob, PackResult } from '../../../../electron/core/export/pack/types.js';
import { pdfFonts, pdfInfo, pdfInfoMeta, pdfPagesText, pdfWordBoxes, qpdfCheck } from '../pdf/pdf-tools.js';
import { encrypt, hasProgram, jpeg, png, simplePdf, textPdf, withDestinations } from './fixtures.js';
import { readOutline } from './outline-reader.js';
import { readStructure } from './structure-reader.js';

const STAMP_BAND = 28;
const anlage = (id: string, n: number, fileName: string, bytes: Uint8Array, title = `Anlage ${n}`): AttachmentPart => ({
  kind: 'attachment',
  id,
  title,
  fileName,
  data: { bytes },
  stamp: `Anlage ${n} zu TOP 1 – Vorlage 50/001/2025`,
});

let job: PackJob;
let result: PackResult;
let pages: string[];

beforeAll(async () => {
  job = {
    sources: [
      { id: 'front', bytes: await simplePdf('Tagesordnung', 2, undefined, true) },
      { id: 'vorlagen', bytes: await simplePdf('Vorlage', 3, undefined, true) },
    ],
    parts: [
      { kind: 'rendered', id: 'front', source: 'front' },
      { kind: 'rendered', id: 'v1', source: 'vorlagen' },
      anlage('a1', 1, 'statistik.pdf', await simplePdf('Statistik', 3)),
      anlage('a2', 2, 'diagramm.png', png(1200, 800)),
      anlage('a3', 3, 'foto.jpg', await jpeg('Foto')),
      anlage('a4', 4, 'quer.pdf', await simplePdf('Querformat', 1, [841.89, 595.28])),
      anlage('a5', 5, 'gedreht.pdf', await textPdf([{ lines: ['Gedreht Seite 1'], rotate: 90 }])),
    ],
    outline: [
      { title: 'Tagesordnung', part: 'front' },
      {
        title: 'TOP 1: Sachstand Integration',
        part: 'v1',
        children: [
          { title: 'Vorlage 50/001/2025', part: 'v1' },
          { title: 'Anlage 1: Statistik', part: 'a1' },
          { title: 'Anlage 2: Diagramm', part: 'a2' },
          { title: 'Anlage 5: Gedreht', part: 'a5' },
        ],
      },
    ],
    metadata: {
      title: 'Sitzungsmappe Sozialausschuss 12.03.2025',
      subject: 'Öffentliche Sitzungsunterlagen',
      author: 'Musterkreis',
      keywords: ['Sitzungsmappe'],
    },
  };
  result = await assemblePack(job);
  pages = pdfPagesText(result.bytes);
});

describe('assemblePack', () => {
  it('puts the pages of all parts in order: page count is the sum of the parts', () => {
    expect(result.pageCount).toBe(2 + 3 + 3 + 1 + 1 + 1 + 1);
    expect(pages).toHaveLength(12);
    expect(result.parts).toEqual({
      front: { start: 1, pageCount: 2 },
      v1: { start: 3, pageCount: 3 },
      a1: { start: 6, pageCount: 3 },
      a2: { start: 9, pageCount: 1 },
      a3: { start: 10, pageCount: 1 },
      a4: { start: 11, pageCount: 1 },
      a5: { start: 12, pageCount: 1 },
    });
    expect(pages[0]).toContain('Tagesordnung Seite 1');
    expect(pages[4]).toContain('Vorlage Seite 3');
    expect(pages[7]).toContain('Statistik Seite 3');
    expect(pages[10]).toContain('Querformat Seite 1');
    expect(pages[11]).toContain('Gedreht Seite 1');
    expect(result.warnings).toEqual([]);
    expect(qpdfCheck(result.bytes)).toContain('No syntax or stream encoding errors');
  });

  it('numbers every page "Seite X von Y"', () => {
    pages.forEach((text, i) => expect(text).toContain(`Seite ${i + 1} von 12`));
  });

  it('stamps each Anlage page with its Anlage, TOP and Vorlage, and no other page', () => {
    const stamped = pages.map((text) => /Anlage (\d) zu TOP 1 – Vorlage 50\/001\/2025/.exec(text)?.[1] ?? null);
    expect(stamped).toEqual([null, null, null, null, null, '1', '1', '1', '2', '3', '4', '5']);
  });

  it('never lets a stamp cover content: bands hold only stamps, content of Anlagen is shrunk out of them', async () => {
    const boxes = await visualWordBoxes(result.bytes);
    boxes.forEach((page, i) => {
      const inBand = page.words.filter((w) => w.yMax <= STAMP_BAND || w.yMin >= page.height - STAMP_BAND);
      const bandText = inBand.map((w) => w.text).join(' ');
      const stampWords = [`Seite ${i + 1} von 12`, ...(i >= 5 ? [/Anlage \d zu TOP 1 – Vorlage 50\/001\/2025/.exec(pages[i]!)![0]] : [])]
        .join(' ')
        .split(' ');
      expect(inBand.map((w) => w.text).sort(), `page ${i + 1}: ${bandText}`).toEqual(stampWords.sort());
      const others = page.words.filter((w) => !inBand.includes(w));
      for (const stamp of inBand) {
        for (const word of others) {
          const overlaps = stamp.xMin < word.xMax && word.xMin < stamp.xMax && stamp.yMin < word.yMax && word.yMin < stamp.yMax;
          expect(overlaps, `page ${i + 1}: "${stamp.text}" over "${word.text}"`).toBe(false);
        }
      }
    });
    // The Anlagen really had text at their very top and bottom edge: it is still there, shrunk.
    expect(pages[5]).toContain('Fußzeile Statistik Seite 1');
  });

  it('keeps the stamps at the visual top and bottom of landscape and rotated Anlagen', async () => {
    const boxes = await visualWordBoxes(result.bytes);
    for (const index of [10, 11]) {
      const page = boxes[index]!;
      expect(page.width).toBeGreaterThan(page.height);
      const anlageWord = page.words.find((w) => w.text === 'Anlage')!;
      const seiteWord = page.words.filter((w) => w.text === 'Seite').sort((a, b) => b.yMin - a.yMin)[0]!;
      expect(anlageWord.yMax).toBeLessThan(STAMP_BAND);
      expect(seiteWord.yMin).toBeGreaterThan(page.height - STAMP_BAND);
    }
  });

  it('places PNG and JPEG Anlagen as images on A4 pages matching their orientation', async () => {
    const doc = await PDFDocument.load(result.bytes);
    const size = (i: number) => doc.getPage(i).getSize();
    expect(size(8).width).toBeCloseTo(841.89, 1); // 1200×800 PNG → landscape
    expect(size(9).height).toBeCloseTo(841.89, 1); // portrait JPEG scan
    const xobjects = (i: number) =>
      doc.getPage(i).node.Resources()!.lookup(PDFName.of('XObject'))?.toString() ?? '';
    expect(xobjects(8)).toContain('Image');
    expect(xobjects(9)).toContain('Image');
  });

  it('writes bookmarks from our data that open the right pages', () => {
    const doc = PDFDocument.load(result.bytes);
    return doc.then((d) => {
      const outline = readOutline(d);
      expect(outline).toEqual([
        { title: 'Tagesordnung', page: 1, children: [] },
        {
          title: 'TOP 1: Sachstand Integration',
          page: 3,
          children: [
            { title: 'Vorlage 50/001/2025', page: 3, children: [] },
            { title: 'Anlage 1: Statistik', page: 6, children: [] },
            { title: 'Anlage 2: Diagramm', page: 9, children: [] },
            { title: 'Anlage 5: Gedreht', page: 12, children: [] },
          ],
        },
      ]);
    });
  });

  it('sets title, subject, author, creator and the language de-DE', async () => {
    const info = pdfInfo(result.bytes);
    expect(info.Title).toBe('Sitzungsmappe Sozialausschuss 12.03.2025');
    expect(info.Subject).toBe('Öffentliche Sitzungsunterlagen');
    expect(info.Author).toBe('Musterkreis');
    expect(info.Creator).toBe('Vorlagenwerk');
    expect(info.Keywords).toBe('Sitzungsmappe');
    const doc = await PDFDocument.load(result.bytes);
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('de-DE');
  });

  it('embeds every font, including the one used for the stamps', () => {
    const fonts = pdfFonts(result.bytes);
    expect(fonts.some((f) => f.name.startsWith('Arimo'))).toBe(true);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
  });
});

/** pdftotext reports word boxes upright but the page size unrotated; swap for rotated pages. */
async function visualWordBoxes(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes);
  return pdfWordBoxes(bytes).map((page, i) => {
    const turned = doc.getPage(i).getRotation().angle % 180 !== 0;
    return turned ? { ...page, width: page.height, height: page.width } : page;
  });
}

describe('a tagged print split into parts', () => {
  it('copes with a Document element that has a single child instead of an array', async () => {
    const doc = await PDFDocument.load(await withDestinations(await simplePdf('Teil', 2, undefined, true), { 'teil-a': 0, 'teil-b': 1 }));
    const { context } = doc;
    const root = context.nextRef();
    const document = context.nextRef();
    const paragraph = context.register(context.obj({ Type: 'StructElem', S: 'P', P: document, Pg: doc.getPage(0).ref, K: 0 }));
    context.assign(document, context.obj({ Type: 'StructElem', S: 'Document', P: root, K: paragraph }));
    context.assign(root, context.obj({ Type: 'StructTreeRoot', K: document, ParentTree: context.obj({ Nums: [0, context.obj([paragraph])] }), ParentTreeNextKey: 1 }));
    doc.catalog.set(PDFName.of('StructTreeRoot'), root);
    doc.getPage(0).node.set(PDFName.of('StructParents'), context.obj(0));
    const packed = await assemblePack({
      sources: [{ id: 'd', bytes: await doc.save() }],
      parts: [
        { kind: 'rendered', id: 'A', source: 'd', destination: 'teil-a' },
        { kind: 'rendered', id: 'B', source: 'd', destination: 'teil-b' },
      ],
      outline: [],
      metadata: { title: 't' },
    });
    const structure = (await readStructure(packed.bytes))!;
    expect(structure.sections.map((s) => s.role)).toEqual(['Part']);
    expect(structure.sectionPages).toEqual([1]);
  });
});

describe('an Anlage with a structure tree that cannot be read', () => {
  it('is included as an untagged Anlage, not replaced by a note', async () => {
    const doc = await PDFDocument.load(await simplePdf('Kaputter Baum', 1));
    const { context } = doc;
    const element = context.register(context.obj({ Type: 'StructElem', S: 'Document' }));
    // /ParentTree must be a dictionary; an array here is what some producers write.
    doc.catalog.set(PDFName.of('StructTreeRoot'), context.register(context.obj({ Type: 'StructTreeRoot', K: element, ParentTree: context.obj([0, element]) })));
    const packed = await assemblePack({ sources: [], parts: [anlage('k', 1, 'baum.pdf', await doc.save())], outline: [], metadata: { title: 't' } });
    expect(packed.warnings).toEqual([]);
    expect(pdfPagesText(packed.bytes)[0]).toContain('Kaputter Baum Seite 1');
    const structure = (await readStructure(packed.bytes))!;
    expect(structure.sections).toEqual([{ role: 'Sect', title: 'Anlage 1 zu TOP 1 – Vorlage 50/001/2025: Anlage 1' }]);
  });
});

describe('an untagged Anlage with marked content of a dropped tree', () => {
  it('wraps its page with a marked-content id of its own, after the ids already there', async () => {
    const doc = await PDFDocument.load(await simplePdf('Reste', 1));
    const page = doc.getPage(0);
    const marked = (text: string) => doc.context.register(doc.context.flateStream(text));
    const own = page.node.get(PDFName.of('Contents'))!;
    const ownStreams = own instanceof PDFArray ? own.asArray() : [own];
    page.node.set(PDFName.of('Contents'), doc.context.obj([marked('/P <</MCID 0>> BDC\n/Span <</MCID 3>> BDC\n'), ...ownStreams, marked('\nEMC\nEMC\n')]));
    page.node.set(PDFName.of('StructParents'), doc.context.obj(0));
    const packed = await assemblePack({ sources: [], parts: [anlage('r', 1, 'reste.pdf', await doc.save())], outline: [], metadata: { title: 't' } });
    const structure = (await readStructure(packed.bytes))!;
    expect(structure.contents[0]).toMatch(/^q\s+(?:[-\d. ]+ cm\s+)?\/Div <<\/MCID 4>> BDC/);
    expect(structure.pagesInTree).toEqual([true]);
    expect(pdfPagesText(packed.bytes)[0]).toContain('Reste Seite 1');
  });
});

describe('pages that inherit attributes from their page tree', () => {
  it('keep size, rotation and resources inherited from the parent node', async () => {
    // Two landscape pages whose MediaBox and Rotate (and, for the first, Resources) live only on the /Pages node.
    const source = await PDFDocument.load(await textPdf([{ lines: ['Geerbt Seite 1'], size: [841.89, 595.28] }, { lines: ['Geerbt Seite 2'], size: [841.89, 595.28] }]));
    const tree = source.catalog.Pages();
    const first = source.getPage(0).node;
    for (const key of ['MediaBox', 'Resources']) tree.set(PDFName.of(key), first.get(PDFName.of(key))!);
    tree.set(PDFName.of('Rotate'), source.context.obj(90));
    // The first page inherits everything; the second keeps its own Resources (fonts are named per page).
    for (const key of ['MediaBox', 'Resources']) first.delete(PDFName.of(key));
    source.getPage(1).node.delete(PDFName.of('MediaBox'));
    const packed = await assemblePack({
      sources: [],
      parts: [anlage('g', 1, 'geerbt.pdf', await source.save())],
      outline: [],
      metadata: { title: 't' },
    });
    const doc = await PDFDocument.load(packed.bytes);
    expect(doc.getPages().map((p) => [Math.round(p.getMediaBox().width), p.getRotation().angle])).toEqual([[842, 90], [842, 90]]);
    const texts = pdfPagesText(packed.bytes);
    expect(texts[0]).toContain('Geerbt Seite 1');
    expect(texts[1]).toContain('Geerbt Seite 2');
    expect(qpdfCheck(packed.bytes)).toContain('No syntax or stream encoding errors');
  });
});

describe('structure (tagged PDF) of a pack from untagged parts', () => {
  it('puts each untagged page into the tree: Div around a PDF page, Figure with the title as alternative text for a picture', async () => {
    const structure = (await readStructure(result.bytes))!;
    expect(structure.top).toBe('Document');
    expect(structure.pagesInTree.every(Boolean)).toBe(true);
    expect(structure.sections.map((s) => s.title)).toContain('Anlage 2 zu TOP 1 – Vorlage 50/001/2025: Anlage 2');
    const picture = result.parts.a2!.start - 1;
    expect(structure.contents[picture]).toMatch(/\/Figure <<\/MCID 0>> BDC[\s\S]*EMC\s+Q[\s\S]*\/Artifact/);
    const pdfPage = result.parts.a1!.start - 1;
    expect(structure.contents[pdfPage]).toMatch(/\/Div <<\/MCID 0>> BDC[\s\S]*EMC\s+Q[\s\S]*\/Artifact/);
    const doc = await PDFDocument.load(result.bytes);
    const figure = doc.context
      .enumerateIndirectObjects()
      .map(([, o]) => o)
      .find((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('S'))?.toString() === '/Figure')!;
    expect(figure.lookup(PDFName.of('Alt'), PDFHexString).decodeText()).toBe('Anlage 2');
  });
});

describe('assemblePack with a source split by named destinations', () => {
  it('splits one rendered document into parts and copies its shared font only once', async () => {
    const combined = await withDestinations(await simplePdf('Vorlagen', 5, undefined, true), { 'vorlage-b': 2, 'vorlage-a': 0 });
    const packed = await assemblePack({
      sources: [{ id: 'docs', bytes: combined }],
      parts: [
        { kind: 'rendered', id: 'A', source: 'docs', destination: 'vorlage-a' },
        anlage('x', 1, 'x.pdf', await simplePdf('Zwischen', 1)),
        { kind: 'rendered', id: 'B', source: 'docs', destination: 'vorlage-b' },
      ],
      outline: [],
      metadata: { title: 't' },
    });
    expect(packed.parts.A).toEqual({ start: 1, pageCount: 2 });
    expect(packed.parts.B).toEqual({ start: 4, pageCount: 3 });
    const texts = pdfPagesText(packed.bytes);
    expect(texts[3]).toContain('Vorlagen Seite 3');
    // The fixture's font appears once although its pages went to two places in the pack.
    const sourceFonts = pdfFonts(packed.bytes).filter((f) => f.name.includes('Arimo-Regular'));
    expect(sourceFonts.length).toBeLessThanOrEqual(3); // source font, stamp font, Anlage font
  });

  it('refuses a missing destination with a clear error', async () => {
    await expect(
      assemblePack({
        sources: [{ id: 'docs', bytes: await simplePdf('V', 1) }],
        parts: [{ kind: 'rendered', id: 'A', source: 'docs', destination: 'fehlt' }],
        outline: [],
        metadata: { title: 't' },
      }),
    ).rejects.toThrow(/Sprungmarke/);
  });

  it('refuses duplicate part ids', async () => {
    const error = await assemblePack({
      sources: [{ id: 'd', bytes: await simplePdf('V', 1) }],
      parts: [
        { kind: 'rendered', id: 'A', source: 'd' },
        { kind: 'rendered', id: 'A', source: 'd' },
      ],
      outline: [],
      metadata: { title: 't' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).code).toBe('PACK_INPUT');
  });
});

describe('bad Anlagen: the pack is still built, with a German note page and a warning', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vw-bad-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function packWith(part: AttachmentPart, extra: Partial<PackJob> = {}) {
    const packed = await assemblePack({
      sources: [{ id: 'v', bytes: await simplePdf('Vorlage', 1, undefined, true) }],
      parts: [{ kind: 'rendered', id: 'v', source: 'v' }, part, anlage('ok', 9, 'ok.pdf', await simplePdf('Gut', 1))],
      outline: [{ title: 'Anlage', part: part.id }],
      metadata: { title: 't' },
      ...extra,
    });
    expect(qpdfCheck(packed.bytes)).toContain('No syntax or stream encoding errors');
    const texts = pdfPagesText(packed.bytes);
    // The good Anlage after the bad one is unaffected.
    expect(texts.at(-1)).toContain('Gut Seite 1');
    return { packed, texts, notePage: texts[packed.parts[part.id]!.start - 1]! };
  }

  const expectNote = (notePage: string, title: string, fileName: string, reason: RegExp) => {
    expect(notePage).toContain('Hinweis: Anlage nicht eingebunden');
    expect(notePage).toContain(title);
    expect(notePage).toContain(fileName);
    expect(notePage.replace(/\s+/g, ' ')).toMatch(reason);
    expect(notePage).toMatch(/Anlage 7 zu TOP 1 – Vorlage 50\/001\/2025/);
  };

  it('0-byte file', async () => {
    const { packed, notePage } = await packWith(anlage('bad', 7, 'leer.pdf', new Uint8Array(), 'Leere Liste'));
    expectNote(notePage, 'Leere Liste', 'leer.pdf', /Die Datei ist leer \(0 Byte\)\./);
    expect(packed.warnings).toEqual([expect.objectContaining({ code: 'ATTACHMENT_EMPTY', part: 'bad' })]);
    expect(packed.warnings[0]!.message).toContain('Leere Liste');
    expect(packed.parts.bad).toEqual({ start: 2, pageCount: 1, replacedByNote: true });
  });

  it('broken PDF (header, then garbage)', async () => {
    const garbage = new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5000, 0x41), Buffer.from('\n%%EOF')]));
    const { packed, notePage } = await packWith(anlage('bad', 7, 'kaputt.pdf', garbage, 'Kaputte Datei'));
    expectNote(notePage, 'Kaputte Datei', 'kaputt.pdf', /beschädigt/);
    expect(packed.warnings.map((w) => w.code)).toEqual(['ATTACHMENT_BROKEN']);
  });

  it('truncated PDF: never a crash, either recovered pages or a note', async () => {
    const whole = await simplePdf('Abgeschnitten', 4);
    const cut = whole.slice(0, Math.floor(whole.length * 0.5));
    const { packed, texts } = await packWith(anlage('bad', 7, 'halb.pdf', cut, 'Halbe Datei'));
    const placement = packed.parts.bad!;
    if (placement.replacedByNote) expect(packed.warnings[0]!.code).toBe('ATTACHMENT_BROKEN');
    else expect(texts[placement.start - 1]).toMatch(/Anlage 7 zu TOP 1/);
  });

  it('PDF that needs a password to open', async () => {
    const locked = encrypt(await simplePdf('Geheim', 2), 'nutzer-kennwort');
    const { packed, notePage, texts } = await packWith(anlage('bad', 7, 'geschuetzt.pdf', locked, 'Geschützte Datei'));
    expectNote(notePage, 'Geschützte Datei', 'geschuetzt.pdf', /verschlüsselt bzw\. kennwortgeschützt/);
    expect(packed.warnings.map((w) => w.code)).toEqual(['ATTACHMENT_ENCRYPTED']);
    expect(texts.join('')).not.toContain('Geheim Seite');
  });

  it.skipIf(!hasProgram('qpdf'))('PDF with only usage restrictions is included (qpdf removes them)', async () => {
    const restricted = encrypt(await simplePdf('Beschraenkt', 2), '');
    const { packed, texts } = await packWith(anlage('r', 7, 'beschraenkt.pdf', restricted, 'Beschränkt'));
    expect(packed.parts.r).toEqual({ start: 2, pageCount: 2 });
    expect(texts[1]).toContain('Beschraenkt Seite 1');
    expect(packed.warnings.map((w) => w.code)).toEqual(['ATTACHMENT_DECRYPTED']);
  });

  it('huge file (300 MB) above the default limit is not even read', async () => {
    const path = join(dir, 'riesig.pdf');
    const handle = await open(path, 'w');
    await handle.truncate(300 * 1024 * 1024); // sparse: no disk space, same size for stat()
    await handle.close();
    const { packed, notePage } = await packWith({ ...anlage('bad', 7, 'riesig.pdf', new Uint8Array()), data: { path } });
    expectNote(notePage, 'Anlage 7', 'riesig.pdf', /mit 300 MB größer als die zulässige Größe von 100 MB/);
    expect(packed.warnings.map((w) => w.code)).toEqual(['ATTACHMENT_TOO_LARGE']);
  });

  it('the size limit is configurable', async () => {
    const big = new Uint8Array(Buffer.concat([Buffer.from(await simplePdf('Gross', 1)), Buffer.alloc(60_000, 0x20)]));
    const { packed, notePage } = await packWith(anlage('bad', 7, 'gross.pdf', big), { maxAttachmentBytes: 50_000 });
    expectNote(notePage, 'Anlage 7', 'gross.pdf', /mit \d+ KB größer als die zulässige Größe von 49 KB/);
    expect(packed.warnings.map((w) => w.code)).toEqual(['ATTACHMENT_TOO_LARGE']);
  });

  it('image with a wrong extension is included by its content, with a warning', async () => {
    const { packed, texts } = await packWith(anlage('img', 7, 'foto.png', await jpeg('x'), 'Foto'));
    expect(packed.parts.img).toEqual({ start: 2, pageCount: 1 });
    expect(texts[1]).toContain('Anlage 7 zu TOP 1');
    expect(packed.warnings).toEqual([expect.objectContaining({ code: 'ATTACHMENT_TYPE_MISMATCH', part: 'img' })]);
    expect(packed.warnings[0]!.message).toContain('JPEG-Bild');
  });

  it('a PDF named like an image is included as PDF', async () => {
    const { packed, texts } = await packWith(anlage('p', 7, 'scan.jpg', await simplePdf('Eigentlich PDF', 1)));
    expect(texts[packed.parts.p!.start - 1]).toContain('Eigentlich PDF Seite 1');
    expect(packed.warnings.map((w) => w.code)).toEqual(['ATTACHMENT_TYPE_MISMATCH']);
  });

  it('unsupported formats (TIFF, unknown bytes) get a note naming the format', async () => {
    const tiff = new Uint8Array([0x49, 0x49, 0x2a, 0x00, ...new Array(100).fill(0)]);
    const { packed, notePage } = await packWith(anlage('bad', 7, 'scan.tif', tiff, 'Scan'));
    expectNote(notePage, 'Scan', 'scan.tif', /Dateiformat \(TIFF-Bild\)/);
    expect(packed.warnings.map((w) => w.code)).toEqual(['ATTACHMENT_UNSUPPORTED']);
    const unknown = await packWith(anlage('bad', 7, 'daten.pdf', new Uint8Array(Buffer.from('Nur ein Text, kein PDF')), 'Text'));
    expectNote(unknown.notePage, 'Text', 'daten.pdf', /unbekanntes Format/);
  });

  it('a file that is gone or unreadable', async () => {
    const { packed, notePage } = await packWith({ ...anlage('bad', 7, 'weg.pdf', new Uint8Array()), data: { path: join(dir, 'gibt-es-nicht.pdf') } });
    expectNote(notePage, 'Anlage 7', 'weg.pdf', /konnte nicht gelesen werden/);
    expect(packed.warnings.map((w) => w.code)).toEqual(['ATTACHMENT_UNREADABLE']);
  });

  it('shows names in other scripts on the note page and replaces what no font has', async () => {
    const { packed, notePage } = await packWith(anlage('bad', 7, 'Łódź_Отчёт.pdf', new Uint8Array(), 'Bericht 漢字 Ελλάδα'));
    expect(notePage).toContain('Łódź_Отчёт.pdf');
    expect(notePage).toContain('Bericht ?? Ελλάδα');
    expect(packed.warnings.map((w) => w.code).sort()).toEqual(['ATTACHMENT_EMPTY', 'TEXT_CHARACTERS_REPLACED']);
    expect(pdfFonts(packed.bytes).filter((f) => !f.embedded)).toEqual([]);
  });
});

describe('fonts of Anlagen that are not embedded', () => {
  async function standardFontPdf(font: StandardFonts, text: string): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(text, { x: 60, y: 700, size: 14, font: await doc.embedFont(font) });
    return doc.save();
  }

  it('replaces Helvetica by the metric-compatible, embedded Arimo; text stays the same', async () => {
    const packed = await assemblePack({
      sources: [],
      parts: [
        anlage('h', 1, 'h.pdf', await standardFontPdf(StandardFonts.Helvetica, 'Größenordnung § 3 – 48.500,00 €')),
        anlage('b', 2, 'b.pdf', await standardFontPdf(StandardFonts.HelveticaBoldOblique, 'Fett und schräg')),
      ],
      outline: [],
      metadata: { title: 't' },
    });
    expect(pdfFonts(packed.bytes).filter((f) => !f.embedded)).toEqual([]);
    const texts = pdfPagesText(packed.bytes);
    expect(texts[0]).toContain('Größenordnung § 3 – 48.500,00 €');
    expect(texts[1]).toContain('Fett und schräg');
    expect(packed.warnings).toEqual([]);
  });

  it('stamps, notes and replaced Helvetica share one embedded Arimo per style; German stamps read back exactly', async () => {
    const stamp = 'Anlage 2 zu TOP 3 – Vorlage KI/Ü-7/2025 (Änderung „Öffnungszeiten“ 12 €)';
    const packed = await assemblePack({
      sources: [],
      parts: [
        { ...anlage('h', 1, 'h.pdf', await standardFontPdf(StandardFonts.Helvetica, 'Größenordnung')), stamp },
        anlage('n', 2, 'leer.pdf', new Uint8Array(), 'Übersicht der Träger'),
      ],
      outline: [],
      metadata: { title: 't' },
    });
    const texts = pdfPagesText(packed.bytes);
    expect(texts[0]).toContain(stamp);
    expect(texts[0]).toContain('Seite 1 von 2');
    expect(texts[1]).toContain('Übersicht der Träger');
    const fonts = pdfFonts(packed.bytes);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    // Helvetica of the Anlage, the stamps and the note text all use the one regular Arimo file.
    const doc = await PDFDocument.load(packed.bytes);
    const fontFiles = doc.context
      .enumerateIndirectObjects()
      .map(([, obj]) => obj)
      .filter((obj): obj is PDFDict => obj instanceof PDFDict && obj.get(PDFName.of('Type'))?.toString() === '/FontDescriptor')
      .map((d) => d.get(PDFName.of('FontName'))?.toString());
    expect(fontFiles.filter((name) => name === '/Arimo')).toHaveLength(1);
  });

  it('replaces Times and Courier by the metric-compatible, embedded Tinos and Cousine', async () => {
    const packed = await assemblePack({
      sources: [],
      parts: [
        anlage('t', 1, 'satzung.pdf', await standardFontPdf(StandardFonts.TimesRoman, 'Satzung über Gebühren – § 4 Abs. 2')),
        anlage('c', 2, 'liste.pdf', await standardFontPdf(StandardFonts.CourierBold, 'Nr. 0815 Betrag 12,50 €')),
      ],
      outline: [],
      metadata: { title: 't' },
    });
    const fonts = pdfFonts(packed.bytes);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(fonts.map((f) => f.name)).toEqual(expect.arrayContaining(['Tinos', 'Cousine-Bold']));
    const texts = pdfPagesText(packed.bytes);
    expect(texts[0]).toContain('Satzung über Gebühren – § 4 Abs. 2');
    expect(texts[1]).toContain('Nr. 0815 Betrag 12,50 €');
    expect(packed.warnings).toEqual([]);
  });

  it('keeps the viewer\u2019s font where the text needs a character our font file lacks (Š, ž, ‰)', async () => {
    const packed = await assemblePack({
      sources: [],
      parts: [
        anlage('s', 1, 'liste.pdf', await standardFontPdf(StandardFonts.Helvetica, 'Beratung: Ana Šimek, 0,5 ‰')),
        anlage('d', 2, 'de.pdf', await standardFontPdf(StandardFonts.Helvetica, 'Größenordnung')),
      ],
      outline: [],
      metadata: { title: 't' },
    });
    const texts = pdfPagesText(packed.bytes);
    expect(texts[0]).toContain('Ana Šimek, 0,5 ‰');
    // An unembedded font is no PDF/A: the pack says so instead of claiming it.
    expect(packed.warnings).toEqual([
      expect.objectContaining({ code: 'ATTACHMENT_FONTS_NOT_EMBEDDED', part: 's' }),
      expect.objectContaining({ code: 'PACK_NOT_PDFA', part: 's' }),
    ]);
    // The other Anlage, without such characters, still gets the embedded Arimo.
    expect(pdfFonts(packed.bytes).filter((f) => !f.embedded).map((f) => f.name)).toEqual(['Helvetica']);
  });

  it('reports fonts it has no replacement for, and keeps them', async () => {
    const packed = await assemblePack({
      sources: [],
      parts: [anlage('s', 1, 'formel.pdf', await standardFontPdf(StandardFonts.Symbol, 'αβγ'), 'Formelsammlung')],
      outline: [],
      metadata: { title: 't' },
    });
    expect(packed.pageCount).toBe(1);
    expect(packed.warnings).toEqual([
      expect.objectContaining({ code: 'ATTACHMENT_FONTS_NOT_EMBEDDED', part: 's' }),
      expect.objectContaining({ code: 'PACK_NOT_PDFA', part: 's' }),
    ]);
    expect(packed.warnings[0]!.message).toContain('Die Schrift Symbol ist in der Datei nicht eingebettet');
    expect(packed.warnings[1]!.message).toBe(
      'Die Sitzungsmappe ist barrierefrei (PDF/UA), aber nicht archivtauglich (PDF/A): Anlage „Formelsammlung“ hat nicht eingebettete Schriften (Symbol).',
    );
    expect(pdfInfoMeta(packed.bytes)).not.toContain('pdfaid:part');
    expect(pdfInfoMeta(packed.bytes)).toContain('<pdfuaid:part>1</pdfuaid:part>');
  });
});
