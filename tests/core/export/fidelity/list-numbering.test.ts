import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markdownToDoc } from '../../../../electron/core/document/markdown.js';
import { docToPlainText } from '../../../../electron/shared/plain-text.js';
import { renderExtractDocx } from '../../../../electron/core/export/docx/minutes.js';
import { renderPaperDocx } from '../../../../electron/core/export/docx/paper.js';
import { renderPaperDocxWithLetterhead } from '../../../../electron/core/export/docx/letterhead.js';
import { builtinTemplatesDir } from '../../../../electron/core/templates/index.js';
import { renderPaperHtml } from '../../../../electron/core/export/html/index.js';
import { renderMinutesHtml } from '../../../../electron/core/export/html/minutes.js';
import { buildExtractPrintModel, buildMinutesPrintModel } from '../../../../electron/core/export/minutes-model.js';
import { ChromiumPdfRenderer } from '../../../../electron/core/export/pdf/chromium-renderer.js';
import { PrintModels } from '../../../../electron/core/export/pdf/print-models-from-store.js';
import type { ListNumbering } from '../../../../electron/shared/schemas.js';
import { DocSchema } from '../../../../electron/shared/document.js';
import { tempApp, tempDir, type TempApp } from '../../../helpers/temp-app.js';
import { minutesInput } from '../../minutes/minutes-fixture.js';
import { convertWithLibreOffice, docxPart } from '../docx/helpers.js';
import { musterkreisPaperModel } from '../docx/musterkreis-fixture.js';
import { pdfPagesText } from '../pdf/pdf-tools.js';

/**
 * Issue 14.5: numbered lists printed in the Körperschaft's style ("1.", "1)", "a)"), and a list
 * the author wrote "1)" stays "1)" — checked on the printed text (pdftotext of Chromium's PDF,
 * LibreOffice's layout of the DOCX) and on the DOCX numbering definitions.
 */
const LISTS = markdownToDoc(
  'Vorab:\n\n1. Erster Punkt\n2. Zweiter Punkt\n   1. Unterpunkt Eins\n\nAusdrücklich so geschrieben:\n\n1) Klammer Eins\n2) Klammer Zwei\n',
);
const flat = (text: string) => text.replace(/\s+/g, ' ');
const paperModel = (listNumbering?: ListNumbering) =>
  musterkreisPaperModel({
    body: { name: 'Musterkreis', ...(listNumbering ? { listNumbering } : {}) },
    sections: [{ key: 'erlaeuterungen', title: 'Erläuterungen', body: LISTS }],
    attachments: [
      { title: 'Geschäftsordnung', fileName: 'go.pdf', public: true },
      { title: 'Kostenplan', fileName: 'kosten.pdf', public: true },
    ],
  });

/** The test Sitzung with the lists as the minutes of TOP 3. */
function minutesWithLists(listNumbering: ListNumbering) {
  const input = minutesInput();
  return { ...input, body: { name: 'Musterkreis', listNumbering }, items: input.items.map((item) => (item.number === '3' ? { ...item, minutes: LISTS } : item)) };
}

/** What the printed text must show for each style: the outer list, the nested one, the explicit "1)" list. */
const EXPECTED: Record<ListNumbering, string[]> = {
  '1.': ['1. Erster Punkt', '2. Zweiter Punkt', 'a) Unterpunkt Eins', '1) Klammer Eins', '2) Klammer Zwei'],
  '1)': ['1) Erster Punkt', '2) Zweiter Punkt', 'a) Unterpunkt Eins', '1) Klammer Eins', '2) Klammer Zwei'],
  'a)': ['a) Erster Punkt', 'b) Zweiter Punkt', '1. Unterpunkt Eins', '1) Klammer Eins', '2) Klammer Zwei'],
};

/**
 * The marker Word shows on the first paragraph containing `text`: its numId/ilvl in
 * document.xml, resolved through numbering.xml to the level's format and text ("%1)" → "a)").
 */
function docxMarker(documentXml: string, numberingXml: string, text: string): string {
  const paragraph = documentXml.split('</w:p>').find((p) => p.includes(text));
  expect(paragraph, text).toBeDefined();
  const numId = /<w:numId w:val="(\d+)"/.exec(paragraph!)?.[1];
  const ilvl = /<w:ilvl w:val="(\d+)"/.exec(paragraph!)?.[1] ?? '0';
  expect(numId, `${text} is numbered`).toBeDefined();
  const abstractId = new RegExp(`<w:num w:numId="${numId}"[^>]*>\\s*<w:abstractNumId w:val="(\\d+)"`).exec(numberingXml)?.[1];
  const abstract = new RegExp(`<w:abstractNum [^>]*w:abstractNumId="${abstractId}"[\\s\\S]*?</w:abstractNum>`).exec(numberingXml)?.[0] ?? '';
  const level = new RegExp(`<w:lvl w:ilvl="${ilvl}"[\\s\\S]*?</w:lvl>`).exec(abstract)?.[0] ?? '';
  const start = Number(/<w:start w:val="(\d+)"/.exec(level)?.[1] ?? 1);
  const format = /<w:numFmt w:val="(\w+)"/.exec(level)?.[1];
  const lvlText = /<w:lvlText w:val="([^"]*)"/.exec(level)?.[1] ?? '';
  const first = format === 'lowerLetter' ? String.fromCharCode(96 + start) : format === 'lowerRoman' ? 'i' : String(start);
  return lvlText.replace(/%\d/, first);
}

describe('list numbering per Körperschaft (issue 14.5)', () => {
  const renderer = new ChromiumPdfRenderer();
  afterAll(() => renderer.close());

  it('Markdown "1)" is kept as "1)" in the document model; "1." follows the setting', () => {
    const [, outer, , explicit] = LISTS.content;
    expect(outer).toMatchObject({ type: 'orderedList' });
    expect(outer!.type === 'orderedList' && outer!.attrs?.delimiter).toBeFalsy();
    expect(explicit).toMatchObject({ type: 'orderedList', attrs: { delimiter: ')' } });
    expect(DocSchema.parse(JSON.parse(JSON.stringify(LISTS)))).toEqual(LISTS);
    expect(docToPlainText(LISTS)).toContain('1) Klammer Eins');
    expect(markdownToDoc('3) Drei\n4) Vier').content[0]).toMatchObject({ attrs: { start: 3, delimiter: ')' } });
  });

  it('PDF of a Vorlage: each style as set, the explicit "1)" list always "1)", the Anlagen list too', async () => {
    for (const style of ['1.', 'a)'] as const) {
      const text = flat(pdfPagesText(await renderer.render(renderPaperHtml(paperModel(style)))).join('\n'));
      for (const line of EXPECTED[style]) expect(text, style).toContain(line);
      expect(text).toContain(style === 'a)' ? 'b) Kostenplan' : '2. Kostenplan');
    }
  }, 60_000);

  it('PDF of a Niederschrift: the TOP minutes follow the setting', async () => {
    const input = minutesWithLists('1)');
    const text = flat(pdfPagesText(await renderer.render(renderMinutesHtml(buildMinutesPrintModel(input, 'public')))).join('\n'));
    for (const line of EXPECTED['1)']) expect(text).toContain(line);
  }, 60_000);

  it('DOCX: numbering definitions of Vorlage (built-in layout and Hausvorlage) and Auszug follow the setting; LibreOffice prints them so', async () => {
    for (const style of ['1.', '1)', 'a)'] as const) {
      const docx = await renderPaperDocx(paperModel(style));
      const [documentXml, numberingXml] = [await docxPart(docx, 'word/document.xml'), await docxPart(docx, 'word/numbering.xml')];
      const markers = EXPECTED[style].map((line) => line.split(' ')[0]!);
      expect(['Erster Punkt', 'Unterpunkt Eins', 'Klammer Eins'].map((t) => docxMarker(documentXml, numberingXml, t)), style).toEqual([markers[0], markers[2], markers[3]]);
      expect(docxMarker(documentXml, numberingXml, 'Geschäftsordnung'), style).toBe(style === 'a)' ? 'a)' : style === '1)' ? '1)' : '1.');
    }

    // With a Hausvorlage (patched into the Körperschaft's own Word file).
    const hausvorlage = await renderPaperDocxWithLetterhead(paperModel('a)'), await readFile(join(builtinTemplatesDir(), 'hausvorlage', 'musterkreis-briefkopf.docx')));
    const [hDocument, hNumbering] = [await docxPart(hausvorlage, 'word/document.xml'), await docxPart(hausvorlage, 'word/numbering.xml')];
    expect(['Erster Punkt', 'Unterpunkt Eins', 'Klammer Eins', 'Geschäftsordnung'].map((t) => docxMarker(hDocument, hNumbering, t))).toEqual(['a)', '1.', '1)', 'a)']);

    const input = minutesWithLists('a)');
    const extract = await renderExtractDocx(buildExtractPrintModel(input, '3'));
    const [documentXml, numberingXml] = [await docxPart(extract, 'word/document.xml'), await docxPart(extract, 'word/numbering.xml')];
    expect(docxMarker(documentXml, numberingXml, 'Erster Punkt')).toBe('a)');
    expect(docxMarker(documentXml, numberingXml, 'Klammer Eins')).toBe('1)');

    const converted = await convertWithLibreOffice(new Uint8Array(await renderPaperDocx(paperModel('a)'))), 'liste.docx');
    try {
      const text = flat(converted.text);
      for (const line of EXPECTED['a)']) expect(text).toContain(line);
    } finally {
      await converted.cleanup();
    }
  }, 120_000);

  describe('the setting', () => {
    let t: TempApp;
    beforeAll(async () => {
      t = await tempApp({ demo: true });
    }, 60_000);
    afterAll(async () => {
      await t?.close();
    });

    it('is saved with the Körperschaft, reaches every print model and travels in the bundle; a bad value changes nothing', async () => {
      const body = (await t.call('koerperschaft.get', {}))!;
      expect(body.listNumbering).toBe('1.');
      await expect(t.call('koerperschaft.save', { ...body, listNumbering: '1-' })).rejects.toMatchObject({ code: 'VALIDATION' });
      expect((await t.call('koerperschaft.get', {}))!.listNumbering).toBe('1.');
      await t.call('koerperschaft.save', { ...body, listNumbering: 'a)' });
      expect((await t.call('koerperschaft.get', {}))!.listNumbering).toBe('a)');

      const models = new PrintModels(t.app);
      const paper = (await t.call('vorlagen.list', {}))[0]!;
      const meeting = (await t.call('sitzungen.list', {}))[0]!;
      expect((await models.paper(paper.id)).body.listNumbering).toBe('a)');
      expect((await models.meeting(meeting.id, null)).body.listNumbering).toBe('a)');

      const dir = tempDir('vw-list-bundle-');
      const file = join(dir, 'bundle.json');
      await t.call('daten.export', { path: file });
      expect(JSON.parse(readFileSync(file, 'utf8')).body.listNumbering).toBe('a)');
      const other = await tempApp();
      try {
        await other.call('daten.import', { path: file });
        expect((await other.call('koerperschaft.get', {}))!.listNumbering).toBe('a)');
      } finally {
        await other.close();
      }
    }, 60_000);
  });
});
