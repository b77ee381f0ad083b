import { afterEach, describe, expect, it } from 'vitest';
import { databaseFingerprint, type TempApp } from '../../helpers/temp-app.js';
import { DEMO_NOW, committeeByKey, demoApp, failure, meetingByKey, paperByKey } from './fixtures.js';

let t: TempApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const agendaTitles = async (t: TempApp, meetingId: number) =>
  (await t.call('sitzungen.get', { id: meetingId })).agenda.map((i) => `${i.number} ${i.public ? 'Ö' : 'N'} ${i.title}`);

describe('Beratungsfolge', () => {
  it('assigning a Sitzung puts the Vorlage on its agenda after the other Vorlagen, before Mitteilungen and Anfragen', async () => {
    t = await demoApp();
    const paper = await paperByKey(t, 'ehrenamt');
    const soz = await committeeByKey(t, 'soz');
    const sozNext = await meetingByKey(t, 'soz-4');

    const rows = await t.call('beratungen.add', { paperId: paper.id, committeeId: soz.id, role: 'kenntnisnahme', meetingId: sozNext.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ committeeShortName: 'Sozialausschuss', role: 'kenntnisnahme', meetingId: sozNext.id, agendaNumber: '5', open: true, result: null });

    expect(await agendaTitles(t, sozNext.id)).toEqual([
      '1 Ö Eröffnung der Sitzung, Feststellung der ordnungsgemäßen Einladung und der Beschlussfähigkeit',
      '2 Ö Genehmigung der Niederschrift über die Sitzung vom 22.01.2025',
      '3 Ö Kommunales Integrationsmanagement – Aktueller Sachstand',
      '4 Ö Integrationsfonds – Vergabe der Mittel',
      '5 Ö Ehrenamtliche Integrationslotsinnen und -lotsen',
      '6 Ö Mitteilungen der Verwaltung',
      '7 Ö Anfragen',
      '8 N Vergabe Sprachkursträger – Angebotsauswertung',
      '9 N Mitteilungen',
    ]);
    const item = (await t.call('sitzungen.get', { id: sozNext.id })).agenda.find((i) => i.paperId === paper.id)!;
    expect(item).toMatchObject({ consultationId: rows[0]!.id, paperReference: paper.reference, supplement: false });
    // Scheduled in a committee: the Vorlage is no longer a mere draft.
    expect((await t.call('vorlagen.get', { ref: paper.id })).status).toBe('in_beratung');
  });

  it('puts a non-public Vorlage into the non-public part, and marks a TOP added after the Einladung as Nachtrag', async () => {
    t = await demoApp();
    const ir = await committeeByKey(t, 'ir');
    const irNext = await meetingByKey(t, 'ir-3');
    await t.call('sitzungen.save', { ...irNext, state: 'einberufen' });
    const secret = await t.call('vorlagen.create', { template: 'mitteilungsvorlage', departmentId: (await paperByKey(t, 'ehrenamt')).departmentId, title: 'Personalie Integrationsrat', public: false });

    await t.call('beratungen.add', { paperId: secret.id, committeeId: ir.id, role: 'kenntnisnahme', meetingId: irNext.id });
    const agenda = (await t.call('sitzungen.get', { id: irNext.id })).agenda;
    const item = agenda.find((i) => i.paperId === secret.id)!;
    expect(item.public).toBe(false);
    expect(item.supplement).toBe(true);
    expect(agenda.at(-1)!.id).toBe(item.id);
  });

  it('a Vorlage can go only into a Sitzung of the consulting committee, and never into a cancelled or past one', async () => {
    t = await demoApp();
    const paper = await paperByKey(t, 'ehrenamt');
    const soz = await committeeByKey(t, 'soz');
    const before = await databaseFingerprint(t.app);

    const wrong = await failure(t.call('beratungen.add', { paperId: paper.id, committeeId: soz.id, role: 'kenntnisnahme', meetingId: (await meetingByKey(t, 'ord-2')).id }));
    expect(wrong.code).toBe('VALIDATION');
    expect(wrong.message).toContain('Sitzung des Gremiums „Ordnungsausschuss“');
    const past = await failure(t.call('beratungen.add', { paperId: paper.id, committeeId: soz.id, role: 'kenntnisnahme', meetingId: (await meetingByKey(t, 'soz-3')).id }));
    expect(past).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('bereits stattgefunden') });
    expect(await databaseFingerprint(t.app)).toBe(before);
  });

  it('taking the Sitzung away removes the TOP while no result is recorded, and refuses once one is', async () => {
    t = await demoApp();
    const paper = await paperByKey(t, 'integrationsfonds');
    const sozNext = await meetingByKey(t, 'soz-4');
    const [open] = await t.call('beratungen.list', { ref: paper.reference });
    expect(open!.meetingId).toBe(sozNext.id);

    const rows = await t.call('beratungen.update', { id: open!.id, meetingId: null });
    expect(rows[0]).toMatchObject({ meetingId: null, agendaItemId: null, agendaNumber: null });
    expect((await t.call('sitzungen.get', { id: sozNext.id })).agenda.some((i) => i.paperId === paper.id)).toBe(false);
    expect((await t.call('vorlagen.get', { ref: paper.id })).status).toBe('entwurf');

    // A Beratung with a result is history: neither its Sitzung nor the Beratung can go.
    const quartier = await paperByKey(t, 'quartier');
    const [decided] = await t.call('beratungen.list', { ref: quartier.id });
    const before = await databaseFingerprint(t.app);
    const unschedule = await failure(t.call('beratungen.update', { id: decided!.id, meetingId: null }));
    expect(unschedule).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('bereits ein Beratungsergebnis erfasst') });
    expect((await failure(t.call('beratungen.remove', { id: decided!.id }))).code).toBe('CONFLICT');
    expect(await databaseFingerprint(t.app)).toBe(before);
  });

  it('removing a Beratung after the Einladung leaves its TOP as "abgesetzt"; once the Sitzung\'s day is over its agenda cannot change', async () => {
    let clock = DEMO_NOW;
    t = await demoApp(() => clock);
    const paper = await paperByKey(t, 'integrationsfonds');
    const sozNext = await meetingByKey(t, 'soz-4');
    const [open] = await t.call('beratungen.list', { ref: paper.reference });
    expect(open!.meetingId).toBe(sozNext.id);
    await t.call('sitzungen.einladungVersandt', { meetingId: sozNext.id, date: '2025-03-01' });

    // The day after the Sitzung (not yet marked durchgeführt): neither way off its agenda is open.
    clock = new Date(2025, 2, 14, 9, 0);
    const before = await databaseFingerprint(t.app);
    for (const attempt of [t.call('beratungen.remove', { id: open!.id }), t.call('beratungen.update', { id: open!.id, meetingId: null })]) {
      expect(await failure(attempt)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Tagesordnung ist abgeschlossen') });
    }
    expect(await databaseFingerprint(t.app)).toBe(before);

    // Before the Sitzung, after the Einladung: the Beratung goes, its TOP stays as abgesetzt.
    clock = DEMO_NOW;
    expect((await t.call('beratungen.remove', { id: open!.id })).some((b) => b.id === open!.id)).toBe(false);
    const item = (await t.call('sitzungen.get', { id: sozNext.id })).agenda.find((i) => i.paperId === paper.id);
    expect(item).toMatchObject({ abgesetzt: true, consultationId: null, result: null });
    expect((await t.call('vorlagen.history', { ref: paper.id })).events.some((e) => e.action === 'top.abgesetzt')).toBe(true);
  });

  it('after "vertagt" the Beratung goes on to a later Sitzung; the TOP stays in its Sitzung with that result', async () => {
    let clock = DEMO_NOW;
    t = await demoApp(() => clock);
    const paper = await paperByKey(t, 'integrationsfonds');
    const soz = await committeeByKey(t, 'soz');
    const sozNext = await meetingByKey(t, 'soz-4');
    const later = await t.call('sitzungen.save', { committeeId: soz.id, start: '2025-05-08T15:00', location: 'Kreishaus' });
    clock = new Date(2025, 2, 13, 18, 0); // the evening of the Sitzung
    const item = (await t.call('sitzungen.get', { id: sozNext.id })).agenda.find((i) => i.paperId === paper.id)!;
    await t.call('tagesordnung.result', { meetingId: sozNext.id, agendaItemId: item.id, result: 'vertagt' });
    const [beratung] = await t.call('beratungen.list', { ref: paper.id });
    expect(beratung).toMatchObject({ meetingId: sozNext.id, result: 'vertagt', open: true });
    expect((await t.call('vorlagen.get', { ref: paper.id })).status).toBe('in_beratung');

    // A second Beratung of the same committee is refused, saying what to do instead.
    const before = await databaseFingerprint(t.app);
    const second = await failure(t.call('beratungen.add', { paperId: paper.id, committeeId: soz.id, role: 'entscheidung', meetingId: later.id }));
    expect(second).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('vertagt') });
    expect(second.message).not.toContain('noch ohne Ergebnis');
    expect(await databaseFingerprint(t.app)).toBe(before);

    const rows = await t.call('beratungen.update', { id: beratung!.id, meetingId: later.id });
    expect(rows[0]).toMatchObject({ meetingId: later.id, result: null, open: true, agendaNumber: '1' });
    // The postponed TOP is the history of its Sitzung: still there, still "vertagt".
    const old = (await t.call('sitzungen.get', { id: sozNext.id })).agenda.find((i) => i.id === item.id)!;
    expect(old).toMatchObject({ paperId: paper.id, result: 'vertagt' });
    expect((await t.call('sitzungen.get', { id: later.id })).agenda.map((i) => i.paperId)).toEqual([paper.id]);

    // Decided at the later Sitzung, the Vorlage is beschlossen.
    clock = new Date(2025, 4, 8, 18, 0);
    const next = (await t.call('sitzungen.get', { id: later.id })).agenda[0]!;
    await t.call('tagesordnung.result', { meetingId: later.id, agendaItemId: next.id, result: 'einstimmig beschlossen' });
    expect((await t.call('vorlagen.get', { ref: paper.id })).status).toBe('beschlossen');
  });

  it('moves a Beratung to another Sitzung of the same committee and removes it with its TOP', async () => {
    t = await demoApp();
    const paper = await paperByKey(t, 'haushalt-ki');
    const [soz] = await t.call('beratungen.list', { ref: paper.id });
    const sozNext = await meetingByKey(t, 'soz-4');
    const later = await t.call('sitzungen.save', { committeeId: soz!.committeeId, start: '2025-05-08T15:00', location: 'Kreishaus' });

    await t.call('beratungen.update', { id: soz!.id, meetingId: sozNext.id });
    let rows = await t.call('beratungen.update', { id: soz!.id, meetingId: later.id, role: 'entscheidung' });
    expect(rows[0]).toMatchObject({ meetingId: later.id, role: 'entscheidung', agendaNumber: '1' });
    expect((await t.call('sitzungen.get', { id: sozNext.id })).agenda.some((i) => i.paperId === paper.id)).toBe(false);

    rows = await t.call('beratungen.remove', { id: soz!.id });
    expect(rows.map((r) => r.committeeShortName)).toEqual(['Kreisausschuss']);
    expect(rows[0]!.position).toBe(0);
    expect((await t.call('sitzungen.get', { id: later.id })).agenda).toHaveLength(0);
  });

  it('keeps one open Beratung per committee, inserts at a position and reorders', async () => {
    t = await demoApp();
    const paper = await paperByKey(t, 'haushalt-ki');
    const soz = await committeeByKey(t, 'soz');
    const ir = await committeeByKey(t, 'ir');
    const dup = await failure(t.call('beratungen.add', { paperId: paper.id, committeeId: soz.id, role: 'kenntnisnahme' }));
    expect(dup).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('bereits zur Beratung vor') });

    let rows = await t.call('beratungen.add', { paperId: paper.id, committeeId: ir.id, role: 'vorberatung', position: 0 });
    expect(rows.map((r) => r.committeeShortName)).toEqual(['Integrationsrat', 'Sozialausschuss', 'Kreisausschuss']);
    rows = await t.call('beratungen.reorder', { paperId: paper.id, orderedIds: [rows[1]!.id, rows[0]!.id, rows[2]!.id] });
    expect(rows.map((r) => r.committeeShortName)).toEqual(['Sozialausschuss', 'Integrationsrat', 'Kreisausschuss']);
    const bad = await failure(t.call('beratungen.reorder', { paperId: paper.id, orderedIds: [rows[0]!.id] }));
    expect(bad.code).toBe('VALIDATION');
  });

  it('derives the status from the Beratungen: Entwurf → in Beratung → beschlossen', async () => {
    let clock = DEMO_NOW;
    t = await demoApp(() => clock);
    const paper = await paperByKey(t, 'integrationsfonds');
    expect((await t.call('vorlagen.get', { ref: paper.id })).status).toBe('in_beratung');
    const sozNext = await meetingByKey(t, 'soz-4');
    clock = new Date(2025, 2, 13, 18, 0); // the evening of the Sitzung
    const item = (await t.call('sitzungen.get', { id: sozNext.id })).agenda.find((i) => i.paperId === paper.id)!;
    await t.call('tagesordnung.result', { meetingId: sozNext.id, agendaItemId: item.id, result: 'einstimmig beschlossen' });
    expect((await t.call('vorlagen.get', { ref: paper.id })).status).toBe('beschlossen');
    const rows = await t.call('beratungen.list', { ref: paper.id });
    expect(rows[0]).toMatchObject({ result: 'einstimmig beschlossen', open: false });
  });
});
