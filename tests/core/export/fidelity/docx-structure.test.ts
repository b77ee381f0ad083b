import JSZip from 'jszip';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderPaperDocxWithLetterhead } from '../../../../electron/core/export/docx/letterhead.js';
import { renderPaperDocx } from '../../../../electron/core/export/docx/paper.js';
import { builtinTemplatesDir } from '../../../../electron/core/templates/index.js';
import { readOutline, type Bookmark } from '../pack/outline-reader.js';
import { convertWithLibreOffice } from '../docx/helpers.js';
import { musterkreisPaperModel } from '../docx/musterkreis-fixture.js';

/**
 * Issue 14.8 on the Vorlage's DOCX, built-in layout and Hausvorlage alike: headings a
 * navigation pane nests (checked through LibreOffice's PDF bookmarks, which follow the outline
 * levels), core properties of the export, no folder entries in the package.
 */
const variants = {
  'built-in layout': () => renderPaperDocx(musterkreisPaperModel()),
  Hausvorlage: async () => renderPaperDocxWithLetterhead(musterkreisPaperModel(), await readFile(join(builtinTemplatesDir(), 'hausvorlage', 'musterkreis-briefkopf.docx'))),
};
const titles = (items: Bookmark[]): unknown[] => items.map((b) => (b.children.length ? { [b.title]: titles(b.children) } : b.title));

describe.each(Object.keys(variants) as (keyof typeof variants)[])('Vorlage as DOCX (%s)', (variant) => {
  it('core properties: title, language de-DE, created and modified at export; no folder entries', async () => {
    const before = Date.now();
    const zip = await JSZip.loadAsync(await variants[variant]());
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dc:title>Kommunales Integrationsmanagement – Aktueller Sachstand</dc:title>');
    expect(core).toContain('<dc:language>de-DE</dc:language>');
    for (const name of ['created', 'modified']) {
      const stamp = new RegExp(`<dcterms:${name} xsi:type="dcterms:W3CDTF">([^<]+)</dcterms:${name}>`).exec(core)?.[1];
      expect(Date.parse(stamp!), name).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    }
    expect(Object.values(zip.files).filter((f) => f.dir).map((f) => f.name)).toEqual([]);
  });

  it('section titles and body headings carry outline levels: the navigation pane nests them', async () => {
    const converted = await convertWithLibreOffice(await variants[variant](), 'vorlage.docx');
    try {
      const outline = titles(readOutline(await PDFDocument.load(await readFile(converted.out))));
      const sections = ['Vorbemerkungen:', { 'Erläuterungen:': ['Stellen im strategischen Kommunalen Integrationsmanagement (Modul 1) und Arbeit der Lenkungsgruppe', 'Stellen im Case Management (Modul 2) und Stand der Arbeit'] }];
      expect(outline).toEqual(variant === 'built-in layout' ? [{ 'Kommunales Integrationsmanagement – Aktueller Sachstand': sections }] : sections);
    } finally {
      await converted.cleanup();
    }
  }, 120_000);
});
