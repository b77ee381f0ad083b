// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { setApi } from '../../renderer/src/api';
import ConfirmDialog from '../../renderer/src/components/ConfirmDialog.vue';
import MitgliederPanel from '../../renderer/src/components/gremien/MitgliederPanel.vue';
import ToastHost from '../../renderer/src/components/ToastHost.vue';
import PersonenView from '../../renderer/src/views/personen/PersonenView.vue';
import { useCoreApi } from './core-api';
import { tempApp, type TempApp } from '../helpers/temp-app';
import { flush, mountWithApp, until } from './helpers';

/**
 * The Personen view and the Mitglieder of a Gremium (issue 17, item 1) against the real core
 * on the Musterkreis demo: what a clerk clicks, and what the core then holds.
 */
let t: TempApp;
let committeeId: number;

beforeAll(async () => {
  t = await tempApp({ demo: true });
  committeeId = (await t.call('gremien.list', {})).find((c) => c.shortName === 'Sozialausschuss')!.id;
  useCoreApi(t);
}, 60_000);
afterAll(async () => {
  setApi(null);
  await t.close();
});

const withDialogs = (view: ReturnType<typeof defineComponent>, props: Record<string, unknown> = {}) =>
  defineComponent({ setup: () => () => [h(view, props), h(ConfirmDialog), h(ToastHost)] });

describe('Personen', () => {
  it('creates a person, explains why a person named in a Niederschrift cannot be deleted, and anonymises one who is not', async () => {
    const wrapper = mountWithApp(withDialogs(PersonenView));
    const rowOf = (name: string) => wrapper.findAll('[data-testid="persons-table"] tbody tr').find((r) => r.find('th').text().includes(name));
    await until(() => wrapper.find('[data-testid="persons-table"]').exists(), 'the persons are listed');

    // A new person through the form.
    await wrapper.find('[data-testid="person-address"]').setValue('Herr');
    await wrapper.find('[data-testid="person-name"]').setValue('Jakob Tessendorf');
    await wrapper.find('form.person-form').trigger('submit');
    await until(() => rowOf('Herr Jakob Tessendorf') !== undefined, 'the new person is listed');
    expect((await t.call('personen.list', {})).some((p) => p.name === 'Jakob Tessendorf' && p.formOfAddress === 'Herr')).toBe(true);

    // A person the demo's Niederschrift names: the row says so, and a delete is refused with the reason.
    const named = (await t.call('personen.list', {})).find((p) => p.namedIn.length > 0)!;
    const row = rowOf(named.name)!;
    expect(row.text()).toContain('Genannt in der Niederschrift vom');
    expect(row.text()).toContain('kann weder gelöscht noch anonymisiert werden');
    await row.findAll('button').find((b) => b.text() === 'Löschen')!.trigger('click');
    await flush();
    expect(wrapper.find('#confirm-title').text()).toBe('Person löschen?');
    await wrapper.findAll('.btn-danger-solid').find((b) => b.text() === 'Löschen')!.trigger('click');
    await until(() => wrapper.find('.toast-error').exists(), 'the refusal is shown');
    expect(wrapper.find('.toast-error .toast-message').text()).toMatch(new RegExp(`wird in der Niederschrift der Sitzung vom \\d\\d\\.\\d\\d\\.\\d{4} genannt`));
    expect((await t.call('personen.list', {})).find((p) => p.id === named.id)!.name).toBe(named.name);

    // The new person is named nowhere: anonymised on confirmation.
    await rowOf('Herr Jakob Tessendorf')!.findAll('button').find((b) => b.text() === 'Anonymisieren')!.trigger('click');
    await flush();
    await wrapper.findAll('.btn-danger-solid').find((b) => b.text() === 'Anonymisieren')!.trigger('click');
    await until(() => rowOf('Tessendorf') === undefined, 'the name is gone from the list');
    expect(JSON.stringify(await t.call('personen.list', {}))).not.toContain('Tessendorf');
    wrapper.unmount();
  });
});

describe('Mitglieder of a Gremium', () => {
  it('adds a personal deputy, ends a membership and reorders the list', async () => {
    const person = await t.call('personen.create', { name: 'Frieda Lammersen', formOfAddress: 'Frau', title: '', affiliation: 'Fraktion C', email: '' });
    const wrapper = mountWithApp(withDialogs(MitgliederPanel, { committeeId }));
    const rows = () => wrapper.findAll('table.members tbody tr');
    await until(() => rows().length > 5, 'the members are listed');
    const member = (await t.call('mitglieder.list', { committeeId })).find((m) => m.role === 'mitglied' && m.active)!;

    // Add: Stellvertretung of a named member.
    const form = wrapper.find('form.add');
    await form.findAll('select')[0]!.setValue(String(person.id));
    await form.findAll('select')[1]!.setValue('stellvertretung');
    await flush();
    await form.findAll('select')[2]!.setValue(String(member.personId));
    await form.find('input[type="date"]').setValue('2026-01-01');
    await form.trigger('submit');
    await until(() => rows().some((r) => r.text().includes('Frieda Lammersen')), 'the deputy is listed');
    const added = (await t.call('mitglieder.list', { committeeId })).find((m) => m.personId === person.id)!;
    expect(added).toMatchObject({ role: 'stellvertretung', representsPersonId: member.personId, from: '2026-01-01', until: null });
    expect(rows().find((r) => r.text().includes('Frieda Lammersen'))!.text()).toContain(`vertritt ${member.personName}`);

    // End: the membership stays, with its last day.
    const row = rows().find((r) => r.text().includes('Frieda Lammersen'))!;
    await row.findAll('button').find((b) => b.text() === 'Beenden')!.trigger('click');
    await flush();
    const ending = rows().find((r) => r.text().includes('Frieda Lammersen'))!;
    await ending.find('input[type="date"]').setValue('2026-06-30');
    await ending.findAll('button').find((b) => b.text() === 'Beenden')!.trigger('click');
    await until(() => rows().find((r) => r.text().includes('Frieda Lammersen'))!.text().includes('30.06.2026'), 'the end date is shown');
    expect((await t.call('mitglieder.list', { committeeId })).find((m) => m.id === added.id)!.until).toBe('2026-06-30');

    // Reorder: the first member one down.
    const before = (await t.call('mitglieder.list', { committeeId })).map((m) => m.id);
    const first = rows()[0]!.find('th').text();
    await rows()[0]!.find('button[aria-label$="nach unten"]').trigger('click');
    await until(() => rows()[1]!.find('th').text() === first, 'the first member is shown second');
    const after = (await t.call('mitglieder.list', { committeeId })).map((m) => m.id);
    expect(after).toEqual([before[1], before[0], ...before.slice(2)]);
    wrapper.unmount();
  });
});
