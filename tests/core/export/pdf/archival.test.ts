import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfRenderer } from '../../../../electron/core/export/pdf/chromium-renderer.js';
import { tempApp, tempDir, type TempApp } from '../../../helpers/temp-app.js';
import { checkArchival } from './archival-checker.js';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { pdfFonts, pdfInfo, pdfInfoMeta, pdfText } from './pdf-tools.js';

/**
 * Issue 14, "Archival and accessible PDFs": every PDF we write — Vorlage, Beratungsergebnis,
 * Auszug, Niederschrift, Nachtrag, Einladung, Beschlusskontrolle report and both Sitzungsmappen — passes
 * the conformance checker (PDF/A-2 and PDF/UA-1 rules, see archival-checker.ts) and the poppler
 * tools agree: all fonts embedded, tagged, XMP claiming PDF/A-2a and PDF/UA-1.
 */

const link = (href: string) => [{ type: 'link' as const, attrs: { href } }];
/** Issue 15: links are real links in the PDF (a web page and an e-mail address). */
const LINK_PARAGRAPH = [
  { type: 'text' as const, text: 'Siehe die ' },
  { type: 'text' as const, text: 'Förderrichtlinie', marks: link('https://www.musterkreis.example/richtlinie?jahr=2025') },
  { type: 'text' as const, text: ' oder schreiben Sie an das ' },
  { type: 'text' as const, text: 'Integrationszentrum', marks: link('mailto:ki@musterkreis.example') },
  { type: 'text' as const, text: '.' },
];

let t: TempApp;
let out: string;
const files: Record<string, Uint8Array> = {};

async function written(label: string, call: (path: string) => Promise<unknown>): Promise<void> {
  const path = join(out, `${label}.pdf`);
  await call(path);
  files[label] = new Uint8Array(readFileSync(path));
}

beforeAll(async () => {
  t = await tempApp({ demo: true });
  out = tempDir('vw-archival-');
  const soz = await t.call('gremien.get', { ref: 'Sozialausschuss' });
  const meetings = await t.call('sitzungen.list', { committeeId: soz.id });
  // A Sitzung that took place: it has results, a Niederschrift and Vorlagen with Anlagen.
  const held = meetings.filter((m) => m.state === 'durchgefuehrt').sort((a, b) => a.start.localeCompare(b.start)).at(-1)!;
  const agenda = (await t.call('sitzungen.get', { id: held.id })).agenda;
  const decided = agenda.find((i) => i.paperId && i.result)!;

  await written('vorlage', (path) => t.call('vorlagen.exportPdf', { ref: decided.paperId!, meetingId: held.id, path }));
  await written('beratungsergebnis', (path) => t.call('ergebnisse.exportPdf', { ref: decided.paperId!, meetingId: held.id, path }));
  await written('niederschrift-oeffentlich', (path) => t.call('niederschrift.export', { meetingId: held.id, format: 'pdf', variant: 'public', path }));
  await written('niederschrift-mitglieder', (path) => t.call('niederschrift.export', { meetingId: held.id, format: 'pdf', variant: 'members', path }));
  await written('auszug', (path) => t.call('niederschrift.auszug', { meetingId: held.id, topNumber: decided.number, format: 'pdf', path }));
  await written('beschlusskontrolle', (path) => t.call('beschlusskontrolle.export', { committeeId: soz.id, format: 'pdf', variant: 'members', path }));
  await written('einladung-oeffentlich', (path) => t.call('sitzungen.exportEinladung', { meetingId: held.id, format: 'pdf', variant: 'public', path }));
  await written('einladung-mitglieder', (path) => t.call('sitzungen.exportEinladung', { meetingId: held.id, format: 'pdf', variant: 'members', path }));
  await written('mappe-oeffentlich', (path) => t.call('sitzungen.pack', { meetingId: held.id, variant: 'public', path }));
  await written('mappe-mitglieder', (path) => t.call('sitzungen.pack', { meetingId: held.id, variant: 'members', path }));

  // A Nachtrag: a Vorlage put on a Sitzung after its Einladung went out.
  // A list item carries minutesApproved, which is derived, not saved: sitzungen.save takes the Sitzung itself.
  const { minutesApproved: _approved, ...planned } = meetings.find((m) => m.state === 'geplant')!;
  await t.call('sitzungen.save', { ...planned, state: 'einberufen' });
  const ki = (await t.call('aemter.list', {})).find((d) => d.code === '50')!;
  const late = await t.call('vorlagen.create', {
    template: 'beschlussvorlage',
    departmentId: ki.id,
    title: 'Dolmetscherpool – Aufbau',
    sections: { erlaeuterungen: { type: 'doc', content: [{ type: 'paragraph', content: LINK_PARAGRAPH }] } },
  });
  await written('vorlage-links', (path) => t.call('vorlagen.exportPdf', { ref: late.id, path }));
  await t.call('beratungen.add', { paperId: late.id, committeeId: soz.id, role: 'entscheidung', meetingId: planned.id });
  await written('nachtrag', (path) => t.call('sitzungen.exportNachtrag', { meetingId: planned.id, format: 'pdf', variant: 'members', path }));
}, 240_000);

afterAll(async () => {
  await t.close();
});

const KINDS = [
  'vorlage',
  'vorlage-links',
  'beratungsergebnis',
  'niederschrift-oeffentlich',
  'niederschrift-mitglieder',
  'auszug',
  'beschlusskontrolle',
  'nachtrag',
  'einladung-oeffentlich',
  'einladung-mitglieder',
  'mappe-oeffentlich',
  'mappe-mitglieder',
];

describe('every document type is PDF/A-2a and PDF/UA-1', () => {
  it.each(KINDS)('%s passes the conformance checker', async (kind) => {
    expect(await checkArchival(files[kind]!)).toEqual([]);
  });

  it.each(KINDS)('%s: poppler sees embedded fonts, a tagged PDF 1.7 and the PDF/A and PDF/UA claims', (kind) => {
    const bytes = files[kind]!;
    const fonts = pdfFonts(bytes);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    const info = pdfInfo(bytes);
    expect(info).toMatchObject({ Tagged: 'yes', 'PDF version': '1.7', 'Metadata Stream': 'yes', JavaScript: 'no', Suspects: 'no' });
    const xmp = pdfInfoMeta(bytes);
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${escapeXml(info.Title!)}</rdf:li>`);
  });
});

describe('links', () => {
  it('a link in the text is a link annotation to its address, described in German and in the structure tree', async () => {
    const doc = await PDFDocument.load(files['vorlage-links']!, { updateMetadata: false });
    const links = doc.getPages().flatMap((page) =>
      (page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []).map((ref) => {
        const annot = doc.context.lookup(ref, PDFDict);
        const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
        const text = (key: string, dict: PDFDict | undefined) => {
          const value = dict ? doc.context.lookup(dict.get(PDFName.of(key))) : undefined;
          return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
        };
        return { subtype: String(annot.get(PDFName.of('Subtype'))), uri: text('URI', action), contents: text('Contents', annot) };
      }),
    );
    expect(links).toEqual([
      { subtype: '/Link', uri: 'https://www.musterkreis.example/richtlinie?jahr=2025', contents: 'Link zu https://www.musterkreis.example/richtlinie?jahr=2025' },
      { subtype: '/Link', uri: 'mailto:ki@musterkreis.example', contents: 'E-Mail an ki@musterkreis.example' },
    ]);
    // The text itself stays as written (no address in brackets); the checker above has found each link in the structure tree.
    expect(pdfText(files['vorlage-links']!).replace(/\s+/g, ' ')).toContain('Siehe die Förderrichtlinie oder schreiben Sie an das Integrationszentrum.');
  });
});

describe('the checker', () => {
  it('fails Chromium’s own tagged output, which lacks what PDF/A and PDF/UA add', async () => {
    const renderer = new ChromiumPdfRenderer();
    try {
      const raw = await renderer.render(
        '<!doctype html><html lang="de"><head><title>x</title><style>@page { margin: 20mm; @bottom-center { content: "Seite " counter(page) } } p { border-bottom: 1px solid #000 }</style></head><body><h1>Titel</h1><h3>Übersprungen</h3><p>Text</p><img alt="" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="></body></html>',
        { tagged: true },
      );
      const violations = await checkArchival(raw);
      const rules = new Set(violations.map((v) => v.split(':')[0]));
      expect([...rules]).toEqual(
        expect.arrayContaining([
          'PDF/A-2 6.2.2', // no output intent
          'PDF/A-2 6.6.2.1', // no XMP
          'Matterhorn 06-002', // no pdfuaid
          'Matterhorn 01-005', // the page number and the rule are untagged
          'Matterhorn 14-003', // H3 after H1
        ]),
      );
    } finally {
      await renderer.close();
    }
  });
});

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
