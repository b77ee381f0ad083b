import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { announcePresence } from '../api/presence';
import { useLiveUpdatesStore } from '../stores/liveUpdates';
import { useSessionStore } from '../stores/session';

/** Below the server's 60 s expiry, so a present editor never drops out between two heartbeats. */
export const PRESENCE_HEARTBEAT_MS = 20_000;

/** Team mode: announces the open Vorlage and keeps the names of the others who have it open. */
export function usePresence(paperId: Ref<number | null>, announce: typeof announcePresence = announcePresence) {
  const others = ref<string[]>([]);
  const session = useSessionStore();
  let timer: ReturnType<typeof setInterval> | null = null;

  const stop = (id: number | null) => {
    if (timer) clearInterval(timer);
    timer = null;
    others.value = [];
    if (id !== null) void announce(id, 'close');
  };

  watch(
    paperId,
    (id, previous) => {
      if (session.mode !== 'team') return;
      stop(previous ?? null);
      if (id === null) return;
      const beat = async () => {
        const names = await announce(id, 'open');
        if (paperId.value === id) others.value = names;
      };
      void beat();
      timer = setInterval(() => void beat(), PRESENCE_HEARTBEAT_MS);
    },
    { immediate: true },
  );
  // Someone opens or closes the same Vorlage: shown at once, not only at the next own heartbeat.
  watch(
    () => useLiveUpdatesStore().presence,
    (notice) => {
      if (!notice || notice.id === null || notice.id !== paperId.value || notice.by === session.user?.name) return;
      const rest = others.value.filter((name) => name !== notice.by);
      others.value = notice.method === 'open' ? [...rest, notice.by].sort((a, b) => a.localeCompare(b, 'de')) : rest;
    },
  );
  onBeforeUnmount(() => {
    if (session.mode === 'team') stop(paperId.value);
  });
  return { others };
}
