import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { docxToDocIsolated } from '../../../electron/core/document/docx-isolated.js';
import { DocumentError } from '../../../electron/core/document/errors.js';
import { bigDocx } from './helpers/big-docx.js';

/**
 * Issue 15.15: 60 MB of document.xml took 78 s and 4.2 GB before an English refusal; 190 MB
 * crashed the process. The streaming pass (docx-scan.ts) now refuses such files while they are
 * unpacked, with a German message naming the limit, before mammoth builds anything. Time and
 * memory goals are measured in the bench (tests/bench/docx-import-size.bench.ts), not here.
 */
const refusal = async (bytes: Uint8Array) => {
  const error = await docxToDocIsolated(bytes).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DocumentError);
  return (error as Error).message;
};

/** A .docx around a given body (paragraph XML), like big-docx but of any content. */
async function docxWithBody(body: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(await bigDocx(0));
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

describe('Word files of any size are accepted or refused in German (issue 15.15)', () => {
  for (const megabytes of [10, 60, 190]) {
    it(`${megabytes} MB of document.xml: refused with the limit named`, async () => {
      const message = await refusal(await bigDocx(megabytes));
      expect(message).toMatch(/^Das Word-Dokument ist zu umfangreich für eine Vorlage: /);
      expect(message).toMatch(megabytes > 16 ? /word\/document\.xml ist entpackt größer als 16 MB/ : /mehr als 5\.000 Absätze und Tabellen/);
      expect(message).toMatch(/Bitte das Dokument aufteilen oder kürzen\.$/);
    }, 120_000);
  }

  it('paragraphs, text and elements are limited by what a Vorlage holds, counted while streaming', async () => {
    const p = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
    expect(await refusal(await docxWithBody(p('Absatz').repeat(5_001)))).toMatch(/mehr als 5\.000 Absätze und Tabellen/);
    expect(await refusal(await docxWithBody(p('x'.repeat(100_000)).repeat(21)))).toMatch(/mehr als 2\.000\.000 Zeichen Text/);
    const formatting = '<w:r><w:rPr><w:b/><w:i/><w:u w:val="single"/></w:rPr><w:t>a</w:t></w:r>';
    expect(await refusal(await docxWithBody(`<w:p>${formatting.repeat(100_000)}</w:p>`))).toMatch(/mehr als 400\.000 XML-Elemente/);
    // Broken XML is a German "beschädigt", not a parser's English.
    expect(await refusal(await docxWithBody('<w:p><w:r><w:t>offen</w:r></w:p>'))).toMatch(/^Die Datei ist beschädigt \(word\/document\.xml/);
  }, 120_000);

  it('the paragraph limit holds in every worker, also while several parse at once and the scan is optimised mid-file', async () => {
    // Under load, an optimised scan once stopped counting partway (see DocxScan.countBlock).
    const bytes = await docxWithBody('<w:p><w:r><w:t>Absatz</w:t></w:r></w:p>'.repeat(5_001));
    const messages = await Promise.all(Array.from({ length: 16 }, () => refusal(bytes)));
    expect(messages.filter((m) => !/mehr als 5\.000 Absätze und Tabellen/.test(m))).toEqual([]);
  }, 120_000);

  it('a long but ordinary Vorlage (4 000 paragraphs, 1,9 MB of text) is accepted', async () => {
    const paragraph = `<w:p><w:r><w:rPr><w:rFonts w:ascii="Arial"/><w:sz w:val="24"/></w:rPr><w:t xml:space="preserve">${'Satz über die Sprachförderung im Musterkreis. '.repeat(10)}</w:t></w:r></w:p>`;
    const { doc, notes } = await docxToDocIsolated(await docxWithBody(paragraph.repeat(4_000)));
    expect(doc.content).toHaveLength(4_000);
    expect(notes).toEqual([]);
  }, 120_000);
});
