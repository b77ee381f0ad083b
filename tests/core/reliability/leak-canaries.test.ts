import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_PATH_PARAMS } from '../../../electron/shared/transport.js';
import { contract } from '../../../electron/shared/contract.js';
import { findStrings } from '../export/pack/leak-check.js';
import { pdfPagesText } from '../export/pdf/pdf-tools.js';
import { NEUTRAL_AGENDA_TITLE } from '../../../electron/core/export/print-model.js';
import { syncFollowUp } from '../../../electron/core/services/follow-ups.js';
import { releasePaper } from '../../helpers/freigabe.js';
import { tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';

/**
 * Issue 8.6: non-public TOPs, Vorlagen and Anlagen (and an old revision of a public Vorlage)
 * carry unique canary words; every PUBLIC output is scanned — PDF text, qpdf-decompressed raw
 * bytes (plain, UTF-16, hex), outline and metadata; every DOCX part (XML text and tags, core and
 * app properties); the bundle JSON and every file written beside it. Expected: 0 canaries.
 * The members variants are scanned too, as the control: there the canaries must show up.
 */

/** Every method that writes a file, and whether it produces something meant for the public. */
const OUTPUTS: Record<string, 'public variant tested here' | 'internal'> = {
  'daten.export': 'public variant tested here', // publicOnly
  'sitzungen.pack': 'public variant tested here', // variant public
  'sitzungen.exportEinladungDocx': 'public variant tested here', // variant public
  'sitzungen.exportEinladung': 'public variant tested here', // variant public, DOCX and PDF
  // The Sitzungskalender holds no TOP and no Vorlage: Gremium, number, place, times and deadlines.
  'sitzungen.ics': 'internal',
  'daten.oparlExport': 'public variant tested here', // public only; canaries in tests/core/oparl/leak.test.ts
  'daten.oparlImport': 'internal', // writes no file (reads an OParl export into the database); listed because its name matches
  // One Vorlage as the committee gets it (it lists ALL its Anlagen by title, non-public ones
  // too); what goes to the public is the public Sitzungsmappe. Checked below for what must
  // never be in it: earlier revisions, Anlage content and file names.
  'vorlagen.exportPdf': 'internal',
  'vorlagen.exportDocx': 'internal',
  'vorlagen.exportHtml': 'internal',
  'vorlagen.previewFile': 'internal', // the editor's live preview
  'ergebnisse.exportPdf': 'internal', // Beratungsergebnis, sent to the department
  'ergebnisse.exportDocx': 'internal',
  'niederschrift.export': 'public variant tested here', // variant public (PDF and DOCX)
  // One TOP's Auszug, sent to the department; a non-public TOP's says so on every page.
  'niederschrift.auszug': 'internal',
  'beschlusskontrolle.export': 'public variant tested here', // variant public
  'sitzungen.exportNachtrag': 'public variant tested here', // variant public
};

let t: TempApp;
let out: string;
const canaries: Record<string, string> = {};
const c = (tag: string) => (canaries[tag] = `Zqv${tag}${Math.random().toString(36).slice(2, 7)}`);
let meetingId: number;
let publicPaper: { id: number; reference: string };
let secretPaperId: number;
const found: Record<string, Record<string, string[]>> = {};

const doc = (...texts: string[]) => ({ type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });

/** A small PDF whose page text (content stream) and metadata carry a canary. */
function anlagePdf(word: string): string {
  const stream = `BT /F1 14 Tf 72 720 Td (Stellungnahme ${word}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Title (${word}) /Author (${word}) >>`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1').toString('base64');
}

beforeAll(async () => {
  t = await tempApp({ demo: true });
  out = tempDir('vw-leak-out-');
  const department = (await t.call('aemter.list', {}))[0]!;
  const meeting = (await t.call('sitzungen.list', {})).find((m) => m.state === 'geplant' && m.start > new Date().toISOString().slice(0, 16))!;
  meetingId = meeting.id;

  // A public Vorlage: an earlier revision said something it no longer says, and it has a
  // non-public Anlage next to a public one.
  const pub = await t.call('vorlagen.create', {
    template: 'mitteilungsvorlage', departmentId: department.id, public: true, title: 'Sachstand Sprachkurse im Musterkreis',
    sections: { vorbemerkungen: doc('Die Verwaltung berichtet.'), erlaeuterungen: doc(`Entwurf mit ${c('AltRevision')} (später gestrichen).`) },
  });
  await t.call('vorlagen.save', { id: pub.id, sections: { vorbemerkungen: doc('Die Verwaltung berichtet.'), erlaeuterungen: doc('Die Sprachkurse sind gut ausgelastet.') } });
  await t.call('anlagen.add', { paperId: pub.id, title: 'Kursstatistik', fileName: 'kursstatistik.pdf', public: true, dataBase64: anlagePdf('Kursstatistik oeffentlich') });
  await t.call('anlagen.add', { paperId: pub.id, title: `Teilnehmerliste ${c('NAnlageTitel')}`, fileName: `${c('NAnlageDatei')}.pdf`, public: false, dataBase64: anlagePdf(c('NAnlageInhalt')) });
  await t.call('beratungen.add', { paperId: pub.id, committeeId: meeting.committeeId, role: 'kenntnisnahme', meetingId });
  // Only released Vorlagen go into a Sitzungsmappe.
  await releasePaper(t, pub.id);
  publicPaper = { id: pub.id, reference: pub.reference };

  // A non-public Vorlage with a non-public Anlage, on the same agenda.
  const secret = await t.call('vorlagen.create', {
    template: 'beschlussvorlage', departmentId: department.id, public: false, title: `Personalangelegenheit ${c('NVorlageTitel')}`,
    sections: { erlaeuterungen: doc(`Vertraulich: ${c('NVorlageText')}.`), beschlussvorschlag: doc(`Der Ausschuss beschließt ${c('NBeschluss')}.`), finanzielle_auswirkungen: doc('keine') },
  });
  await t.call('anlagen.add', { paperId: secret.id, title: `Gutachten ${c('NVAnlageTitel')}`, fileName: `${c('NVAnlageDatei')}.pdf`, public: false, dataBase64: anlagePdf(c('NVAnlageInhalt')) });
  await t.call('beratungen.add', { paperId: secret.id, committeeId: meeting.committeeId, role: 'entscheidung', meetingId });
  secretPaperId = secret.id;
  await releasePaper(t, secret.id);

  // A non-public TOP without a Vorlage.
  await t.call('tagesordnung.add', { meetingId, title: `Grundstücksangelegenheit ${c('NTop')}`, public: false });
});

afterAll(async () => {
  await t?.close();
  const total = Object.values(found).reduce((n, f) => n + Object.keys(f).length, 0);
  console.log(`[leak-canaries] ${Object.keys(canaries).length} canaries; outputs scanned: ${Object.keys(found).join(', ')}; canaries found: ${total}`);
});

const everyCanary = () => Object.values(canaries);

/** Where each canary occurs in a DOCX: any part, as XML (tags included) and as bare text. */
async function docxFindings(bytes: Buffer, needles: string[]): Promise<Record<string, string[]>> {
  const zip = await JSZip.loadAsync(bytes);
  const result: Record<string, string[]> = {};
  for (const name of Object.keys(zip.files)) {
    const entry = zip.files[name]!;
    if (entry.dir) continue;
    const content = await entry.async('nodebuffer');
    const xml = content.toString('utf8');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const needle of needles) {
      if (content.includes(Buffer.from(needle)) || text.includes(needle) || content.includes(Buffer.from(needle, 'utf16le'))) (result[needle] ??= []).push(name);
    }
  }
  // The zip's own directory (file names of parts).
  for (const needle of needles) if (bytes.includes(Buffer.from(needle))) (result[needle] ??= []).push('(zip)');
  return result;
}

/** Every file in a folder tree, bytes scanned in UTF-8 and UTF-16, plus the file names. */
function treeFindings(dir: string, needles: string[]): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const rel of fs.readdirSync(dir, { recursive: true }).map(String)) {
    const p = path.join(dir, rel);
    if (fs.statSync(p).isDirectory()) continue;
    const bytes = fs.readFileSync(p);
    for (const needle of needles) {
      if (rel.includes(needle) || bytes.includes(Buffer.from(needle)) || bytes.includes(Buffer.from(needle, 'utf16le')) || bytes.toString('utf8').includes(JSON.stringify(needle).slice(1, -1))) (result[needle] ??= []).push(rel);
    }
  }
  return result;
}

describe('leak canaries in public outputs', () => {
  it('knows every output-writing method and whether it is public', () => {
    const writers = Object.keys(contract).filter((m) => m in OUTPUT_PATH_PARAMS || /export|pack|oparl/i.test(m));
    expect(writers.filter((m) => !(m in OUTPUTS)), 'neue Ausgabe: bitte hier einordnen und, falls öffentlich, prüfen').toEqual([]);
  });

  it('public Sitzungsmappe (PDF): 0 canaries; the members Mappe has them', async () => {
    const file = path.join(out, 'mappe-oeffentlich.pdf');
    await t.call('sitzungen.pack', { meetingId, variant: 'public', path: file });
    found['public pack'] = await findStrings(fs.readFileSync(file), everyCanary());
    expect(found['public pack']).toEqual({});

    const members = path.join(out, 'mappe-mitglieder.pdf');
    await t.call('sitzungen.pack', { meetingId, variant: 'members', path: members });
    const control = await findStrings(fs.readFileSync(members), [canaries.NTop!, canaries.NVorlageTitel!, canaries.NVAnlageInhalt!]);
    expect(Object.keys(control).sort()).toEqual([canaries.NTop!, canaries.NVorlageTitel!, canaries.NVAnlageInhalt!].sort());
  }, 180_000);

  it('public Einladung with Tagesordnung (DOCX): 0 canaries in any part; the members one has them', async () => {
    const file = path.join(out, 'einladung-oeffentlich.docx');
    await t.call('sitzungen.exportEinladungDocx', { meetingId, variant: 'public', path: file });
    found['public Einladung DOCX'] = await docxFindings(fs.readFileSync(file), everyCanary());
    expect(found['public Einladung DOCX']).toEqual({});

    const members = path.join(out, 'einladung-mitglieder.docx');
    await t.call('sitzungen.exportEinladungDocx', { meetingId, variant: 'members', path: members });
    expect(Object.keys(await docxFindings(fs.readFileSync(members), [canaries.NTop!]))).toEqual([canaries.NTop!]);
  });

  it('public Einladung as PDF: 0 canaries; the members one has them', async () => {
    const file = path.join(out, 'einladung-oeffentlich.pdf');
    await t.call('sitzungen.exportEinladung', { meetingId, format: 'pdf', variant: 'public', path: file });
    found['public Einladung PDF'] = await findStrings(fs.readFileSync(file), everyCanary());
    expect(found['public Einladung PDF']).toEqual({});
    const members = path.join(out, 'einladung-mitglieder.pdf');
    await t.call('sitzungen.exportEinladung', { meetingId, format: 'pdf', variant: 'members', path: members });
    expect(Object.keys(await findStrings(fs.readFileSync(members), [canaries.NTop!]))).toEqual([canaries.NTop!]);
  }, 120_000);

  it('public Niederschrift (DOCX and PDF): 0 canaries; the members one has them', async () => {
    const file = path.join(out, 'niederschrift-oeffentlich.docx');
    await t.call('niederschrift.export', { meetingId, format: 'docx', variant: 'public', path: file });
    found['public Niederschrift DOCX'] = await docxFindings(fs.readFileSync(file), everyCanary());
    expect(found['public Niederschrift DOCX']).toEqual({});
    const pdf = path.join(out, 'niederschrift-oeffentlich.pdf');
    await t.call('niederschrift.export', { meetingId, format: 'pdf', variant: 'public', path: pdf });
    found['public Niederschrift PDF'] = await findStrings(fs.readFileSync(pdf), everyCanary());
    expect(found['public Niederschrift PDF']).toEqual({});

    const members = path.join(out, 'niederschrift-mitglieder.docx');
    await t.call('niederschrift.export', { meetingId, format: 'docx', variant: 'members', path: members });
    expect(Object.keys(await docxFindings(fs.readFileSync(members), [canaries.NTop!]))).toEqual([canaries.NTop!]);
  });

  it('public-only bundle (JSON + Anlage files): 0 canaries; the full bundle has them', async () => {
    const dir = path.join(out, 'bundle-public');
    fs.mkdirSync(dir);
    await t.call('daten.export', { path: path.join(dir, 'export.json'), publicOnly: true });
    found['public bundle'] = treeFindings(dir, everyCanary());
    expect(found['public bundle']).toEqual({});

    const full = path.join(out, 'bundle-full');
    fs.mkdirSync(full);
    await t.call('daten.export', { path: path.join(full, 'export.json'), publicOnly: false });
    expect(Object.keys(treeFindings(full, [canaries.NTop!, canaries.NVAnlageInhalt!])).sort()).toEqual([canaries.NTop!, canaries.NVAnlageInhalt!].sort());
  });

  it('a single Vorlage export (PDF, DOCX, HTML) carries no earlier revision and no Anlage content or file name', async () => {
    const mine = [canaries.AltRevision!, canaries.NAnlageDatei!, canaries.NAnlageInhalt!];
    const pdf = path.join(out, 'vorlage.pdf');
    await t.call('vorlagen.exportPdf', { ref: publicPaper.id, meetingId, path: pdf });
    found['Vorlage PDF'] = await findStrings(fs.readFileSync(pdf), mine);
    const docx = path.join(out, 'vorlage.docx');
    await t.call('vorlagen.exportDocx', { ref: publicPaper.id, meetingId, path: docx });
    found['Vorlage DOCX'] = await docxFindings(fs.readFileSync(docx), mine);
    const html = path.join(out, 'vorlage.html');
    await t.call('vorlagen.exportHtml', { ref: publicPaper.id, meetingId, path: html });
    const htmlText = fs.readFileSync(html, 'utf8');
    found['Vorlage HTML'] = Object.fromEntries(mine.filter((m) => htmlText.includes(m)).map((m) => [m, ['vorlage.html']]));
    expect({ pdf: found['Vorlage PDF'], docx: found['Vorlage DOCX'], html: found['Vorlage HTML'] }).toEqual({ pdf: {}, docx: {}, html: {} });
  }, 120_000);

  it('public Beschlusskontrolle report (DOCX and PDF): 0 canaries; the members one has them', async () => {
    // The Sitzung lies ahead and results are taken only from its day on: the decision on the
    // non-public Vorlage is stored directly, then the result hook creates its entry as usual.
    const item = (await t.app.store.agenda.forPaper(secretPaperId))[0]!;
    const decided = await t.app.store.agenda.setResult(item.id, { result: 'einstimmig beschlossen', votes: null, minutes: null });
    await syncFollowUp(t.app, decided);
    const entry = (await t.call('beschlusskontrolle.list', {})).find((f) => f.paperId === secretPaperId)!;
    await t.call('beschlusskontrolle.set', { id: entry.id, vermerk: `Vertraulicher Vermerk ${c('NVermerk')}` });

    const docx = path.join(out, 'beschlusskontrolle-oeffentlich.docx');
    await t.call('beschlusskontrolle.export', { committeeId: entry.committeeId, format: 'docx', variant: 'public', path: docx });
    found['public Beschlusskontrolle DOCX'] = await docxFindings(fs.readFileSync(docx), everyCanary());
    expect(found['public Beschlusskontrolle DOCX']).toEqual({});
    const pdf = path.join(out, 'beschlusskontrolle-oeffentlich.pdf');
    await t.call('beschlusskontrolle.export', { committeeId: entry.committeeId, format: 'pdf', variant: 'public', path: pdf });
    found['public Beschlusskontrolle PDF'] = await findStrings(fs.readFileSync(pdf), everyCanary());
    expect(found['public Beschlusskontrolle PDF']).toEqual({});

    const members = path.join(out, 'beschlusskontrolle.docx');
    await t.call('beschlusskontrolle.export', { committeeId: entry.committeeId, format: 'docx', variant: 'members', path: members });
    const control = await docxFindings(fs.readFileSync(members), [canaries.NVorlageTitel!, canaries.NBeschluss!, canaries.NVermerk!]);
    expect(Object.keys(control).sort()).toEqual([canaries.NVorlageTitel!, canaries.NBeschluss!, canaries.NVermerk!].sort());
  }, 120_000);

  it('public Nachtrag zur Tagesordnung (DOCX): 0 canaries; the members one has them', async () => {
    await t.call('tagesordnung.add', { meetingId, title: 'Öffentlicher Nachtrag: Bericht zur Sprachkurslage', public: true, supplement: true });
    await t.call('tagesordnung.add', { meetingId, title: `Nachtrag Grundstück ${c('NNachtrag')}`, public: false, supplement: true });
    const file = path.join(out, 'nachtrag-oeffentlich.docx');
    await t.call('sitzungen.exportNachtrag', { meetingId, format: 'docx', variant: 'public', path: file });
    found['public Nachtrag DOCX'] = await docxFindings(fs.readFileSync(file), everyCanary());
    expect(found['public Nachtrag DOCX']).toEqual({});
    const members = path.join(out, 'nachtrag.docx');
    await t.call('sitzungen.exportNachtrag', { meetingId, format: 'docx', variant: 'members', path: members });
    expect(Object.keys(await docxFindings(fs.readFileSync(members), [canaries.NNachtrag!]))).toEqual([canaries.NNachtrag!]);
  });

  it('neutral titles for non-public TOPs (Körperschaft setting, issue 14.6): the public Einladung, Nachtrag and Mappe list their numbers as "Nichtöffentlicher Tagesordnungspunkt", 0 canaries', async () => {
    const body = (await t.call('koerperschaft.get', {}))!;
    await t.call('koerperschaft.save', { ...body, publicAgendaClosed: 'neutral' });
    try {
      const agenda = (await t.call('sitzungen.get', { id: meetingId })).agenda;
      const secretTop = agenda.find((i) => i.title.includes(canaries.NTop!))!;
      const neutralLine = new RegExp(`${secretTop.number.replace(/\s+/g, '\\s+')}\\s+${NEUTRAL_AGENDA_TITLE}`);

      const pdf = path.join(out, 'einladung-neutral.pdf');
      await t.call('sitzungen.exportEinladung', { meetingId, format: 'pdf', variant: 'public', path: pdf });
      found['public Einladung PDF (neutral)'] = await findStrings(fs.readFileSync(pdf), everyCanary());
      expect(found['public Einladung PDF (neutral)']).toEqual({});
      const text = pdfPagesText(new Uint8Array(fs.readFileSync(pdf))).join('\n');
      expect(text).toContain('B. Nichtöffentlicher Teil');
      expect(text).toMatch(neutralLine);

      const docx = path.join(out, 'einladung-neutral.docx');
      await t.call('sitzungen.exportEinladungDocx', { meetingId, variant: 'public', path: docx });
      found['public Einladung DOCX (neutral)'] = await docxFindings(fs.readFileSync(docx), everyCanary());
      expect(found['public Einladung DOCX (neutral)']).toEqual({});
      expect(await docxFindings(fs.readFileSync(docx), [NEUTRAL_AGENDA_TITLE])).toHaveProperty([NEUTRAL_AGENDA_TITLE]);

      const nachtrag = path.join(out, 'nachtrag-neutral.docx');
      await t.call('sitzungen.exportNachtrag', { meetingId, format: 'docx', variant: 'public', path: nachtrag });
      found['public Nachtrag DOCX (neutral)'] = await docxFindings(fs.readFileSync(nachtrag), everyCanary());
      expect(found['public Nachtrag DOCX (neutral)']).toEqual({});
      expect(await docxFindings(fs.readFileSync(nachtrag), [NEUTRAL_AGENDA_TITLE])).toHaveProperty([NEUTRAL_AGENDA_TITLE]);

      const pack = path.join(out, 'mappe-neutral.pdf');
      await t.call('sitzungen.pack', { meetingId, variant: 'public', path: pack });
      found['public pack (neutral)'] = await findStrings(fs.readFileSync(pack), everyCanary());
      expect(found['public pack (neutral)']).toEqual({});
      expect(pdfPagesText(new Uint8Array(fs.readFileSync(pack))).join('\n')).toMatch(neutralLine);
    } finally {
      await t.call('koerperschaft.save', body);
    }
  }, 240_000);
});
