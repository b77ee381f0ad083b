import { describe, expect, it } from 'vitest';
import { assemblePack } from '../../../electron/core/export/pack/assemble.js';
import type { AttachmentPart } from '../../../electron/core/export/pack/types.js';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { pdfPagesText, qdfBytes } from '../export/pdf/pdf-tools.js';
import { simplePdf } from '../export/pack/fixtures.js';
import { activePdf, ATTACK, brokenGeometryPdf, type BrokenGeometry } from './helpers/hostile-pdfs.js';

/**
 * Issue 12.4 and 12.5: Anlage PDFs enter the pack inert — no JavaScript, Launch, SubmitForm, URI
 * link, automatic action or embedded file; internal jumps stay — and a page whose size cannot be
 * read gets a normalised one (A4 as the fallback) instead of stopping the whole pack or writing
 * NaN into the stamps.
 */

const anlage = (id: string, fileName: string, bytes: Uint8Array): AttachmentPart => ({
  kind: 'attachment',
  id,
  title: `Anlage ${id}`,
  fileName,
  data: { bytes },
  stamp: `Anlage ${id} zu TOP 1`,
});
const pack = (parts: AttachmentPart[]) => assemblePack({ sources: [], parts, outline: [], metadata: { title: 'Mappe' } });

/** Every dictionary in the file (indirect objects and the direct ones inside them). */
function allDicts(doc: PDFDocument): PDFDict[] {
  const out: PDFDict[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    const stack: PDFObject[] = [object instanceof PDFStream ? object.dict : object];
    while (stack.length) {
      const item = stack.pop()!;
      if (item instanceof PDFDict) {
        out.push(item);
        for (const [, v] of item.entries()) stack.push(v);
      } else if (item instanceof PDFArray) stack.push(...item.asArray());
    }
  }
  return out;
}

describe('active content in Anlagen (issue 12.4)', () => {
  it('strips every action but internal GoTo, keeps the web address as text, and warns', async () => {
    const packed = await pack([anlage('1', 'stellungnahme.pdf', await activePdf())]);
    const warning = packed.warnings.find((w) => w.code === 'ATTACHMENT_ACTIVE_CONTENT_REMOVED');
    expect(warning?.message).toMatch(/JavaScript/);
    for (const label of ['Programmstarts (Launch)', 'Formularversand (SubmitForm)', 'Weblinks', 'eingebettete Dateien', 'automatische Aktionen']) {
      expect(warning?.message).toContain(label);
    }

    const bytes = qdfBytes(packed.bytes);
    for (const [what, text] of Object.entries(ATTACK)) expect(bytes.includes(Buffer.from(text)), what).toBe(false);
    expect(bytes.includes(Buffer.from('vw-xfa'))).toBe(false);

    const doc = await PDFDocument.load(packed.bytes);
    const dicts = allDicts(doc);
    const actionTypes = dicts.map((d) => d.get(PDFName.of('S'))?.toString()).filter((s) => s && /^\/(JavaScript|Launch|SubmitForm|ImportData|URI|GoToR|GoToE)$/.test(s));
    expect(actionTypes).toEqual([]);
    for (const key of ['AA', 'JS', 'OpenAction', 'EmbeddedFiles', 'XFA']) expect(dicts.filter((d) => d.has(PDFName.of(key))), key).toEqual([]);

    // The internal jump survives and still lands on the Anlage's second page.
    const [first, second] = doc.getPages();
    const links = (first!.node.Annots()?.asArray() ?? []).map((a) => doc.context.lookup(a)).filter((a): a is PDFDict => a instanceof PDFDict);
    // The form field goes too: without an appearance of its own it showed nothing (PDF/A-2 6.3.3).
    expect(links.map((l) => l.get(PDFName.of('Subtype'))?.toString())).toEqual(['/Link']);
    const goTo = doc.context.lookup(links[0]!.get(PDFName.of('A'))) as PDFDict;
    expect(goTo.get(PDFName.of('S'))?.toString()).toBe('/GoTo');
    expect(goTo.has(PDFName.of('Next'))).toBe(false);
    expect((goTo.lookup(PDFName.of('D'), PDFArray).get(0) as PDFRef).toString()).toBe(second!.ref.toString());

    expect(pdfPagesText(packed.bytes)[0]).toContain('vw-uri.invalid/phish');
  });

  it('leaves a plain Anlage untouched and without warning (control)', async () => {
    const packed = await pack([anlage('1', 'plain.pdf', await simplePdf('Schlicht', 2))]);
    expect(packed.warnings).toEqual([]);
  });
});

describe('broken page geometry (issue 12.5)', () => {
  const kinds: BrokenGeometry[] = ['mediabox-string', 'mediabox-ref-to-ref', 'mediabox-zero', 'mediabox-huge', 'rotate-string', 'cropbox-outside'];

  it('normalises every broken box before stamping; the pack completes with all Anlagen', async () => {
    const parts = [anlage('gut', 'gut.pdf', await simplePdf('Gut', 1))];
    for (const kind of kinds) parts.push(anlage(kind, `${kind}.pdf`, await brokenGeometryPdf(kind)));
    const packed = await pack(parts);
    expect(packed.pageCount).toBe(parts.length);
    // Each page is the Anlage itself, not a note: the text and both stamps are there.
    const pages = pdfPagesText(packed.bytes);
    kinds.forEach((kind, i) => {
      expect(pages[i + 1]).toContain(`Seite mit kaputtem Format (${kind})`);
      expect(pages[i + 1]).toContain(`Anlage ${kind} zu TOP 1`);
      expect(pages[i + 1]).toContain(`Seite ${i + 2} von ${parts.length}`);
    });
    expect(qdfBytes(packed.bytes).includes(Buffer.from('NaN'))).toBe(false);
    const fixed = packed.warnings.filter((w) => w.code === 'ATTACHMENT_PAGE_SIZE_FIXED').map((w) => w.part);
    expect(fixed.sort()).toEqual(['cropbox-outside', 'mediabox-huge', 'mediabox-string', 'mediabox-zero', 'rotate-string']);
    const doc = await PDFDocument.load(packed.bytes);
    const sizes = doc.getPages().map((p) => {
      const { width, height } = p.getCropBox();
      return [Math.round(width), Math.round(height), p.getRotation().angle];
    });
    expect(sizes).toEqual([[595, 842, 0], [595, 842, 0], [595, 842, 0], [595, 842, 0], [595, 842, 0], [595, 842, 0], [595, 842, 0]]);
  });
});
