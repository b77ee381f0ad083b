import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { assemblePack } from '../../../../electron/core/export/pack/assemble.js';
import type { AttachmentPart, PackResult } from '../../../../electron/core/export/pack/types.js';
import { ChromiumPdfRenderer } from '../../../../electron/core/export/pdf/chromium-renderer.js';
import { activePdf, archivalHostilePdf, brokenGeometryPdf, cmykPdf } from '../../reliability/helpers/hostile-pdfs.js';
import { png, simplePdf } from '../pack/fixtures.js';
import { checkArchival } from './archival-checker.js';
import { pdfFonts, pdfInfoMeta, pdfPagesText, qdfBytes } from './pdf-tools.js';

/**
 * Issue 14: a Sitzungsmappe built from hostile and odd Anlagen is still PDF/A-2a and PDF/UA-1 —
 * what PDF/A forbids is removed or neutralised on the way in (with a warning), untagged Anlagen
 * are wrapped in the tree, tagged ones keep their tree with their stray content as artifacts.
 * An Anlage that cannot be made PDF/A (device CMYK) makes the pack claim PDF/UA only, and say so.
 */

const anlage = (id: string, n: number, fileName: string, bytes: Uint8Array, title = `Anlage ${n}`): AttachmentPart => ({
  kind: 'attachment',
  id,
  title,
  fileName,
  data: { bytes },
  stamp: `Anlage ${n} zu TOP 1 – Vorlage 50/001/2026`,
});

let hostile: PackResult;
let tagged: Uint8Array;

const hostileJob = async () => ({
  sources: [],
  parts: [
    anlage('aktiv', 1, 'stellungnahme.pdf', await activePdf()),
    anlage('archiv', 2, 'gutachten.pdf', await archivalHostilePdf(), 'Gutachten'),
    anlage('format', 3, 'format.pdf', await brokenGeometryPdf('mediabox-string')),
    anlage('tagged', 4, 'rat.pdf', tagged, 'Stellungnahme des Integrationsrats'),
    anlage('bild', 5, 'plan.png', png(40, 30), 'Lageplan'),
    anlage('kaputt', 6, 'kaputt.pdf', new Uint8Array(Buffer.from('%PDF-1.7\nkaputt')), 'Kaputte Tabelle'),
    anlage('schlicht', 7, 'schlicht.pdf', await simplePdf('Schlicht', 2)),
  ],
  outline: [],
  metadata: { title: 'Sitzungsmappe mit feindlichen Anlagen', date: new Date('2026-12-16T10:00:00Z') },
});

beforeAll(async () => {
  const renderer = new ChromiumPdfRenderer();
  try {
    // A tagged Anlage from another producer: bold text (Chromium's "Strong"), a rule and a page
    // number outside its tree.
    tagged = await renderer.render(
      '<!doctype html><html lang="de"><head><title>Stellungnahme</title><style>@page { margin: 20mm; @bottom-right { content: counter(page) } } hr { border: 0; border-top: 1px solid #000 }</style></head><body><h1>Stellungnahme des Integrationsrats</h1><p>Der Rat <b>empfiehlt</b> die Annahme.</p><hr><p>Ende</p></body></html>',
      { tagged: true },
    );
  } finally {
    await renderer.close();
  }
  hostile = await assemblePack(await hostileJob());
}, 120_000);

describe('a pack from hostile Anlagen', () => {
  it('passes the conformance checker and claims PDF/A-2a and PDF/UA-1', async () => {
    expect(await checkArchival(hostile.bytes)).toEqual([]);
    const xmp = pdfInfoMeta(hostile.bytes);
    expect(xmp).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(pdfFonts(hostile.bytes).filter((f) => !f.embedded)).toEqual([]);
  });

  it('names what it neutralised for PDF/A in a warning on the Anlage', () => {
    const warning = hostile.warnings.find((w) => w.code === 'ATTACHMENT_ARCHIVAL_ADJUSTED' && w.part === 'archiv');
    expect(warning?.message).toBe(
      'Anlage „Gutachten“ (gutachten.pdf): Für die Archivierung als PDF/A wurde entfernt oder vereinfacht: Anmerkungen und Formularfelder ohne eigene Darstellung, Druckvarianten von Bildern (OPI/Alternates), nicht archivtaugliche Transparenz-Mischmodi, PostScript-Fragmente, Transferfunktionen. Die Seiten sehen in üblichen PDF-Programmen unverändert aus.',
    );
    expect(hostile.warnings.filter((w) => w.code === 'PACK_NOT_PDFA')).toEqual([]);
    // The plain Anlage needed nothing.
    expect(hostile.warnings.filter((w) => w.part === 'schlicht')).toEqual([]);
  });

  it('keeps the Anlagen’ text and the internal jump, now tagged as a link with a description', async () => {
    const bytes = qdfBytes(hostile.bytes);
    expect(bytes.includes(Buffer.from('/WildMix'))).toBe(false);
    expect(bytes.includes(Buffer.from('findfont'))).toBe(false);
    expect(bytes.includes(Buffer.from('/LZWDecode'))).toBe(false);
    const doc = await PDFDocument.load(hostile.bytes);
    const gutachten = doc.getPages()[hostile.parts.archiv!.start - 1]!;
    const annots = gutachten.node.lookup(PDFName.of('Annots'), PDFArray).asArray().map((a) => doc.context.lookup(a, PDFDict));
    // The sticky note and the field without appearance went; the link stays, printable and described.
    expect(annots.map((a) => a.get(PDFName.of('Subtype'))?.toString())).toEqual(['/Link']);
    expect(annots[0]!.lookup(PDFName.of('F'), PDFNumber).asNumber()).toBe(4);
    expect(annots[0]!.lookup(PDFName.of('Contents'), PDFHexString).decodeText()).toBe('Verweis innerhalb von Anlage 2 zu TOP 1 – Vorlage 50/001/2026: Gutachten');
    expect(pdfPagesText(hostile.bytes)[hostile.parts.archiv!.start - 1]).toContain('Gutachten mit Sonderfunktionen');
  });

  it('comes out the same when built again with the conformance work remembered from the first build', async () => {
    // The second build takes wrapped page content and CMYK verdicts from the memo (content-memo.ts).
    const again = await assemblePack(await hostileJob());
    expect(again.warnings).toEqual(hostile.warnings);
    expect(Buffer.from(again.bytes).equals(Buffer.from(hostile.bytes))).toBe(true);
  });
});

describe('an Anlage that cannot be PDF/A', () => {
  it('makes the pack claim PDF/UA only, with a warning naming the Anlage and why — also when its verdict was remembered', async () => {
    const job = { sources: [], parts: [anlage('flyer', 1, 'flyer.pdf', await cmykPdf(), 'Flyer'), anlage('schlicht', 2, 'schlicht.pdf', await simplePdf('Schlicht', 1))], outline: [], metadata: { title: 'Mappe mit CMYK-Anlage' } };
    const first = await assemblePack(job);
    // The second pack finds the flyer's CMYK verdict in the memo instead of scanning its page.
    const packed = await assemblePack(job);
    expect(packed.warnings).toEqual(first.warnings);
    expect(packed.warnings).toEqual([
      {
        code: 'PACK_NOT_PDFA',
        part: 'flyer',
        message: 'Die Sitzungsmappe ist barrierefrei (PDF/UA), aber nicht archivtauglich (PDF/A): Anlage „Flyer“ verwendet CMYK-Farben ohne Farbprofil.',
      },
    ]);
    const xmp = pdfInfoMeta(packed.bytes);
    expect(xmp).not.toContain('pdfaid:part');
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    // What the checker still finds is exactly the CMYK and the missing claim: the rest conforms.
    expect(await checkArchival(packed.bytes)).toEqual([
      'PDF/A-2 6.2.4.3: DeviceCMYK without a CMYK output intent',
      'PDF/A-2 6.6.4: pdfaid:conformance is not A, B or U',
      'PDF/A-2 6.6.4: pdfaid:part is not 2',
    ]);
  });
});
