// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import ConfirmDialog from '../../renderer/src/components/ConfirmDialog.vue';
import ToastHost from '../../renderer/src/components/ToastHost.vue';
import SitzungView from '../../renderer/src/views/gremien/SitzungView.vue';
import { fakeMeetingBackend } from './fake-meeting';
import { fakeApi, flush, mountWithApp } from './helpers';
import { defineComponent, h } from 'vue';

const Harness = defineComponent({ setup: () => () => [h(SitzungView, { id: 7 }), h(ConfirmDialog), h(ToastHost)] });

async function settle() {
  for (let i = 0; i < 6; i++) await flush();
}

const rows = (wrapper: ReturnType<typeof mountWithApp>) =>
  wrapper.findAll('[data-testid="agenda-item"]').map((r) => `${r.find('[data-testid="agenda-number"]').text()} ${r.find('.item-title').text()}`);

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
    await wrapper.find('button[aria-label="TOP 2 entfernen"]').trigger('click');
    await settle();
    expect(wrapper.find('[role="alertdialog"]').text()).toContain('„Sprachförderung“ wird von der Tagesordnung genommen.');
    await wrapper.findAll('[role="alertdialog"] button').find((b) => b.text() === 'Entfernen')!.trigger('click');
    await settle();
    expect(rows(wrapper)).not.toContain('2 Sprachförderung');
    await wrapper.findAll('button').find((b) => b.text() === 'Rückgängig')!.trigger('click');
    await settle();
    expect(rows(wrapper).slice(0, 3)).toEqual(['1 Eröffnung der Sitzung', '2 Sprachförderung', '3 Mitteilungen der Verwaltung']);
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
