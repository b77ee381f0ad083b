import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { MethodInput, MethodOutput } from '@shared/contract';
import type { AgendaItem, ConsultationRole } from '@shared/schemas';
import { useApi } from '../api';

export type ResendOffer = MethodOutput<'tagesordnung.result'>['resendOffers'][number];

type Detail = MethodOutput<'sitzungen.get'>;

/**
 * One Sitzung and its Tagesordnung. The agenda is kept in print order (public part first), and
 * every change comes back from the core with the numbers as the export will print them.
 */
export const useSitzungStore = defineStore('sitzung', () => {
  const detail = ref<Detail | null>(null);
  const loading = ref(false);
  /** Vorlagen on this agenda without Freigabe (by id): marked, and they block the Sitzungsmappe. */
  const unreleased = ref(new Set<number>());

  const agenda = computed(() => detail.value?.agenda ?? []);
  const publicItems = computed(() => agenda.value.filter((i) => i.public));
  const nonPublicItems = computed(() => agenda.value.filter((i) => !i.public));

  async function load(id: number) {
    loading.value = true;
    try {
      const [d, open] = await Promise.all([useApi().call('sitzungen.get', { id }), useApi().call('freigabe.unreleased', { meetingId: id })]);
      detail.value = d;
      unreleased.value = new Set(open.map((p) => p.paperId));
    } finally {
      loading.value = false;
    }
  }

  async function reload() {
    if (detail.value) await load(detail.value.meeting.id);
  }

  function requireDetail(): Detail {
    if (!detail.value) throw new Error('no meeting loaded');
    return detail.value;
  }

  async function saveMeeting(patch: Partial<Omit<MethodInput<'sitzungen.save'>, 'id' | 'committeeId'>>) {
    const d = requireDetail();
    const m = d.meeting;
    const saved = await useApi().call('sitzungen.save', {
      id: m.id,
      committeeId: m.committeeId,
      number: m.number,
      start: m.start,
      end: m.end,
      location: m.location,
      state: m.state,
      ...patch,
    });
    d.meeting = saved;
    return saved;
  }

  async function deleteMeeting() {
    const d = requireDetail();
    await useApi().call('sitzungen.delete', { id: d.meeting.id });
    detail.value = null;
  }

  /** Adds a free-text TOP; `warnings` name the deadline it misses or falls under (Nachtrag, Tischvorlage). */
  async function addItem(input: Omit<MethodInput<'tagesordnung.add'>, 'meetingId'>): Promise<AgendaItem & { warnings: string[] }> {
    const d = requireDetail();
    const item = await useApi().call('tagesordnung.add', { meetingId: d.meeting.id, ...input });
    await reload();
    return { ...(agenda.value.find((i) => i.id === item.id) ?? item), warnings: item.warnings ?? [] };
  }

  /** "Einladung versandt" today: from now on added TOPs are Nachträge. */
  async function recordInvitation() {
    const d = requireDetail();
    const r = await useApi().call('sitzungen.einladungVersandt', { meetingId: d.meeting.id });
    await reload();
    return r;
  }

  async function updateItem(id: number, patch: Omit<MethodInput<'tagesordnung.update'>, 'id'>): Promise<AgendaItem> {
    const item = await useApi().call('tagesordnung.update', { id, ...patch });
    // Numbers of other TOPs may change (a TOP moved between parts), so take the whole agenda.
    await reload();
    return agenda.value.find((i) => i.id === id) ?? item;
  }

  /**
   * Removes a TOP; `undo` puts it back (same title, part and place) for "Rückgängig". After the
   * Einladung the core keeps it as abgesetzt instead: then there is nothing to undo, and putting
   * it back as new would list it twice (once abgesetzt, once as Nachtrag).
   */
  async function removeItem(item: AgendaItem): Promise<{ abgesetzt: boolean; undo: (() => Promise<void>) | null }> {
    const d = requireDetail();
    const part = agenda.value.filter((i) => i.public === item.public);
    const position = part.findIndex((i) => i.id === item.id);
    const { abgesetzt } = await useApi().call('tagesordnung.remove', { id: item.id });
    if (!abgesetzt) d.agenda = d.agenda.filter((i) => i.id !== item.id);
    await reload();
    if (abgesetzt) return { abgesetzt, undo: null };
    const undo = async () => {
      const restored = await useApi().call('tagesordnung.add', {
        meetingId: d.meeting.id,
        title: item.title,
        public: item.public,
        supplement: item.supplement,
        position: Math.max(0, position),
      });
      if (item.manualNumber) await useApi().call('tagesordnung.update', { id: restored.id, manualNumber: item.manualNumber });
      await reload();
    };
    return { abgesetzt: false, undo };
  }

  /** Sends the full order (public part, then non-public part) and takes the renumbered agenda. */
  async function applyOrder(publicIds: number[], nonPublicIds: number[]) {
    const d = requireDetail();
    const byId = new Map(d.agenda.map((i) => [i.id, i]));
    const previous = d.agenda;
    // Show the new order at once; the numbers follow with the answer.
    d.agenda = [...publicIds, ...nonPublicIds].map((id) => byId.get(id)!).filter(Boolean);
    try {
      d.agenda = await useApi().call('tagesordnung.reorder', { meetingId: d.meeting.id, orderedIds: [...publicIds, ...nonPublicIds] });
    } catch (error) {
      d.agenda = previous;
      throw error;
    }
  }

  /** Moves a TOP within its part by `delta` places; returns its new index (or null if it cannot move). */
  async function move(id: number, delta: number): Promise<number | null> {
    const item = agenda.value.find((i) => i.id === id);
    if (!item) return null;
    const part = (item.public ? publicItems.value : nonPublicItems.value).map((i) => i.id);
    const from = part.indexOf(id);
    const to = from + delta;
    if (to < 0 || to >= part.length) return null;
    part.splice(from, 1);
    part.splice(to, 0, id);
    if (item.public) await applyOrder(part, nonPublicItems.value.map((i) => i.id));
    else await applyOrder(publicItems.value.map((i) => i.id), part);
    return to;
  }

  /** Drag and drop: puts `id` before the TOP `beforeId` (or at the end of its part). */
  async function moveTo(id: number, isPublic: boolean, toIndex: number) {
    const item = agenda.value.find((i) => i.id === id);
    if (!item || item.public !== isPublic) return;
    const part = (isPublic ? publicItems.value : nonPublicItems.value).map((i) => i.id).filter((x) => x !== id);
    part.splice(Math.max(0, Math.min(toIndex, part.length)), 0, id);
    if (isPublic) await applyOrder(part, nonPublicItems.value.map((i) => i.id));
    else await applyOrder(publicItems.value.map((i) => i.id), part);
  }

  /**
   * Puts a Vorlage on this Sitzung's agenda through its Beratungsfolge: an open Beratung of this
   * committee without a Sitzung gets this one; otherwise a new Beratung is added.
   */
  async function addPaper(paperId: number, role: ConsultationRole): Promise<(AgendaItem & { warnings: string[] }) | undefined> {
    const d = requireDetail();
    const api = useApi();
    const folge = await api.call('beratungen.list', { ref: paperId });
    const waiting = folge.find((b) => b.committeeId === d.committee.id && b.open && b.meetingId === null);
    if (waiting) await api.call('beratungen.update', { id: waiting.id, meetingId: d.meeting.id, role });
    else await api.call('beratungen.add', { paperId, committeeId: d.committee.id, role, meetingId: d.meeting.id });
    // The deadline warnings a free TOP gets from tagesordnung.add (Nachtrag, Ladungsfrist missed).
    const [{ warnings }] = await Promise.all([api.call('tagesordnung.hinweise', { meetingId: d.meeting.id }), reload()]);
    const item = agenda.value.find((i) => i.paperId === paperId);
    return item && { ...item, warnings };
  }

  async function recordResult(input: Omit<MethodInput<'tagesordnung.result'>, 'meetingId'>) {
    const d = requireDetail();
    const outcome = await useApi().call('tagesordnung.result', { meetingId: d.meeting.id, ...input });
    await reload();
    return outcome;
  }

  const resend = (offer: ResendOffer) =>
    useApi().call('beratungen.resend', { ref: offer.paperId, committee: offer.committeeId, meeting: offer.nextMeeting?.id ?? null, role: offer.role, source: offer.source });

  return { recordInvitation, detail, unreleased, loading, agenda, publicItems, nonPublicItems, load, reload, saveMeeting, deleteMeeting, addItem, updateItem, removeItem, move, moveTo, addPaper, recordResult, resend };
});
