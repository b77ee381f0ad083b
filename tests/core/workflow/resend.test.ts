import { afterEach, describe, expect, it } from 'vitest';
import { renderPaperHtml } from '../../../electron/core/export/html/index.js';
import { PrintModels } from '../../../electron/core/export/pdf/print-models-from-store.js';
import { databaseFingerprint, type TempApp } from '../../helpers/temp-app.js';
import { committeeByKey, demoApp, failure, meetingByKey, paperByKey } from './fixtures.js';

let t: TempApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('re-send to another committee', () => {
  it('adds the Beratung, puts the TOP into the next planned Sitzung, keeps number and content, and records where the request came from', async () => {
    t = await demoApp();
    const paper = await paperByKey(t, 'sprachmittler');
    const before = await t.call('vorlagen.get', { ref: paper.reference });
    const ordNext = await meetingByKey(t, 'ord-2');
    const sozPast = await meetingByKey(t, 'soz-2');
    const request = (await t.call('sitzungen.get', { id: sozPast.id })).agenda.find((i) => i.paperId === paper.id)!;

    const r = await t.call('beratungen.resend', {
      ref: paper.reference,
      committee: 'Ordnungsausschuss',
      meeting: 'next',
      source: { meetingId: sozPast.id, agendaItemId: request.id },
    });

    expect(r.reference).toBe(paper.reference);
    expect(r.meeting!.id).toBe(ordNext.id);
    expect(r.consultation).toMatchObject({ committeeShortName: 'Ordnungsausschuss', role: 'kenntnisnahme', meetingId: ordNext.id, open: true });
    // Beratungsfolge: both earlier committees with their results, then the new one.
    const rows = await t.call('beratungen.list', { ref: paper.id });
    expect(rows.map((c) => [c.committeeShortName, c.role, c.result])).toEqual([
      ['Integrationsrat', 'kenntnisnahme', 'Kenntnis genommen'],
      ['Sozialausschuss', 'kenntnisnahme', 'Kenntnis genommen'],
      ['Ordnungsausschuss', 'kenntnisnahme', null],
    ]);
    // Target agenda: after the Vorlage already there, in the public part, linked to the Beratung.
    const agenda = (await t.call('sitzungen.get', { id: ordNext.id })).agenda;
    expect(agenda.map((i) => [i.number, i.title, i.paperReference])).toEqual([
      ['1', 'Eröffnung der Sitzung, Feststellung der ordnungsgemäßen Einladung und der Beschlussfähigkeit', null],
      ['2', 'Verbraucherschutz – Lebensmittelkontrollen', (await paperByKey(t, 'lebensmittel')).reference],
      ['3', 'Sprachmittlerpool – Jahresbericht', paper.reference],
    ]);
    expect(agenda[2]).toMatchObject({ public: true, consultationId: r.consultation.id, supplement: false });
    // Same Vorlage: number, revision and sections untouched.
    const after = await t.call('vorlagen.get', { ref: paper.reference });
    expect(after.id).toBe(before.id);
    expect(after.revision).toBe(before.revision);
    expect(after.sections).toEqual(before.sections);
    expect(after.status).toBe('in_beratung');
    // The audit event links the request: Sozialausschuss, TOP of that Sitzung → Ordnungsausschuss.
    const events = (await t.call('vorlagen.history', { ref: paper.id })).events.filter((e) => e.action === 'vorlage.weitergeleitet');
    expect(events).toHaveLength(1);
    expect(events[0]!.id).toBe(r.auditEventId);
    expect(events[0]!.meetingId).toBe(sozPast.id);
    expect(events[0]!.details).toMatchObject({
      source: { meetingId: sozPast.id, agendaItemId: request.id, agendaNumber: request.number, committee: 'Sozialausschuss' },
      target: { committee: 'Ordnungsausschuss', meetingId: ordNext.id, agendaItemId: agenda[2]!.id, agendaNumber: '3' },
      role: 'kenntnisnahme',
    });
  });

  it('the document printed for the target Sitzung closes with its committee and date and lists every committee of the Beratungsfolge', async () => {
    t = await demoApp();
    const paper = await paperByKey(t, 'sprachmittler');
    const r = await t.call('beratungen.resend', { ref: paper.reference, committee: 'Ordnungsausschuss', meeting: 'next' });

    const model = await new PrintModels(t.app).paper(paper.id, r.meeting!.id);
    expect(model.closingLine).toBe('Zur Sitzung des Ausschusses für Ordnungsangelegenheiten und Verbraucherschutz am 25.03.2025.');
    expect(model.printedFor).toMatchObject({ agendaNumber: '3', meetingDate: '2025-03-25' });
    expect(model.consultations).toEqual([
      { committeeName: 'Integrationsrat', committeeShortName: 'Integrationsrat', meetingDate: '2024-11-21', role: 'Kenntnisnahme' },
      { committeeName: 'Ausschuss für Soziales und Integration', committeeShortName: 'Sozialausschuss', meetingDate: '2024-11-06', role: 'Kenntnisnahme' },
      { committeeName: 'Ausschuss für Ordnungsangelegenheiten und Verbraucherschutz', committeeShortName: 'Ordnungsausschuss', meetingDate: '2025-03-25', role: 'Kenntnisnahme' },
    ]);

    const html = renderPaperHtml(model, { embedFonts: false });
    expect(html).toContain('<p class="closing">Zur Sitzung des Ausschusses für Ordnungsangelegenheiten und Verbraucherschutz am 25.03.2025.</p>');
    const table = html.slice(html.indexOf('<table class="beratungsfolge">'), html.indexOf('</table>', html.indexOf('<table class="beratungsfolge">')));
    expect(table).toContain('<td>Ausschuss für Soziales und Integration</td><td class="datum">06.11.2024</td><td class="rolle">Kenntnisnahme</td>');
    expect(table).toContain('<td>Ausschuss für Ordnungsangelegenheiten und Verbraucherschutz</td><td class="datum">25.03.2025</td><td class="rolle">Kenntnisnahme</td>');
  });

  it('infers the requesting Sitzung from the latest deliberation with a result, and takes an explicit Sitzung and role', async () => {
    t = await demoApp();
    // Integrationsrat (100 days ago) and Sozialausschuss (120 days ago) both took note; the later one asked.
    const paper = await paperByKey(t, 'sprachmittler');
    const kaNext = await meetingByKey(t, 'ka-2');
    const r = await t.call('beratungen.resend', { ref: paper.id, committee: (await committeeByKey(t, 'ka')).id, meeting: kaNext.id, role: 'entscheidung' });
    expect(r.consultation).toMatchObject({ role: 'entscheidung', meetingId: kaNext.id, agendaNumber: '2' });
    const event = (await t.call('vorlagen.history', { ref: paper.id })).events.find((e) => e.action === 'vorlage.weitergeleitet')!;
    expect(event.details).toMatchObject({ source: { meetingId: (await meetingByKey(t, 'ir-1')).id, committee: 'Integrationsrat' } });
  });

  it('without a Sitzung only the Beratung is added; a non-public Vorlage lands in the non-public part', async () => {
    t = await demoApp();
    const open = await t.call('beratungen.resend', { ref: (await paperByKey(t, 'verkehr')).id, committee: 'soz', meeting: null });
    expect(open).toMatchObject({ meeting: null, agendaItem: null, consultation: { meetingId: null, committeeShortName: 'Sozialausschuss' } });

    const secret = await paperByKey(t, 'vergabe-sprachkurse');
    const r = await t.call('beratungen.resend', { ref: secret.id, committee: 'Kreisausschuss', meeting: 'next' });
    expect(r.agendaItem).toMatchObject({ public: false, paperId: secret.id });
    const agenda = (await t.call('sitzungen.get', { id: (await meetingByKey(t, 'ka-2')).id })).agenda;
    expect(agenda.map((i) => [i.number, i.public])).toEqual([
      ['1', true],
      ['2', false],
    ]);
  });

  it('is a CONFLICT when the committee already has an open Beratung of the Vorlage, and changes nothing', async () => {
    t = await demoApp();
    // The demo's Standorte-Vorlage already waits for the Ordnungsausschuss (requested in the Sozialausschuss).
    const paper = await paperByKey(t, 'beratungsstellen');
    const before = await databaseFingerprint(t.app);
    const err = await failure(t.call('beratungen.resend', { ref: paper.reference, committee: 'Ordnungsausschuss', meeting: 'next' }));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toBe(
      `Die Vorlage ${paper.reference} liegt dem Gremium „Ordnungsausschuss“ bereits zur Beratung vor (noch ohne Ergebnis). ` +
        'Eine zweite Beratung desselben Gremiums kann erst nach dessen Ergebnis angelegt werden.',
    );
    // Twice in a row: the second re-send of a fresh one conflicts as well.
    const other = await paperByKey(t, 'sprachmittler');
    await t.call('beratungen.resend', { ref: other.id, committee: 'ord', meeting: 'next' });
    const mid = await databaseFingerprint(t.app);
    expect((await failure(t.call('beratungen.resend', { ref: other.id, committee: 'ord', meeting: 'next' }))).code).toBe('CONFLICT');
    expect(await databaseFingerprint(t.app)).toBe(mid);
    expect(before).not.toBe(mid);
  });

  it('refuses a Sitzung of another committee, an unknown committee and a committee without planned Sitzung', async () => {
    t = await demoApp();
    const paper = await paperByKey(t, 'sprachmittler');
    const before = await databaseFingerprint(t.app);
    const wrong = await failure(t.call('beratungen.resend', { ref: paper.id, committee: 'ord', meeting: (await meetingByKey(t, 'soz-4')).id }));
    expect(wrong.code).toBe('VALIDATION');
    expect((await failure(t.call('beratungen.resend', { ref: paper.id, committee: 'Bauausschuss', meeting: 'next' }))).message).toBe(
      'Das Gremium „Bauausschuss“ wurde nicht gefunden.',
    );
    await t.call('gremien.save', { key: 'bau', name: 'Bauausschuss', shortName: 'Bauausschuss', genitive: 'des Bauausschusses', kind: 'ausschuss', noticePeriodDays: 7, supplementNoticePeriodDays: null, noticeWorkdaysOnly: false, chair: '' });
    const mid = await databaseFingerprint(t.app);
    const none = await failure(t.call('beratungen.resend', { ref: paper.id, committee: 'bau', meeting: 'next' }));
    expect(none).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('Eine geplante Sitzung des Gremiums „Bauausschuss“') });
    expect(await databaseFingerprint(t.app)).toBe(mid);
    expect(before).not.toBe(mid);
  });
});
