// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../../renderer/src/api';
import { useLiveUpdatesStore } from '../../../renderer/src/stores/liveUpdates';
import { useVorlagenEditorStore } from '../../../renderer/src/stores/vorlagenEditor';
import { installFakeApi } from './fake-api';
import { para, paperFixture } from './paper-fixture';

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => setApi(null));

/** The database's state of Vorlage 7, which "someone else" changes between the calls. */
function fakeCore() {
  const server = { paper: paperFixture() };
  installFakeApi({ 'vorlagen.get': () => structuredClone(server.paper) });
  return server;
}

const savedElsewhere = (server: { paper: ReturnType<typeof paperFixture> }) => {
  server.paper = { ...server.paper, title: 'Von Kollegin geändert', sections: { ...server.paper.sections, erlaeuterungen: para('Ihre Fassung') }, revision: server.paper.revision + 1 };
};

describe('live updates in the open editor', () => {
  it('a notice about the open Vorlage shows the colleague’s newer text when nothing typed is unsaved', async () => {
    const server = fakeCore();
    const editor = useVorlagenEditorStore();
    await editor.load(7);
    savedElsewhere(server);
    await useLiveUpdatesStore().apply({ kind: 'vorlagen', id: 7, by: 'Person b', method: 'vorlagen.save' });
    expect(editor.draft!.title).toBe('Von Kollegin geändert');
    expect(editor.draft!.sections.erlaeuterungen).toEqual(para('Ihre Fassung'));
    expect(editor.revision).toBe(server.paper.revision);
  });

  it('never replaces text the user typed and has not saved yet', async () => {
    const server = fakeCore();
    const editor = useVorlagenEditorStore();
    await editor.load(7);
    editor.editSection('erlaeuterungen', para('Meine ungespeicherte Fassung'));
    savedElsewhere(server);
    await useLiveUpdatesStore().apply({ kind: 'vorlagen', id: 7, by: 'Person b', method: 'vorlagen.save' });
    expect(editor.draft!.sections.erlaeuterungen).toEqual(para('Meine ungespeicherte Fassung'));
    expect(editor.hasUnsaved).toBe(true);
    editor.leave();
  });

  it('ignores notices about other Vorlagen', async () => {
    const server = fakeCore();
    const editor = useVorlagenEditorStore();
    await editor.load(7);
    const before = editor.revision;
    savedElsewhere(server);
    await useLiveUpdatesStore().apply({ kind: 'vorlagen', id: 8, by: 'Person b', method: 'vorlagen.save' });
    expect(editor.revision).toBe(before);
    expect(editor.draft!.title).not.toBe('Von Kollegin geändert');
  });
});
