import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { MethodInput } from '@shared/contract';
import { DocSchema, type Doc } from '@shared/document';
import type { Paper, PaperContent } from '@shared/schemas';
import { ApiCallError, useApi, userMessage } from '../api';

/** Quiet time after the last keystroke before the text is saved. */
export const AUTOSAVE_DELAY_MS = 800;
/** Wait before the same save is sent again when another program held the database. */
export const BUSY_RETRY_MS = 3000;

/**
 * saved: everything typed is in the database · pending: waiting for the typing pause ·
 * saving: on its way · error: not saved (network, invalid, database busy), will be retried ·
 * conflict: someone else saved a newer state; nothing is overwritten until the user decides.
 */
export type SaveState = 'saved' | 'pending' | 'saving' | 'error' | 'conflict';

/** Why the store did not send something (the view words it from the locale file). */
export type SaveProblem = { kind: 'titleMissing' } | { kind: 'invalidSection'; section: string } | { kind: 'busy' };

type Field = 'title' | 'public' | 'template' | 'departmentId';
/** A dirty key: a field, or "section:<key>". */
type DirtyKey = Field | `section:${string}`;

const contentOf = (p: Paper): PaperContent => ({
  title: p.title,
  public: p.public,
  template: p.template,
  departmentId: p.departmentId,
  sections: { ...p.sections },
});

/**
 * The Vorlage being edited and its autosave. The draft is what the user sees; `dirty` names
 * what differs from the database, each with the edit counter at its last change, so an edit made
 * while a save is on its way stays dirty and is saved next. A CONFLICT never loses local text:
 * the draft stays as typed until the user reloads and re-applies it, or discards it.
 */
export const useVorlagenEditorStore = defineStore('vorlagenEditor', () => {
  const paper = ref<Paper | null>(null);
  const draft = ref<PaperContent | null>(null);
  const revision = ref(0);
  const state = ref<SaveState>('saved');
  const savedAt = ref<string | null>(null);
  /** The core's German message after a failed save or a CONFLICT. */
  const message = ref('');
  const problem = ref<SaveProblem | null>(null);
  const dirty = ref(new Map<DirtyKey, number>());
  /** After a CONFLICT: the state someone else saved, shown beside the user's text. */
  const theirs = ref<Paper | null>(null);
  let editSeq = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inflight: Promise<void> | null = null;

  const hasUnsaved = computed(() => dirty.value.size > 0);
  const titleMissing = computed(() => !!draft.value && draft.value.title.trim() === '');

  function reset(p: Paper) {
    cancelTimer();
    paper.value = p;
    draft.value = contentOf(p);
    revision.value = p.revision;
    savedAt.value = p.updatedAt;
    dirty.value = new Map();
    state.value = 'saved';
    message.value = '';
    problem.value = null;
    theirs.value = null;
  }

  async function load(id: number) {
    const p = await useApi().call('vorlagen.get', { ref: id });
    reset(p);
  }

  function cancelTimer() {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  function markDirty(key: DirtyKey) {
    const next = new Map(dirty.value);
    next.set(key, ++editSeq);
    dirty.value = next;
    if (state.value === 'conflict') return;
    state.value = state.value === 'saving' ? 'saving' : 'pending';
    schedule();
  }

  function schedule(delay = AUTOSAVE_DELAY_MS) {
    cancelTimer();
    timer = setTimeout(() => {
      timer = null;
      void save();
    }, delay);
  }

  function edit<K extends Field>(field: K, value: PaperContent[K]) {
    if (!draft.value || draft.value[field] === value) return;
    draft.value = { ...draft.value, [field]: value };
    markDirty(field);
  }

  function editSection(key: string, doc: Doc) {
    if (!draft.value) return;
    draft.value = { ...draft.value, sections: { ...draft.value.sections, [key]: doc } };
    markDirty(`section:${key}`);
  }

  /** What to send for the dirty keys, and which keys it covers; a string is a reason not to save. */
  function buildPayload(d: PaperContent, keys: DirtyKey[]): { payload: MethodInput<'vorlagen.save'>; sent: DirtyKey[] } | SaveProblem {
    const payload: MethodInput<'vorlagen.save'> = { id: paper.value!.id, expectedRevision: revision.value };
    const sent: DirtyKey[] = [];
    for (const key of keys) {
      if (key === 'title') {
        // An empty Betreff cannot be stored; it stays dirty and everything else is saved.
        if (d.title.trim() === '') continue;
        payload.title = d.title;
      } else if (key === 'public' || key === 'template' || key === 'departmentId') {
        (payload as Record<string, unknown>)[key] = d[key];
      } else {
        const section = key.slice('section:'.length);
        const checked = DocSchema.safeParse(d.sections[section]);
        if (!checked.success) return { kind: 'invalidSection', section };
        payload.sections = d.sections;
      }
      sent.push(key);
    }
    return sent.length ? { payload, sent } : { kind: 'titleMissing' };
  }

  /** Saves now (Ctrl+S, leaving the page); resolves true when nothing is left unsaved. */
  async function save(): Promise<boolean> {
    cancelTimer();
    while (inflight) await inflight;
    if (!paper.value || !draft.value) return true;
    if (state.value === 'conflict') return false;
    if (dirty.value.size === 0) {
      state.value = 'saved';
      return true;
    }
    const built = buildPayload(draft.value, [...dirty.value.keys()]);
    if ('kind' in built) {
      state.value = 'error';
      message.value = '';
      problem.value = built;
      return false;
    }
    const { payload } = built;
    const snapshot = new Map(built.sent.map((key) => [key, dirty.value.get(key)!]));
    state.value = 'saving';
    const sent = draft.value;
    inflight = (async () => {
      try {
        const result = await useApi().call('vorlagen.save', payload);
        revision.value = result.revision;
        savedAt.value = result.savedAt;
        const left = new Map(dirty.value);
        for (const [key, seq] of snapshot) if (left.get(key) === seq) left.delete(key);
        dirty.value = left;
        if (paper.value) {
          paper.value = {
            ...paper.value,
            title: payload.title ?? paper.value.title,
            public: payload.public ?? paper.value.public,
            template: payload.template ?? paper.value.template,
            departmentId: payload.departmentId ?? paper.value.departmentId,
            sections: payload.sections ? sent.sections : paper.value.sections,
            revision: result.revision,
            updatedAt: result.savedAt,
          };
        }
        message.value = '';
        problem.value = null;
        if (left.size === 0) state.value = 'saved';
        else if (titleMissing.value && left.size === 1 && left.has('title')) {
          state.value = 'error';
          problem.value = { kind: 'titleMissing' };
        } else {
          state.value = 'pending';
          schedule();
        }
      } catch (error) {
        problem.value = null;
        if (error instanceof ApiCallError && error.retry) {
          // Another program held the database for a moment: nobody else edited this Vorlage, so
          // the text stays as typed and the same save goes out again by itself.
          state.value = 'error';
          message.value = '';
          problem.value = { kind: 'busy' };
          schedule(BUSY_RETRY_MS);
        } else if (error instanceof ApiCallError && error.code === 'CONFLICT') {
          state.value = 'conflict';
          message.value = error.message;
          // The other change is shown beside the user's text; if it cannot be fetched now, the
          // choice to reload stays (nothing typed is touched either way).
          if (paper.value) theirs.value = await useApi().call('vorlagen.get', { ref: paper.value.id }).catch(() => null);
        } else {
          state.value = 'error';
          message.value = userMessage(error);
        }
      } finally {
        inflight = null;
      }
    })();
    await inflight;
    // The save above changed the state; TypeScript still narrows it to 'saving'.
    return (state.value as SaveState) === 'saved';
  }

  /**
   * After a CONFLICT: takes the newest state from the database and puts the user's unsaved
   * changes on top (only what they changed; other sections keep the newer text), then saves.
   */
  async function reloadAndReapply(): Promise<boolean> {
    if (!paper.value || !draft.value) return false;
    const mine = draft.value;
    const keys = [...dirty.value.keys()];
    const latest = await useApi().call('vorlagen.get', { ref: paper.value.id });
    const next = contentOf(latest);
    for (const key of keys) {
      if (key.startsWith('section:')) {
        const section = key.slice('section:'.length);
        const doc = mine.sections[section];
        if (doc) next.sections[section] = doc;
      } else {
        (next as unknown as Record<string, unknown>)[key] = mine[key as Field];
      }
    }
    paper.value = latest;
    revision.value = latest.revision;
    draft.value = next;
    state.value = 'pending';
    message.value = '';
    problem.value = null;
    theirs.value = null;
    return save();
  }

  /** After a CONFLICT, when the user decides the other state wins: their local changes are dropped. */
  async function discardLocal() {
    if (!paper.value) return;
    await load(paper.value.id);
  }

  /** "Diesen Stand wiederherstellen": the old content becomes the newest revision (nothing is deleted). */
  async function restoreRevision(number: number): Promise<boolean> {
    if (!paper.value || !draft.value) return false;
    const { content } = await useApi().call('vorlagen.revision', { ref: paper.value.id, number });
    draft.value = { ...content, sections: { ...content.sections } };
    const keys: DirtyKey[] = ['title', 'public', 'template', 'departmentId', ...Object.keys({ ...paper.value.sections, ...content.sections }).map((k) => `section:${k}` as const)];
    // Sections the old state did not have are cleared, not left as they are now.
    for (const key of Object.keys(paper.value.sections)) if (!(key in content.sections)) draft.value.sections[key] = { type: 'doc', content: [] };
    const next = new Map(dirty.value);
    for (const key of keys) next.set(key, ++editSeq);
    dirty.value = next;
    return save();
  }

  /**
   * The Vorlage's own date is saved at once and on its own: it is no part of the text (no new
   * Stand, signatures stay valid), so it does not wait for or join the text's autosave.
   */
  async function setDate(date: string | null) {
    if (!paper.value || paper.value.date === date) return;
    await useApi().call('vorlagen.save', { id: paper.value.id, date });
    paper.value = { ...paper.value, date };
  }

  /** Status, committees and Beratungen change with the Beratungsfolge; the text is left alone. */
  async function refreshMeta() {
    if (!paper.value) return;
    const latest = await useApi().call('vorlagen.get', { ref: paper.value.id });
    paper.value = { ...paper.value, status: latest.status, committeeIds: latest.committeeIds, consultations: latest.consultations, attachments: latest.attachments };
  }

  function leave() {
    cancelTimer();
  }

  return {
    paper,
    draft,
    revision,
    state,
    savedAt,
    message,
    problem,
    dirty,
    theirs,
    hasUnsaved,
    titleMissing,
    load,
    reset,
    edit,
    editSection,
    save,
    reloadAndReapply,
    discardLocal,
    restoreRevision,
    setDate,
    refreshMeta,
    leave,
  };
});
