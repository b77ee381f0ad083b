import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { MethodInput, MethodOutput } from '@shared/contract';
import type { Beratung } from '@shared/api/beratung';
import type { Meeting } from '@shared/schemas';
import { useApi } from '../api';

type ResendResult = MethodOutput<'beratungen.resend'>;

/**
 * The Beratungsfolge of the Vorlage being edited. Every change goes through the core, which
 * puts the Vorlage on a Sitzung's agenda (TOP) or takes it off by its rules; the list shown is
 * always the one the core answered with.
 */
export const useVorlagenBeratungStore = defineStore('vorlagenBeratung', () => {
  const paperId = ref<number | null>(null);
  const list = ref<Beratung[]>([]);
  const meetings = ref(new Map<number, Meeting[]>());

  async function load(id: number) {
    paperId.value = id;
    list.value = await useApi().call('beratungen.list', { ref: id });
  }

  /** The Sitzungen of a committee (cached for the visit), earliest first. */
  async function meetingsOf(committeeId: number): Promise<Meeting[]> {
    const cached = meetings.value.get(committeeId);
    if (cached) return cached;
    const found = [...(await useApi().call('sitzungen.list', { committeeId }))].sort((a, b) => a.start.localeCompare(b.start));
    meetings.value = new Map(meetings.value).set(committeeId, found);
    return found;
  }

  function requireId(): number {
    if (paperId.value === null) throw new Error('no paper loaded');
    return paperId.value;
  }

  async function add(input: Omit<MethodInput<'beratungen.add'>, 'paperId'>) {
    list.value = await useApi().call('beratungen.add', { paperId: requireId(), ...input });
    return list.value;
  }

  async function update(id: number, patch: Omit<MethodInput<'beratungen.update'>, 'id'>) {
    list.value = await useApi().call('beratungen.update', { id, ...patch });
  }

  /** After putting the Vorlage on a Sitzung: the deadline it missed or falls under (Nachtrag, Ladungsfrist), as tagesordnung.add says it. */
  async function deadlineWarnings(meetingId: number | null | undefined): Promise<string[]> {
    return meetingId ? (await useApi().call('tagesordnung.hinweise', { meetingId })).warnings : [];
  }

  /**
   * Removes one Beratung; `undo` puts it back at the same place. Its TOP goes with it, unless the
   * Einladung is out: then the core keeps the TOP as abgesetzt, and there is nothing to undo
   * (adding the Beratung back would put the Vorlage on that agenda a second time).
   */
  async function remove(b: Beratung): Promise<{ abgesetzt: boolean; undo: (() => Promise<void>) | null }> {
    const position = list.value.findIndex((x) => x.id === b.id);
    list.value = await useApi().call('beratungen.remove', { id: b.id });
    const abgesetzt =
      b.meetingId !== null && b.agendaItemId !== null && (await useApi().call('sitzungen.get', { id: b.meetingId })).agenda.some((i) => i.id === b.agendaItemId && i.abgesetzt);
    if (abgesetzt) return { abgesetzt, undo: null };
    const undo = async () => {
      await add({ committeeId: b.committeeId, role: b.role, meetingId: b.meetingId, position: Math.max(0, position) });
    };
    return { abgesetzt: false, undo };
  }

  async function move(id: number, delta: number): Promise<boolean> {
    const ids = list.value.map((b) => b.id);
    const from = ids.indexOf(id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= ids.length) return false;
    ids.splice(from, 1);
    ids.splice(to, 0, id);
    list.value = await useApi().call('beratungen.reorder', { paperId: requireId(), orderedIds: ids });
    return true;
  }

  /** "An weiteres Gremium senden": a new Beratung, on the agenda of the chosen or next Sitzung. */
  async function resend(input: Omit<MethodInput<'beratungen.resend'>, 'ref'>): Promise<ResendResult> {
    const result = await useApi().call('beratungen.resend', { ref: requireId(), ...input });
    await load(requireId());
    return result;
  }

  return { paperId, list, meetings, load, meetingsOf, add, update, deadlineWarnings, remove, move, resend };
});
