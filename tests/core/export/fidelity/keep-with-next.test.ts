import { afterAll, describe, expect, it } from 'vitest';
import type { Block, Doc } from '../../../../electron/shared/document.js';
import { readFile } from 'node:fs/promises';
import { renderPaperDocx } from '../../../../electron/core/export/docx/paper.js';
import { renderPaperHtml } from '../../../../electron/core/export/html/index.js';
import { ChromiumPdfRenderer } from '../../../../electron/core/export/pdf/chromium-renderer.js';
import { convertWithLibreOffice } from '../docx/helpers.js';
import { musterkreisPaperModel } from '../docx/musterkreis-fixture.js';
import { pdfPagesText } from '../pdf/pdf-tools.js';

/**
 * Issue 14.2 on the printed pages (pdftotext per page), not on CSS strings: a Vorlage crafted so
 * that subheadings, headings, table heads and paragraph ends fall at every height of a page.
 */
const text = (t: string, bold = false) => ({ type: 'text' as const, text: t, ...(bold ? { marks: [{ type: 'bold' as const }] } : {}) });
const para = (...lines: string[]): Block => ({
  type: 'paragraph',
  content: lines.flatMap((line, i) => (i ? [{ type: 'hardBreak' as const }, text(line)] : [text(line)])),
});
const cell = (kind: 'tableCell' | 'tableHeader', t: string) => ({ type: kind, content: [para(t)] });

function craftedDoc(): Doc {
  const content: Block[] = [];
  // Filler lengths 1..9 lines: over ~10 pages the subheadings land at every position on a page.
  for (let i = 1; i <= 150; i++) {
    const lines = 1 + ((i * i * 7 + 3 * i) % 11);
    content.push(para(...Array.from({ length: lines }, (_, k) => `Absatz ${i} Zeile ${k + 1} von ${lines}`)));
    if (i % 3 === 0) content.push({ type: 'heading', attrs: { level: 1 }, content: [text(`Überschrift ${i}`)] });
    else content.push({ type: 'paragraph', content: [text(`Zwischenüberschrift ${i}`, true)] });
  }
  content.push({
    type: 'table',
    content: [
      { type: 'tableRow', content: [cell('tableHeader', 'Kopfzeile Kommune'), cell('tableHeader', 'Kopfzeile Stellen')] },
      ...Array.from({ length: 70 }, (_, r) => ({ type: 'tableRow' as const, content: [cell('tableCell', `Kommune ${r + 1}`), cell('tableCell', String(r))] })),
    ],
  });
  content.push(para('Schlusssatz'));
  return { type: 'doc', content };
}

/** Lines of a page's body: blank lines and the page number footer removed. */
const bodyLines = (page: string) =>
  page
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^Seite \d+ von \d+$/.test(l));

/** The rules of issue 14.2, checked on the text of each printed page. */
function expectKeptTogether(pages: string[]): void {
  expect(pages.length).toBeGreaterThan(6);
  const feet = pages.slice(0, -1).map((p) => bodyLines(p).at(-1)!);
  const stranded = feet.filter((line) => /^(Zwischenüberschrift|Überschrift) \d+$/.test(line));
  expect(stranded, `Seitenenden: ${feet.join(' | ')}`).toEqual([]);

  const tablePages = pages.filter((p) => /Kommune \d+/.test(p));
  expect(tablePages.length).toBeGreaterThan(1);
  for (const page of tablePages) expect(page).toContain('Kopfzeile Kommune');

  // A paragraph split across pages keeps at least two lines on each side.
  pages.forEach((page, index) => {
    const lines = bodyLines(page).filter((l) => /^Absatz \d+ Zeile/.test(l));
    const first = /^Absatz (\d+) Zeile (\d+) von (\d+)$/.exec(lines[0] ?? '');
    const last = /^Absatz (\d+) Zeile (\d+) von (\d+)$/.exec(lines.at(-1) ?? '');
    if (first && first[2] !== '1') expect(Number(first[3]) - Number(first[2]) + 1, `Seite ${index + 1} beginnt mit ${lines[0]}`).toBeGreaterThanOrEqual(2);
    if (last && last[2] !== last[3] && index < pages.length - 1) expect(Number(last[2]), `Seite ${index + 1} endet mit ${lines.at(-1)}`).toBeGreaterThanOrEqual(2);
  });
}

const craftedModel = () => musterkreisPaperModel({ sections: [{ key: 'erlaeuterungen', title: 'Erläuterungen', body: craftedDoc() }], attachments: [] });

describe('keep with next on printed pages (issue 14.2)', () => {
  const renderer = new ChromiumPdfRenderer();
  afterAll(() => renderer.close());

  it('PDF: no heading or bold subheading at a page foot, table heads repeat, no single line of a paragraph alone', async () => {
    expectKeptTogether(pdfPagesText(await renderer.render(renderPaperHtml(craftedModel()))));
  }, 60_000);

  it('DOCX (as LibreOffice lays it out): the same rules hold', async () => {
    const converted = await convertWithLibreOffice(await renderPaperDocx(craftedModel()), 'vorlage.docx');
    try {
      expectKeptTogether(pdfPagesText(await readFile(converted.out)));
    } finally {
      await converted.cleanup();
    }
  }, 120_000);
});
