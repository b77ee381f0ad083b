// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSitzungStore } from '../../renderer/src/stores/sitzung';
import { fakeMeetingBackend } from './fake-meeting';
import { fakeApi } from './helpers';

beforeEach(() => setActivePinia(createPinia()));

describe('Sitzung store (agenda builder)', () => {
  it('keeps the public part first and numbers as the core prints them', async () => {
    const backend = fakeMeetingBackend();
    fakeApi(backend.handlers);
    const store = useSitzungStore();
    await store.load(7);
    expect(store.publicItems.map((i) => i.number)).toEqual(['1', '2', '3']);
    expect(store.nonPublicItems.map((i) => i.number)).toEqual(['4', '5']);
  });

  it('moves a TOP within its part and sends the whole order, public part first', async () => {
    const backend = fakeMeetingBackend();
    const { calls } = fakeApi(backend.handlers);
    const store = useSitzungStore();
    await store.load(7);
    const third = store.publicItems[2]!;
    expect(await store.move(third.id, -1)).toBe(1);
    const reorder = calls.find((c) => c.method === 'tagesordnung.reorder')!;
    expect(reorder.params.orderedIds).toEqual(backend.items().map((i) => i.id));
    expect(store.publicItems.map((i) => `${i.number} ${i.title}`)).toEqual(['1 Eröffnung der Sitzung', '2 Mitteilungen der Verwaltung', '3 Sprachförderung']);
    // The first TOP of a part cannot move further up, nor into the other part.
    expect(await store.move(store.publicItems[0]!.id, -1)).toBeNull();
    expect(await store.move(store.nonPublicItems[0]!.id, -1)).toBeNull();
  });

  it('drops a dragged TOP at the chosen place', async () => {
    const backend = fakeMeetingBackend();
    fakeApi(backend.handlers);
    const store = useSitzungStore();
    await store.load(7);
    await store.moveTo(store.publicItems[0]!.id, true, 2);
    expect(backend.titles().slice(0, 3)).toEqual(['1 Ö Sprachförderung', '2 Ö Mitteilungen der Verwaltung', '3 Ö Eröffnung der Sitzung']);
  });

  it('restores the previous order when the core refuses a reorder', async () => {
    const backend = fakeMeetingBackend();
    fakeApi({
      ...backend.handlers,
      'tagesordnung.reorder': () => {
        throw { code: 'CONFLICT', message: 'Die Tagesordnung wurde inzwischen geändert.' };
      },
    });
    const store = useSitzungStore();
    await store.load(7);
    const before = store.agenda.map((i) => i.id);
    await expect(store.move(store.publicItems[1]!.id, 1)).rejects.toThrow('Die Tagesordnung wurde inzwischen geändert.');
    expect(store.agenda.map((i) => i.id)).toEqual(before);
  });

  it('removes a TOP and can put it back at the same place (Rückgängig)', async () => {
    const backend = fakeMeetingBackend();
    fakeApi(backend.handlers);
    const store = useSitzungStore();
    await store.load(7);
    const middle = store.publicItems[1]!;
    const { abgesetzt, undo } = await store.removeItem(middle);
    expect(abgesetzt).toBe(false);
    expect(store.publicItems.map((i) => i.title)).toEqual(['Eröffnung der Sitzung', 'Mitteilungen der Verwaltung']);
    await undo!();
    expect(store.publicItems.map((i) => `${i.number} ${i.title}`)).toEqual(['1 Eröffnung der Sitzung', '2 Sprachförderung', '3 Mitteilungen der Verwaltung']);
  });

  it('moves a TOP into the non-public part and renumbers', async () => {
    const backend = fakeMeetingBackend();
    fakeApi(backend.handlers);
    const store = useSitzungStore();
    await store.load(7);
    const updated = await store.updateItem(store.publicItems[1]!.id, { public: false });
    expect(updated.public).toBe(false);
    expect(store.nonPublicItems.map((i) => `${i.number} ${i.title}`)).toEqual(['3 Vergabe Sprachkursträger', '4 Mitteilungen', '5 Sprachförderung']);
  });
});
