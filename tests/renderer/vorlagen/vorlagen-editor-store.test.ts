// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setApi } from '../../../renderer/src/api';
import { AUTOSAVE_DELAY_MS, BUSY_RETRY_MS, useVorlagenEditorStore } from '../../../renderer/src/stores/vorlagenEditor';
import { busyFor } from './busy-api';
import { FakeApiError, deferred, installFakeApi } from './fake-api';
import { para, paperFixture } from './paper-fixture';

beforeEach(() => {
  setActivePinia(createPinia());
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  setApi(null);
});

/** A fake core that stores saves like the real one: a new revision per save, CONFLICT on an old expectedRevision. */
function fakeCore() {
  const server = { paper: paperFixture() };
  const api = installFakeApi({
    'vorlagen.get': () => structuredClone(server.paper),
    'vorlagen.save': (p) => {
      if (p.expectedRevision !== server.paper.revision) throw new FakeApiError('CONFLICT', `Die Vorlage 50/012/2025 wurde inzwischen anderweitig geändert (Stand ${server.paper.revision}, Ihr Stand ${p.expectedRevision}).`);
      const { id: _id, expectedRevision: _e, ...patch } = p;
      server.paper = { ...server.paper, ...(patch as object), revision: server.paper.revision + 1, updatedAt: `2025-03-01T13:0${server.paper.revision}:00.000Z` };
      return { revision: server.paper.revision, changed: true, savedAt: server.paper.updatedAt };
    },
  });
  return { server, api };
}

async function loaded() {
  const store = useVorlagenEditorStore();
  await store.load(7);
  return store;
}

describe('autosave', () => {
  it('waits for a pause in typing and then saves once, with the revision it started from', async () => {
    const { api, server } = fakeCore();
    const store = await loaded();
    store.editSection('erlaeuterungen', para('E'));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 100);
    store.editSection('erlaeuterungen', para('Er'));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 100);
    store.editSection('erlaeuterungen', para('Erläuterung neu'));
    expect(store.state).toBe('pending');
    expect(api.of('vorlagen.save')).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    const saves = api.of('vorlagen.save');
    expect(saves).toHaveLength(1);
    expect(saves[0]!.params.expectedRevision).toBe(3);
    expect(saves[0]!.params.sections).toEqual({ vorbemerkungen: para('Vorbemerkung alt'), erlaeuterungen: para('Erläuterung neu') });
    expect(saves[0]!.params.title).toBeUndefined();
    expect(store.state).toBe('saved');
    expect(store.revision).toBe(4);
    expect(store.savedAt).toBe(server.paper.updatedAt);
    expect(store.hasUnsaved).toBe(false);
  });

  it('saves at once on Ctrl+S without waiting for the pause', async () => {
    const { api } = fakeCore();
    const store = await loaded();
    store.edit('title', 'Neuer Betreff');
    expect(await store.save()).toBe(true);
    expect(api.of('vorlagen.save')[0]!.params).toMatchObject({ title: 'Neuer Betreff', expectedRevision: 3 });
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2);
    expect(api.of('vorlagen.save')).toHaveLength(1);
  });

  it('keeps text typed while a save is on its way and saves it next, on the new revision', async () => {
    const { server } = fakeCore();
    const store = await loaded();
    const gate = deferred();
    const saves: Record<string, unknown>[] = [];
    installFakeApi({
      'vorlagen.save': async (p) => {
        saves.push(p);
        if (saves.length === 1) await gate.promise;
        server.paper = { ...server.paper, revision: server.paper.revision + 1 };
        return { revision: server.paper.revision, changed: true, savedAt: '2025-03-01T13:03:00.000Z' };
      },
    });
    store.editSection('vorbemerkungen', para('eins'));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(store.state).toBe('saving');
    store.editSection('vorbemerkungen', para('eins zwei'));
    gate.resolve(undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.hasUnsaved).toBe(true);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(saves).toHaveLength(2);
    expect(saves[1]!.expectedRevision).toBe(4);
    expect(saves[1]!.sections).toMatchObject({ vorbemerkungen: para('eins zwei') });
    expect(store.state).toBe('saved');
  });

  it('does not send an empty Betreff but saves the rest and says why', async () => {
    const { api } = fakeCore();
    const store = await loaded();
    store.edit('title', '   ');
    store.edit('public', false);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(api.of('vorlagen.save')[0]!.params).toEqual({ id: 7, expectedRevision: 3, public: false });
    expect(store.state).toBe('error');
    expect(store.problem).toEqual({ kind: 'titleMissing' });
    expect(store.hasUnsaved).toBe(true);
  });

  it('keeps the text after a failed save and saves it on the next try', async () => {
    const { server } = fakeCore();
    const store = await loaded();
    installFakeApi({ 'vorlagen.save': () => Promise.reject(new Error('offline')) });
    store.editSection('vorbemerkungen', para('wichtiger Text'));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(store.state).toBe('error');
    expect(store.message).not.toMatch(/offline|Error/);
    expect(store.draft!.sections.vorbemerkungen).toEqual(para('wichtiger Text'));
    fakeCore().server.paper = server.paper;
    expect(await store.save()).toBe(true);
    expect(store.state).toBe('saved');
  });
});

describe('busy database', () => {
  it('is no edit conflict: keeps the text, says so, and saves by itself a few seconds later', async () => {
    const { server, api } = fakeCore();
    const store = await loaded();
    busyFor('vorlagen.save', 1);
    store.editSection('erlaeuterungen', para('Meine Erläuterung'));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(store.state).toBe('error');
    expect(store.problem).toEqual({ kind: 'busy' });
    expect(store.draft!.sections.erlaeuterungen).toEqual(para('Meine Erläuterung'));
    expect(server.paper.sections.erlaeuterungen).toEqual(para('Erläuterung alt'));

    await vi.advanceTimersByTimeAsync(BUSY_RETRY_MS);
    expect(api.of('vorlagen.save')).toHaveLength(1);
    expect(api.of('vorlagen.save')[0]!.params.expectedRevision).toBe(3);
    expect(server.paper.sections.erlaeuterungen).toEqual(para('Meine Erläuterung'));
    expect(store.state).toBe('saved');
    expect(store.problem).toBeNull();
    expect(store.hasUnsaved).toBe(false);
  });
});

describe('conflict', () => {
  it('never overwrites a newer state and never drops the local text', async () => {
    const { server, api } = fakeCore();
    const store = await loaded();
    // someone else saves meanwhile
    server.paper = { ...server.paper, revision: 4, sections: { ...server.paper.sections, vorbemerkungen: para('Vorbemerkung von Frau Kaya') } };
    store.editSection('erlaeuterungen', para('Meine Erläuterung'));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(store.state).toBe('conflict');
    expect(store.message).toMatch(/anderweitig geändert/);
    expect(store.draft!.sections.erlaeuterungen).toEqual(para('Meine Erläuterung'));
    expect(server.paper.sections.erlaeuterungen).toEqual(para('Erläuterung alt'));

    // further typing does not try to overwrite either
    store.editSection('erlaeuterungen', para('Meine Erläuterung, länger'));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 3);
    expect(api.of('vorlagen.save')).toHaveLength(1);
    expect(await store.save()).toBe(false);
  });

  it('reload and re-apply keeps the other change and puts the local one on top', async () => {
    const { server, api } = fakeCore();
    const store = await loaded();
    server.paper = { ...server.paper, revision: 4, title: 'Titel von Frau Kaya', sections: { ...server.paper.sections, vorbemerkungen: para('Vorbemerkung von Frau Kaya') } };
    store.editSection('erlaeuterungen', para('Meine Erläuterung'));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(store.state).toBe('conflict');

    expect(await store.reloadAndReapply()).toBe(true);
    const last = api.of('vorlagen.save').at(-1)!;
    expect(last.params.expectedRevision).toBe(4);
    expect(server.paper.sections).toEqual({ vorbemerkungen: para('Vorbemerkung von Frau Kaya'), erlaeuterungen: para('Meine Erläuterung') });
    expect(server.paper.title).toBe('Titel von Frau Kaya');
    expect(store.draft!.sections.vorbemerkungen).toEqual(para('Vorbemerkung von Frau Kaya'));
    expect(store.state).toBe('saved');
    expect(store.revision).toBe(5);
  });

  it('discarding takes the newer state and nothing is saved', async () => {
    const { server, api } = fakeCore();
    const store = await loaded();
    server.paper = { ...server.paper, revision: 4, title: 'Titel von Frau Kaya' };
    store.edit('title', 'Mein Titel');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    await store.discardLocal();
    expect(store.draft!.title).toBe('Titel von Frau Kaya');
    expect(store.state).toBe('saved');
    expect(store.hasUnsaved).toBe(false);
    expect(api.of('vorlagen.save')).toHaveLength(1);
  });
});

describe('restore from history', () => {
  it('makes an old state the newest revision', async () => {
    const { server } = fakeCore();
    const store = await loaded();
    installFakeApi({
      'vorlagen.revision': () => ({
        revision: { id: 1, paperId: 7, number: 1, hash: 'x', author: 'e2e', createdAt: '2025-01-01T10:00:00.000Z' },
        content: { title: 'Erster Titel', public: true, template: 'sachstandsbericht', departmentId: 1, sections: { vorbemerkungen: para('erste Fassung') } },
      }),
      'vorlagen.save': (p) => {
        server.paper = { ...server.paper, ...(p as object), revision: server.paper.revision + 1 };
        return { revision: server.paper.revision, changed: true, savedAt: '2025-03-01T14:00:00.000Z' };
      },
    });
    expect(await store.restoreRevision(1)).toBe(true);
    expect(server.paper.title).toBe('Erster Titel');
    expect(server.paper.sections).toEqual({ vorbemerkungen: para('erste Fassung'), erlaeuterungen: { type: 'doc', content: [] } });
    expect(store.revision).toBe(4);
  });
});
