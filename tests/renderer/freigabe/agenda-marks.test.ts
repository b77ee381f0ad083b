// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import ConfirmDialog from '../../../renderer/src/components/ConfirmDialog.vue';
import ToastHost from '../../../renderer/src/components/ToastHost.vue';
import SitzungView from '../../../renderer/src/views/gremien/SitzungView.vue';
import { meetingByKey } from '../../core/workflow/fixtures';
import type { TempApp } from '../../helpers/temp-app';
import { useDemoCoreEach } from '../core-api';
import { flush, mountWithApp, until } from '../helpers';

/**
 * The marks of a TOP in the Tagesordnung (issue 13): Nachtrag, Tischvorlage and abgesetzt, as the
 * real core records them on the Musterkreis demo. Its clock stands on 01.03.2025, before the
 * Sozialausschuss of 12.03.2025 (soz-4), whose Einladung has not gone out yet.
 */
let t: TempApp;
let meetingId: number;

const core = useDemoCoreEach();
beforeEach(async () => {
  t = core();
  meetingId = (await meetingByKey(t, 'soz-4')).id;
});

const mountSitzung = () => mountWithApp(defineComponent({ setup: () => () => [h(SitzungView, { id: meetingId }), h(ConfirmDialog), h(ToastHost)] }));

type Wrapper = ReturnType<typeof mountSitzung>;
const rowOf = (w: Wrapper, title: string) => w.findAll('[data-testid="agenda-item"]').find((r) => r.find('.item-title').text() === title);
/** Every TOP that carries one of the three marks, with the marks' text as the clerk reads it. */
function marked(w: Wrapper): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const row of w.findAll('[data-testid="agenda-item"]')) {
    const marks = row.findAll('[data-testid="mark-nachtrag"], [data-testid="mark-tischvorlage"], [data-testid="mark-abgesetzt"]').map((m) => m.text());
    if (marks.length) out[row.find('.item-title').text()] = marks;
  }
  return out;
}

describe('Marks in the Tagesordnung of a Sitzung', () => {
  it('shows Nachtrag, Tischvorlage and abgesetzt on exactly the TOPs the core marked so', async () => {
    await t.call('sitzungen.einladungVersandt', { meetingId });
    await t.call('tagesordnung.add', { meetingId, title: 'Sprachkurse für Eltern', public: true });
    await t.call('tagesordnung.add', { meetingId, title: 'Dringlichkeitsantrag Notunterkunft', public: false, tischvorlage: true });
    const anfragen = (await t.call('sitzungen.get', { id: meetingId })).agenda.find((i) => i.title === 'Anfragen')!;
    await t.call('tagesordnung.remove', { id: anfragen.id });
    const agenda = (await t.call('sitzungen.get', { id: meetingId })).agenda;
    // The core's side of it, so the view below is checked against what is really stored.
    expect(agenda.filter((i) => i.supplement).map((i) => i.title)).toEqual(['Sprachkurse für Eltern']);
    expect(agenda.filter((i) => i.tischvorlage).map((i) => i.title)).toEqual(['Dringlichkeitsantrag Notunterkunft']);
    expect(agenda.filter((i) => i.abgesetzt).map((i) => i.title)).toEqual(['Anfragen']);

    const wrapper = mountSitzung();
    await until(() => rowOf(wrapper, 'Dringlichkeitsantrag Notunterkunft') !== undefined, 'the agenda is shown');
    expect(marked(wrapper)).toEqual({
      'Sprachkurse für Eltern': ['Nachtrag'],
      Anfragen: ['abgesetzt'],
      'Dringlichkeitsantrag Notunterkunft': ['Tischvorlage'],
    });
    // An abgesetzter TOP keeps its place and number: the members have it in their Einladung.
    expect(rowOf(wrapper, 'Anfragen')!.find('[data-testid="agenda-number"]').text()).toBe(String(anfragen.number));
    wrapper.unmount();
  });

  it('marks nothing before the Einladung went out', async () => {
    await t.call('tagesordnung.add', { meetingId, title: 'Sprachkurse für Eltern', public: true });
    const wrapper = mountSitzung();
    await until(() => rowOf(wrapper, 'Sprachkurse für Eltern') !== undefined, 'the agenda is shown');
    expect(marked(wrapper)).toEqual({});
    wrapper.unmount();
  });

  it('after "Einladung heute versandt" a TOP added in the view is a Nachtrag, and one taken off stays as abgesetzt', async () => {
    const wrapper = mountSitzung();
    await until(() => wrapper.find('[data-testid="record-invitation"]').exists(), 'the Sitzung is shown');
    await wrapper.find('[data-testid="record-invitation"]').trigger('click');
    await until(() => wrapper.find('[data-testid="invited-on"]').exists(), 'the Versand is recorded');
    expect(wrapper.find('[data-testid="invited-on"]').text()).toBe('Einladung versandt am 01.03.2025; weitere TOPs werden Nachträge.');

    await wrapper.find('#top-title').setValue('Sprachkurse für Eltern');
    await wrapper.find('form.add-top').trigger('submit');
    await until(() => rowOf(wrapper, 'Sprachkurse für Eltern') !== undefined, 'the new TOP is listed');
    expect(marked(wrapper)).toEqual({ 'Sprachkurse für Eltern': ['Nachtrag'] });
    expect(document.body.textContent).toContain('Als Nachtrag zur Tagesordnung aufgenommen; Nachtragsfrist für die Sitzung Sozialausschuss am 12.03.2025 bis');

    const number = rowOf(wrapper, 'Anfragen')!.find('[data-testid="agenda-number"]').text();
    const remove = () => wrapper.find(`button[aria-label="TOP ${number} entfernen"]`);
    await remove().trigger('click');
    await flush();
    // The dialog says what will happen: the TOP is not gone, it is abgesetzt.
    expect(wrapper.find('#confirm-title').text()).toBe('Tagesordnungspunkt absetzen?');
    expect(wrapper.find('[role="alertdialog"]').text()).toContain('„Anfragen“ bleibt mit seiner Nummer als abgesetzt auf der Tagesordnung stehen.');
    await wrapper.findAll('[role="alertdialog"] button').find((b) => b.text() === 'Absetzen')!.trigger('click');
    await until(() => rowOf(wrapper, 'Anfragen')?.find('[data-testid="mark-abgesetzt"]').exists() === true, 'the TOP is marked abgesetzt');
    expect(marked(wrapper)).toEqual({ 'Sprachkurse für Eltern': ['Nachtrag'], Anfragen: ['abgesetzt'] });
    expect(rowOf(wrapper, 'Anfragen')!.find('[data-testid="agenda-number"]').text()).toBe(number);
    expect((await t.call('sitzungen.get', { id: meetingId })).agenda.find((i) => i.title === 'Anfragen')!.abgesetzt).toBe(true);

    // No "wurde entfernt" and no "Rückgängig": putting it back as new would list "Anfragen" twice.
    const toast = wrapper.findAll('.toast').at(-1)!;
    expect(toast.find('.toast-message').text()).toBe(`TOP ${number} „Anfragen“ ist abgesetzt und bleibt mit diesem Vermerk auf der Tagesordnung.`);
    expect(wrapper.findAll('.toast button').some((b) => b.text() === 'Rückgängig')).toBe(false);
    // The core refuses to take it off twice; the button says so before anyone tries.
    expect(remove().attributes('disabled')).toBeDefined();
    wrapper.unmount();
  });

  it('before the Einladung a TOP taken off is gone, and "Rückgängig" puts it back at its place', async () => {
    const wrapper = mountSitzung();
    await until(() => rowOf(wrapper, 'Anfragen') !== undefined, 'the agenda is shown');
    const titles = () => wrapper.findAll('[data-testid="agenda-item"]').map((r) => r.find('.item-title').text());
    const before = titles();
    const number = rowOf(wrapper, 'Anfragen')!.find('[data-testid="agenda-number"]').text();
    await wrapper.find(`button[aria-label="TOP ${number} entfernen"]`).trigger('click');
    await flush();
    expect(wrapper.find('#confirm-title').text()).toBe('Tagesordnungspunkt entfernen?');
    await wrapper.findAll('[role="alertdialog"] button').find((b) => b.text() === 'Entfernen')!.trigger('click');
    await until(() => rowOf(wrapper, 'Anfragen') === undefined, 'the TOP is gone');
    expect(wrapper.find('.toast .toast-message').text()).toBe('TOP „Anfragen“ wurde entfernt.');
    await wrapper.findAll('.toast button').find((b) => b.text() === 'Rückgängig')!.trigger('click');
    await until(() => rowOf(wrapper, 'Anfragen') !== undefined, 'the TOP is back');
    expect(titles()).toEqual(before);
    expect(marked(wrapper)).toEqual({});
    wrapper.unmount();
  });
});
