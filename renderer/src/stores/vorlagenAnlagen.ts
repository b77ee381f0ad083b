import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Attachment } from '@shared/schemas';
import { useApi } from '../api';

/** The Anlagen of the Vorlage being edited, in print order. */
export const useVorlagenAnlagenStore = defineStore('vorlagenAnlagen', () => {
  const paperId = ref<number | null>(null);
  const items = ref<Attachment[]>([]);

  function set(id: number, attachments: Attachment[]) {
    paperId.value = id;
    items.value = [...attachments].sort((a, b) => a.position - b.position);
  }

  async function add(input: { title: string; fileName: string; public: boolean; dataBase64: string }): Promise<Attachment> {
    const created = await useApi().call('anlagen.add', { paperId: paperId.value!, ...input });
    items.value = [...items.value, created];
    return created;
  }

  async function update(id: number, patch: { title?: string; public?: boolean }) {
    const updated = await useApi().call('anlagen.update', { id, ...patch });
    items.value = items.value.map((a) => (a.id === id ? updated : a));
  }

  async function reorder(orderedIds: number[]) {
    const previous = items.value;
    const byId = new Map(previous.map((a) => [a.id, a]));
    items.value = orderedIds.map((id) => byId.get(id)!).filter(Boolean);
    try {
      items.value = await useApi().call('anlagen.reorder', { paperId: paperId.value!, orderedIds });
    } catch (error) {
      items.value = previous;
      throw error;
    }
  }

  async function move(id: number, delta: number): Promise<boolean> {
    const ids = items.value.map((a) => a.id);
    const from = ids.indexOf(id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= ids.length) return false;
    ids.splice(from, 1);
    ids.splice(to, 0, id);
    await reorder(ids);
    return true;
  }

  /**
   * Removes an Anlage. Its content is read first, so "Rückgängig" can add it again at the same
   * place; returns that undo.
   */
  async function remove(a: Attachment): Promise<() => Promise<void>> {
    const api = useApi();
    const content = await api.call('anlagen.content', { id: a.id });
    const position = items.value.findIndex((x) => x.id === a.id);
    await api.call('anlagen.remove', { id: a.id });
    items.value = items.value.filter((x) => x.id !== a.id);
    return async () => {
      const restored = await add({ title: a.title, fileName: a.fileName, public: a.public, dataBase64: content.dataBase64 });
      const ids = items.value.map((x) => x.id).filter((id) => id !== restored.id);
      ids.splice(Math.min(position, ids.length), 0, restored.id);
      await reorder(ids);
    };
  }

  return { paperId, items, set, add, update, reorder, move, remove };
});
