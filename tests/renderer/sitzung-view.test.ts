// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import ConfirmDialog from '../../renderer/src/components/ConfirmDialog.vue';
import ToastHost from '../../renderer/src/components/ToastHost.vue';
import SitzungView from '../../renderer/src/views/gremien/SitzungView.vue';
import { fakeMeetingBackend } from './fake-meeting';
import { fakeApi, flush, mountWithApp } from './helpers';
import { fakePage, summary } from './vorlagen/fake-api';
import { defineComponent, h } from 'vue';
import { toLocalDateTime } from '../../renderer/src/format';

const Harness = defineComponent({ setup: () => () => [h(SitzungView, { id: 7 }), h(ConfirmDialog), h(ToastHost)] });

async function settle() {
  for (let i = 0; i < 6; i++) await flush();
}

const rows = (wrapper: ReturnType<typeof mountWithApp>) =>
  wrapper.findAll('[data-testid="agenda-item"]').map((r) => `${r.find('[data-testid="agenda-number"]').text()} ${r.find('.item-title').text()}`);

describe('results', () => {
  it('offers result entry only from the day of the Sitzung on', async () => {
    fakeApi(fakeMeetingBackend().handlers);
    const future = mountWithApp(Harness);
    await settle();
    expect(future.findAll('button').some((b) => b.text() === 'Ergebnis erfassen')).toBe(false);
    future.unmount();
  });

  it('follows the core: no result button before the start time of the Sitzung, even on its day, and shows the core\'s reason', async () => {
    const soon = toLocalDateTime(new Date(Date.now() + 2 * 60_000));
    const reason = 'Die Sitzung hat noch nicht stattgefunden: Anwesenheit und Ergebnisse können ab Beginn der Sitzung erfasst werden.';
    const backend = fakeMeetingBackend({ start: soon });
    // Without the core's answer the start time alone decides …
    fakeApi(backend.handlers);
    const fallback = mountWithApp(Harness);
    await settle();
    expect(fallback.findAll('button').some((b) => b.text() === 'Ergebnis erfassen')).toBe(false);
    fallback.unmount();
    // … and with it, its rule and its German reason.
    fakeApi({ ...backend.handlers, 'niederschrift.get': () => ({ rules: { results: { allowed: false, reason }, agenda: { allowed: true, reason: '' }, minutes: { allowed: false, reason: '' } } }) });
    const wrapper = mountWithApp(Harness);
    await settle();
    expect(wrapper.findAll('button').some((b) => b.text() === 'Ergebnis erfassen')).toBe(false);
    expect(wrapper.find('[data-testid="results-rule"]').text()).toBe(reason);
    wrapper.unmount();
  });

  it('records result, votes and minutes, then re-sends to the committee that was asked for', async () => {
    const late = 'Nachtragsfrist überschritten: für die Sitzung Ordnungsausschuss am 02.04.2025 endete sie am 30.03.2025 (3 Tage). Der TOP wird als Nachtrag aufgenommen.';
    const { calls } = fakeApi(fakeMeetingBackend({ start: '2025-03-12T15:00', resendWarnings: [late] }).handlers);
    const wrapper = mountWithApp(Harness);
    await settle();
    const second = wrapper.findAll('[data-testid="agenda-item"]')[1]!;
    await second.findAll('button').find((b) => b.text() === 'Ergebnis erfassen')!.trigger('click');
    await settle();
    const form = wrapper.find('form.result-form');
    expect(form.find('h4').text()).toBe('Beratungsergebnis zu TOP 2');
    await form.find('[data-testid="result-choice"]').setValue('mehrheitlich beschlossen');
    await form.find('input[type="checkbox"]').setValue(true);
    await settle();
    await form.find('input[id$="-yes"]').setValue(10);
    await form.find('input[id$="-no"]').setValue(2);
    await form.find('input[id$="-abstain"]').setValue(1);
    await settle();
    expect(form.text()).toContain('mit 10 Ja-Stimmen, 2 Nein-Stimmen, 1 Enthaltung');
    await form.find('[data-testid="result-minutes"]').setValue('Die Verwaltung berichtet.\n\nDer Ausschuss bittet um Weitergabe.');
    const further = form.findAll('fieldset.further input[type="checkbox"]');
    expect(further).toHaveLength(1);
    await further[0]!.setValue(true);
    await form.trigger('submit');
    await settle();

    const sent = calls.find((c) => c.method === 'tagesordnung.result')!.params;
    expect(sent).toMatchObject({
      meetingId: 7,
      result: 'mehrheitlich beschlossen',
      votes: { yes: 10, no: 2, abstain: 1 },
      minutes: { format: 'markdown', text: 'Die Verwaltung berichtet.\n\nDer Ausschuss bittet um Weitergabe.' },
      furtherCommittees: [2],
    });
    expect(wrapper.text()).toContain('Ergebnis: mehrheitlich beschlossen');
    const offer = wrapper.find('[role="group"]');
    expect(offer.text()).toContain('Auch an weitere Gremien senden?');
    expect(offer.text()).toContain('nächste Sitzung am 02.04.2025');
    await offer.findAll('button').find((b) => b.text() === 'An Ordnungsausschuss senden')!.trigger('click');
    await settle();
    expect(calls.find((c) => c.method === 'beratungen.resend')!.params).toEqual({ ref: 55, committee: 2, meeting: 9, role: 'kenntnisnahme', source: { meetingId: 7, agendaItemId: expect.any(Number) } });
    expect(wrapper.text()).toContain('Die Vorlage 50/011/2025 steht in der Sitzung am 02.04.2025 als TOP 4 auf der Tagesordnung von Ordnungsausschuss.');
    // The core's deadline warning for the new TOP.
    expect(wrapper.text()).toContain(late);
    wrapper.unmount();
  });
});

describe('agenda builder', () => {
  it('shows both parts with the numbers as printed', async () => {
    fakeApi(fakeMeetingBackend().handlers);
    const wrapper = mountWithApp(Harness);
    await settle();
    expect(wrapper.find('h1').text()).toBe('12. Sitzung des Ausschusses für Soziales und Integration');
    expect(wrapper.text()).toContain('A. Öffentlicher Teil');
    expect(wrapper.text()).toContain('B. Nichtöffentlicher Teil');
    expect(rows(wrapper)).toEqual(['1 Eröffnung der Sitzung', '2 Sprachförderung', '3 Mitteilungen der Verwaltung', '4 Vergabe Sprachkursträger', '5 Mitteilungen']);
    wrapper.unmount();
  });

  it('reorders by keyboard: the move buttons have names and focus stays on the moved TOP', async () => {
    fakeApi(fakeMeetingBackend().handlers);
    const wrapper = mountWithApp(Harness);
    await settle();
    const down = wrapper.find('button[aria-label="TOP 1 nach unten verschieben"]');
    expect(wrapper.find('button[aria-label="TOP 1 nach oben verschieben"]').attributes('disabled')).toBeDefined();
    await down.trigger('click');
    await settle();
    expect(rows(wrapper).slice(0, 3)).toEqual(['1 Sprachförderung', '2 Eröffnung der Sitzung', '3 Mitteilungen der Verwaltung']);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('TOP 2 nach unten verschieben');
    expect(wrapper.find('[aria-live="polite"]').text()).toContain('„Eröffnung der Sitzung“ ist jetzt an Stelle 2');
    wrapper.unmount();
  });

  it('adds a free-text TOP to the non-public part', async () => {
    fakeApi(fakeMeetingBackend().handlers);
    const wrapper = mountWithApp(Harness);
    await settle();
    await wrapper.find('#top-title').setValue('Personalangelegenheiten');
    await wrapper.find('input[name="top-part"][value="n"]').setValue(true);
    await wrapper.find('form.add-top').trigger('submit');
    await settle();
    expect(rows(wrapper).at(-1)).toBe('6 Personalangelegenheiten');
    expect(wrapper.text()).toContain('TOP „Personalangelegenheiten“ wurde hinzugefügt.');
    wrapper.unmount();
  });

  it('asks before removing a TOP and offers to undo it', async () => {
    fakeApi(fakeMeetingBackend().handlers);
    const wrapper = mountWithApp(Harness);
    await settle();
    await wrapper.find('button[aria-label="TOP 3 entfernen"]').trigger('click');
    await settle();
    expect(wrapper.find('[role="alertdialog"]').text()).toContain('„Mitteilungen der Verwaltung“ wird von der Tagesordnung genommen.');
    await wrapper.findAll('[role="alertdialog"] button').find((b) => b.text() === 'Entfernen')!.trigger('click');
    await settle();
    expect(rows(wrapper).slice(0, 3)).toEqual(['1 Eröffnung der Sitzung', '2 Sprachförderung', '3 Vergabe Sprachkursträger']);
    await wrapper.findAll('button').find((b) => b.text() === 'Rückgängig')!.trigger('click');
    await settle();
    expect(rows(wrapper).slice(0, 4)).toEqual(['1 Eröffnung der Sitzung', '2 Sprachförderung', '3 Mitteilungen der Verwaltung', '4 Vergabe Sprachkursträger']);
    wrapper.unmount();
  });

  it('does not offer a free-text undo for a TOP that came with a Vorlage', async () => {
    fakeApi(fakeMeetingBackend().handlers);
    const wrapper = mountWithApp(Harness);
    await settle();
    await wrapper.find('button[aria-label="TOP 2 entfernen"]').trigger('click');
    await settle();
    await wrapper.findAll('[role="alertdialog"] button').find((b) => b.text() === 'Entfernen')!.trigger('click');
    await settle();
    expect(wrapper.text()).toContain('TOP „Sprachförderung“ wurde entfernt.');
    expect(wrapper.findAll('button').some((b) => b.text() === 'Rückgängig')).toBe(false);
    wrapper.unmount();
  });

  it('keeps the agenda when the user says no', async () => {
    const { calls } = fakeApi(fakeMeetingBackend().handlers);
    const wrapper = mountWithApp(Harness);
    await settle();
    await wrapper.find('button[aria-label="TOP 5 entfernen"]').trigger('click');
    await settle();
    await wrapper.findAll('[role="alertdialog"] button').find((b) => b.text() === 'Abbrechen')!.trigger('click');
    await settle();
    expect(calls.some((c) => c.method === 'tagesordnung.remove')).toBe(false);
    expect(rows(wrapper)).toHaveLength(5);
    wrapper.unmount();
  });
});

describe('TOP aus Vorlage', () => {
  it('offers Vorlagen still to be deliberated, not yet on the agenda, narrowed by the core as the user types', async () => {
    const papers = [
      summary(55, { reference: '50/011/2025', title: 'Sprachförderung', status: 'in_beratung' }),
      summary(60, { reference: '50/020/2025', title: 'Sprachförderung an Grundschulen' }),
      summary(61, { reference: '50/003/2026', year: 2026, title: 'Sprachkurse für Eltern', status: 'in_beratung' }),
      summary(62, { reference: '50/004/2025', title: 'Sprach-Kita Bilanz', status: 'erledigt' }),
      summary(63, { reference: '20/001/2025', title: 'Haushalt 2025' }),
    ];
    const { calls } = fakeApi({ ...fakeMeetingBackend().handlers, 'vorlagen.page': fakePage(papers) });
    const wrapper = mountWithApp(Harness);
    await settle();
    await wrapper.find('input[name="top-mode"][value="vorlage"]').setValue(true);
    await settle();
    const offered = () => wrapper.findAll('[data-testid="top-paper"] option:not([disabled])').map((o) => o.text());
    expect(offered()).toEqual(['50/003/2026 – Sprachkurse für Eltern', '50/020/2025 – Sprachförderung an Grundschulen', '20/001/2025 – Haushalt 2025']);

    await wrapper.find('#top-paper-filter').setValue('sprach');
    await new Promise((r) => setTimeout(r, 300));
    await settle();
    expect(offered()).toEqual(['50/003/2026 – Sprachkurse für Eltern', '50/020/2025 – Sprachförderung an Grundschulen']);
    const asked = calls.filter((c) => c.method === 'vorlagen.page').map((c) => c.params);
    expect(asked.slice(-2)).toEqual([
      { text: 'sprach', status: 'entwurf', offset: 0, limit: 100 },
      { text: 'sprach', status: 'in_beratung', offset: 0, limit: 100 },
    ]);
    expect(calls.some((c) => c.method === 'vorlagen.list')).toBe(false);
    wrapper.unmount();
  });
});

describe('Vorlage as a late TOP', () => {
  it('puts a Vorlage on the agenda through its Beratungsfolge and shows the core’s deadline warning, as for a free TOP', async () => {
    const backend = fakeMeetingBackend();
    const warning = 'Nachtragsfrist überschritten: für die Sitzung Sozialausschuss am 12.03.2099 endete sie am 09.03.2099 (3 Tage). Der TOP wird als Nachtrag aufgenommen.';
    const { calls } = fakeApi({
      ...backend.handlers,
      'vorlagen.page': fakePage([summary(61, { reference: '50/003/2099', year: 2099, title: 'Sprachkurse für Eltern', status: 'in_beratung' })]),
      'beratungen.list': () => [],
      'beratungen.add': () => {
        const added = backend.handlers['tagesordnung.add']!({ title: 'Sprachkurse für Eltern', public: true }) as { id: number };
        Object.assign(backend.items().find((i) => i.id === added.id)!, { paperId: 61, paperReference: '50/003/2099', supplement: true });
        return [];
      },
      'tagesordnung.hinweise': (p) => {
        expect(p).toEqual({ meetingId: 7 });
        return { supplement: true, tischvorlage: false, warnings: [warning] };
      },
    });
    const wrapper = mountWithApp(Harness);
    await settle();
    await wrapper.find('input[name="top-mode"][value="vorlage"]').setValue(true);
    await settle();
    await wrapper.find('[data-testid="top-paper"]').setValue('61');
    await wrapper.find('form.add-top').trigger('submit');
    await settle();
    expect(calls.find((c) => c.method === 'beratungen.add')!.params).toMatchObject({ paperId: 61, committeeId: 1, meetingId: 7 });
    expect(wrapper.text()).toContain('Vorlage 50/003/2099 ist jetzt TOP');
    expect(wrapper.text()).toContain(warning);
    wrapper.unmount();
  });
});

describe('Freigabe marks', () => {
  it('marks a TOP whose Vorlage is not freigegeben, and only that one', async () => {
    fakeApi(fakeMeetingBackend({ unreleased: [55] }).handlers);
    const wrapper = mountWithApp(Harness);
    await settle();
    const items = wrapper.findAll('[data-testid="agenda-item"]');
    const marked = items.filter((i) => i.find('[data-testid="mark-unreleased"]').exists());
    expect(marked.map((i) => i.find('.item-title').text())).toEqual(['Sprachförderung']);
    expect(marked[0]!.find('[data-testid="mark-unreleased"]').text()).toBe('nicht freigegeben');
    wrapper.unmount();

    fakeApi(fakeMeetingBackend().handlers);
    const released = mountWithApp(Harness);
    await settle();
    expect(released.find('[data-testid="mark-unreleased"]').exists()).toBe(false);
    released.unmount();
  });
});
