import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { MethodInput } from '@shared/contract';
import type { Committee, Meeting } from '@shared/schemas';
import { useApi } from '../api';

/** Committees with their settings, and the Sitzungen of the one being looked at. */
export const useGremienStore = defineStore('gremien', () => {
  const committees = ref<Committee[]>([]);
  const meetings = ref<Meeting[]>([]);
  const meetingsOf = ref<number | null>(null);
  const loaded = ref(false);

  async function load() {
    committees.value = await useApi().call('gremien.list', {});
    loaded.value = true;
  }

  let requested: number | null = null;
  async function loadMeetings(committeeId: number) {
    requested = committeeId;
    const list = await useApi().call('sitzungen.list', { committeeId });
    // A slower answer for a Gremium the user has already left must not replace the newer list.
    if (requested !== committeeId) return;
    meetings.value = [...list].sort((a, b) => b.start.localeCompare(a.start));
    meetingsOf.value = committeeId;
  }

  async function saveCommittee(input: MethodInput<'gremien.save'>): Promise<Committee> {
    const saved = await useApi().call('gremien.save', input);
    const i = committees.value.findIndex((c) => c.id === saved.id);
    if (i >= 0) committees.value.splice(i, 1, saved);
    else committees.value.push(saved);
    return saved;
  }

  async function createMeeting(input: MethodInput<'sitzungen.save'>): Promise<Meeting> {
    const created = await useApi().call('sitzungen.save', input);
    if (meetingsOf.value === created.committeeId) {
      meetings.value = [created, ...meetings.value].sort((a, b) => b.start.localeCompare(a.start));
    }
    return created;
  }

  return { committees, meetings, meetingsOf, loaded, load, loadMeetings, saveCommittee, createMeeting };
});
