import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { renderPaperDocx } from '../../../../electron/core/export/docx/paper.js';
import { renderResultDocx } from '../../../../electron/core/export/docx/result.js';
import { renderPaperHtml, renderResultHtml } from '../../../../electron/core/export/html/index.js';
import { composeMeetingPack } from '../../../../electron/core/export/pack/meeting-pack.js';
import { PackAssembler } from '../../../../electron/core/export/pack/pack-assembler.js';
import { renderPack } from '../../../../electron/core/export/pack/render-pack.js';
import type { PackResult } from '../../../../electron/core/export/pack/types.js';
import { ChromiumPdfRenderer } from '../../../../electron/core/export/pdf/chromium-renderer.js';
import type { PaperPrintModel } from '../../../../electron/core/export/print-model.js';
import { pdfPagesText } from '../pdf/pdf-tools.js';
import { CANARY, musterSitzung } from '../pack/meeting-fixture.js';
import { musterkreisResultModel } from '../docx/musterkreis-fixture.js';

/**
 * Issue 14.3 and 14.4 on the printed pages of a members' Sitzungsmappe (pdftotext per page):
 * running headers of the Vorlagen inside the pack, no header stacked on the Einladung's
 * letterhead, "nichtöffentlich" on every page of non-public documents.
 */
const AMT = '50.2 – Kommunales Integrationszentrum (KI)';
const lengthen = (paper: PaperPrintModel) => {
  const body = paper.sections[1]!.body;
  for (let i = 0; i < 40; i++) body.content.push({ type: 'paragraph', content: [{ type: 'text', text: `Weitere Ausführung ${i + 1} zur Angebotsauswertung mit mehreren Sätzen, damit die Vorlage über mehrere Seiten läuft.` }] });
};
/** The first lines of a page: where a running header or stamp at the top is read first. */
const top = (page: string) => page.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2).join(' | ');

const renderer = new ChromiumPdfRenderer();
const assembler = new PackAssembler();
let result: PackResult;
let pages: string[];
const pagesOf = (part: string) => pages.slice(result.parts[part]!.start - 1, result.parts[part]!.start - 1 + result.parts[part]!.pageCount);

beforeAll(async () => {
  const input = await musterSitzung('members');
  lengthen(input.items[4]!.paper!);
  result = await renderPack(composeMeetingPack(input).plan, { renderer, assembler });
  pages = pdfPagesText(result.bytes);
}, 90_000);
afterAll(async () => {
  await renderer.close();
  await assembler.close();
});

describe('cover and Tagesordnung of the Sitzungsmappe (issue 14.7)', () => {
  it('the cover says "Sitzungsmappe"', () => {
    expect(top(pages[0]!)).not.toContain('Sitzungsmappe');
    expect(pages[0]).toMatch(/Sitzungsmappe\s+zur 12\. Sitzung des Ausschusses/);
  });

  it('the Tagesordnung lists each TOP’s Anlagen with the page where each starts', () => {
    const toc = pagesOf('tagesordnung').join('\n');
    const line = (text: string) => toc.split('\n').find((l) => l.includes(text));
    for (const [part, title] of [
      ['top-2-anlage-1', 'Anlage 1: Kennzahlen Case Management'],
      ['top-2-anlage-2', `Anlage 2: ${CANARY.hiddenAttachmentTitle} (nichtöffentlich)`],
      ['top-2-anlage-3', 'Anlage 3: Geschäftsordnung der Lenkungsgruppe'],
      ['top-3-anlage-1', 'Anlage 1: Förderrichtlinie'],
      ['top-5-anlage-1', `Anlage 1: ${CANARY.attachmentTitle} (nichtöffentlich)`],
    ] as const) {
      expect(line(title), title).toBeDefined();
      expect(line(title)!.trim().split(/\s+/).at(-1), title).toBe(String(result.parts[part]!.start));
    }
  });

  it('its page numbers are links to those pages', async () => {
    const doc = await PDFDocument.load(result.bytes);
    const index = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
    const targets: number[] = [];
    const toc = result.parts.tagesordnung!;
    for (const page of doc.getPages().slice(toc.start - 1, toc.start - 1 + toc.pageCount)) {
      for (const ref of page.node.Annots()?.asArray() ?? []) {
        const annot = doc.context.lookup(ref as PDFRef, PDFDict);
        if (annot.get(PDFName.of('Subtype'))?.toString() !== '/Link') continue;
        const dest = annot.lookup(PDFName.of('Dest'));
        expect(dest).toBeInstanceOf(PDFArray);
        targets.push(index.get((dest as PDFArray).get(0).toString())!);
      }
    }
    const expected = Object.entries(result.parts).filter(([id]) => id.startsWith('top-')).map(([, p]) => p.start);
    expect(targets.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
  });
});

describe('running headers inside the Sitzungsmappe (issue 14.3)', () => {
  it('each Vorlage’s pages after its first carry Amt and Vorlage-Nr. at the top, its first page only its own head', () => {
    for (const [part, reference] of [['top-2-vorlage', '50/012/2025'], ['top-5-vorlage', CANARY.paperReference]] as const) {
      const own = pagesOf(part);
      expect(own.length, part).toBeGreaterThan(1);
      expect(top(own[0]!)).not.toContain(`Vorlage ${reference}`);
      expect(top(own[0]!)).toContain('Musterkreis');
      for (const page of own.slice(1)) {
        expect(top(page)).toContain(AMT);
        expect(top(page)).toContain(`Vorlage ${reference}`);
      }
    }
  });

  it('no running header sits above the Einladung’s letterhead', () => {
    const einladung = pagesOf('einladung')[0]!;
    expect(top(einladung)).toMatch(/^Musterkreis/);
    expect(einladung).not.toContain('Sitzung am 12.03.2025');
  });
});

describe('non-public marks (issue 14.4)', () => {
  it('every page of a non-public Vorlage and of its Anlagen says "nichtöffentlich" at the top', () => {
    const parts = ['top-5-vorlage', 'top-5-anlage-1', 'top-5-anlage-2'];
    for (const part of parts) for (const [i, page] of pagesOf(part).entries()) expect(top(page), `${part}, Seite ${i + 1}`).toContain('nichtöffentlich');
  });

  it('a non-public Anlage of a public Vorlage is stamped and listed as non-public; the public ones are not', () => {
    for (const page of pagesOf('top-2-anlage-2')) expect(top(page)).toContain('nichtöffentlich');
    for (const part of ['top-2-anlage-1', 'top-2-anlage-3', 'top-2-vorlage']) for (const page of pagesOf(part)) expect(top(page)).not.toContain('nichtöffentlich');
    const vorlage = pagesOf('top-2-vorlage').join('\n').replace(/\s+/g, ' ');
    expect(vorlage).toContain(`${CANARY.hiddenAttachmentTitle} (nichtöffentlich)`);
    expect(vorlage).toContain('Kennzahlen Case Management');
    expect(vorlage).not.toContain('Kennzahlen Case Management (nichtöffentlich)');
  });

  it('the standalone PDF of a non-public Vorlage says "nichtöffentlich" at the top of every page', async () => {
    const input = await musterSitzung('members');
    const paper = input.items[4]!.paper!;
    lengthen(paper);
    const standalone = pdfPagesText(await renderer.render(renderPaperHtml(paper)));
    expect(standalone.length).toBeGreaterThan(1);
    for (const page of standalone) expect(top(page)).toContain('nichtöffentlich');
  }, 30_000);

  it('the Beratungsergebnis of a non-public TOP says "nichtöffentlich" at the top of every page, PDF and DOCX', async () => {
    const model = musterkreisResultModel();
    model.agendaItem.public = false;
    for (let i = 0; i < 40; i++) model.minutes.content.push({ type: 'paragraph', content: [{ type: 'text', text: `Aussprache ${i + 1}: mehrere Wortbeiträge der Mitglieder zum Angebot.` }] });
    const printed = pdfPagesText(await renderer.render(renderResultHtml(model)));
    expect(printed.length).toBeGreaterThan(1);
    for (const page of printed) expect(top(page)).toContain('nichtöffentlich');
    expect(await headerTexts(await renderResultDocx(model))).toEqual([expect.stringContaining('nichtöffentlich'), expect.stringContaining('nichtöffentlich')]);
    model.agendaItem.public = true;
    expect((await headerTexts(await renderResultDocx(model))).join(' ')).not.toContain('nichtöffentlich');
  }, 30_000);

  it('DOCX: a non-public Vorlage has "nichtöffentlich" in the first-page and the running header; non-public Anlagen are marked in the list', async () => {
    const input = await musterSitzung('members');
    const docx = await renderPaperDocx(input.items[4]!.paper!);
    expect(await headerTexts(docx)).toEqual([expect.stringContaining('nichtöffentlich'), expect.stringContaining('nichtöffentlich')]);
    const publicPaper = await renderPaperDocx(input.items[1]!.paper!);
    const body = textOfXml(await (await JSZip.loadAsync(publicPaper)).file('word/document.xml')!.async('string'));
    expect(body).toContain(`${CANARY.hiddenAttachmentTitle} (nichtöffentlich)`);
    expect(body).not.toContain('Kennzahlen Case Management (nichtöffentlich)');
    expect((await headerTexts(publicPaper)).join(' ')).not.toContain('nichtöffentlich');
  });
});

const textOfXml = (xml: string) => xml.replace(/<w:tab\/>/g, ' ').replace(/<[^>]+>/g, '');
/** The text of the first-page and the running header parts, in that order. */
async function headerTexts(docx: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(docx);
  const document = await zip.file('word/document.xml')!.async('string');
  const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
  const target = (type: string) => {
    const id = new RegExp(`<w:headerReference w:type="${type}" r:id="([^"]+)"`).exec(document)![1]!;
    return new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)!.slice(1).find(Boolean)!;
  };
  return Promise.all(['first', 'default'].map(async (type) => textOfXml(await zip.file(`word/${target(type)}`)!.async('string'))));
}
