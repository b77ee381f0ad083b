import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { databaseFingerprint, type TempApp } from '../../helpers/temp-app.js';
import { pdfInfo, pdfText } from '../export/pdf/pdf-tools.js';
import { DEMO_NOW, committeeByKey, demoApp, failure, meetingByKey, paperByKey } from '../workflow/fixtures.js';

let t: TempApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** The demo on a clock the test can move (the demo's dates are laid out from DEMO_NOW). */
async function demoWithClock() {
  const clock = { now: DEMO_NOW };
  t = await demoApp(() => clock.now);
  return clock;
}

describe('Beschlusskontrolle', () => {
  it('has an entry for every decision of an Entscheidung in the demo, with the Beschlussvorschlag and the Vorlage’s Amt', async () => {
    await demoWithClock();
    const ka = await committeeByKey(t!, 'ka');
    const quartier = await paperByKey(t!, 'quartier');
    const entries = await t!.call('beschlusskontrolle.list', { committeeId: ka.id });
    expect(entries.map((e) => e.reference).sort()).toEqual([quartier.reference, (await paperByKey(t!, 'personalkonzept')).reference].sort());
    const e = entries.find((x) => x.paperId === quartier.id)!;
    expect(e).toMatchObject({
      stand: 'offen',
      frist: null,
      result: 'einstimmig beschlossen',
      departmentId: quartier.departmentId,
      text: 'Der Kreisausschuss beschließt die Fortsetzung des Förderprogramms „Zusammen im Quartier“ für weitere zwei Jahre.',
      overdue: false,
    });
    // The Vorberatung in the Sozialausschuss is a Beschlussempfehlung: not tracked by default.
    expect(await t!.call('beschlusskontrolle.list', { committeeId: (await committeeByKey(t!, 'soz')).id })).toEqual([]);
  });

  it('a recorded decision creates the entry; "vertagt" removes an untouched one; Beschlussempfehlungen when configured', async () => {
    const clock = await demoWithClock();
    const soz4 = await meetingByKey(t!, 'soz-4');
    const fonds = await paperByKey(t!, 'integrationsfonds');
    clock.now = new Date(2025, 2, 12, 19, 0);
    const item = (await t!.call('sitzungen.get', { id: soz4.id })).agenda.find((i) => i.paperId === fonds.id)!;

    await t!.call('tagesordnung.result', { meetingId: soz4.id, agendaItemId: item.id, result: 'mehrheitlich beschlossen', votes: { yes: 9, no: 2, abstain: 0 } });
    let entry = (await t!.call('beschlusskontrolle.list', {})).find((e) => e.agendaItemId === item.id)!;
    expect(entry).toMatchObject({ reference: fonds.reference, decidedOn: '2025-03-12', agendaNumber: item.number, result: 'mehrheitlich beschlossen', stand: 'offen' });
    const events = (await t!.call('vorlagen.history', { ref: fonds.id })).events.map((e) => e.action);
    expect(events).toContain('beschlusskontrolle.angelegt');

    // A corrected result updates the same entry.
    await t!.call('tagesordnung.result', { meetingId: soz4.id, agendaItemId: item.id, result: 'einstimmig beschlossen', votes: null });
    const all = (await t!.call('beschlusskontrolle.list', {})).filter((e) => e.agendaItemId === item.id);
    expect(all).toHaveLength(1);
    expect(all[0]!.result).toBe('einstimmig beschlossen');
    const followUpEvent = async (action: string) => (await t!.call('vorlagen.history', { ref: fonds.id })).events.find((e) => e.action === action)?.details;
    expect(await followUpEvent('beschlusskontrolle.aktualisiert')).toMatchObject({ followUpId: entry.id, result: 'einstimmig beschlossen' });

    await t!.call('tagesordnung.result', { meetingId: soz4.id, agendaItemId: item.id, result: 'vertagt' });
    expect((await t!.call('beschlusskontrolle.list', {})).some((e) => e.agendaItemId === item.id)).toBe(false);
    expect(await followUpEvent('beschlusskontrolle.entfernt')).toMatchObject({ followUpId: entry.id, result: 'vertagt' });

    // Once someone worked on it, the entry survives a later "vertagt".
    await t!.call('tagesordnung.result', { meetingId: soz4.id, agendaItemId: item.id, result: 'einstimmig beschlossen' });
    entry = (await t!.call('beschlusskontrolle.list', {})).find((e) => e.agendaItemId === item.id)!;
    await t!.call('beschlusskontrolle.set', { id: entry.id, vermerk: 'Bescheide in Vorbereitung' });
    await t!.call('tagesordnung.result', { meetingId: soz4.id, agendaItemId: item.id, result: 'vertagt' });
    expect((await t!.call('beschlusskontrolle.get', { id: entry.id })).notes).toHaveLength(1);

    // Beschlussempfehlung (Vorberatung) only when configured.
    const haushalt = await paperByKey(t!, 'haushalt-ki');
    const soz = await committeeByKey(t!, 'soz');
    await t!.call('beratungen.update', {
      id: (await t!.call('beratungen.list', { ref: haushalt.id })).find((c) => c.committeeId === soz.id)!.id,
      meetingId: soz4.id,
    });
    const hItem = (await t!.call('sitzungen.get', { id: soz4.id })).agenda.find((i) => i.paperId === haushalt.id)!;
    await t!.call('tagesordnung.result', { meetingId: soz4.id, agendaItemId: hItem.id, result: 'einstimmig beschlossen' });
    expect((await t!.call('beschlusskontrolle.list', {})).some((e) => e.agendaItemId === hItem.id)).toBe(false);
    await t!.call('freigabe.setConfig', { steps: ['amtsleitung', 'kaemmerei'], followUpRecommendations: true, amendmentSuffix: '{nummer}/{n}' });
    await t!.call('tagesordnung.result', { meetingId: soz4.id, agendaItemId: hItem.id, result: 'mehrheitlich beschlossen' });
    expect((await t!.call('beschlusskontrolle.list', {})).some((e) => e.agendaItemId === hItem.id)).toBe(true);
  });

  it('sets Stand, Frist, Zuständigkeit and dated Vermerke; overdue once the Frist has passed and it is not erledigt', async () => {
    const clock = await demoWithClock();
    const entry = (await t!.call('beschlusskontrolle.list', {}))[0]!;
    const ordnung = (await t!.call('aemter.list', {})).find((d) => d.key === 'ordnung')!;
    const updated = await t!.call('beschlusskontrolle.set', { id: entry.id, stand: 'in_bearbeitung', frist: '2025-03-31', departmentId: ordnung.id, vermerk: 'Zuwendungsbescheide verschickt' });
    expect(updated).toMatchObject({ stand: 'in_bearbeitung', frist: '2025-03-31', departmentId: ordnung.id, overdue: false });
    expect(updated.notes).toEqual([{ id: expect.any(Number), at: DEMO_NOW.toISOString(), author: 'test', text: 'Zuwendungsbescheide verschickt' }]);
    const audit = (await t!.app.store.audit.list({ limit: 5 })).find((e) => e.action === 'beschlusskontrolle.geaendert')!;
    expect(audit.details).toMatchObject({ followUpId: entry.id, changed: { stand: 'in_bearbeitung', frist: '2025-03-31', departmentId: ordnung.id }, previous: { stand: 'offen', frist: null } });

    clock.now = new Date(2025, 3, 1, 9, 0);
    expect((await t!.call('beschlusskontrolle.list', { overdue: true })).map((e) => e.id)).toEqual([entry.id]);
    await t!.call('beschlusskontrolle.set', { id: entry.id, stand: 'erledigt' });
    expect(await t!.call('beschlusskontrolle.list', { overdue: true })).toEqual([]);
  });

  it('refuses a Frist before the Beschluss and an unknown entry, changing nothing', async () => {
    await demoWithClock();
    const entry = (await t!.call('beschlusskontrolle.list', {}))[0]!;
    const before = await databaseFingerprint(t!.app);
    const early = await failure(t!.call('beschlusskontrolle.set', { id: entry.id, frist: '2020-01-01', stand: 'erledigt', vermerk: 'x' }));
    expect(early.code).toBe('VALIDATION');
    expect(early.message).toBe(`Die Frist 01.01.2020 liegt vor dem Beschluss vom ${entry.decidedOn.split('-').reverse().join('.')}. Es wurde nichts geändert.`);
    expect((await failure(t!.call('beschlusskontrolle.set', { id: 99_999, stand: 'erledigt' }))).code).toBe('NOT_FOUND');
    expect((await failure(t!.call('beschlusskontrolle.set', { id: entry.id, frist: '2025-02-30' }))).code).toBe('VALIDATION');
    expect(await databaseFingerprint(t!.app)).toBe(before);
  });

  it('reports per Gremium as a landscape DOCX table and a landscape PDF', async () => {
    await demoWithClock();
    const ka = await committeeByKey(t!, 'ka');
    const entry = (await t!.call('beschlusskontrolle.list', { committeeId: ka.id })).find((e) => e.title.startsWith('Förderprogramm'))!;
    await t!.call('beschlusskontrolle.set', { id: entry.id, frist: '2025-06-30', vermerk: 'Förderaufruf veröffentlicht' });

    const docx = path.join(t!.dir, 'bk.docx');
    const r = await t!.call('beschlusskontrolle.export', { committeeId: ka.id, format: 'docx', path: docx });
    expect(r.entries).toBe(2);
    const xml = await (await JSZip.loadAsync(fs.readFileSync(docx))).file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    for (const text of ['Bericht zur Beschlusskontrolle – Kreisausschuss', 'Zuständig', entry.reference, '30.06.2025', 'Förderaufruf veröffentlicht', 'Personalkonzept Case Management']) {
      expect(xml).toContain(text);
    }

    // The public variant leaves out the non-public Personalkonzept.
    const pdf = path.join(t!.dir, 'bk.pdf');
    const p = await t!.call('beschlusskontrolle.export', { committeeId: ka.id, format: 'pdf', variant: 'public', path: pdf });
    expect(p.entries).toBe(1);
    const bytes = new Uint8Array(fs.readFileSync(pdf));
    const [w, h] = /([\d.]+) x ([\d.]+) pts/.exec(pdfInfo(bytes)['Page size']!)!.slice(1).map(Number);
    expect(w).toBeGreaterThan(h!);
    const text = pdfText(bytes);
    // Table cells wrap: the Vermerk may span two lines of the extracted text.
    expect(text).toMatch(/Förderaufruf\s+(\S.*\s+)?veröffentlicht/);
    expect(text).toContain('30.06.2025');
    expect(text).not.toContain('Personalkonzept');
  }, 60_000);
});
