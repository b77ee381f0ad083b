import { afterEach, describe, expect, it } from 'vitest';
import { formatVotes } from '../../../electron/shared/results.js';
import { databaseFingerprint, type TempApp } from '../../helpers/temp-app.js';
import { DEMO_NOW, demoApp, failure, meetingByKey, paperByKey } from './fixtures.js';

let t: TempApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** The Standorte-Vorlage in the Sozialausschuss 40 days before the demo date (22.01.2025), TOP 2. */
async function standorte(t: TempApp) {
  const paper = await paperByKey(t, 'beratungsstellen');
  const meeting = await meetingByKey(t, 'soz-3');
  const item = (await t.call('sitzungen.get', { id: meeting.id })).agenda.find((i) => i.paperId === paper.id)!;
  return { paper, meeting, item };
}

describe('Beratungsergebnis', () => {
  it('records result, vote and Markdown minutes by TOP number, and exports the Beratungsergebnis text', async () => {
    t = await demoApp();
    const { paper, meeting, item } = await standorte(t);
    const r = await t.call('tagesordnung.result', {
      meetingId: meeting.id,
      agendaNumber: item.number,
      result: 'mehrheitlich beschlossen',
      votes: { yes: 10, no: 2, abstain: 1 },
      minutes: { format: 'markdown', text: 'Frau Albers erläutert die **Sprechzeiten**.\n\n- Nordstadt\n- Talheim' },
    });
    expect(r.agendaItem).toMatchObject({ id: item.id, result: 'mehrheitlich beschlossen', votes: { yes: 10, no: 2, abstain: 1 } });
    expect(r.paper).toMatchObject({ id: paper.id, reference: paper.reference });
    expect(r.resendOffers).toEqual([]);
    const rows = await t.call('beratungen.list', { ref: paper.id });
    expect(rows[0]).toMatchObject({ result: 'mehrheitlich beschlossen', votes: { yes: 10, no: 2, abstain: 1 } });

    const text = await t.call('tagesordnung.resultText', { agendaItemId: item.id });
    expect(text.heading).toBe(`Beratungsergebnis zu Vorlage Nr. ${paper.reference}`);
    expect(text.when).toBe('Sozialausschuss am 22.01.2025');
    expect(text.item).toBe('Zu Punkt 2: Beratungsangebote für Neuzugewanderte – Standorte');
    // A Beratung zur Kenntnisnahme is never printed as "Beschluss:" (issue 17).
    expect(text.result).toBe('Kenntnis genommen (mehrheitlich beschlossen)');
    expect(text.vote).toBe('mit 10 Ja-Stimmen, 2 Nein-Stimmen, 1 Enthaltung');
    expect(text.text).toBe(
      [
        `Beratungsergebnis zu Vorlage Nr. ${paper.reference}`,
        'Sozialausschuss am 22.01.2025',
        'Zu Punkt 2: Beratungsangebote für Neuzugewanderte – Standorte',
        'Frau Albers erläutert die Sprechzeiten.\n\n- Nordstadt\n- Talheim',
        'Kenntnis genommen (mehrheitlich beschlossen)',
        'Abstimmungsergebnis: mit 10 Ja-Stimmen, 2 Nein-Stimmen, 1 Enthaltung',
      ].join('\n\n'),
    );
    const events = (await t.call('vorlagen.history', { ref: paper.id })).events.filter((e) => e.action === 'ergebnis.erfasst');
    expect(events[0]!.details).toMatchObject({ agendaNumber: '2', result: 'mehrheitlich beschlossen', previous: { result: 'Kenntnis genommen' } });
  });

  it('takes minutes as document JSON, keeps them on a later correction of the result, and clears them with null', async () => {
    t = await demoApp();
    const { meeting, item } = await standorte(t);
    const doc = { type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'Aussprache ohne Wortmeldungen.' }] }] };
    await t.call('tagesordnung.result', { meetingId: meeting.id, agendaItemId: item.id, result: 'Kenntnis genommen', minutes: { format: 'doc', doc } });
    let r = await t.call('tagesordnung.result', { meetingId: meeting.id, agendaItemId: item.id, result: 'zur Kenntnis genommen' });
    expect(r.agendaItem.minutes).toEqual(doc);
    expect((await t.call('tagesordnung.resultText', { agendaItemId: item.id })).vote).toBeNull();
    r = await t.call('tagesordnung.result', { meetingId: meeting.id, agendaItemId: item.id, result: 'zur Kenntnis genommen', minutes: null });
    expect(r.agendaItem.minutes).toBeNull();
  });

  it('answers a request for further committees with re-send offers, which the re-send then takes as they are', async () => {
    t = await demoApp();
    const { paper, meeting, item } = await standorte(t);
    const r = await t.call('tagesordnung.result', {
      meetingId: meeting.id,
      agendaNumber: '2',
      result: 'Kenntnis genommen',
      furtherCommittees: ['Kreisausschuss', 'ord', 'soz'],
    });
    const kaNext = await meetingByKey(t, 'ka-2');
    expect(r.resendOffers.map((o) => [o.committeeShortName, o.nextMeeting?.id ?? null, o.blockedReason])).toEqual([
      ['Kreisausschuss', kaNext.id, null],
      // The demo already has this Vorlage waiting for the Ordnungsausschuss.
      ['Ordnungsausschuss', (await meetingByKey(t, 'ord-2')).id, 'Die Vorlage liegt dem Gremium „Ordnungsausschuss“ bereits zur Beratung vor.'],
      ['Sozialausschuss', (await meetingByKey(t, 'soz-4')).id, 'Das ist das Gremium, das gerade beraten hat.'],
    ]);
    // Nothing is sent until the offer is taken.
    expect((await t.call('beratungen.list', { ref: paper.id })).map((c) => c.committeeShortName)).toEqual(['Sozialausschuss', 'Ordnungsausschuss']);

    const offer = r.resendOffers[0]!;
    const sent = await t.call('beratungen.resend', {
      ref: offer.paperId,
      committee: offer.committeeId,
      meeting: offer.nextMeeting!.id,
      role: offer.role,
      source: offer.source,
    });
    expect(sent.consultation).toMatchObject({ committeeShortName: 'Kreisausschuss', meetingId: kaNext.id });
    const event = (await t.call('vorlagen.history', { ref: paper.id })).events.find((e) => e.action === 'vorlage.weitergeleitet')!;
    expect(event.details).toMatchObject({ source: { meetingId: meeting.id, agendaItemId: item.id, agendaNumber: '2' } });
  });

  it('offers the re-send for a result "verwiesen an …" naming a committee', async () => {
    t = await demoApp();
    const { meeting } = await standorte(t);
    const r = await t.call('tagesordnung.result', { meetingId: meeting.id, agendaNumber: '2', result: 'verwiesen an den Kreisausschuss' });
    expect(r.resendOffers.map((o) => o.committeeShortName)).toEqual(['Kreisausschuss']);
  });

  it('refuses contradictory votes, a future Sitzung, an unknown TOP and further committees for a TOP without Vorlage — changing nothing', async () => {
    let clock = DEMO_NOW;
    t = await demoApp(() => clock);
    const { meeting, item } = await standorte(t);
    const before = await databaseFingerprint(t.app);
    const votes = await failure(t.call('tagesordnung.result', { meetingId: meeting.id, agendaItemId: item.id, result: 'einstimmig beschlossen', votes: { yes: 9, no: 1, abstain: 0 } }));
    expect(votes).toMatchObject({ code: 'VALIDATION', message: '„einstimmig beschlossen“ passt nicht zu 1 Nein-Stimme. Bitte Ergebnis oder Stimmen korrigieren.' });
    const future = await meetingByKey(t, 'soz-4');
    const early = await failure(t.call('tagesordnung.result', { meetingId: future.id, agendaNumber: '3', result: 'Kenntnis genommen' }));
    expect(early).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('hat noch nicht stattgefunden') });
    expect((await failure(t.call('tagesordnung.result', { meetingId: meeting.id, agendaNumber: '17', result: 'vertagt' }))).code).toBe('NOT_FOUND');
    const noPaper = await failure(t.call('tagesordnung.result', { meetingId: meeting.id, agendaNumber: '1', result: 'Kenntnis genommen', furtherCommittees: ['ka'] }));
    expect(noPaper.code).toBe('VALIDATION');
    expect((await failure(t.call('tagesordnung.result', { meetingId: meeting.id, agendaNumber: '2', result: '   ' }))).code).toBe('VALIDATION');
    expect(await databaseFingerprint(t.app)).toBe(before);
    // On the day of the Sitzung the result can be recorded.
    clock = new Date(2025, 2, 13, 19, 30);
    const ok = await t.call('tagesordnung.result', { meetingId: future.id, agendaNumber: '3', result: 'Kenntnis genommen' });
    expect(ok.agendaItem.result).toBe('Kenntnis genommen');
  });

  it('prints votes as minutes do', () => {
    expect(formatVotes({ yes: 15, no: 0, abstain: 0 })).toBe('einstimmig');
    expect(formatVotes({ yes: 1, no: 1, abstain: 2 })).toBe('mit 1 Ja-Stimme, 1 Nein-Stimme, 2 Enthaltungen');
    expect(formatVotes(null)).toBeNull();
  });
});
