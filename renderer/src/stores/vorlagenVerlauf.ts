import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { RevisionDiff } from '@shared/api/beratung';
import type { AuditEvent, Revision } from '@shared/schemas';
import { useApi } from '../api';

/** Verlauf: the saved states (revisions), the events (sends, exports, Anlagen) and diffs. */
export const useVorlagenVerlaufStore = defineStore('vorlagenVerlauf', () => {
  const paperId = ref<number | null>(null);
  const revisions = ref<Revision[]>([]);
  const events = ref<AuditEvent[]>([]);
  const diff = ref<RevisionDiff | null>(null);
  const loading = ref(false);

  async function load(id: number) {
    loading.value = true;
    try {
      const history = await useApi().call('vorlagen.history', { ref: id });
      paperId.value = id;
      revisions.value = [...history.revisions].sort((a, b) => b.number - a.number);
      events.value = [...history.events].sort((a, b) => b.at.localeCompare(a.at));
    } finally {
      loading.value = false;
    }
  }

  async function compare(from: number, to: number) {
    diff.value = await useApi().call('vorlagen.diff', { ref: paperId.value!, from: Math.min(from, to), to: Math.max(from, to) });
  }

  async function compareWithPredecessor() {
    diff.value = await useApi().call('vorlagen.diffPredecessor', { ref: paperId.value! });
  }

  return { paperId, revisions, events, diff, loading, load, compare, compareWithPredecessor };
});
