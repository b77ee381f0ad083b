// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Attachment, Committee } from '../../../electron/shared/schemas';
import { setApi } from '../../../renderer/src/api';
import AnlagenPanel from '../../../renderer/src/components/vorlagen/AnlagenPanel.vue';
import BeratungsfolgePanel from '../../../renderer/src/components/vorlagen/BeratungsfolgePanel.vue';
import { answerConfirm, confirmState } from '../../../renderer/src/composables/useConfirm';
import { useToasts } from '../../../renderer/src/stores/toasts';
import { useVorlagenAnlagenStore } from '../../../renderer/src/stores/vorlagenAnlagen';
import { installFakeApi } from './fake-api';
import { appPlugins, settle } from './mount-helpers';

afterEach(() => {
  setApi(null);
  document.body.innerHTML = '';
});

const attachment = (id: number, title: string, position: number): Attachment => ({
  id, paperId: 7, position, title, fileName: `${title}.pdf`, mediaType: 'application/pdf', size: 2048, sha256: 'a'.repeat(64), public: true,
});

describe('Anlagen', () => {
  it('removes an Anlage only after confirmation, and "Rückgängig" puts it back at its place', async () => {
    const { plugins } = appPlugins();
    let nextId = 10;
    let server = [attachment(1, 'Geschäftsordnung', 0), attachment(2, 'Kennzahlen', 1), attachment(3, 'Karte', 2)];
    const api = installFakeApi({
      'anlagen.content': () => ({ fileName: 'Kennzahlen.pdf', mediaType: 'application/pdf', dataBase64: 'JVBERi0=' }),
      'anlagen.remove': (p) => {
        server = server.filter((a) => a.id !== p.id);
        return { removed: true };
      },
      'anlagen.add': (p) => {
        const created = attachment(nextId++, String(p.title), server.length);
        server = [...server, created];
        return created;
      },
      'anlagen.reorder': (p) => {
        const ids = p.orderedIds as number[];
        server = ids.map((id, position) => ({ ...server.find((a) => a.id === id)!, position }));
        return server;
      },
    });
    const wrapper = mount(AnlagenPanel, { props: { paperPublic: true }, global: { plugins: [...plugins] }, attachTo: document.body });
    useVorlagenAnlagenStore().set(7, server);
    await settle();

    const removeButton = () => wrapper.findAll('[data-anlage] .btn-danger')[1]!;
    await removeButton().trigger('click');
    expect(confirmState.current?.message).toBe('Die Anlage „Kennzahlen“ wird aus der Vorlage entfernt.');
    answerConfirm(false);
    await settle();
    expect(api.of('anlagen.remove')).toHaveLength(0);

    await removeButton().trigger('click');
    answerConfirm(true);
    await settle(10);
    expect(wrapper.findAll('[data-anlage]').map((x) => (x.find('input[type="text"]').element as HTMLInputElement).value)).toEqual(['Geschäftsordnung', 'Karte']);
    const toast = useToasts().toasts.at(-1)!;
    expect(toast.message).toBe('Die Anlage „Kennzahlen“ wurde entfernt.');
    expect(toast.action?.label).toBe('Rückgängig');

    await useToasts().runAction(toast.action!, toast.id);
    await settle(10);
    expect(api.of('anlagen.add')[0]!.params).toMatchObject({ paperId: 7, title: 'Kennzahlen', dataBase64: 'JVBERi0=' });
    expect(wrapper.findAll('[data-anlage] input[type="text"]').map((x) => (x.element as HTMLInputElement).value)).toEqual(['Geschäftsordnung', 'Kennzahlen', 'Karte']);
    wrapper.unmount();
  });
});

const committee = (id: number, shortName: string, name: string): Committee => ({
  id, key: shortName.toLowerCase(), name, shortName, genitive: `des ${name}`, kind: 'ausschuss', noticePeriodDays: 7, supplementNoticePeriodDays: null, noticeWorkdaysOnly: false, chair: '', copyTo: [],
});
const COMMITTEES = [committee(1, 'Sozialausschuss', 'Ausschuss für Soziales und Integration'), committee(2, 'Integrationsrat', 'Integrationsrat')];

describe('Beratungsfolge', () => {
  it('sends the Vorlage to another committee’s next Sitzung and shows the new TOP', async () => {
    const { plugins } = appPlugins();
    const late = 'Als Nachtrag zur Tagesordnung aufgenommen; Nachtragsfrist für die Sitzung Integrationsrat am 03.04.2099 bis 27.03.2099.';
    const soz = { id: 5, paperId: 7, committeeId: 1, role: 'kenntnisnahme', position: 0, meetingId: 20, agendaItemId: 30, result: 'Kenntnis genommen', committeeName: 'Ausschuss für Soziales und Integration', committeeShortName: 'Sozialausschuss', meetingStart: '2025-02-01T15:00', meetingState: 'durchgefuehrt', agendaNumber: '4', votes: null, open: false };
    const ir = { id: 6, paperId: 7, committeeId: 2, role: 'kenntnisnahme', position: 1, meetingId: 21, agendaItemId: 31, result: null, committeeName: 'Integrationsrat', committeeShortName: 'Integrationsrat', meetingStart: '2099-04-03T17:00', meetingState: 'geplant', agendaNumber: '2', votes: null, open: true };
    let list: unknown[] = [soz];
    const api = installFakeApi({
      'beratungen.list': () => list,
      'sitzungen.list': (p) => (p.committeeId === 2 ? [{ id: 21, key: 'ir-3', committeeId: 2, number: 6, start: '2099-04-03T17:00', end: null, location: '', state: 'geplant' }] : []),
      'beratungen.resend': () => {
        list = [soz, ir];
        return { paperId: 7, reference: '50/006/2025', consultation: ir, meeting: { id: 21, key: 'ir-3', committeeId: 2, number: 6, start: '2099-04-03T17:00', end: null, location: '', state: 'geplant' }, agendaItem: { number: '2' }, auditEventId: 99, warnings: [late] };
      },
    });
    const wrapper = mount(BeratungsfolgePanel, { props: { paperId: 7, committees: COMMITTEES, defaultRole: 'kenntnisnahme' }, global: { plugins: [...plugins] }, attachTo: document.body });
    await settle(10);
    expect(wrapper.findAll('[data-testid="beratung-row"]')).toHaveLength(1);
    // A Beratung with a result cannot be removed.
    expect((wrapper.find('[data-testid="beratung-row"] .btn-danger').element as HTMLButtonElement).disabled).toBe(true);

    await wrapper.findAll('.card-header button').find((b) => b.text().startsWith('An weiteres Gremium senden'))!.trigger('click');
    const form = wrapper.find('form');
    await form.find('select').setValue('2');
    await settle(10);
    expect(form.text()).toMatch(/Nächste Sitzung\s*–\s*03\.04\.2099, 17:00 Uhr \(6\. Sitzung\)/);
    await form.trigger('submit');
    await settle(10);
    expect(api.of('beratungen.resend')[0]!.params).toEqual({ ref: 7, committee: 2, role: 'kenntnisnahme', meeting: 'next' });
    const rows = wrapper.findAll('[data-testid="beratung-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[1]!.text()).toContain('TOP 2');
    expect(useToasts().toasts.map((x) => x.message).slice(-2)).toEqual(['Die Vorlage wurde an das Gremium „Integrationsrat“ gesendet: TOP 2 der Sitzung am 03.04.2099.', late]);
    wrapper.unmount();
  });

  it('puts an open Beratung on a Sitzung and shows the core’s deadline warning for the new TOP', async () => {
    const { plugins } = appPlugins();
    const warning = 'Nachtragsfrist überschritten: für die Sitzung Integrationsrat am 03.04.2099 endete sie am 27.03.2099 (7 Tage). Der TOP wird als Nachtrag aufgenommen.';
    const open = { id: 6, paperId: 7, committeeId: 2, role: 'kenntnisnahme', position: 0, meetingId: null, agendaItemId: null, result: null, committeeName: 'Integrationsrat', committeeShortName: 'Integrationsrat', meetingStart: null, meetingState: null, agendaNumber: null, votes: null, open: true };
    let list: unknown[] = [open];
    const api = installFakeApi({
      'beratungen.list': () => list,
      'sitzungen.list': (p) => (p.committeeId === 2 ? [{ id: 21, key: 'ir-3', committeeId: 2, number: 6, start: '2099-04-03T17:00', end: null, location: '', state: 'einberufen' }] : []),
      'beratungen.update': (p) => {
        list = [{ ...open, meetingId: p.meetingId, agendaItemId: 31, meetingStart: '2099-04-03T17:00', meetingState: 'einberufen', agendaNumber: '2.1' }];
        return list;
      },
      'tagesordnung.hinweise': () => ({ supplement: true, tischvorlage: false, warnings: [warning] }),
    });
    const wrapper = mount(BeratungsfolgePanel, { props: { paperId: 7, committees: COMMITTEES, defaultRole: 'kenntnisnahme' }, global: { plugins: [...plugins] }, attachTo: document.body });
    await settle(10);
    await wrapper.find('select[aria-label="Sitzung: Integrationsrat"]').setValue('21');
    await settle(10);
    expect(api.of('beratungen.update')[0]!.params).toEqual({ id: 6, meetingId: 21 });
    expect(api.of('tagesordnung.hinweise')[0]!.params).toEqual({ meetingId: 21 });
    expect(useToasts().toasts.map((x) => x.message)).toContain(warning);
    wrapper.unmount();
  });
});
