// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { RouterView } from 'vue-router';
import type { Paper } from '../../../electron/shared/schemas';
import { setApi } from '../../../renderer/src/api';
import { installShortcuts } from '../../../renderer/src/composables/useShortcuts';
import { busyFor } from './busy-api';
import { FakeApiError, installFakeApi } from './fake-api';
import { appPlugins, settle } from './mount-helpers';
import { para, paperFixture } from './paper-fixture';

const TEMPLATE = {
  id: 'sachstandsbericht',
  name: 'Sachstandsbericht',
  description: null,
  defaultRole: 'kenntnisnahme',
  source: 'builtin',
  overridesBuiltin: false,
  titleSuggestion: null,
  sections: [
    { key: 'vorbemerkungen', title: 'Vorbemerkungen', required: true, hint: 'Worüber die Vorlage informiert.' },
    { key: 'erlaeuterungen', title: 'Erläuterungen', required: true, hint: null },
  ],
  closingLine: '',
};

let server: { paper: Paper; conflictOnce: boolean };
let api: ReturnType<typeof installFakeApi>;
let uninstall: () => void;

beforeEach(() => {
  server = { paper: paperFixture({ sections: { vorbemerkungen: para('Vorbemerkung alt'), erlaeuterungen: para('Erläuterung alt'), anhang_alt: para('Alter Abschnitt') } }), conflictOnce: false };
  api = installFakeApi({
    'vorlagen.get': () => structuredClone(server.paper),
    'gremien.list': () => [],
    'aemter.list': () => [{ id: 1, key: 'ki', code: '50', name: '50.2 – Kommunales Integrationszentrum (KI)', signatory: '' }],
    'vorlagen.templates': () => ({ templates: [TEMPLATE], errors: [] }),
    'beratungen.list': () => [],
    'vorlagen.save': (p) => {
      if (server.conflictOnce) {
        server.conflictOnce = false;
        server.paper = { ...server.paper, revision: server.paper.revision + 1, sections: { ...server.paper.sections, vorbemerkungen: para('Vorbemerkung von Frau Kaya') } };
      }
      if (p.expectedRevision !== server.paper.revision) {
        throw new FakeApiError('CONFLICT', `Die Vorlage 50/012/2025 wurde inzwischen anderweitig geändert (Stand ${server.paper.revision}, Ihr Stand ${p.expectedRevision}).`);
      }
      const { id: _id, expectedRevision: _e, ...patch } = p;
      server.paper = { ...server.paper, ...(patch as object), revision: server.paper.revision + 1, updatedAt: new Date().toISOString() };
      return { revision: server.paper.revision, changed: true, savedAt: server.paper.updatedAt };
    },
  });
  uninstall = installShortcuts();
});
afterEach(() => {
  uninstall();
  setApi(null);
  document.body.innerHTML = '';
});

async function mountEditor() {
  const { plugins, router } = appPlugins();
  await router.push('/vorlagen/7');
  const Shell = defineComponent({ render: () => h(RouterView) });
  const wrapper = mount(Shell, { global: { plugins: [...plugins] }, attachTo: document.body });
  await settle(10);
  return { wrapper, router };
}

const ctrlS = () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true }));

describe('Vorlage bearbeiten', () => {
  it('shows one labelled rich-text editor per section, the template’s first, and keeps extra sections visible', async () => {
    const { wrapper } = await mountEditor();
    expect(wrapper.get('h1').text()).toBe('Kommunales Integrationsmanagement – Sachstand 2025');
    const headings = wrapper.findAll('[data-testid="section"] h2').map((x) => x.text());
    expect(headings).toEqual(['Vorbemerkungen', 'Erläuterungen', 'anhang_alt']);
    const textbox = wrapper.get('[role="textbox"][aria-labelledby="sec-vorbemerkungen"]');
    expect(textbox.attributes('aria-describedby')).toBe('sec-vorbemerkungen-hint');
    expect(textbox.text()).toBe('Vorbemerkung alt');
    expect((wrapper.get('#va-nummer').element as HTMLInputElement).readOnly).toBe(true);
    expect(wrapper.findAll('[role="toolbar"]').map((x) => x.attributes('aria-label'))).toContain('Formatierung: Erläuterungen');
    wrapper.unmount();
  });

  it('on a CONFLICT keeps the typed text, explains it in German, and saves it on top of the newer state', async () => {
    const { wrapper } = await mountEditor();
    server.conflictOnce = true;
    const title = wrapper.get('#v-betreff');
    await title.setValue('Sachstand mit neuem Betreff');
    ctrlS();
    await settle(10);

    const banner = wrapper.get('[aria-labelledby="konflikt-titel"]');
    expect(banner.text()).toContain('Diese Vorlage wurde inzwischen an anderer Stelle geändert');
    expect(banner.text()).toContain('Ihre Änderungen sind nicht verloren');
    expect(banner.text()).toContain('Von Ihnen geändert: Betreff');
    expect(wrapper.get('[data-testid="save-status"]').text()).toContain('Nicht gespeichert – Konflikt');
    expect((title.element as HTMLInputElement).value).toBe('Sachstand mit neuem Betreff');
    expect(server.paper.title).toBe('Kommunales Integrationsmanagement – Sachstand 2025');

    await wrapper.get('button.btn-primary').trigger('click');
    await settle(10);
    expect(wrapper.find('[aria-labelledby="konflikt-titel"]').exists()).toBe(false);
    expect(server.paper.title).toBe('Sachstand mit neuem Betreff');
    expect(server.paper.sections.vorbemerkungen).toEqual(para('Vorbemerkung von Frau Kaya'));
    // The other person's text is now in the editor, too.
    expect(wrapper.get('[role="textbox"][aria-labelledby="sec-vorbemerkungen"]').text()).toBe('Vorbemerkung von Frau Kaya');
    expect(wrapper.get('[data-testid="save-status"]').text()).toMatch(/^Gespeichert \d{2}:\d{2}$/);
    wrapper.unmount();
  });

  it('says in German that the Vorlage could not be loaded, never a browser exception’s English text', async () => {
    installFakeApi({
      'vorlagen.get': () => {
        throw new TypeError("Cannot read properties of undefined (reading 'sections')");
      },
    });
    const { wrapper } = await mountEditor();
    expect(wrapper.get('.inline-error[role="alert"]').text()).toBe('Die Vorlage konnte nicht geladen werden.');
    expect(document.body.textContent).not.toContain('Cannot read');
    wrapper.unmount();
  });

  it('shows the core’s German message when the Vorlage cannot be loaded', async () => {
    installFakeApi({
      'vorlagen.get': () => {
        throw new FakeApiError('NOT_FOUND', 'Die Vorlage 7 wurde nicht gefunden.');
      },
    });
    const { wrapper } = await mountEditor();
    expect(wrapper.get('.inline-error[role="alert"]').text()).toBe('Die Vorlage 7 wurde nicht gefunden.');
    wrapper.unmount();
  });

  it('tells a busy database apart from someone else’s edit: no conflict, the text stays, it will try again', async () => {
    const { wrapper } = await mountEditor();
    busyFor('vorlagen.save', 1);
    const title = wrapper.get('#v-betreff');
    await title.setValue('Sachstand, während die Datenbank belegt ist');
    ctrlS();
    await settle(10);

    expect(wrapper.get('[data-testid="save-status"]').text()).toContain('Die Datenbank ist gerade belegt – neuer Versuch in wenigen Sekunden');
    expect(wrapper.find('[aria-labelledby="konflikt-titel"]').exists()).toBe(false);
    expect(wrapper.text()).not.toContain('an anderer Stelle geändert');
    expect((title.element as HTMLInputElement).value).toBe('Sachstand, während die Datenbank belegt ist');

    ctrlS();
    await settle(10);
    expect(server.paper.title).toBe('Sachstand, während die Datenbank belegt ist');
    expect(wrapper.get('[data-testid="save-status"]').text()).toMatch(/^Gespeichert \d{2}:\d{2}$/);
    wrapper.unmount();
  });

  it('saves before leaving the page', async () => {
    const { wrapper, router } = await mountEditor();
    await wrapper.get('#v-betreff').setValue('Betreff vor dem Verlassen');
    expect(api.of('vorlagen.save')).toHaveLength(0);
    await router.push('/');
    await settle();
    expect(api.of('vorlagen.save')).toHaveLength(1);
    expect(server.paper.title).toBe('Betreff vor dem Verlassen');
    expect(router.currentRoute.value.path).toBe('/');
    wrapper.unmount();
  });

  it('asks before leaving when the text could not be saved, and stays on request', async () => {
    const { wrapper, router } = await mountEditor();
    installFakeApi({ 'vorlagen.save': () => Promise.reject(new Error('offline')) });
    await wrapper.get('#v-betreff').setValue('Nicht gespeicherter Betreff');
    const leaving = router.push('/');
    await settle(10);
    const { confirmState, answerConfirm } = await import('../../../renderer/src/composables/useConfirm');
    expect(confirmState.current?.title).toBe('Änderungen nicht gespeichert');
    answerConfirm(false);
    await leaving;
    expect(router.currentRoute.value.path).toBe('/vorlagen/7');
    expect((wrapper.get('#v-betreff').element as HTMLInputElement).value).toBe('Nicht gespeicherter Betreff');
    wrapper.unmount();
  });
});

describe('Vorlage bearbeiten → closing the window', () => {
  const beforeUnload = () => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event;
  };
  afterEach(() => {
    Reflect.deleteProperty(document, 'visibilityState');
  });

  it('sends the waiting autosave at once and closes without asking', async () => {
    const { wrapper } = await mountEditor();
    await wrapper.get('#v-betreff').setValue('Betreff kurz vor dem Schließen');
    expect(api.of('vorlagen.save')).toHaveLength(0);
    const event = beforeUnload();
    expect(event.defaultPrevented).toBe(false);
    expect(api.of('vorlagen.save')).toHaveLength(1);
    await settle();
    expect(server.paper.title).toBe('Betreff kurz vor dem Schließen');
    wrapper.unmount();
  });

  it('asks before closing only when the text could not be saved', async () => {
    const { wrapper } = await mountEditor();
    await wrapper.get('#v-betreff').setValue('');
    ctrlS();
    await settle();
    expect(wrapper.get('[data-testid="save-status"]').text()).toContain('Der Betreff darf nicht leer sein');
    expect(beforeUnload().defaultPrevented).toBe(true);

    await wrapper.get('#v-betreff').setValue('Wieder ein Betreff');
    ctrlS();
    await settle();
    expect(beforeUnload().defaultPrevented).toBe(false);
    wrapper.unmount();
  });

  it('saves when the window is hidden or the page goes away, without waiting for the typing pause', async () => {
    const { wrapper } = await mountEditor();
    await wrapper.get('#v-betreff').setValue('Betreff vor dem Minimieren');
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(api.of('vorlagen.save')).toHaveLength(1);
    await settle();
    expect(server.paper.title).toBe('Betreff vor dem Minimieren');

    await wrapper.get('#v-betreff').setValue('Betreff vor dem Verlassen der Seite');
    window.dispatchEvent(new Event('pagehide'));
    expect(api.of('vorlagen.save')).toHaveLength(2);
    await settle();
    expect(server.paper.title).toBe('Betreff vor dem Verlassen der Seite');
    wrapper.unmount();
  });
});

describe('Vorlage bearbeiten → another Vorlage', () => {
  it('saves before opening another Vorlage in the same view', async () => {
    const { wrapper, router } = await mountEditor();
    await wrapper.get('#v-betreff').setValue('Betreff vor dem Wechsel');
    await router.push('/vorlagen/8');
    await settle(10);
    expect(api.of('vorlagen.save')[0]!.params).toMatchObject({ id: 7, title: 'Betreff vor dem Wechsel' });
    expect(api.of('vorlagen.get').at(-1)!.params).toEqual({ ref: 8 });
    wrapper.unmount();
  });
});
