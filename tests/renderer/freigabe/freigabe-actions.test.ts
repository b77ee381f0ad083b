// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { RouterView } from 'vue-router';
import type { SessionUser } from '../../../electron/shared/roles';
import type { TransportResponse } from '../../../electron/shared/transport';
import { setApi } from '../../../renderer/src/api';
import { createApi } from '../../../renderer/src/api/client';
import { useSessionStore } from '../../../renderer/src/stores/session';
import ToastHost from '../../../renderer/src/components/ToastHost.vue';
import { demoApp, paperByKey } from '../../core/workflow/fixtures';
import type { TempApp } from '../../helpers/temp-app';
import { useCoreApi } from '../core-api';
import { until } from '../helpers';
import { appPlugins } from '../vorlagen/mount-helpers';

/**
 * The Freigabe tab of a Vorlage against the real core (Musterkreis demo, clock on 01.03.2025):
 * "Zurück an Sachbearbeitung", "Freigabe zurücknehmen" and the Ergänzungs-/Änderungsvorlage, as
 * the Amtsleitung clicks them, and what the core holds afterwards. The refusals come from a change
 * made elsewhere meanwhile (another window, a colleague), the way a clerk meets them.
 */
let t: TempApp;

beforeEach(async () => {
  t = await demoApp();
  useCoreApi(t);
  localStorage.setItem('vorlagenwerk.unterzeichner', JSON.stringify({ name: 'Dr. Jana Winterfeld', function: 'Amtsleiterin' }));
});
afterEach(async () => {
  setApi(null);
  localStorage.clear();
  document.body.innerHTML = '';
  await t.close();
});

/** The editor of one Vorlage, opened on its Freigabe tab; with `user`, signed in on a team server. */
async function openFreigabe(paperId: number, user?: SessionUser) {
  const { plugins, router } = appPlugins();
  if (user) {
    setApi(
      createApi({
        invoke: async (method, params) => (await t.dispatch(method, params, { user })) as TransportResponse,
        fileUrl: () => '',
        saveFile: async () => false,
        pickFile: async () => null,
      }),
    );
    useSessionStore().user = { login: user.login, name: user.name, role: user.role, roleLabel: 'Amtsleitung', amt: null };
  }
  await router.push(`/vorlagen/${paperId}`);
  const Shell = defineComponent({ render: () => [h(RouterView), h(ToastHost)] });
  const wrapper = mount(Shell, { global: { plugins: [...plugins] }, attachTo: document.body });
  await until(() => wrapper.findAll('[role="tab"]').some((x) => x.text() === 'Freigabe'), 'the Vorlage is open');
  await wrapper.findAll('[role="tab"]').find((x) => x.text() === 'Freigabe')!.trigger('click');
  await until(() => wrapper.find('[data-testid="freigabe-panel"]').exists(), 'the Freigabe tab is shown');
  return { wrapper, router };
}

type Wrapper = Awaited<ReturnType<typeof openFreigabe>>['wrapper'];
const button = (w: Wrapper, text: string) => w.findAll('[data-testid="freigabe-panel"] button').find((b) => b.text() === text);
const successToasts = (w: Wrapper) => w.findAll('.toast:not(.toast-error) .toast-message').map((m) => m.text());
const errorToasts = (w: Wrapper) => w.findAll('.toast-error .toast-message').map((m) => m.text());
const events = async (paperId: number, action: string) => (await t.call('vorlagen.history', { ref: paperId })).events.filter((e) => e.action === action);

describe('Zurück an Sachbearbeitung', () => {
  it('sends the comment, voids the Amtsleitung’s signature and shows both', async () => {
    // In Mitzeichnung: Dr. Jana Winterfeld signed for the Amtsleitung.
    const paper = await paperByKey(t, 'ehrenamt');
    const { wrapper } = await openFreigabe(paper.id);
    expect(wrapper.find('[data-testid="freigabe-status"]').text()).toBe('in Mitzeichnung');
    const giveBack = () => button(wrapper, 'Zurück an Sachbearbeitung')!;
    // Without a comment the Sachbearbeitung would not know what to change.
    expect(giveBack().attributes('disabled')).toBeDefined();

    const comment = 'Bitte die Zahl der Lotsinnen und Lotsen je Gemeinde nennen.';
    await wrapper.find('#fg-kommentar').setValue(comment);
    expect(giveBack().attributes('disabled')).toBeUndefined();
    await giveBack().trigger('click');
    await until(() => successToasts(wrapper).length > 0, 'the return is confirmed');
    expect(successToasts(wrapper)).toEqual(['Die Vorlage ging zurück an die Sachbearbeitung.']);

    const state = await t.call('freigabe.get', { ref: paper.id });
    expect(state.returned).toMatchObject({ comment });
    expect(state.steps.map((s) => s.approval)).toEqual([null]);
    expect((await events(paper.id, 'vorlage.zurueckgegeben')).map((e) => e.details)).toEqual([{ comment, steps: ['amtsleitung'] }]);

    const panel = wrapper.find('[data-testid="freigabe-panel"]');
    expect(panel.find('.returned').text()).toBe(`Zurück an Sachbearbeitung (test, 01.03.2025, 10:00 Uhr): ${comment}`);
    expect(wrapper.find('[data-testid="freigabe-status"]').text()).toBe('Entwurf');
    expect(wrapper.find('[data-testid="status-badge"]').text()).toBe('Entwurf');
    expect(wrapper.find('[data-testid="step-amtsleitung"]').text()).toContain('fehlt');
    expect(wrapper.find('[data-testid="approve"]').text()).toBe('Amtsleitung zeichnet mit');
    expect(panel.find('details.history').text()).toContain(`Amtsleitung von Dr. Jana Winterfeld (Stand 1) – zurück an Sachbearbeitung: ${comment}`);
    expect((wrapper.find('#fg-kommentar').element as HTMLInputElement).value).toBe('');
    wrapper.unmount();
  });

  it('shows the core’s refusal when the Vorlage was released meanwhile, and then the Freigabe', async () => {
    const paper = await paperByKey(t, 'ehrenamt');
    expect(paper.date).toBeNull();
    const { wrapper } = await openFreigabe(paper.id);
    await t.call('freigabe.release', { ref: paper.id, by: 'Dr. Jana Winterfeld' });

    const comment = 'Bitte die Zahl der Lotsinnen und Lotsen je Gemeinde nennen.';
    await wrapper.find('#fg-kommentar').setValue(comment);
    await button(wrapper, 'Zurück an Sachbearbeitung')!.trigger('click');
    await until(() => errorToasts(wrapper).length > 0, 'the refusal is shown');
    expect(errorToasts(wrapper)).toEqual([`Die Vorlage ${paper.reference} ist freigegeben; zuerst die Freigabe zurücknehmen.`]);
    expect(successToasts(wrapper)).toEqual([]);
    expect((await t.call('freigabe.get', { ref: paper.id })).released).not.toBeNull();
    expect(await events(paper.id, 'vorlage.zurueckgegeben')).toEqual([]);

    // The message sends the clerk to "Freigabe zurücknehmen": the tab offers it now, and the text is locked.
    await until(() => button(wrapper, 'Freigabe zurücknehmen') !== undefined, 'the tab shows the Freigabe made meanwhile');
    expect(wrapper.find('[data-testid="freigabe-status"]').text()).toBe('freigegeben');
    expect(wrapper.find('[data-testid="locked-badge"]').exists()).toBe(true);
    // The Freigabe dated the Vorlage; the Angaben show that date, read-only.
    await wrapper.findAll('[role="tab"]').find((x) => x.text() === 'Text')!.trigger('click');
    await until(() => (wrapper.find('#va-datum').element as HTMLInputElement).value === '2025-03-01', 'the date of the Freigabe is shown');
    expect(wrapper.find('#va-datum').attributes('disabled')).toBeDefined();
    wrapper.unmount();
  });

  it('keeps a refused comment in its field (team server: the Amtsleitung of another Amt)', async () => {
    const paper = await paperByKey(t, 'ehrenamt');
    const ordnungsamt = (await t.call('aemter.list', {})).find((a) => a.code === '32')!;
    expect(ordnungsamt.id).not.toBe(paper.departmentId);
    const { wrapper } = await openFreigabe(paper.id, { id: 7, login: 'kolbeck', name: 'Bernd Kolbeck', role: 'amtsleitung', departmentId: ordnungsamt.id });
    expect(wrapper.find('[data-testid="freigabe-panel"]').text()).toContain('Es zeichnet: Bernd Kolbeck (Anmeldung)');

    const comment = 'Bitte die Zahl der Lotsinnen und Lotsen je Gemeinde nennen.';
    await wrapper.find('#fg-kommentar').setValue(comment);
    await button(wrapper, 'Zurück an Sachbearbeitung')!.trigger('click');
    await until(() => errorToasts(wrapper).length > 0, 'the refusal is shown');
    expect(errorToasts(wrapper)).toEqual(['Sie dürfen nur Vorlagen Ihres eigenen Amtes bearbeiten.']);
    expect(await events(paper.id, 'vorlage.zurueckgegeben')).toEqual([]);
    expect((wrapper.find('#fg-kommentar').element as HTMLInputElement).value).toBe(comment);
    expect(wrapper.find('[data-testid="freigabe-status"]').text()).toBe('in Mitzeichnung');
    wrapper.unmount();
  });
});

describe('Freigabe zurücknehmen', () => {
  it('sends the reason and unlocks the text', async () => {
    // Released, on the agenda of the Sozialausschuss on 12.03.2025, not yet deliberated.
    const paper = await paperByKey(t, 'integrationsfonds');
    const { wrapper } = await openFreigabe(paper.id);
    expect(wrapper.find('[data-testid="freigabe-lock"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="locked-badge"]').text()).toBe('Text gesperrt');

    await wrapper.find('#fg-grund').setValue('Zahlen der Träger fehlen');
    await button(wrapper, 'Freigabe zurücknehmen')!.trigger('click');
    await until(() => successToasts(wrapper).length > 0, 'the withdrawal is confirmed');
    expect(successToasts(wrapper)).toEqual(['Die Freigabe ist zurückgenommen; der Text kann wieder bearbeitet werden.']);

    expect((await t.call('freigabe.get', { ref: paper.id })).released).toBeNull();
    expect((await events(paper.id, 'freigabe.zurueckgenommen')).map((e) => e.details.reason)).toEqual(['Zahlen der Träger fehlen']);
    expect(wrapper.find('[data-testid="freigabe-lock"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="locked-badge"]').exists()).toBe(false);
    // The signatures stay valid: Freigeben is offered again at once.
    expect(wrapper.find('[data-testid="freigabe-status"]').text()).toBe('in Mitzeichnung');
    expect(wrapper.find('[data-testid="release"]').exists()).toBe(true);
    await wrapper.findAll('[role="tab"]').find((x) => x.text() === 'Text')!.trigger('click');
    expect(wrapper.find('#v-betreff').attributes('readonly')).toBeUndefined();
    wrapper.unmount();
  });

  it('shows the core’s refusal when the Freigabe was withdrawn meanwhile, and then the unreleased state', async () => {
    const paper = await paperByKey(t, 'integrationsfonds');
    const { wrapper } = await openFreigabe(paper.id);
    await t.call('freigabe.withdraw', { ref: paper.id, reason: 'im anderen Fenster' });

    await button(wrapper, 'Freigabe zurücknehmen')!.trigger('click');
    await until(() => errorToasts(wrapper).length > 0, 'the refusal is shown');
    expect(errorToasts(wrapper)).toEqual([`Die Vorlage ${paper.reference} ist nicht freigegeben.`]);
    expect(await events(paper.id, 'freigabe.zurueckgenommen')).toHaveLength(1);
    await until(() => !wrapper.find('[data-testid="freigabe-lock"]').exists(), 'the tab shows the withdrawal made meanwhile');
    expect(wrapper.find('[data-testid="release"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="locked-badge"]').exists()).toBe(false);
    wrapper.unmount();
  });
});

describe('Ergänzungs- und Änderungsvorlage', () => {
  it('creates the kind clicked, numbered after the original, and opens it', async () => {
    // Released and deliberated: only an Ergänzungs- or Änderungsvorlage can change it now.
    const original = await paperByKey(t, 'sachstand-vorjahr');
    const { wrapper, router } = await openFreigabe(original.id);
    expect(wrapper.find('[data-testid="freigabe-lock"]').text()).toContain('Ein Gremium hat die Vorlage bereits beraten.');
    expect(button(wrapper, 'Freigabe zurücknehmen')).toBeUndefined();

    await button(wrapper, 'Änderungsvorlage anlegen')!.trigger('click');
    await until(() => router.currentRoute.value.path !== `/vorlagen/${original.id}`, 'the new Vorlage opens');
    const aenderung = await t.call('freigabe.get', { ref: `${original.reference}/1` });
    expect(aenderung.amends).toEqual({ id: original.id, reference: original.reference, kind: 'aenderung' });
    expect(router.currentRoute.value.path).toBe(`/vorlagen/${aenderung.paperId}`);
    expect(successToasts(wrapper)).toEqual([`Änderungsvorlage ${original.reference}/1 angelegt.`]);
    await until(() => wrapper.find('h1').text() === `Änderung: ${original.title}`, 'the editor shows the new Vorlage');
    expect(wrapper.find('.subtitle .tabular').text()).toBe(`${original.reference}/1`);
    // It has a Freigabe of its own, starting as a draft.
    await wrapper.findAll('[role="tab"]').find((x) => x.text() === 'Freigabe')!.trigger('click');
    await until(() => wrapper.find('[data-testid="freigabe-panel"]').exists(), 'its Freigabe tab is shown');
    expect(wrapper.find('[data-testid="freigabe-panel"]').text()).toContain(`Änderungsvorlage zu Vorlage-Nr. ${original.reference}`);
    expect(wrapper.find('[data-testid="freigabe-status"]').text()).toBe('Entwurf');
    wrapper.unmount();

    const back = await openFreigabe(original.id);
    await button(back.wrapper, 'Ergänzungsvorlage anlegen')!.trigger('click');
    await until(() => back.router.currentRoute.value.path !== `/vorlagen/${original.id}`, 'the new Vorlage opens');
    const ergaenzung = await t.call('freigabe.get', { ref: `${original.reference}/2` });
    expect(ergaenzung.amends).toEqual({ id: original.id, reference: original.reference, kind: 'ergaenzung' });
    expect(back.router.currentRoute.value.path).toBe(`/vorlagen/${ergaenzung.paperId}`);
    expect(successToasts(back.wrapper)).toEqual([`Ergänzungsvorlage ${original.reference}/2 angelegt.`]);
    back.wrapper.unmount();
  });

  it('shows the core’s refusal when the Freigabe was withdrawn meanwhile, creating nothing and staying', async () => {
    const paper = await paperByKey(t, 'integrationsfonds');
    const { wrapper, router } = await openFreigabe(paper.id);
    const before = (await t.call('vorlagen.list', {})).length;
    await t.call('freigabe.withdraw', { ref: paper.id });

    await button(wrapper, 'Ergänzungsvorlage anlegen')!.trigger('click');
    await until(() => errorToasts(wrapper).length > 0, 'the refusal is shown');
    expect(errorToasts(wrapper)).toEqual([`Die Vorlage ${paper.reference} ist nicht freigegeben und kann direkt geändert werden; eine Ergänzungsvorlage ist nicht nötig.`]);
    expect((await t.call('vorlagen.list', {})).length).toBe(before);
    expect(router.currentRoute.value.path).toBe(`/vorlagen/${paper.id}`);
    // As the message says, the text can be changed directly: the tab and the header say so too.
    await until(() => button(wrapper, 'Ergänzungsvorlage anlegen') === undefined, 'the tab shows the withdrawal made meanwhile');
    expect(wrapper.find('[data-testid="locked-badge"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
