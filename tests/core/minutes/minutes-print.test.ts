import { afterAll, describe, expect, it } from 'vitest';
import { renderExtractDocx, renderMinutesDocx } from '../../../electron/core/export/docx/minutes.js';
import { renderExtractHtml, renderMinutesHtml } from '../../../electron/core/export/html/minutes.js';
import { buildExtractPrintModel, buildMinutesPrintModel } from '../../../electron/core/export/minutes-model.js';
import { ChromiumPdfRenderer } from '../../../electron/core/export/pdf/chromium-renderer.js';
import { convertWithLibreOffice, docxPackageProblems, docxPart } from '../export/docx/helpers.js';
import { pdfFonts, pdfPagesText } from '../export/pdf/pdf-tools.js';
import { SECRET, minutesInput } from './minutes-fixture.js';

const MARK = 'Nichtöffentlicher Teil';
/** The running header is the first non-empty line of a page. */
const headerLine = (page: string) => page.split('\n').find((l) => l.trim())?.trim() ?? '';

/**
 * Pages of the non-public part = from the page where its text starts to the end. Each of them
 * must carry the mark in its header; no page before them may.
 */
function expectMarkedTail(pages: string[]) {
  const start = pages.findIndex((p) => p.includes('Absatz 1:'));
  expect(start).toBeGreaterThan(0);
  expect(pages.length - start, 'the non-public part spans several pages').toBeGreaterThanOrEqual(2);
  pages.forEach((page, i) => {
    if (i >= start) expect(headerLine(page), `page ${i + 1}`).toContain(MARK);
    else expect(headerLine(page), `page ${i + 1}`).not.toContain(MARK);
  });
  // The non-public discussion appears only on marked pages.
  pages.slice(0, start).forEach((page) => expect(page).not.toContain('Absatz'));
}

describe('Niederschrift PDF (HTML printed by Chromium)', () => {
  const renderer = new ChromiumPdfRenderer();
  afterAll(() => renderer.close());

  it('public variant: no non-public text at all, fonts embedded', async () => {
    const pdf = await renderer.render(renderMinutesHtml(buildMinutesPrintModel(minutesInput(), 'public')));
    const text = pdfPagesText(pdf).join('\n');
    expect(text).toContain('Niederschrift (öffentlicher Teil)');
    expect(text).toContain('Der Sozialausschuss nimmt die Vorlage Nr. 50/012/2025 zur Kenntnis.');
    expect(text).not.toContain('GEHEIM');
    expect(text).not.toMatch(/nichtöffentlich/i);
    expect(pdfFonts(pdf).filter((f) => !f.embedded)).toEqual([]);
  });

  it('members variant: every page of the non-public part says "Nichtöffentlicher Teil"', async () => {
    const pdf = await renderer.render(renderMinutesHtml(buildMinutesPrintModel(minutesInput(), 'members')));
    const pages = pdfPagesText(pdf);
    expectMarkedTail(pages);
    const last = pages.at(-1)!;
    expect(last).toContain('Die Vorsitzende');
    expect(last).toContain('Die Schriftführerin');
  });

  it('Auszug of a non-public TOP: marked on every page, the first included', async () => {
    const pages = pdfPagesText(await renderer.render(renderExtractHtml(buildExtractPrintModel(minutesInput(), '8'))));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, i) => expect(headerLine(page), `header of page ${i + 1}`).toContain(MARK));
    expect(pages[0]).toContain('Auszug aus der Niederschrift');
  });
});

describe('Niederschrift DOCX (opened by LibreOffice)', () => {
  it('members variant: a valid package with heading styles, the texts, and the non-public header on every page of that part', async () => {
    const docx = await renderMinutesDocx(buildMinutesPrintModel(minutesInput(), 'members'));
    expect(await docxPackageProblems(docx)).toEqual([]);
    const xml = await docxPart(docx, 'word/document.xml');
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect((xml.match(/<w:pStyle w:val="Heading3"\/>/g) ?? []).length).toBe(9);
    const lo = await convertWithLibreOffice(docx, 'niederschrift.docx');
    try {
      for (const text of [
        'Niederschrift',
        'Frau Dr. Eva Hartmann (Fraktion A)',
        'Herr Jonas Becker (Fraktion B), für Frau Aylin Yilmaz',
        'Herr Peter Brandt erklärt sich für befangen und nimmt an Beratung und Abstimmung nicht teil.',
        'Beschluss:',
        'Abstimmungsergebnis: mit 3 Ja-Stimmen, 1 Nein-Stimme, 0 Enthaltungen',
        'Beschlussempfehlung:',
        'Der Sozialausschuss nimmt die Vorlage Nr. 50/012/2025 zur Kenntnis.',
        'Die Vorsitzende',
        'Die Schriftführerin',
      ]) {
        expect(lo.text).toContain(text);
      }
      const { execFileSync } = await import('node:child_process');
      const pages = execFileSync('pdftotext', ['-layout', lo.out, '-']).toString('utf8').split('\f').filter((p) => p.trim());
      expectMarkedTail(pages);
    } finally {
      await lo.cleanup();
    }
  }, 120_000);

  it('public variant and public Auszug hold no non-public text', async () => {
    const pub = await renderMinutesDocx(buildMinutesPrintModel(minutesInput(), 'public'));
    const xml = await docxPart(pub, 'word/document.xml');
    expect(xml).not.toContain('GEHEIM');
    expect(xml).not.toMatch(/nichtöffentlich/i);
    const extract = await renderExtractDocx(buildExtractPrintModel(minutesInput(), '4'));
    const lo = await convertWithLibreOffice(extract, 'auszug.docx');
    try {
      expect(lo.text).toContain('Auszug aus der Niederschrift');
      expect(lo.text).toContain('Förderrichtlinie Integrationsprojekte 2025');
      expect(lo.text.replace(/\s+/g, ' ')).toContain('Für die Richtigkeit des Auszugs: Die Schriftführerin');
      expect(lo.text).not.toContain(MARK);
      expect(lo.text).not.toContain(SECRET);
    } finally {
      await lo.cleanup();
    }
  }, 120_000);

  it('Auszug of a non-public TOP: the header of every page says so', async () => {
    const lo = await convertWithLibreOffice(await renderExtractDocx(buildExtractPrintModel(minutesInput(), '8')), 'auszug-n.docx');
    try {
      const { execFileSync } = await import('node:child_process');
      const pages = execFileSync('pdftotext', ['-layout', lo.out, '-']).toString('utf8').split('\f').filter((p) => p.trim());
      expect(pages.length).toBeGreaterThanOrEqual(2);
      pages.forEach((page, i) => expect(headerLine(page), `header of page ${i + 1}`).toContain(MARK));
    } finally {
      await lo.cleanup();
    }
  }, 120_000);
});
