// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { RouterView } from 'vue-router';
import type { FreigabeState } from '../../../electron/shared/freigabe';
import type { Paper } from '../../../electron/shared/schemas';
import { setApi } from '../../../renderer/src/api';
import ToastHost from '../../../renderer/src/components/ToastHost.vue';
import { FakeApiError, installFakeApi } from '../vorlagen/fake-api';
import { appPlugins, settle } from '../vorlagen/mount-helpers';
import { para, paperFixture } from '../vorlagen/paper-fixture';

const TEMPLATE = {
  id: 'sachstandsbericht', name: 'Sachstandsbericht', description: null, defaultRole: 'kenntnisnahme', source: 'builtin', overridesBuiltin: false, titleSuggestion: null,
  sections: [{ key: 'vorbemerkungen', title: 'Vorbemerkungen', required: true, hint: null }],
  closingLine: '',
};
const HASH = 'a'.repeat(64);

/** A Vorlage with the chain Amtsleitung → Kämmerei, answered like the core (order, refusal of a missing step). */
function fakeCore() {
  const paper: Paper = paperFixture({ sections: { vorbemerkungen: para('Text') } });
  const state: FreigabeState = {
    paperId: 7, reference: paper.reference, status: 'entwurf', revision: 3, revisionHash: HASH,
    steps: [{ step: 'amtsleitung', label: 'Amtsleitung', approval: null }, { step: 'kaemmerei', label: 'Kämmerei', approval: null }],
    approvals: [], released: null, locked: false, deliberated: false, returned: null, amends: null,
  };
  const api = installFakeApi({
    'vorlagen.get': () => structuredClone(paper),
    'gremien.list': () => [],
    'aemter.list': () => [{ id: 1, key: 'ki', code: '50', name: 'KI', signatory: '' }],
    'vorlagen.templates': () => ({ templates: [TEMPLATE], errors: [] }),
    'beratungen.list': () => [],
    'freigabe.get': () => structuredClone(state),
    'freigabe.approve': (p) => {
      const step = state.steps.find((s) => s.step === p.step)!;
      step.approval = { id: 1, paperId: 7, step: step.step, by: String(p.by ?? 'e2e'), function: String(p.function ?? ''), at: '2025-03-01T09:15:00.000Z', revision: 3, revisionHash: HASH, invalidatedAt: null, invalidatedReason: null };
      state.status = 'in_mitzeichnung';
      return structuredClone(state);
    },
    'freigabe.release': (p) => {
      const missing = state.steps.filter((s) => !s.approval).map((s) => s.label);
      if (missing.length) throw new FakeApiError('VALIDATION', `Die Vorlage ${paper.reference} kann nicht freigegeben werden: es fehlt die Mitzeichnung durch ${missing.join(', ')}.`);
      state.released = { by: String(p.by), function: String(p.function ?? ''), at: '2025-03-01T10:00:00.000Z', revision: 3, revisionHash: HASH };
      state.locked = true;
      state.status = 'freigegeben';
      paper.date = '2025-03-01';
      return structuredClone(state);
    },
  });
  return { api, state };
}

async function mountEditor() {
  const { plugins, router } = appPlugins();
  await router.push('/vorlagen/7');
  const Shell = defineComponent({ render: () => [h(RouterView), h(ToastHost)] });
  const wrapper = mount(Shell, { global: { plugins: [...plugins] }, attachTo: document.body });
  await settle(10);
  await wrapper.findAll('[role="tab"]').find((t) => t.text() === 'Freigabe')!.trigger('click');
  await settle();
  return wrapper;
}

beforeEach(() => localStorage.setItem('vorlagenwerk.unterzeichner', JSON.stringify({ name: 'Dr. Jana Winterfeld', function: 'Amtsleiterin' })));
afterEach(() => {
  setApi(null);
  localStorage.clear();
  document.body.innerHTML = '';
});

describe('Freigabe panel in the Vorlage editor', () => {
  it('signs step by step with the name and function from Einstellungen, releases, and then shows the text read-only', async () => {
    const { api } = fakeCore();
    const wrapper = await mountEditor();
    const header = () => wrapper.find('[data-testid="status-badge"]').text();
    expect(header()).toBe('Entwurf');
    expect(wrapper.find('[data-testid="step-amtsleitung"]').text()).toContain('fehlt');
    const approve = () => wrapper.find('[data-testid="approve"]');
    expect(approve().text()).toBe('Amtsleitung zeichnet mit');
    await approve().trigger('click');
    await settle();
    expect(api.of('freigabe.approve').at(-1)!.params).toEqual({ ref: 7, step: 'amtsleitung', by: 'Dr. Jana Winterfeld', function: 'Amtsleiterin' });
    expect(wrapper.find('[data-testid="step-amtsleitung"]').text()).toContain('Dr. Jana Winterfeld (Amtsleiterin)');
    expect(wrapper.find('[data-testid="step-amtsleitung"]').text()).toContain('Stand 3 · aaaaaaaaaaaa');
    expect(header()).toBe('In Mitzeichnung');
    // The chain is ordered: the next button is the Kämmerei's.
    expect(approve().text()).toBe('Kämmerei zeichnet mit');
    await approve().trigger('click');
    await settle();
    await wrapper.find('[data-testid="release"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="freigabe-status"]').text()).toBe('freigegeben');
    expect(wrapper.find('[data-testid="freigabe-lock"]').text()).toContain('gesperrt');
    expect(wrapper.find('[data-testid="locked-badge"]').text()).toBe('Text gesperrt');
    // The header says what the Freigabe tab says, not the stored "Entwurf" beside "gesperrt".
    expect(header()).toBe('Freigegeben');

    await wrapper.findAll('[role="tab"]').find((t) => t.text() === 'Text')!.trigger('click');
    await settle();
    expect(wrapper.find('#v-betreff').attributes('readonly')).toBeDefined();
    expect(wrapper.find('.doc-editor').attributes('contenteditable')).toBe('false');
    expect(wrapper.find('#va-datum').attributes('disabled')).toBeDefined();
    // The date the Freigabe set comes from the core.
    expect((wrapper.find('#va-datum').element as HTMLInputElement).value).toBe('2025-03-01');
    wrapper.unmount();
  });

  it('shows the core’s refusal when a step is missing and stays unreleased', async () => {
    const { api } = fakeCore();
    const wrapper = await mountEditor();
    await wrapper.find('[data-testid="release"]').trigger('click');
    await settle();
    expect(api.of('freigabe.release')).toHaveLength(1);
    expect(document.body.textContent).toContain('kann nicht freigegeben werden: es fehlt die Mitzeichnung durch Amtsleitung, Kämmerei.');
    expect(wrapper.find('[data-testid="freigabe-status"]').text()).toBe('Entwurf');
    expect(wrapper.find('[data-testid="locked-badge"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
