import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { MethodInput, MethodOutput } from '@shared/contract';
import type { Body, Department } from '@shared/schemas';
import { useApi } from '../api';

type Backup = MethodOutput<'sicherung.list'>[number];

/** Settings of the Körperschaft, its Ämter, and the safety net (backups, data folder). */
export const useEinstellungenStore = defineStore('einstellungen', () => {
  const body = ref<Body | null>(null);
  const departments = ref<Department[]>([]);
  const backups = ref<Backup[]>([]);
  const info = ref<MethodOutput<'app.info'> | null>(null);
  const loaded = ref(false);

  async function load() {
    const api = useApi();
    const [b, d, s, i] = await Promise.all([api.call('koerperschaft.get', {}), api.call('aemter.list', {}), api.call('sicherung.list', {}), api.call('app.info', {})]);
    body.value = b;
    departments.value = d;
    backups.value = s;
    info.value = i;
    loaded.value = true;
  }

  async function saveBody(input: Body) {
    body.value = await useApi().call('koerperschaft.save', input);
    return body.value;
  }

  async function saveDepartment(input: MethodInput<'aemter.save'>) {
    const saved = await useApi().call('aemter.save', input);
    const i = departments.value.findIndex((d) => d.id === saved.id);
    if (i >= 0) departments.value.splice(i, 1, saved);
    else departments.value.push(saved);
    return saved;
  }

  async function createBackup() {
    const created = await useApi().call('sicherung.create', {});
    backups.value = await useApi().call('sicherung.list', {});
    return created;
  }

  async function restoreBackup(file: string) {
    const result = await useApi().call('sicherung.restore', { file });
    await load();
    return result;
  }

  const checkDatabase = () => useApi().call('sicherung.check', {});

  return { body, departments, backups, info, loaded, load, saveBody, saveDepartment, createBackup, restoreBackup, checkDatabase };
});
