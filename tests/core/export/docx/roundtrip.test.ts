import { AlignmentType, Document, ExternalHyperlink, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import JSZip from 'jszip';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { docxToDoc } from '../../../../electron/core/document/docx-import.js';
import { docToPlainText } from '../../../../electron/shared/plain-text.js';
import { splitVorlageDoc } from '../../../../electron/core/document/split-vorlage.js';
import { renderPaperDocx } from '../../../../electron/core/export/docx/index.js';
import { getTemplate } from '../../../../electron/core/templates/loader.js';
import type { Doc } from '../../../../electron/shared/document.js';
import { convertWithLibreOffice } from './helpers.js';
import { musterkreisPaperModel } from './musterkreis-fixture.js';

const PORTAL = 'https://integration.musterkreis.example/berichte';
const portalLink = [{ type: 'link', attrs: { href: PORTAL } }];

/** A Word file as an author would write it: heading styles, bold/italic, nested lists, a table, a link. */
async function wordSource(): Promise<Buffer> {
  const numbered = { reference: 'num', level: 0 };
  return Packer.toBuffer(
    new Document({
      numbering: {
        config: [
          {
            reference: 'num',
            levels: [
              { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
              { level: 1, format: LevelFormat.LOWER_LETTER, text: '%2)', alignment: AlignmentType.START },
            ],
          },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({ text: 'Stand der Umsetzung', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({
              children: [new TextRun('Die Koordinierungsstelle ist seit '), new TextRun({ text: 'Februar', bold: true }), new TextRun(' voll besetzt und arbeitet '), new TextRun({ text: 'kreisweit', italics: true }), new TextRun('.')],
            }),
            new Paragraph({ text: 'Schwerpunkte', heading: HeadingLevel.HEADING_2 }),
            new Paragraph({ text: 'Sprachförderung', numbering: numbered }),
            new Paragraph({ text: 'Arbeitsmarkt', numbering: numbered }),
            new Paragraph({ text: 'Anerkennung von Abschlüssen', numbering: { reference: 'num', level: 1 } }),
            new Paragraph({ text: 'Wohnen', numbering: numbered }),
            new Paragraph({ text: 'Beteiligte', heading: HeadingLevel.HEADING_3 }),
            new Paragraph({ text: 'Jobcenter', bullet: { level: 0 } }),
            new Paragraph({ text: 'Ausländerbehörde', bullet: { level: 0 } }),
            new Table({
              rows: [
                new TableRow({ tableHeader: true, children: ['Kommune', 'Stellen'].map((t) => new TableCell({ children: [new Paragraph(t)] })) }),
                new TableRow({ children: [new TableCell({ children: [new Paragraph('Musterstadt')] }), new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: '1,5', bold: true })] })] })] }),
                new TableRow({ children: [new TableCell({ children: [new Paragraph('Beispielhausen')] }), new TableCell({ children: [new Paragraph('1,0')] })] }),
              ],
            }),
            new Paragraph({
              children: [
                new TextRun('Weitere Berichte folgen im '),
                new ExternalHyperlink({ link: PORTAL, children: [new TextRun({ text: 'Integrationsportal', style: 'Hyperlink' }), new TextRun({ text: ' des Kreises', style: 'Hyperlink', bold: true })] }),
                new TextRun('.'),
              ],
            }),
          ],
        },
      ],
    }),
  );
}

const blockTypes = (doc: Doc) => doc.content.map((b) => (b.type === 'heading' ? `h${b.attrs.level}` : b.type));

describe('DOCX import → model → DOCX round trip', () => {
  it('keeps headings, lists (numbered, nested, bullets), bold/italic, tables and links', async () => {
    const source = await docxToDoc(await wordSource());
    expect(blockTypes(source.doc)).toEqual(['h1', 'paragraph', 'h2', 'orderedList', 'h3', 'bulletList', 'table', 'paragraph']);
    expect(source.doc.content.at(-1)).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Weitere Berichte folgen im ' },
        { type: 'text', text: 'Integrationsportal', marks: portalLink },
        { type: 'text', text: ' des Kreises', marks: [{ type: 'bold' }, ...portalLink] },
        { type: 'text', text: '.' },
      ],
    });
    expect(source.notes).toEqual([]);

    const template = getTemplate('mitteilungsvorlage');
    const model = musterkreisPaperModel();
    model.sections = [
      { key: 'vorbemerkungen', title: 'Vorbemerkungen', body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Kurzer Anlass.' }] }] } },
      { key: 'erlaeuterungen', title: 'Erläuterungen', body: source.doc },
    ];
    const exported = await renderPaperDocx(model);
    const back = splitVorlageDoc((await docxToDoc(exported)).doc, template.sections);
    expect(back.title).toBe(model.paper.title);
    expect(back.attachments).toEqual(model.attachments.map((a) => a.title));
    expect(back.notes.filter((n) => !n.startsWith('Das Dokument nennt'))).toEqual([]);
    expect(back.sections.vorbemerkungen).toEqual(model.sections[0]!.body);
    expect(back.sections.erlaeuterungen).toEqual(source.doc);

    // And once more: export → import is stable.
    model.sections[1]!.body = back.sections.erlaeuterungen!;
    const again = splitVorlageDoc((await docxToDoc(await renderPaperDocx(model))).doc, template.sections);
    expect(again.sections.erlaeuterungen).toEqual(source.doc);

    // The link is one Word hyperlink (both runs) in the built-in Hyperlink style, to an external target.
    const zip = await JSZip.loadAsync(exported);
    const xml = await zip.file('word/document.xml')!.async('string');
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    const hyperlinks = [...xml.matchAll(/<w:hyperlink [^>]*r:id="([^"]+)"[^>]*>([\s\S]*?)<\/w:hyperlink>/g)];
    expect(hyperlinks).toHaveLength(1);
    expect(hyperlinks[0]![2]!.match(/<w:rStyle w:val="Hyperlink"\/>/g)).toHaveLength(2);
    expect(rels).toMatch(new RegExp(`Id="${hyperlinks[0]![1]}"[^>]*Target="${PORTAL}"[^>]*TargetMode="External"|TargetMode="External"[^>]*Id="${hyperlinks[0]![1]}"`));
  });

  it('still reads headings, lists, bold and tables after LibreOffice has re-saved our DOCX', async () => {
    const source = await docxToDoc(await wordSource());
    const model = musterkreisPaperModel();
    model.sections[1] = { key: 'erlaeuterungen', title: 'Erläuterungen', body: source.doc };
    const lo = await convertWithLibreOffice(await renderPaperDocx(model), 'vorlage.docx', 'docx:MS Word 2007 XML');
    try {
      const resaved = await docxToDoc(await readFile(lo.out));
      const back = splitVorlageDoc(resaved.doc, getTemplate('mitteilungsvorlage').sections);
      expect(back.title).toBe(model.paper.title);
      const erl = back.sections.erlaeuterungen!;
      expect(blockTypes(erl)).toEqual(blockTypes(source.doc));
      expect(docToPlainText(erl)).toBe(docToPlainText(source.doc));
      expect(JSON.stringify(erl)).toContain('{"type":"text","text":"Februar","marks":[{"type":"bold"}]}');
      expect(JSON.stringify(erl)).toContain(JSON.stringify({ type: 'text', text: 'Integrationsportal', marks: portalLink }));
    } finally {
      await lo.cleanup();
    }
  }, 180_000);

  it('splits a Word file without the usual headings into the main section', () => {
    const doc: Doc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Bericht über die Sprachkurse' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Text.' }] },
      ],
    };
    const result = splitVorlageDoc(doc, getTemplate('mitteilungsvorlage').sections);
    expect(result.title).toBe('Bericht über die Sprachkurse');
    expect(result.sections.erlaeuterungen).toEqual({ type: 'doc', content: [doc.content[1]] });
    expect(result.notes[0]).toMatch(/Keine Abschnittsüberschriften erkannt/);
  });
});
