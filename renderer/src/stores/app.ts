import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { MethodOutput } from '@shared/contract';
import { useApi } from '../api';

type Info = MethodOutput<'app.info'>;
type Body = NonNullable<MethodOutput<'koerperschaft.get'>>;

/** What the whole app shows: which Körperschaft, which data folder, which version. */
export const useAppStore = defineStore('app', () => {
  const info = ref<Info | null>(null);
  const body = ref<Body | null>(null);

  async function load() {
    const api = useApi();
    const [i, b] = await Promise.all([api.call('app.info', {}), api.call('koerperschaft.get', {})]);
    info.value = i;
    body.value = b;
  }

  return { info, body, load };
});
