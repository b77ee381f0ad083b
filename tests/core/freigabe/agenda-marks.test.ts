import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { releasePaper } from '../../helpers/freigabe.js';
import { databaseFingerprint, tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';
import { pdfPagesText } from '../export/pdf/pdf-tools.js';
import { DEMO_NOW, demoApp, failure, meetingByKey, paperByKey } from '../workflow/fixtures.js';

const opened: TempApp[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close();
});
/** The demo's Sitzungen lie relative to its creation day, so it is created on DEMO_NOW; the clock moves later. */
let clock = DEMO_NOW;
async function app(later?: Date) {
  clock = DEMO_NOW;
  const t = await demoApp(() => clock);
  opened.push(t);
  if (later) clock = later;
  return t;
}
const docxText = async (file: string) => (await (await JSZip.loadAsync(fs.readFileSync(file))).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');

// soz-4: Sozialausschuss on Wednesday 12.03.2025, Ladungsfrist 7 days (05.03.), Nachträge 3 days (09.03.).
describe('Nachtrag, Tischvorlage, abgesetzt and "Einladung versandt"', () => {
  it('records the Einladung, warns about a missed Ladungsfrist, and refuses a date after the Sitzung or in the future', async () => {
    const t = await app(new Date(2025, 2, 6, 9, 0));
    const soz = await meetingByKey(t, 'soz-4');
    const before = await databaseFingerprint(t.app);
    expect(await failure(t.call('sitzungen.einladungVersandt', { meetingId: soz.id, date: '2025-03-13' }))).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('liegt nach der Sitzung vom 12.03.2025') });
    expect(await failure(t.call('sitzungen.einladungVersandt', { meetingId: soz.id, date: '2025-03-07' }))).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('in der Zukunft') });
    expect(await databaseFingerprint(t.app)).toBe(before);

    const r = await t.call('sitzungen.einladungVersandt', { meetingId: soz.id });
    expect(r.invitedOn).toBe('2025-03-06');
    expect(r.meeting.state).toBe('einberufen');
    expect(r.warnings).toEqual(['Ladungsfrist nicht eingehalten: versandt am 06.03.2025, spätestens am 05.03.2025 (7 Tage).']);
    expect((await t.call('sitzungen.get', { id: soz.id })).invitedOn).toBe('2025-03-06');
    const recorded = (await t.app.store.audit.list({ meetingId: soz.id })).filter((e) => e.action === 'einladung.versandt');
    expect(recorded.map((e) => e.details)).toEqual([{ date: '2025-03-06', late: true }]);
  });

  it('a TOP added after the Einladung is a Nachtrag with the Nachtragsfrist; on the day a Tischvorlage; a Tischvorlage for a past Sitzung is refused', async () => {
    const t = await app(new Date(2025, 2, 3, 9, 0));
    const soz = await meetingByKey(t, 'soz-4');
    const plain = await t.call('tagesordnung.add', { meetingId: soz.id, title: 'Bericht der Verwaltung' });
    expect(plain).toMatchObject({ supplement: false, tischvorlage: false, warnings: [] });
    await t.call('sitzungen.einladungVersandt', { meetingId: soz.id });

    const nachtrag = await t.call('tagesordnung.add', { meetingId: soz.id, title: 'Anfrage der Fraktion' });
    expect(nachtrag).toMatchObject({ supplement: true, tischvorlage: false });
    expect(nachtrag.warnings).toEqual(['Als Nachtrag zur Tagesordnung aufgenommen; Nachtragsfrist für die Sitzung Sozialausschuss am 12.03.2025 bis 09.03.2025.']);

    clock = new Date(2025, 2, 10, 9, 0);
    const late = await t.call('tagesordnung.add', { meetingId: soz.id, title: 'Dringlichkeitsantrag' });
    expect(late.warnings).toEqual(['Nachtragsfrist überschritten: für die Sitzung Sozialausschuss am 12.03.2025 endete sie am 09.03.2025 (3 Tage). Der TOP wird als Nachtrag aufgenommen.']);

    clock = new Date(2025, 2, 12, 8, 0);
    const tisch = await t.call('tagesordnung.add', { meetingId: soz.id, title: 'Ergänzende Zahlen' });
    expect(tisch).toMatchObject({ supplement: false, tischvorlage: true });
    expect(tisch.warnings[0]).toContain('Tischvorlage für die Sitzung Sozialausschuss am 12.03.2025');

    clock = new Date(2025, 2, 13, 8, 0);
    const before = await databaseFingerprint(t.app);
    const past = await failure(t.call('tagesordnung.add', { meetingId: soz.id, title: 'Zu spät', tischvorlage: true }));
    expect(past).toEqual({ code: 'VALIDATION', message: 'Eine Tischvorlage ist nur bis zum Sitzungstag möglich; die Sitzung vom 12.03.2025 ist vorbei. Es wurde nichts gespeichert.' });
    expect(await databaseFingerprint(t.app)).toBe(before);

    // Tagesordnung (DOCX) and the agenda as the core lists it carry the marks.
    const dir = tempDir('vw-marks-');
    await t.call('sitzungen.exportEinladungDocx', { meetingId: soz.id, variant: 'members', path: path.join(dir, 'e.docx') });
    const text = await docxText(path.join(dir, 'e.docx'));
    expect(text).toContain('Anfrage der Fraktion (Nachtrag)');
    expect(text).toContain('Ergänzende Zahlen (Tischvorlage)');
    expect(text).not.toContain('Bericht der Verwaltung (Nachtrag)');
  });

  it('a TOP added after the Ladungsfrist while no Einladung is recorded warns that the Ladungsfrist was missed (adding and vorlage resend)', async () => {
    const t = await app(new Date(2025, 2, 6, 9, 0));
    const soz = await meetingByKey(t, 'soz-4');
    const late = 'Ladungsfrist überschritten: die Einladung für die Sitzung Sozialausschuss am 12.03.2025 hätte bis 05.03.2025 versandt sein müssen (7 Tage).';
    const added = await t.call('tagesordnung.add', { meetingId: soz.id, title: 'Bericht der Verwaltung' });
    expect(added).toMatchObject({ supplement: false, tischvorlage: false, warnings: [late] });
    const kita = await paperByKey(t, 'kita-sprache');
    const sent = await t.call('beratungen.resend', { ref: kita.id, committee: 'soz', meeting: soz.id, role: 'kenntnisnahme' });
    expect(sent.warnings).toEqual([late]);
    // In time, no warning.
    clock = new Date(2025, 2, 4, 9, 0);
    expect((await t.call('tagesordnung.add', { meetingId: soz.id, title: 'Anfragen der Fraktionen' })).warnings).toEqual([]);
  });

  it('tagesordnung.hinweise tells what a TOP added now becomes, with the warning tagesordnung.add gives, changing nothing', async () => {
    const t = await app(new Date(2025, 2, 6, 9, 0));
    const soz = await meetingByKey(t, 'soz-4');
    const late = 'Ladungsfrist überschritten: die Einladung für die Sitzung Sozialausschuss am 12.03.2025 hätte bis 05.03.2025 versandt sein müssen (7 Tage).';
    const before = await databaseFingerprint(t.app);
    expect(await t.call('tagesordnung.hinweise', { meetingId: soz.id })).toEqual({ supplement: false, tischvorlage: false, warnings: [late] });
    expect(await databaseFingerprint(t.app)).toBe(before);

    await t.call('sitzungen.einladungVersandt', { meetingId: soz.id });
    const hint = await t.call('tagesordnung.hinweise', { meetingId: soz.id });
    expect(hint).toEqual({ supplement: true, tischvorlage: false, warnings: ['Als Nachtrag zur Tagesordnung aufgenommen; Nachtragsfrist für die Sitzung Sozialausschuss am 12.03.2025 bis 09.03.2025.'] });
    // A Vorlage put on the agenda through its Beratungsfolge becomes what the hint said.
    const kita = await paperByKey(t, 'kita-sprache');
    const sozCommittee = await t.app.store.committees.find('soz');
    await t.call('beratungen.add', { paperId: kita.id, committeeId: sozCommittee!.id, role: 'kenntnisnahme', meetingId: soz.id });
    expect((await t.call('sitzungen.get', { id: soz.id })).agenda.find((i) => i.paperId === kita.id)).toMatchObject({ supplement: true, tischvorlage: false });

    clock = new Date(2025, 2, 12, 8, 0);
    expect(await t.call('tagesordnung.hinweise', { meetingId: soz.id })).toMatchObject({ supplement: false, tischvorlage: true });
    expect((await failure(t.call('tagesordnung.hinweise', { meetingId: 99_999 }))).code).toBe('NOT_FOUND');
  });

  it('a Nachtrag keeps the numbers of the Einladung already sent: it is numbered under the TOP before it, the TOPs after it keep theirs', async () => {
    const t = await app(new Date(2025, 2, 3, 9, 0));
    const soz = await meetingByKey(t, 'soz-4');
    await t.call('tagesordnung.add', { meetingId: soz.id, title: 'Bericht der Verwaltung' });
    const sent = (await t.call('sitzungen.get', { id: soz.id })).agenda;
    await t.call('sitzungen.einladungVersandt', { meetingId: soz.id });

    await t.call('tagesordnung.add', { meetingId: soz.id, title: 'Anfrage der Fraktion' });
    await t.call('tagesordnung.add', { meetingId: soz.id, title: 'Antrag des Seniorenbeirats' });
    const now = (await t.call('sitzungen.get', { id: soz.id })).agenda;
    // Every TOP of the Einladung has the number it was sent with.
    for (const item of sent) expect(now.find((i) => i.id === item.id)!.number, item.title).toBe(item.number);
    // The two Nachträge stand before the closing Mitteilungen, under the TOP before them.
    const report = now.find((i) => i.title === 'Bericht der Verwaltung')!;
    const added = now.filter((i) => i.supplement);
    expect(added.map((i) => [i.title, i.number])).toEqual([
      ['Anfrage der Fraktion', `${report.number}.1`],
      ['Antrag des Seniorenbeirats', `${report.number}.2`],
    ]);
    const dir = tempDir('vw-nachtrag-numbers-');
    await t.call('sitzungen.exportNachtrag', { meetingId: soz.id, format: 'docx', variant: 'members', path: path.join(dir, 'n.docx') });
    const text = await docxText(path.join(dir, 'n.docx'));
    expect(text).toContain(`${report.number}.1`);
    expect(text).toContain('Anfrage der Fraktion');
  });

  it('removing a TOP after the Einladung keeps it as abgesetzt (printed so, its Beratung free again, no longer blocking the pack); before, it goes', async () => {
    const t = await app();
    const soz = await meetingByKey(t, 'soz-4');
    const before = await t.call('tagesordnung.add', { meetingId: soz.id, title: 'Wird gestrichen' });
    expect(await t.call('tagesordnung.remove', { id: before.id })).toEqual({ removed: true, abgesetzt: false });
    expect((await t.call('sitzungen.get', { id: soz.id })).agenda.some((i) => i.id === before.id)).toBe(false);

    // An unreleased Vorlage on the agenda blocks the pack …
    const kita = await paperByKey(t, 'kita-sprache');
    const sent = await t.call('beratungen.resend', { ref: kita.id, committee: 'soz', meeting: soz.id, role: 'kenntnisnahme' });
    expect(sent.warnings).toEqual([]);
    expect((await t.call('freigabe.unreleased', { meetingId: soz.id })).map((p) => p.paperId)).toEqual([kita.id]);

    await t.call('sitzungen.einladungVersandt', { meetingId: soz.id });
    const top = sent.agendaItem!;
    expect(await t.call('tagesordnung.remove', { id: top.id })).toEqual({ removed: false, abgesetzt: true });
    const agenda = (await t.call('sitzungen.get', { id: soz.id })).agenda;
    expect(agenda.find((i) => i.id === top.id)).toMatchObject({ abgesetzt: true, number: top.number, consultationId: null });
    // … not once abgesetzt; its Beratung can be scheduled again.
    expect(await t.call('freigabe.unreleased', { meetingId: soz.id })).toEqual([]);
    expect((await t.call('beratungen.list', { ref: kita.id })).find((b) => b.id === sent.consultation.id)!.meetingId).toBeNull();
    expect(await failure(t.call('tagesordnung.remove', { id: top.id }))).toMatchObject({ code: 'CONFLICT', message: `TOP ${top.number} ist bereits abgesetzt.` });
    expect((await t.call('vorlagen.history', { ref: kita.id })).events.some((e) => e.action === 'top.abgesetzt')).toBe(true);

    const dir = tempDir('vw-abgesetzt-');
    await t.call('sitzungen.exportEinladungDocx', { meetingId: soz.id, variant: 'members', path: path.join(dir, 'e.docx') });
    expect(await docxText(path.join(dir, 'e.docx'))).toContain(`${kita.title} (abgesetzt)`);
  });

  it('vorlage resend onto an einberufen Sitzung warns with the Nachtragsfrist', async () => {
    const t = await app(new Date(2025, 2, 10, 9, 0));
    const soz = await meetingByKey(t, 'soz-4');
    await t.call('sitzungen.einladungVersandt', { meetingId: soz.id, date: '2025-03-04' });
    const kita = await paperByKey(t, 'kita-sprache');
    const sent = await t.call('beratungen.resend', { ref: kita.id, committee: 'soz', meeting: soz.id, role: 'kenntnisnahme' });
    expect(sent.agendaItem).toMatchObject({ supplement: true });
    expect(sent.warnings).toEqual(['Nachtragsfrist überschritten: für die Sitzung Sozialausschuss am 12.03.2025 endete sie am 09.03.2025 (3 Tage). Der TOP wird als Nachtrag aufgenommen.']);
  });

  it('the Sitzungsmappe stamps every page of a Nachtrag and a Tischvorlage, Anlagen included; the Niederschrift marks both', async () => {
    // ir-3: Integrationsrat on Thursday 06.03.2025; the Einladung went out on 27.02.
    const t = await app();
    const ir = await meetingByKey(t, 'ir-3');
    await t.call('sitzungen.einladungVersandt', { meetingId: ir.id, date: '2025-02-27' });
    // Released Vorlagen of the Sozialausschuss: the Sachstand (two Anlagen) as a Nachtrag, …
    const sachstand = await paperByKey(t, 'sachstand');
    const nachtrag = await t.call('beratungen.resend', { ref: sachstand.id, committee: 'ir', meeting: ir.id, role: 'kenntnisnahme' });
    expect(nachtrag.agendaItem).toMatchObject({ supplement: true, tischvorlage: false });
    // … and on the day of the Sitzung the Integrationsfonds as a Tischvorlage.
    clock = new Date(2025, 2, 6, 8, 0);
    const fonds = await paperByKey(t, 'integrationsfonds');
    const tisch = await t.call('beratungen.resend', { ref: fonds.id, committee: 'ir', meeting: ir.id, role: 'kenntnisnahme' });
    expect(tisch.agendaItem).toMatchObject({ tischvorlage: true });

    const dir = tempDir('vw-marks-pack-');
    const pack = await t.call('sitzungen.pack', { meetingId: ir.id, variant: 'members', path: path.join(dir, 'mappe.pdf') });
    const pages = pdfPagesText(new Uint8Array(fs.readFileSync(path.join(dir, 'mappe.pdf'))));
    expect(pages).toHaveLength(pack.pages);
    // The pages of each TOP's documents: from its start page to the next TOP's.
    const starts = pack.tops.filter((top) => top.page !== null).map((top) => ({ number: top.number, page: top.page! }));
    const pagesOf = (number: string) => {
      const i = starts.findIndex((s) => s.number === number);
      return pages.slice(starts[i]!.page - 1, (starts[i + 1]?.page ?? pages.length + 1) - 1);
    };
    const planned = pagesOf(pack.tops.find((top) => top.title === 'Interkulturelle Woche – Planung')!.number);
    const supplementPages = pagesOf(nachtrag.agendaItem!.number);
    const tischPages = pagesOf(tisch.agendaItem!.number);
    // The Sachstand's own pages and both Anlagen.
    expect(supplementPages.length).toBeGreaterThanOrEqual(3);
    expect(supplementPages.some((p) => p.includes('Anlage 2 zu TOP'))).toBe(true);
    for (const page of supplementPages) {
      expect(page).toContain('Nachtrag');
      expect(page).not.toContain('Tischvorlage');
    }
    expect(tischPages.length).toBeGreaterThanOrEqual(1);
    for (const page of tischPages) expect(page).toContain('Tischvorlage');
    // A TOP of the Einladung carries no stamp.
    expect(planned.length).toBeGreaterThanOrEqual(1);
    for (const page of planned) expect(page).not.toMatch(/Nachtrag|Tischvorlage/);

    await t.call('niederschrift.export', { meetingId: ir.id, format: 'docx', variant: 'members', path: path.join(dir, 'n.docx') });
    const minutes = await docxText(path.join(dir, 'n.docx'));
    // In the Tagesordnung of the Niederschrift and over the TOP itself.
    const count = (text: string) => minutes.split(text).length - 1;
    expect(count(`${sachstand.title} (Nachtrag)`)).toBe(2);
    expect(count(`${fonds.title} (Tischvorlage)`)).toBe(2);
    expect(minutes).not.toContain('Interkulturelle Woche – Planung (');
  }, 120_000);

  it('the bundle carries Einladung versandt, Tischvorlage and abgesetzt (round trip)', async () => {
    const a = await app(new Date(2025, 2, 4, 9, 0));
    const soz = await meetingByKey(a, 'soz-4');
    await a.call('sitzungen.einladungVersandt', { meetingId: soz.id });
    const gone = await a.call('tagesordnung.add', { meetingId: soz.id, title: 'Abgesetzter Punkt' });
    await a.call('tagesordnung.remove', { id: gone.id });
    clock = new Date(2025, 2, 12, 8, 0);
    await a.call('tagesordnung.add', { meetingId: soz.id, title: 'Tischvorlage Zahlen' });
    const dir = tempDir('vw-marks-bundle-');
    const dir2 = tempDir('vw-marks-bundle2-');
    await a.call('daten.export', { path: path.join(dir, 'alles.json') });
    const first = fs.readFileSync(path.join(dir, 'alles.json'), 'utf8');
    const m = (JSON.parse(first) as { meetings: { key: string; invited?: string; agenda: { title: string; tischvorlage?: boolean; abgesetzt?: string; supplement: boolean }[] }[] }).meetings.find((x) => x.key === 'soz-4')!;
    expect(m.invited).toBe('2025-03-04');
    expect(m.agenda.find((i) => i.title === 'Abgesetzter Punkt')).toMatchObject({ supplement: true, abgesetzt: expect.stringMatching(/^2025-03-04T/) });
    expect(m.agenda.find((i) => i.title === 'Tischvorlage Zahlen')).toMatchObject({ tischvorlage: true });

    const b = await tempApp({ now: () => clock });
    opened.push(b);
    await b.call('daten.import', { path: path.join(dir, 'alles.json') });
    await b.call('daten.export', { path: path.join(dir2, 'alles.json') });
    expect(fs.readFileSync(path.join(dir2, 'alles.json'), 'utf8')).toBe(first);
    const agenda = (await b.call('sitzungen.get', { id: (await meetingByKey(b, 'soz-4')).id })).agenda;
    expect(agenda.find((i) => i.title === 'Abgesetzter Punkt')!.abgesetzt).toBe(true);
  });
});

describe('Beschlusskontrolle wording', () => {
  it('takes the Beschluss as amended in the Niederschrift, not the proposal', async () => {
    const t = await app(new Date(2025, 2, 12, 18, 0));
    const soz = await meetingByKey(t, 'soz-4');
    const fonds = await paperByKey(t, 'integrationsfonds');
    await releasePaper(t, fonds.id);
    const item = (await t.call('sitzungen.get', { id: soz.id })).agenda.find((i) => i.paperId === fonds.id)!;
    await t.call('niederschrift.result', {
      meetingId: soz.id,
      agendaItemId: item.id,
      result: 'mit Änderungen beschlossen',
      votes: null,
      resolutionText: { format: 'markdown', text: 'Der Ausschuss beschließt die Vergabe der Mittel mit der Maßgabe, 10 % für Sprachkurse vorzusehen.' },
    });
    const entry = (await t.call('beschlusskontrolle.list', { committeeId: soz.committeeId })).find((f) => f.agendaItemId === item.id)!;
    expect(entry.text).toBe('Der Ausschuss beschließt die Vergabe der Mittel mit der Maßgabe, 10 % für Sprachkurse vorzusehen.');
  });
});
