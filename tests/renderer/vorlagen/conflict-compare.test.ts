// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { setApi } from '../../../renderer/src/api';
import ConflictBanner from '../../../renderer/src/components/vorlagen/ConflictBanner.vue';
import { useVorlagenEditorStore } from '../../../renderer/src/stores/vorlagenEditor';
import { FakeApiError, installFakeApi } from './fake-api';
import { appPlugins } from './mount-helpers';
import { para, paperFixture } from './paper-fixture';

afterEach(() => setApi(null));

/** A core where a colleague saved revision 4 while this editor still stands on 3. */
function staleCore() {
  const server = { paper: paperFixture() };
  const loadedState = structuredClone(server.paper);
  const api = installFakeApi({
    'vorlagen.get': () => structuredClone(server.paper),
    'vorlagen.save': (p) => {
      if (p.expectedRevision !== server.paper.revision) throw new FakeApiError('CONFLICT', 'Die Vorlage wurde inzwischen anderweitig geändert.');
      server.paper = { ...server.paper, revision: server.paper.revision + 1 };
      return { revision: server.paper.revision, changed: true, savedAt: server.paper.updatedAt };
    },
  });
  return { server, api, loadedState };
}

describe('a stale save', () => {
  it('keeps the typed text and fetches the text the colleague saved, to show both', async () => {
    appPlugins();
    const { server, loadedState } = staleCore();
    const editor = useVorlagenEditorStore();
    editor.reset(loadedState);
    server.paper = { ...server.paper, sections: { ...server.paper.sections, erlaeuterungen: para('Fassung der Kollegin') }, revision: server.paper.revision + 1 };
    editor.editSection('erlaeuterungen', para('Meine Fassung'));
    expect(await editor.save()).toBe(false);
    expect(editor.state).toBe('conflict');
    expect(editor.draft!.sections.erlaeuterungen).toEqual(para('Meine Fassung'));
    expect(editor.theirs?.sections.erlaeuterungen).toEqual(para('Fassung der Kollegin'));
    // Keeping mine as the next revision clears the comparison and saves on top of theirs.
    expect(await editor.reloadAndReapply()).toBe(true);
    expect(editor.theirs).toBeNull();
    expect(editor.draft!.sections.erlaeuterungen).toEqual(para('Meine Fassung'));
    editor.leave();
  });

  it('the banner shows both versions side by side and offers to copy mine', async () => {
    const { plugins } = appPlugins();
    const wrapper = mount(ConflictBanner, {
      props: { message: 'Die Vorlage wurde inzwischen anderweitig geändert.', busy: false, changed: ['Erläuterungen'], comparison: [{ label: 'Erläuterungen', mine: 'Meine Fassung', theirs: 'Fassung der Kollegin' }] },
      global: { plugins: [...plugins] },
    });
    const row = wrapper.find('tbody tr');
    expect(row.find('th').text()).toBe('Erläuterungen');
    expect(row.find('.mine').text()).toBe('Meine Fassung');
    expect(row.find('.theirs').text()).toBe('Fassung der Kollegin');
    expect(wrapper.find('thead').text()).toContain('Ihre Fassung');
    expect(wrapper.find('thead').text()).toContain('Inzwischen gespeichert');
    const copy = wrapper.findAll('button').find((b) => b.text() === 'Meine Fassung kopieren')!;
    await copy.trigger('click');
    expect(wrapper.emitted('copy')).toHaveLength(1);
    wrapper.unmount();
  });
});
