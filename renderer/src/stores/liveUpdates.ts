import { defineStore } from 'pinia';
import { ref } from 'vue';
import { subscribeChanges, type ChangeNotice, type ChangeSubscription } from '../api/change-events';
import { useApi } from '../api';
import { notifyUnauthorized } from '../api/team-auth';
import { useGremienStore } from './gremien';
import { useSitzungStore } from './sitzung';
import { useUebersichtStore } from './uebersicht';
import { useVorlagenStore } from './vorlagen';
import { useVorlagenEditorStore } from './vorlagenEditor';

/** Feature names of the API whose changes show in the Vorlagen list and editor. */
const PAPER_KINDS = new Set(['vorlagen', 'anlagen', 'beratungen']);

/**
 * Team mode: when someone changes data, the lists and views that are loaded fetch it again, so
 * nobody has to reload the page. The open editor takes the newer text only when nothing typed is
 * unsaved; otherwise the next save meets the CONFLICT handling, which keeps both texts.
 */
export const useLiveUpdatesStore = defineStore('liveUpdates', () => {
  const last = ref<ChangeNotice | null>(null);
  /** The newest "opened/closed a Vorlage" notice: the editor's presence line follows it. */
  const presence = ref<ChangeNotice | null>(null);
  let subscription: ChangeSubscription | null = null;

  async function apply(notice: ChangeNotice) {
    if (notice.kind === 'presence') {
      presence.value = notice;
      return;
    }
    last.value = notice;
    const uebersicht = useUebersichtStore();
    const jobs: Promise<unknown>[] = [];
    if (uebersicht.loaded) jobs.push(uebersicht.load());
    if (PAPER_KINDS.has(notice.kind)) {
      const vorlagen = useVorlagenStore();
      if (vorlagen.loaded) jobs.push(vorlagen.reloadPapers());
      const editor = useVorlagenEditorStore();
      if (editor.paper && notice.id === editor.paper.id) {
        jobs.push(
          (async () => {
            const latest = await useApi().call('vorlagen.get', { ref: editor.paper!.id });
            if (latest.revision > editor.revision && !editor.hasUnsaved && editor.state === 'saved') editor.reset(latest);
            else if (latest.revision === editor.revision) await editor.refreshMeta();
          })(),
        );
      }
    }
    if (!PAPER_KINDS.has(notice.kind) || notice.kind === 'beratungen') {
      const gremien = useGremienStore();
      if (gremien.loaded) jobs.push(gremien.load());
      const sitzung = useSitzungStore();
      if (sitzung.detail) jobs.push(sitzung.reload());
    }
    // A refresh that fails (e.g. the record was deleted meanwhile) shows on the next own action.
    await Promise.allSettled(jobs);
  }

  function start() {
    if (subscription || typeof EventSource === 'undefined') return;
    subscription = subscribeChanges(
      (notice) => void apply(notice),
      () => {
        stop();
        notifyUnauthorized();
      },
    );
  }

  function stop() {
    subscription?.close();
    subscription = null;
  }

  return { last, presence, start, stop, apply };
});
