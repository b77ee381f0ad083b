import { Document, Footer, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { assemblePack } from '../../../../electron/core/export/pack/assemble.js';
import type { AttachmentPart } from '../../../../electron/core/export/pack/types.js';
import { pdfFonts, pdfPagesText } from '../pdf/pdf-tools.js';
import { hasProgram } from './fixtures.js';

async function wordFile(text: string): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: [new Paragraph(text), new Paragraph('Zweiter Absatz der Anlage.')] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const part = async (fileName = 'stellungnahme.docx'): Promise<AttachmentPart> => ({
  kind: 'attachment',
  id: 'w',
  title: 'Stellungnahme des Integrationsrats',
  fileName,
  data: { bytes: await wordFile('Stellungnahme zum Handlungskonzept Musterkreis') },
  stamp: 'Anlage 1 zu TOP 4 – Vorlage 50/002/2025',
});

describe('Office Anlagen', () => {
  it('without conversion: a note that names LibreOffice, and a warning', async () => {
    const packed = await assemblePack({
      sources: [],
      parts: [await part()],
      outline: [],
      metadata: { title: 't' },
      officeConversion: 'off',
    });
    const [page] = pdfPagesText(packed.bytes);
    expect(page).toContain('Stellungnahme des Integrationsrats');
    expect(page).toContain('stellungnahme.docx');
    expect(page!.replace(/\s+/g, ' ')).toContain('LibreOffice ist auf diesem Rechner nicht installiert');
    expect(packed.warnings.map((w) => w.code)).toEqual(['ATTACHMENT_OFFICE_UNAVAILABLE']);
  });

  it.skipIf(!hasProgram('soffice'))(
    'with LibreOffice: converted to PDF pages, stamped, fonts embedded',
    async () => {
      const packed = await assemblePack({ sources: [], parts: [await part()], outline: [], metadata: { title: 't' } });
      expect(packed.warnings).toEqual([]);
      const pages = pdfPagesText(packed.bytes);
      expect(pages[0]).toContain('Stellungnahme zum Handlungskonzept Musterkreis');
      expect(pages[0]).toContain('Anlage 1 zu TOP 4 – Vorlage 50/002/2025');
      expect(pages[0]).toContain(`Seite 1 von ${pages.length}`);
      expect(pdfFonts(packed.bytes).filter((f) => !f.embedded)).toEqual([]);
    },
    120_000,
  );

  it.skipIf(!hasProgram('soffice'))(
    'a Word Anlage shows only the pack’s page number, not its own footer (issue 14.7)',
    async () => {
      const own = new Footer({ children: [new Paragraph({ children: [new TextRun({ children: ['EIGENE-FUSSZEILE Blatt ', PageNumber.CURRENT] })] })] });
      const withFooter = new Document({
        sections: [{ footers: { default: own }, children: [new Paragraph('Stellungnahme mit eigener Fußzeile'), new Paragraph({ text: 'Zweite Seite', pageBreakBefore: true })] }],
      });
      const packed = await assemblePack({
        sources: [],
        parts: [{ ...(await part()), data: { bytes: new Uint8Array(await Packer.toBuffer(withFooter)) } }],
        outline: [],
        metadata: { title: 't' },
      });
      const pages = pdfPagesText(packed.bytes);
      expect(pages).toHaveLength(2);
      pages.forEach((page, i) => {
        expect(page).toContain(`Seite ${i + 1} von 2`);
        expect(page).not.toContain('EIGENE-FUSSZEILE');
      });
      expect(pages[0]).toContain('Stellungnahme mit eigener Fußzeile');
    },
    120_000,
  );

  it.skipIf(!hasProgram('soffice'))(
    'a Word file that LibreOffice cannot read becomes a note',
    async () => {
      const broken = new Uint8Array(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('word/document.xml'), Buffer.alloc(200, 1)]));
      const packed = await assemblePack({
        sources: [],
        parts: [{ ...(await part('kaputt.docx')), data: { bytes: broken } }],
        outline: [],
        metadata: { title: 't' },
      });
      expect(packed.parts.w!.replacedByNote).toBe(true);
      expect(['ATTACHMENT_OFFICE_FAILED', 'ATTACHMENT_BROKEN']).toContain(packed.warnings[0]!.code);
    },
    120_000,
  );
});
