import { afterAll, describe, expect, it } from 'vitest';
import type { Block, Doc } from '../../../../electron/shared/document.js';
import { markdownToDoc } from '../../../../electron/core/document/markdown.js';
import { musterkreisDemo } from '../../../../electron/core/demo/musterkreis.js';
import { renderPaperDocx } from '../../../../electron/core/export/docx/paper.js';
import { renderPaperHtml } from '../../../../electron/core/export/html/index.js';
import { ChromiumPdfRenderer } from '../../../../electron/core/export/pdf/chromium-renderer.js';
import type { PaperPrintModel } from '../../../../electron/core/export/print-model.js';
import { convertManyWithLibreOffice } from '../docx/helpers.js';
import { musterkreisPaperModel, tenPagePaperModel } from '../docx/musterkreis-fixture.js';
import { pdfPagesText } from '../pdf/pdf-tools.js';

/**
 * Issue 14.8: the DOCX has the PDF's line height, paragraph spacing and margins, so a Vorlage
 * breaks into as many pages in Word (here: LibreOffice's layout of our DOCX) as in the PDF we
 * print with Chromium. Demo Vorlagen of different length and a crafted long one with headings,
 * lists and a table.
 */
const SECTION_TITLES: Record<string, string> = {
  vorbemerkungen: 'Vorbemerkungen',
  erlaeuterungen: 'Erläuterungen',
  beschlussvorschlag: 'Beschlussvorschlag',
  finanzielle_auswirkungen: 'Finanzielle Auswirkungen',
};

async function demoPaper(key: string): Promise<PaperPrintModel> {
  const paper = (await musterkreisDemo(new Date('2026-03-02T12:00:00'))).bundle.papers!.find((p) => p.key === key)!;
  const sections = Object.entries(paper.sections as Record<string, string | string[]>).map(([k, md]) => ({
    key: k,
    title: SECTION_TITLES[k] ?? k,
    body: markdownToDoc(Array.isArray(md) ? md.join('\n\n') : md),
  }));
  return musterkreisPaperModel({ paper: { ...musterkreisPaperModel().paper, title: paper.title }, sections });
}

const text = (t: string, bold = false) => ({ type: 'text' as const, text: t, ...(bold ? { marks: [{ type: 'bold' as const }] } : {}) });
const para = (t: string): Block => ({ type: 'paragraph', content: [text(t)] });
const sentence = (i: number) =>
  `Im Berichtszeitraum ${i} hat die Verwaltung die Beratungsangebote in den kreisangehörigen Kommunen weiter ausgebaut und mit den Trägern abgestimmt.`;

/** About eight pages: headings on three levels, long and short paragraphs, nested lists, a table with a header row. */
function craftedLong(): PaperPrintModel {
  const content: Block[] = [];
  for (let c = 1; c <= 6; c++) {
    content.push({ type: 'heading', attrs: { level: 1 }, content: [text(`Handlungsfeld ${c}`)] });
    for (let p = 1; p <= 3; p++) content.push(para(Array.from({ length: 2 + ((c + p) % 4) }, (_, i) => sentence(c * 10 + p + i)).join(' ')));
    content.push({ type: 'heading', attrs: { level: 2 }, content: [text(`Maßnahmen im Handlungsfeld ${c}`)] });
    content.push({
      type: 'bulletList',
      content: Array.from({ length: 4 }, (_, i) => ({
        type: 'listItem' as const,
        content: [para(`Maßnahme ${c}.${i + 1}: ${i % 2 ? 'Sprechstunden vor Ort an zwei Tagen pro Woche' : 'Netzwerktreffen mit den Wohlfahrtsverbänden im Quartal und Abstimmung mit den Kommunen'}`)],
      })),
    });
    content.push({ type: 'paragraph', content: [text(`Ergebnis im Handlungsfeld ${c}`, true)] });
    content.push({
      type: 'orderedList',
      attrs: { start: 1 },
      content: Array.from({ length: 3 }, (_, i) => ({ type: 'listItem' as const, content: [para(`Schritt ${i + 1} der Umsetzung im Handlungsfeld ${c}`)] })),
    });
    if (c === 3) {
      const row = (kind: 'tableCell' | 'tableHeader', cells: string[]) => ({ type: 'tableRow' as const, content: cells.map((t) => ({ type: kind, content: [para(t)] })) });
      content.push({
        type: 'table',
        content: [row('tableHeader', ['Kommune', 'Stellen (VZÄ)', 'Beratungen']), ...Array.from({ length: 28 }, (_, r) => row('tableCell', [`Kommune ${r + 1}`, `${(r % 3) + 1},0`, String(r * 7 + 12)]))],
      });
    }
  }
  const doc: Doc = { type: 'doc', content };
  return musterkreisPaperModel({ sections: [{ key: 'erlaeuterungen', title: 'Erläuterungen', body: doc }] });
}

/** The first line of a page's text below the running header, without list bullets (PDF and LibreOffice print them differently). */
const firstLine = (page: string) =>
  page
    .split('\n')
    .map((l) => l.replace(/^[\s•–▪]+/, '').replace(/\s+/g, ' ').trim())
    .filter(Boolean)[1];

describe('DOCX pages = PDF pages (issue 14.8)', () => {
  const renderer = new ChromiumPdfRenderer();
  afterAll(() => renderer.close());

  it('a Vorlage breaks into as many pages in the DOCX as in the printed PDF', async () => {
    const models: Record<string, PaperPrintModel> = {
      'kurz.docx': await demoPaper('sprachmittler'),
      'beschluss.docx': await demoPaper('quartier'),
      'sachstand.docx': await demoPaper('sachstand'),
      'musterkreis.docx': musterkreisPaperModel(),
      'lang.docx': craftedLong(),
      'zehn-seiten.docx': tenPagePaperModel(),
    };
    const docx: Record<string, Uint8Array> = {};
    const pdf: Record<string, string[]> = {};
    for (const [name, model] of Object.entries(models)) {
      docx[name] = await renderPaperDocx(model);
      pdf[name] = pdfPagesText(await renderer.render(renderPaperHtml(model)));
    }
    const converted = await convertManyWithLibreOffice(docx);
    const word = Object.fromEntries(Object.entries(converted).map(([name, bytes]) => [name, pdfPagesText(bytes)]));
    const count = (pages: Record<string, string[]>) => Object.fromEntries(Object.entries(pages).map(([name, p]) => [name, p.length]));
    expect(count(word)).toEqual(count(pdf));
    // The crafted one breaks at the same lines: each page after the first starts with the same text.
    expect(word['lang.docx']!.slice(1).map(firstLine)).toEqual(pdf['lang.docx']!.slice(1).map(firstLine));
  }, 300_000);
});
