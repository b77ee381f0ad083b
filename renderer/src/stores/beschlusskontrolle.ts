import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { MethodInput, MethodOutput } from '@shared/contract';
import type { FollowUpStand } from '@shared/freigabe';
import type { Committee, Department } from '@shared/schemas';
import { useApi } from '../api';

export type FollowUpEntry = MethodOutput<'beschlusskontrolle.list'>[number];

/** The Beschlusskontrolle list with its filter (Gremium, Stand, overdue only) and edits. */
export const useBeschlusskontrolleStore = defineStore('beschlusskontrolle', () => {
  const entries = ref<FollowUpEntry[]>([]);
  const committees = ref<Committee[]>([]);
  const departments = ref<Department[]>([]);
  const filter = ref<{ committeeId: number | null; stand: FollowUpStand | null; overdue: boolean }>({ committeeId: null, stand: null, overdue: false });
  const loaded = ref(false);

  async function loadReference() {
    const api = useApi();
    [committees.value, departments.value] = await Promise.all([api.call('gremien.list', {}), api.call('aemter.list', {})]);
  }

  async function load() {
    const f = filter.value;
    entries.value = await useApi().call('beschlusskontrolle.list', {
      ...(f.committeeId !== null ? { committeeId: f.committeeId } : {}),
      ...(f.stand !== null ? { stand: f.stand } : {}),
      ...(f.overdue ? { overdue: true } : {}),
    });
    loaded.value = true;
  }

  /** Saves one entry; the list shows the core's answer (overdue flag included). */
  async function save(patch: Omit<MethodInput<'beschlusskontrolle.set'>, 'id'> & { id: number }) {
    const saved = await useApi().call('beschlusskontrolle.set', patch);
    entries.value = entries.value.map((e) => (e.id === saved.id ? saved : e));
    return saved;
  }

  return { entries, committees, departments, filter, loaded, loadReference, load, save };
});
