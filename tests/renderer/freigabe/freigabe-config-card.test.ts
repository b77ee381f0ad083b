// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { FreigabeConfig } from '../../../electron/shared/freigabe';
import FreigabeConfigCard from '../../../renderer/src/components/freigabe/FreigabeConfigCard.vue';
import { useToasts } from '../../../renderer/src/stores/toasts';
import { FakeApiError, installFakeApi } from '../vorlagen/fake-api';
import { appPlugins, settle } from '../vorlagen/mount-helpers';

const DEPARTMENTS = [
  { id: 1, key: 'ki', code: '50', name: 'Kommunales Integrationszentrum', signatory: '' },
  { id: 2, key: 'kaemmerei', code: '20', name: 'Kämmerei', signatory: '' },
];

function fakeCore(refuse = false) {
  let saved: FreigabeConfig = { steps: ['amtsleitung', 'kaemmerei'], followUpRecommendations: false, amendmentSuffix: '{nummer}/{n}', signingDepartments: {} };
  const api = installFakeApi({
    'freigabe.config': () => structuredClone(saved),
    'freigabe.setConfig': (p) => {
      if (refuse) throw new FakeApiError('FORBIDDEN', 'Ihre Rolle „Lesen“ darf diese Funktion nicht ausführen.');
      saved = p as unknown as FreigabeConfig;
      return structuredClone(saved);
    },
  });
  return { api, saved: () => saved };
}

let wrapper: ReturnType<typeof mount> | undefined;
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  document.body.innerHTML = '';
});

async function mountCard() {
  const { plugins } = appPlugins();
  wrapper = mount(FreigabeConfigCard, { props: { departments: DEPARTMENTS }, global: { plugins: [...plugins] }, attachTo: document.body });
  await settle(10);
  return wrapper;
}
const stepNames = (w: ReturnType<typeof mount>) => w.findAll('[data-testid="kette-schritt"]').map((li) => li.find('label.check').text());

describe('Einstellungen → Freigabe-Kette', () => {
  it('shows the chain in its order, adds the Dezernat, moves it first, names the Kämmerei’s Amt and saves all of it', async () => {
    const { api, saved } = fakeCore();
    const w = await mountCard();
    expect(stepNames(w)).toEqual(['Amtsleitung', 'Kämmerei', 'Dezernat', 'Rechtsamt']);
    const checked = () => w.findAll('[data-testid="kette-schritt"] input[type="checkbox"]').map((c) => (c.element as HTMLInputElement).checked);
    expect(checked()).toEqual([true, true, false, false]);

    await w.findAll('[data-testid="kette-schritt"]')[2]!.find('input[type="checkbox"]').setValue(true);
    await w.find('button[aria-label="Dezernat nach oben"]').trigger('click');
    await w.find('button[aria-label="Dezernat nach oben"]').trigger('click');
    expect(stepNames(w)).toEqual(['Dezernat', 'Amtsleitung', 'Kämmerei', 'Rechtsamt']);
    // The Amtsleitung step has no Amt to choose: it is always the Vorlage's own.
    expect(w.find('#kette-amt-amtsleitung').exists()).toBe(false);
    await w.find('#kette-amt-kaemmerei').setValue('2');
    await w.find('form').trigger('submit');
    await settle(10);

    expect(api.of('freigabe.setConfig')).toHaveLength(1);
    expect(saved()).toEqual({ steps: ['dezernat', 'amtsleitung', 'kaemmerei'], followUpRecommendations: false, amendmentSuffix: '{nummer}/{n}', signingDepartments: { kaemmerei: 2 } });
    expect(useToasts().toasts.map((x) => x.message)).toEqual(['Freigabe-Kette gespeichert.']);
  });

  it('shows a refusal in German above the form and keeps what was chosen', async () => {
    fakeCore(true);
    const w = await mountCard();
    await w.findAll('[data-testid="kette-schritt"]')[3]!.find('input[type="checkbox"]').setValue(true);
    await w.find('form').trigger('submit');
    await settle(10);
    expect(w.find('[role="alert"]').text()).toBe('Ihre Rolle „Lesen“ darf diese Funktion nicht ausführen.');
    expect(stepNames(w)).toEqual(['Amtsleitung', 'Kämmerei', 'Rechtsamt', 'Dezernat']);
  });
});
