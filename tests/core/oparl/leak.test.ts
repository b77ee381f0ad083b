import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEUTRAL_AGENDA_TITLE } from '../../../electron/core/export/print-model.js';
import { tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';
import { filesBelow, readExport } from './read-export.js';

/**
 * OParl data is public by definition. Non-public TOPs (titles, results, minutes), non-public
 * Vorlagen (title, number, section text, Anlagen), non-public Anlagen of public Vorlagen (title,
 * file name, bytes) and a draft carry unique canary words; every file of the export — JSON and
 * files/ — is scanned as bytes (UTF-8, UTF-16, JSON-escaped, URL-encoded) and by file name.
 * A full bundle of the same database is the control: there the canaries must show up.
 */

let t: TempApp;
let out: string;
const canaries: Record<string, string> = {};
const c = (tag: string) => (canaries[tag] = `Zqo${tag}${Math.random().toString(36).slice(2, 7)}`);
const doc = (...texts: string[]) => ({ type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });
const b64 = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`).toString('base64');
let publicPaper: { id: number; reference: string; title: string };
let publicTopOfSecretPaper: { id: number; title: string };
let pastMeeting: { id: number; key: string };
const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });

beforeAll(async () => {
  t = await tempApp({ demo: true });
  const department = (await t.call('aemter.list', {}))[0]!;
  const meetings = await t.call('sitzungen.list', {});
  const future = meetings.find((m) => m.state === 'geplant' && m.start > new Date().toISOString().slice(0, 16))!;

  // A public Vorlage on the agenda, with a public and a non-public Anlage.
  const pub = await t.call('vorlagen.create', {
    template: 'mitteilungsvorlage', departmentId: department.id, public: true, title: 'Sachstand Sprachkurse im Musterkreis',
    sections: { erlaeuterungen: doc('Die Sprachkurse sind gut ausgelastet.') },
  });
  await t.call('anlagen.add', { paperId: pub.id, title: 'Kursstatistik', fileName: 'kursstatistik.pdf', public: true, dataBase64: b64('Kursstatistik oeffentlich') });
  await t.call('anlagen.add', { paperId: pub.id, title: `Teilnehmerliste ${c('NAnlageTitel')}`, fileName: `${c('NAnlageDatei')}.pdf`, public: false, dataBase64: b64(c('NAnlageInhalt')) });
  await t.call('beratungen.add', { paperId: pub.id, committeeId: future.committeeId, role: 'kenntnisnahme', meetingId: future.id });
  publicPaper = { id: pub.id, reference: pub.reference, title: pub.title };

  // A non-public Vorlage with a non-public Anlage, on the same agenda (its TOP is non-public).
  const secret = await t.call('vorlagen.create', {
    template: 'beschlussvorlage', departmentId: department.id, public: false, title: `Personalangelegenheit ${c('NVorlageTitel')}`,
    sections: { erlaeuterungen: doc(`Vertraulich: ${c('NVorlageText')}.`), beschlussvorschlag: doc(`Der Ausschuss beschließt ${c('NBeschluss')}.`) },
  });
  await t.call('anlagen.add', { paperId: secret.id, title: `Gutachten ${c('NVAnlageTitel')}`, fileName: `${c('NVAnlageDatei')}.pdf`, public: false, dataBase64: b64(c('NVAnlageInhalt')) });
  await t.call('beratungen.add', { paperId: secret.id, committeeId: future.committeeId, role: 'entscheidung', meetingId: future.id });
  canaries.NVorlageNummer = secret.reference;

  // A public TOP (neutral title) for a non-public Vorlage, as an imported bundle may bring it (the
  // app itself moves such TOPs to the non-public part): the TOP stays, nothing of the Vorlage.
  const secret2 = await t.call('vorlagen.create', {
    template: 'beschlussvorlage', departmentId: department.id, public: false, title: `Grundstücksankauf ${c('N2VorlageTitel')}`,
    sections: { erlaeuterungen: doc(`Kaufpreis ${c('N2VorlageText')}.`) },
  });
  await t.call('beratungen.add', { paperId: secret2.id, committeeId: future.committeeId, role: 'entscheidung', meetingId: future.id });
  const secret2Top = (await t.call('sitzungen.get', { id: future.id })).agenda.find((i) => i.paperId === secret2.id)!;
  await t.app.store.agenda.update(secret2Top.id, { public: true, title: 'Angelegenheit der Liegenschaftsverwaltung' });
  canaries.N2VorlageNummer = secret2.reference;
  publicTopOfSecretPaper = { id: secret2Top.id, title: 'Angelegenheit der Liegenschaftsverwaltung' };

  // Non-public TOPs without a Vorlage: one with a result and minutes in a past Sitzung.
  await t.call('tagesordnung.add', { meetingId: future.id, title: `Grundstücksangelegenheit ${c('NTop')}`, public: false });
  const past = meetings.find((m) => m.key === 'soz-1')!;
  // The agenda of a past Sitzung is locked for users: the TOP is put there through the store.
  const item = await t.app.store.agenda.insert({ meetingId: past.id, title: `Personalie ${c('NTopErgebnis')}`, public: false });
  await t.call('tagesordnung.result', {
    meetingId: past.id, agendaItemId: item.id, result: `beschlossen ${c('NErgebnis')}`,
    minutes: { format: 'markdown', text: `Die Verwaltung berichtet über ${c('NNiederschrift')}.` },
  });

  // The Niederschrift of that Sitzung is approved, so its public part is published as a PDF
  // (Meeting.resultsProtocol): the non-public TOP must not be in it.
  const later = meetings.find((m) => m.key === 'soz-2')!;
  const [y, mo, d] = past.start.slice(0, 10).split('-');
  const approving = await t.app.store.agenda.insert({ meetingId: later.id, title: `Genehmigung der Niederschrift über die Sitzung vom ${d}.${mo}.${y}`, public: true });
  await t.call('niederschrift.approve', { meetingId: past.id, byAgendaItemId: approving.id });
  pastMeeting = { id: past.id, key: past.key };

  // A draft marked public: not on any agenda yet, so not published.
  await t.call('vorlagen.create', { template: 'mitteilungsvorlage', departmentId: department.id, public: true, title: `Entwurf ${c('Entwurf')}`, sections: {} });

  out = path.join(tempDir('vw-oparl-leak-'), 'export');
  await t.call('daten.oparlExport', { dir: out });
}, 60_000);

afterAll(async () => t?.close());

/** Where each needle occurs in a folder: file contents in several encodings, and file names. */
function findings(dir: string, needles: string[]): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const rel of filesBelow(dir)) {
    const bytes = fs.readFileSync(path.join(dir, ...rel.split('/')));
    for (const needle of needles) {
      const forms = [needle, JSON.stringify(needle).slice(1, -1), encodeURIComponent(needle)];
      const hit =
        rel.includes(needle) ||
        forms.some((f) => bytes.includes(Buffer.from(f, 'utf8'))) ||
        bytes.includes(Buffer.from(needle, 'utf16le')) ||
        bytes.toString('utf8').normalize('NFC').includes(needle.normalize('NFC'));
      if (hit) (found[needle] ??= []).push(rel);
    }
  }
  return found;
}

describe('OParl export leaks nothing non-public', () => {
  it('no canary in any exported file or file name', () => {
    expect(Object.keys(canaries).length).toBeGreaterThanOrEqual(14);
    expect(findings(out, Object.values(canaries))).toEqual({});
  });

  it('with neutral titles (Körperschaft setting) the published Einladung lists a non-public TOP by its number only, as the public Einladung of the app does', async () => {
    const body = (await t.call('koerperschaft.get', {}))!;
    await t.call('koerperschaft.save', { ...body, publicAgendaClosed: 'neutral' });
    try {
      const dir = path.join(tempDir('vw-oparl-neutral-'), 'export');
      await t.call('daten.oparlExport', { dir });
      expect(findings(dir, Object.values(canaries))).toEqual({});
      const secret = (await t.call('sitzungen.get', { id: pastMeeting.id })).agenda.find((i) => i.title.includes(canaries.NTopErgebnis!))!;
      const text = pdfText(path.join(dir, 'files', `sitzung-${pastMeeting.key}-einladung`, 'einladung.pdf'));
      expect(text).toContain('Nichtöffentlicher Teil');
      expect(text).toMatch(new RegExp(`${secret.number.replace(/\s+/g, '\\s+')}\\s+${NEUTRAL_AGENDA_TITLE}`));
    } finally {
      await t.call('koerperschaft.save', body);
    }
  }, 60_000);

  it('control: the same canaries are in the full (internal) bundle of this database', async () => {
    const dir = tempDir('vw-oparl-control-');
    await t.call('daten.export', { path: path.join(dir, 'export.json'), publicOnly: false });
    const expected = ['NTop', 'NTopErgebnis', 'NErgebnis', 'NVorlageTitel', 'NVorlageText', 'NVAnlageDatei', 'NVAnlageInhalt', 'NAnlageDatei', 'NAnlageInhalt', 'N2VorlageTitel', 'Entwurf'].map((k) => canaries[k]!);
    expect(Object.keys(findings(dir, expected)).sort()).toEqual([...expected].sort());
  });

  it('no canary in the text of a published PDF (Einladung, Niederschrift, Vorlage, Auszug); the members\' Niederschrift is the control', async () => {
    const pdfs = filesBelow(out).filter((rel) => rel.endsWith('.pdf') && /^files\/(sitzung|vorlage|top)-/.test(rel));
    const protocol = `files/sitzung-${pastMeeting.key}-niederschrift/niederschrift.pdf`;
    expect(pdfs).toContain(protocol);
    expect(pdfs.some((rel) => rel.endsWith('/vorlage.pdf'))).toBe(true);
    expect(pdfs.some((rel) => rel.endsWith('/auszug.pdf'))).toBe(true);
    const protocolText = pdfText(path.join(out, ...protocol.split('/')));
    expect(protocolText).toContain('Niederschrift');
    for (const rel of pdfs) {
      const text = pdfText(path.join(out, ...rel.split('/')));
      expect(Object.values(canaries).filter((needle) => text.includes(needle)), rel).toEqual([]);
    }
    const members = path.join(tempDir('vw-oparl-control-pdf-'), 'niederschrift.pdf');
    await t.call('niederschrift.export', { meetingId: pastMeeting.id, format: 'pdf', variant: 'members', path: members });
    const membersText = pdfText(members);
    expect(membersText).toContain(canaries.NTopErgebnis);
    expect(membersText).toContain(canaries.NErgebnis);
  });

  it('the public parts around them are exported', () => {
    const { lists } = readExport(out);
    const paper = lists.papers.data.find((p) => p.reference === publicPaper.reference)!;
    expect(paper.name).toBe(publicPaper.title);
    expect((paper.auxiliaryFile as { name: string }[]).map((f) => f.name)).toEqual(['Kursstatistik']);
    const top = lists.agendaItems.data.find((i) => i.id.endsWith(`/agendaItems/${publicTopOfSecretPaper.id}.json`))!;
    expect(top.name).toBe(publicTopOfSecretPaper.title);
    // Its Vorlage is non-public: no link to a Beratung of it.
    expect(top.consultation).toBeUndefined();
    expect(lists.agendaItems.data.every((i) => i.public === true)).toBe(true);
  });
});
