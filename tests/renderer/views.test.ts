// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import BodyForm from '../../renderer/src/components/einstellungen/BodyForm.vue';
import UebersichtView from '../../renderer/src/views/UebersichtView.vue';
import { fakeApi, flush, mountWithApp } from './helpers';

const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const inDays = (n: number) => {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return iso(d);
};

describe('Übersicht', () => {
  it('lists upcoming Sitzungen with their Ladungsfrist, drafts and recent activity', async () => {
    const committee = (id: number, name: string) => ({ id, key: `k${id}`, name, shortName: name, genitive: `des ${name}`, kind: 'ausschuss', noticePeriodDays: 7, supplementNoticePeriodDays: null, noticeWorkdaysOnly: false, chair: '' });
    const meeting = (id: number, committeeId: number, days: number, state = 'geplant') => ({ id, key: `m${id}`, committeeId, number: id, start: `${inDays(days)}T15:00`, end: null, location: 'Kreishaus', state });
    fakeApi({
      'gremien.list': () => [committee(1, 'Sozialausschuss'), committee(2, 'Integrationsrat'), committee(3, 'Kreisausschuss')],
      'sitzungen.list': () => [meeting(1, 1, 12), meeting(2, 2, 5), meeting(3, 3, 30), meeting(4, 1, 6, 'einberufen')],
      // As the core reports it: the last day is 7 days before the Sitzung.
      'sitzungen.ladungsfristen': () =>
        [meeting(1, 1, 12), meeting(2, 2, 5), meeting(3, 3, 30), meeting(4, 1, 6, 'einberufen')].map((m) => {
          const days = Math.round((new Date(m.start.slice(0, 10)).getTime() - new Date(inDays(0)).getTime()) / 86_400_000) - 7;
          return { meetingId: m.id, committeeId: m.committeeId, committeeShortName: 'x', meetingStart: m.start, state: m.state, workdaysOnly: false, dispatchDate: inDays(0), invitation: { periodDays: 7, lastDay: inDays(days), daysLeft: days, late: days < 0 && m.state === 'geplant' }, supplement: { periodDays: 7, lastDay: inDays(days), daysLeft: days, late: false } };
        }),
      // Exactly the drafts shown, most recently changed first, as the core sorts them.
      'vorlagen.page': (p) => {
        expect(p).toEqual({ status: 'entwurf', order: 'geaendert', offset: 0, limit: 8 });
        const draft = (id: number, reference: string, title: string, updatedAt: string) => ({ id, key: null, reference, departmentId: 1, template: 'mitteilungsvorlage', title, public: true, year: 2025, status: 'entwurf', predecessorId: null, createdAt: '2025-03-01T10:00:00Z', updatedAt, date: null, revision: 2, committeeIds: [2] });
        return { total: 2, items: [draft(9, '50/011/2025', 'Sprachförderung in Kitas', '2025-03-02T10:00:00Z'), draft(10, '50/012/2025', 'Interkulturelle Woche', '2025-02-20T10:00:00Z')] };
      },
      'app.activity': () => [
        { id: 1, at: '2025-03-02T10:00:00Z', actor: 'mmuster', action: 'vorlage.erstellt', paperId: 9, meetingId: null, details: { reference: '50/011/2025' } },
        { id: 2, at: '2025-03-01T10:00:00Z', actor: 'jwinterfeld', action: 'freigabe.erteilt', paperId: 10, meetingId: null, details: {} },
      ],
      'freigabe.blockers': () => [{ meetingId: 1, committeeId: 2, start: meeting(1, 2, 12).start, papers: [{ paperId: 9, reference: '50/011/2025', title: 'Sprachförderung in Kitas', number: 'Ö 3' }] }],
      'beschlusskontrolle.list': (p) => {
        expect(p).toEqual({ overdue: true });
        return [{ id: 4, agendaItemId: 1, paperId: 8, meetingId: 1, committeeId: 2, decidedOn: '2024-11-20', reference: '50/002/2024', agendaNumber: '2', title: 'Zusammen im Quartier', result: 'beschlossen', text: '', departmentId: 1, frist: '2025-01-31', stand: 'in_bearbeitung', notes: [], createdAt: '', updatedAt: '', overdue: true }];
      },
    });
    const wrapper = mountWithApp(UebersichtView);
    for (let i = 0; i < 5; i++) await flush();
    const upcoming = wrapper.findAll('[data-testid="upcoming-meeting"]');
    expect(upcoming).toHaveLength(4);
    const states = upcoming.map((r) => r.find('[data-state]').attributes('data-state'));
    // Sorted by date: +5 (overdue), +6 (sent), +12 (due in 5 days), +30 (on time).
    expect(states).toEqual(['ueberfaellig', 'versandt', 'faellig', 'rechtzeitig']);
    expect(upcoming[2]!.text()).toContain('Einladung fällig in 5 Tagen');
    expect(upcoming[0]!.text()).toContain('Frist überschritten seit');
    expect(wrapper.findAll('[data-testid="draft"]').map((d) => d.find('a').text())).toEqual(['Sprachförderung in Kitas', 'Interkulturelle Woche']);
    expect(wrapper.find('[data-testid="draft"]').text()).toContain('50/011/2025 · Integrationsrat');
    expect(wrapper.find('[data-testid="activity"]').text()).toContain('Vorlage erstellt: 50/011/2025');
    expect(wrapper.find('[data-testid="activity"]').text()).toMatch(/02\.03\.2025, \d\d:00 Uhr · von mmuster/);
    // Events without a text of their own are named with the core's German label, never the key.
    expect(wrapper.findAll('[data-testid="activity"]')[1]!.text()).toContain('freigegeben');
    expect(wrapper.findAll('[data-testid="activity"]')[1]!.text()).not.toContain('freigabe.erteilt');
    const blocker = wrapper.find('[data-testid="blocker"]');
    expect(blocker.text()).toContain('TOP Ö 3: 50/011/2025 – Sprachförderung in Kitas');
    expect(blocker.find('a').attributes('href')).toContain('/sitzungen/1');
    const overdue = wrapper.find('[data-testid="overdue-entry"]');
    expect(overdue.text()).toContain('Zusammen im Quartier');
    expect(overdue.text()).toContain('Frist 31.01.2025');
    wrapper.unmount();
  });
});

describe('Einstellungen: numbering pattern', () => {
  it('takes no typing and saves nothing until the Körperschaft is loaded, then shows it', async () => {
    const wrapper = mountWithApp(BodyForm, { props: { body: null, departments: [] } });
    // A control in a disabled fieldset is disabled (its own `disabled` property stays false).
    expect(wrapper.find('#body-name').element.closest('fieldset:disabled')).not.toBeNull();
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('save')).toBeUndefined();
    await wrapper.setProps({ body: { name: 'Musterkreis', numberPattern: '{amt}/{nr:3}/{jahr}', agendaNumbering: 'durchgehend', listNumbering: '1.', publicAgendaClosed: 'weglassen' } });
    expect(wrapper.find('#body-name').element.closest('fieldset:disabled')).toBeNull();
    expect((wrapper.find('#body-name').element as HTMLInputElement).value).toBe('Musterkreis');
  });

  it('shows a live example and refuses a pattern without number or year', async () => {
    const wrapper = mountWithApp(BodyForm, {
      props: { body: { name: 'Musterkreis', numberPattern: '{amt}/{nr:3}/{jahr}', agendaNumbering: 'durchgehend', listNumbering: '1.', publicAgendaClosed: 'weglassen' }, departments: [{ id: 1, key: 'ki', code: '50', name: 'KI', signatory: '' }] },
    });
    const year = new Date().getFullYear();
    expect(wrapper.find('[data-testid="pattern-example"]').text()).toBe(`Beispiel: 50/012/${year}`);
    await wrapper.find('#body-pattern').setValue('{amt}-{nr}-{jahr:2}');
    expect(wrapper.find('[data-testid="pattern-example"]').text()).toBe(`Beispiel: 50-12-${String(year % 100).padStart(2, '0')}`);
    await wrapper.find('#body-pattern').setValue('{amt}/{jahr}');
    expect(wrapper.find('[data-testid="pattern-example"]').text()).toBe('Das Muster braucht {nr} und {jahr}.');
    expect(wrapper.find('button[type="submit"]').attributes('disabled')).toBeDefined();
    // Every input has a label.
    for (const input of wrapper.findAll('input')) {
      const id = input.attributes('id');
      const labelled = (id && wrapper.find(`label[for="${id}"]`).exists()) || input.element.closest('label');
      expect(labelled, input.html()).toBeTruthy();
    }
    wrapper.unmount();
  });

  it('keeps what the user typed when the Körperschaft loads late, and fills fields the user left alone', async () => {
    const wrapper = mountWithApp(BodyForm, { props: { body: null, departments: [] } });
    await wrapper.find('#body-name').setValue('Musterkreis (Test)');
    await wrapper.setProps({ body: { name: 'Musterkreis', numberPattern: '{amt}-{nr}-{jahr}', agendaNumbering: 'getrennt', listNumbering: '1.', publicAgendaClosed: 'weglassen' } });
    expect((wrapper.find('#body-name').element as HTMLInputElement).value).toBe('Musterkreis (Test)');
    expect((wrapper.find('#body-pattern').element as HTMLInputElement).value).toBe('{amt}-{nr}-{jahr}');
    wrapper.unmount();
  });
});
