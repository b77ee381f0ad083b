import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef } from 'vue';
import type { MethodInput, MethodOutput } from '@shared/contract';
import type { TemplateSummary } from '@shared/api/dokumente';
import type { Committee, Department, Paper, PaperStatus, PaperSummary } from '@shared/schemas';
import { useApi } from '../api';

export type SnippetRun = MethodOutput<'suche.query'>['hits'][number]['snippet'][number];

export interface VorlagenFilter {
  status: PaperStatus | '';
  committeeId: number | null;
  year: number | null;
  text: string;
}

/** Why a row is in the search result: the full-text snippet, when the index found it. */
export interface SearchMatch {
  rank: number;
  snippet: SnippetRun[];
  /** Where the words were found: the Vorlage itself, one of its TOPs, or an Anlage. */
  kind: 'vorlage' | 'top' | 'anlage';
}

const FULLTEXT_LIMIT = 100;

const lower = (s: string) => s.toLocaleLowerCase('de');

/**
 * The Vorlagen list: every summary is loaded once (20 000 rows are a few MB) and filtered here,
 * so changing a filter never waits for the database. Text search combines the number/title
 * match with the full-text index (Vorlagen, their TOPs and Anlagen).
 */
export const useVorlagenStore = defineStore('vorlagen', () => {
  // shallowRef: rows are replaced, never mutated in place; deep reactivity on 20 000 objects costs.
  const papers = shallowRef<PaperSummary[]>([]);
  const committees = ref<Committee[]>([]);
  const departments = ref<Department[]>([]);
  const templates = ref<TemplateSummary[]>([]);
  const loaded = ref(false);
  const filter = reactive<VorlagenFilter>({ status: '', committeeId: null, year: null, text: '' });

  const matches = shallowRef<Map<number, SearchMatch> | null>(null);
  const searchedFor = ref('');
  const searching = ref(false);
  const moreHits = ref(false);
  let searchSeq = 0;

  async function load() {
    const api = useApi();
    const [list, c, d, t] = await Promise.all([
      api.call('vorlagen.list', {}),
      api.call('gremien.list', {}),
      api.call('aemter.list', {}),
      api.call('vorlagen.templates', {}),
    ]);
    papers.value = list;
    committees.value = c;
    departments.value = d;
    templates.value = t.templates;
    loaded.value = true;
  }

  /** Committees, Ämter and templates only (the editor needs them, not the 20 000 rows). */
  async function loadReference() {
    if (templates.value.length && committees.value.length) return;
    const api = useApi();
    const [c, d, t] = await Promise.all([api.call('gremien.list', {}), api.call('aemter.list', {}), api.call('vorlagen.templates', {})]);
    committees.value = c;
    departments.value = d;
    templates.value = t.templates;
  }

  async function reloadPapers() {
    papers.value = await useApi().call('vorlagen.list', {});
  }

  /** Runs the full-text search for `text`; older answers arriving late are ignored. */
  async function search(text: string) {
    const query = text.trim();
    const seq = ++searchSeq;
    if (query.length < 2) {
      matches.value = null;
      searchedFor.value = query;
      moreHits.value = false;
      searching.value = false;
      return;
    }
    searching.value = true;
    try {
      const result = await useApi().call('suche.query', { query, limit: FULLTEXT_LIMIT });
      if (seq !== searchSeq) return;
      const found = new Map<number, SearchMatch>();
      result.hits.forEach((hit, rank) => {
        const paperId = hit.paper?.id;
        if (paperId !== undefined && !found.has(paperId)) found.set(paperId, { rank, snippet: hit.snippet, kind: hit.kind });
      });
      matches.value = found;
      searchedFor.value = query;
      moreHits.value = result.hasMore;
    } finally {
      if (seq === searchSeq) searching.value = false;
    }
  }

  const departmentById = computed(() => new Map(departments.value.map((d) => [d.id, d])));
  const committeeById = computed(() => new Map(committees.value.map((c) => [c.id, c])));
  const templateById = computed(() => new Map(templates.value.map((t) => [t.id, t])));
  const years = computed(() => [...new Set(papers.value.map((p) => p.year))].sort((a, b) => b - a));

  const rows = computed<PaperSummary[]>(() => {
    const { status, committeeId, year } = filter;
    const query = lower(filter.text.trim());
    const full = matches.value;
    let list = papers.value.filter(
      (p) => (!status || p.status === status) && (committeeId === null || p.committeeIds.includes(committeeId)) && (year === null || p.year === year),
    );
    if (query) {
      list = list.filter((p) => full?.has(p.id) || lower(p.reference).includes(query) || lower(p.title).includes(query));
      if (full) {
        // Best full-text hits first; number/title matches the index did not rank follow in list order.
        const rank = (p: PaperSummary) => full.get(p.id)?.rank ?? Number.MAX_SAFE_INTEGER;
        list = list.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i).map((x) => x.p);
      }
    }
    return list;
  });

  const filtered = computed(() => filter.status !== '' || filter.committeeId !== null || filter.year !== null || filter.text.trim() !== '');

  function resetFilter() {
    Object.assign(filter, { status: '', committeeId: null, year: null, text: '' });
    matches.value = null;
  }

  function remember(paper: Paper) {
    const { sections: _s, consultations: _c, attachments: _a, ...summary } = paper;
    papers.value = [summary, ...papers.value.filter((p) => p.id !== paper.id)];
  }

  async function create(input: MethodInput<'vorlagen.create'>): Promise<Paper> {
    const paper = await useApi().call('vorlagen.create', input);
    remember(paper);
    return paper;
  }

  async function carryForward(ref: number, year?: number): Promise<Paper> {
    const paper = await useApi().call('vorlagen.carryForward', { ref, year });
    remember(paper);
    return paper;
  }

  async function importDocx(input: MethodInput<'vorlagen.importDocx'>): Promise<MethodOutput<'vorlagen.importDocx'>> {
    const result = await useApi().call('vorlagen.importDocx', input);
    remember(result.paper);
    return result;
  }

  return {
    papers,
    committees,
    departments,
    templates,
    loaded,
    filter,
    matches,
    searchedFor,
    searching,
    moreHits,
    departmentById,
    committeeById,
    templateById,
    years,
    rows,
    filtered,
    load,
    loadReference,
    reloadPapers,
    search,
    resetFilter,
    create,
    carryForward,
    importDocx,
  };
});
