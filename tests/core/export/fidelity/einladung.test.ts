import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrintModels } from '../../../../electron/core/export/pdf/print-models-from-store.js';
import { cli } from '../../../helpers/cli.js';
import { releasePaper } from '../../../helpers/freigabe.js';
import { tempApp, tempDir, type TempApp } from '../../../helpers/temp-app.js';
import { inOrder } from '../html/html-text.js';
import { pdfPagesText } from '../pdf/pdf-tools.js';

/** Issue 14.6 on the demo database: the Einladung as sent, as PDF and DOCX. */
let t: TempApp;
let out: string;
let meetingId: number;
const flat = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await tempApp({ demo: true });
  out = tempDir('vw-einladung-');
  const soz = await t.call('gremien.get', { ref: 'Sozialausschuss' });
  meetingId = (await t.call('sitzungen.list', { committeeId: soz.id })).find((m) => m.state === 'geplant')!.id;
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('Einladung (issue 14.6)', () => {
  it('is signed by the chair of the Gremium in the gender of her or his form of address', async () => {
    const models = new PrintModels(t.app);
    expect((await models.meeting(meetingId, null)).chair).toEqual({ name: 'Dr. Helga Brandtner', role: 'Die Vorsitzende' });
    const ir = await t.call('gremien.get', { ref: 'Integrationsrat' });
    const irMeeting = (await t.call('sitzungen.list', { committeeId: ir.id }))[0];
    if (irMeeting) expect((await models.meeting(irMeeting.id, null)).chair).toEqual({ name: 'Yusuf Demirel', role: 'Der Vorsitzende' });
  });

  it('PDF: addressee, letter with the public note and the chair’s signature, then the Tagesordnung directly under it', async () => {
    const file = join(out, 'einladung.pdf');
    const result = await t.call('sitzungen.exportEinladung', { meetingId, format: 'pdf', variant: 'members', path: file });
    const pages = pdfPagesText(new Uint8Array(readFileSync(file)));
    expect(result.pages).toBe(pages.length);
    inOrder(flat(pages[0]!), [
      'An die Mitglieder des Ausschusses für Soziales und Integration',
      'Einladung zur',
      'Sehr geehrte Damen und Herren',
      'Die Tagesordnung folgt unten',
      'öffentlich; Zuhörerinnen und Zuhörer sind willkommen.',
      'Mit freundlichen Grüßen',
      'Dr. Helga Brandtner',
      'Die Vorsitzende',
      'Tagesordnung',
      'A. Öffentlicher Teil',
    ]);
    expect(flat(pages.join('\n'))).toContain('B. Nichtöffentlicher Teil');
  }, 60_000);

  it('public variant: no part B and no non-public TOP, neither in PDF nor DOCX', async () => {
    const agenda = (await t.call('sitzungen.get', { id: meetingId })).agenda;
    // Titles a public TOP also contains ("Mitteilungen") say nothing.
    const secret = agenda.filter((i) => !i.public && !agenda.some((p) => p.public && p.title.includes(i.title))).map((i) => i.title);
    expect(secret.length).toBeGreaterThan(0);
    const pdfFile = join(out, 'einladung-oeffentlich.pdf');
    await t.call('sitzungen.exportEinladung', { meetingId, format: 'pdf', variant: 'public', path: pdfFile });
    const text = flat(pdfPagesText(new Uint8Array(readFileSync(pdfFile))).join('\n'));
    expect(text).toContain('A. Öffentlicher Teil');
    expect(text).not.toContain('B. Nichtöffentlicher Teil');
    const docxFile = join(out, 'einladung-oeffentlich.docx');
    await t.call('sitzungen.exportEinladung', { meetingId, format: 'docx', variant: 'public', path: docxFile });
    const xml = await (await JSZip.loadAsync(readFileSync(docxFile))).file('word/document.xml')!.async('string');
    for (const title of secret) {
      expect(text).not.toContain(title);
      expect(xml).not.toContain(title);
    }
  }, 60_000);

  it('DOCX: addressee and signature, the Tagesordnung under the letter without a page break', async () => {
    const file = join(out, 'einladung.docx');
    await t.call('sitzungen.exportEinladung', { meetingId, format: 'docx', variant: 'members', path: file });
    const xml = await (await JSZip.loadAsync(readFileSync(file))).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    inOrder(text, ['An die Mitglieder des Ausschusses für Soziales und Integration', 'Einladung zur', 'Die Vorsitzende', 'Tagesordnung', 'A. Öffentlicher Teil']);
    expect(xml).not.toContain('w:pageBreakBefore');
  });

  it('once sent, the Einladung is dated on the day it was sent, not on the day it is exported again', async () => {
    await t.call('sitzungen.einladungVersandt', { meetingId, date: '2026-12-01' });
    const file = join(out, 'einladung-versandt.docx');
    await t.call('sitzungen.exportEinladung', { meetingId, format: 'docx', variant: 'members', path: file });
    const zip = await JSZip.loadAsync(readFileSync(file));
    const headers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/header\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
    expect(headers.join('').replace(/<[^>]+>/g, '')).toContain('Datum: 01.12.2026');
  });

  it('"nachrichtlich" list of the Gremium under the addressee, in PDF and DOCX; kept in the bundle; a blank entry is refused', async () => {
    const soz = await t.call('gremien.get', { ref: 'Sozialausschuss' });
    await expect(t.call('gremien.save', { ...soz, copyTo: ['Landrat', ' '] })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await t.call('gremien.get', { ref: 'Sozialausschuss' })).copyTo).toEqual([]);
    await t.call('gremien.save', { ...soz, copyTo: ['Landrat', 'Fraktionen im Kreistag'] });
    try {
      const pdf = join(out, 'einladung-nachrichtlich.pdf');
      await t.call('sitzungen.exportEinladung', { meetingId, format: 'pdf', variant: 'public', path: pdf });
      inOrder(flat(pdfPagesText(new Uint8Array(readFileSync(pdf)))[0]!), [
        'An die Mitglieder des Ausschusses für Soziales und Integration',
        'nachrichtlich: Landrat, Fraktionen im Kreistag',
        'Einladung zur',
      ]);
      const docx = join(out, 'einladung-nachrichtlich.docx');
      await t.call('sitzungen.exportEinladung', { meetingId, format: 'docx', variant: 'members', path: docx });
      const text = (await (await JSZip.loadAsync(readFileSync(docx))).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      inOrder(text, ['An die Mitglieder des Ausschusses für Soziales und Integration', 'nachrichtlich: Landrat, Fraktionen im Kreistag', 'Einladung zur']);

      const bundle = join(out, 'bundle-nachrichtlich.json');
      await t.call('daten.export', { path: bundle });
      const other = await tempApp();
      try {
        await other.call('daten.import', { path: bundle });
        expect((await other.call('gremien.get', { ref: 'Sozialausschuss' })).copyTo).toEqual(['Landrat', 'Fraktionen im Kreistag']);
      } finally {
        await other.close();
      }
    } finally {
      await t.call('gremien.save', { ...soz, copyTo: [] });
    }
  }, 60_000);

  it('the Sitzungsmappe’s Einladung is the letter sent: dated on the day it went out', async () => {
    // Follows the test above, which recorded the Einladung as sent on 01.12.2026.
    for (const item of (await t.call('sitzungen.get', { id: meetingId })).agenda) if (item.paperId) await releasePaper(t, item.paperId);
    const file = join(out, 'mappe.pdf');
    await t.call('sitzungen.pack', { meetingId, variant: 'public', path: file });
    const einladung = flat(pdfPagesText(new Uint8Array(readFileSync(file))).find((p) => p.includes('Sehr geehrte Damen und Herren'))!);
    expect(einladung).toContain('01.12.2026');
  });

  it('CLI: sitzung einladung --format pdf writes the PDF', () => {
    const dir = tempDir('vw-einladung-cli-');
    expect(cli(dir, 'demo').code).toBe(0);
    const meetings = cli(dir, '--json', 'sitzung', 'list').json<{ id: number; committee: string; state: string }[]>();
    const id = meetings.find((m) => m.committee === 'Sozialausschuss' && m.state === 'geplant')!.id;
    const file = join(dir, 'einladung.pdf');
    const r = cli(dir, 'sitzung', 'einladung', String(id), '--format', 'pdf', '--variant', 'public', '--out', file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Einladung und Tagesordnung gespeichert: .*einladung\.pdf \(\d+ Seiten?, SHA-256 [0-9a-f]{64}\)/);
    expect(flat(pdfPagesText(new Uint8Array(readFileSync(file)))[0]!)).toContain('An die Mitglieder des Ausschusses für Soziales und Integration');
  }, 60_000);
});
