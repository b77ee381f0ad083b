import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfRenderer } from '../../../../electron/core/export/pdf/chromium-renderer.js';
import { tempApp, tempDir, type TempApp } from '../../../helpers/temp-app.js';
import { checkArchival } from './archival-checker.js';
import { pdfFonts, pdfInfo, pdfInfoMeta } from './pdf-tools.js';

/**
 * Issue 14, "Archival and accessible PDFs": every PDF we write — Vorlage, Beratungsergebnis,
 * Auszug, Niederschrift, Nachtrag, Beschlusskontrolle report and both Sitzungsmappen — passes
 * the conformance checker (PDF/A-2 and PDF/UA-1 rules, see archival-checker.ts) and the poppler
 * tools agree: all fonts embedded, tagged, XMP claiming PDF/A-2a and PDF/UA-1.
 */

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
  await written('mappe-oeffentlich', (path) => t.call('sitzungen.pack', { meetingId: held.id, variant: 'public', path }));
  await written('mappe-mitglieder', (path) => t.call('sitzungen.pack', { meetingId: held.id, variant: 'members', path }));

  // A Nachtrag: a Vorlage put on a Sitzung after its Einladung went out.
  const planned = meetings.find((m) => m.state === 'geplant')!;
  await t.call('sitzungen.save', { ...planned, state: 'einberufen' });
  const ki = (await t.call('aemter.list', {})).find((d) => d.code === '50')!;
  const late = await t.call('vorlagen.create', { template: 'beschlussvorlage', departmentId: ki.id, title: 'Dolmetscherpool – Aufbau' });
  await t.call('beratungen.add', { paperId: late.id, committeeId: soz.id, role: 'entscheidung', meetingId: planned.id });
  await written('nachtrag', (path) => t.call('sitzungen.exportNachtrag', { meetingId: planned.id, format: 'pdf', variant: 'members', path }));
}, 240_000);

afterAll(async () => {
  await t.close();
});

const KINDS = [
  'vorlage',
  'beratungsergebnis',
  'niederschrift-oeffentlich',
  'niederschrift-mitglieder',
  'auszug',
  'beschlusskontrolle',
  'nachtrag',
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
