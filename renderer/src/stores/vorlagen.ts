import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowReactive, shallowRef } from 'vue';
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

type PageQuery = Omit<MethodInput<'vorlagen.page'>, 'offset' | 'limit'>;

/**
 * What the list shows for one filter: the full-text hits first (ranked), then the core's list of
 * number/title matches in list order, loaded page by page. Hits that the core's list also holds
 * are shown only once, in the hit part, so the core's row `j` is shown at
 * `hits.length + j - (hits shown above that come before it in list order)`.
 */
interface ListView {
  id: number;
  key: string;
  query: PageQuery;
  /** Matches of `query` in the core. */
  serverTotal: number;
  /** Page index → rows; shallowReactive so a row re-renders when its page arrives. */
  pages: Map<number, PaperSummary[]>;
  hits: PaperSummary[];
  /** Hits that are also in the core's list, in list order. */
  shared: PaperSummary[];
  sharedIds: Set<number>;
  matches: Map<number, SearchMatch> | null;
  moreHits: boolean;
}

export const PAGE_SIZE = 100;
const FULLTEXT_LIMIT = 100;
/** Page requests at once: scrolling fast through 20 000 rows must not queue up hundreds. */
const MAX_IN_FLIGHT = 2;
/** Summaries of full-text hits fetched at once (the core answers one Vorlage in about a millisecond). */
const HIT_LOOKUPS_IN_FLIGHT = 4;

/** List order of the core: year descending, then number descending (SQLite compares bytes). */
const comesBefore = (a: PaperSummary, b: PaperSummary) => a.year > b.year || (a.year === b.year && a.reference > b.reference);
const listOrder = (a: PaperSummary, b: PaperSummary) => (comesBefore(a, b) ? -1 : comesBefore(b, a) ? 1 : 0);

/** SQLite's LIKE '%text%' as the core's number/title filter uses it: case-insensitive for A–Z only. */
const foldAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
export function matchesNumberOrTitle(paper: Pick<PaperSummary, 'reference' | 'title'>, text: string): boolean {
  const needle = foldAscii(text);
  return foldAscii(paper.title).includes(needle) || foldAscii(paper.reference).includes(needle);
}

function passesFilter(p: PaperSummary, q: PageQuery): boolean {
  return (q.status === undefined || p.status === q.status) && (q.committeeId === undefined || p.committeeIds.includes(q.committeeId)) && (q.year === undefined || p.year === q.year);
}

/**
 * The Vorlagen list, paged by the core: the first page is shown at once with the table sized to
 * the total, further pages load as their rows come into view. Filters and the number/title text
 * go to 'vorlagen.page'; the full-text index (Vorlagen, their TOPs and Anlagen) ranks its hits
 * above the number/title matches.
 */
export const useVorlagenStore = defineStore('vorlagen', () => {
  const committees = ref<Committee[]>([]);
  const departments = ref<Department[]>([]);
  const templates = ref<TemplateSummary[]>([]);
  const loaded = ref(false);
  const filter = reactive<VorlagenFilter>({ status: '', committeeId: null, year: null, text: '' });

  const view = shallowRef<ListView | null>(null);
  /** Unfiltered number of Vorlagen and the years that have any (for the year filter). */
  const allTotal = ref<number | null>(null);
  const yearList = ref<number[]>([]);
  const searchedFor = ref('');
  const searching = ref(false);
  const recentDepartmentId = ref<number | null>(null);
  /** What failed to load behind the shown list (a page, the templates): the view tells the user. */
  const backgroundError = shallowRef<unknown>(null);

  let viewSeq = 0;
  let pendingKey: string | null = null;
  let pendingRefresh: Promise<void> | null = null;
  /** Summaries seen in any answer, so full-text hits need no extra lookup when already known. */
  let known = new Map<number, PaperSummary>();
  let yearsFor = '';

  const learn = (rows: PaperSummary[]) => rows.forEach((p) => known.set(p.id, p));

  function currentQuery(): PageQuery {
    const q: PageQuery = {};
    if (filter.status) q.status = filter.status;
    if (filter.committeeId !== null) q.committeeId = filter.committeeId;
    if (filter.year !== null) q.year = filter.year;
    const text = filter.text.trim();
    if (text) q.text = text;
    return q;
  }

  /**
   * First page plus the names its rows show (Ämter, Gremien). The templates are only needed by
   * the dialogs: they arrive behind the first rows instead of holding them up.
   */
  async function load() {
    const api = useApi();
    // The core answers in turn: the small name lists first, so they are there when the page is;
    // the templates last, behind the rows.
    const names = Promise.all([api.call('gremien.list', {}), api.call('aemter.list', {})]);
    const page = refresh({ force: true });
    api.call('vorlagen.templates', {}).then(
      (t) => (templates.value = t.templates),
      (error: unknown) => (backgroundError.value = error),
    );
    const [[c, d]] = await Promise.all([names, page]);
    // A filter changed while loading: show its list, not "no Vorlagen" in between.
    if (pendingRefresh) await pendingRefresh;
    committees.value = c;
    departments.value = d;
    loaded.value = true;
    void loadYears().catch(() => undefined);
  }

  /** Committees, Ämter and templates only (the editor needs them, not the list). */
  async function loadReference() {
    if (templates.value.length && committees.value.length) return;
    const api = useApi();
    const [c, d, t] = await Promise.all([api.call('gremien.list', {}), api.call('aemter.list', {}), api.call('vorlagen.templates', {})]);
    committees.value = c;
    departments.value = d;
    templates.value = t.templates;
  }

  /** The list again from the core (after returning from the editor, or after a change). */
  async function reloadPapers() {
    known = new Map();
    await refresh({ force: true });
    void loadYears().catch(() => undefined);
  }

  /**
   * Shows the list for the current filter: the first page (and the full-text hits) replace what is
   * shown in one step, so the table never flashes empty; answers to older filters are ignored.
   */
  function refresh(options: { force?: boolean } = {}): Promise<void> {
    const query = currentQuery();
    const key = JSON.stringify(query);
    if (!options.force) {
      if (pendingKey === key && pendingRefresh) return pendingRefresh;
      if (pendingKey === null && view.value?.key === key) return Promise.resolve();
    }
    const seq = ++viewSeq;
    pendingKey = key;
    const run = fetchView(seq, key, query).finally(() => {
      if (seq === viewSeq) {
        pendingKey = null;
        pendingRefresh = null;
        searching.value = false;
      }
    });
    pendingRefresh = run;
    return run;
  }

  async function fetchView(seq: number, key: string, query: PageQuery) {
    const api = useApi();
    const text = query.text ?? '';
    const fullText = text.length >= 2;
    searching.value = fullText;
    const [first, found] = await Promise.all([
      api.call('vorlagen.page', { ...query, offset: 0, limit: PAGE_SIZE }),
      fullText ? api.call('suche.query', { query: text, limit: FULLTEXT_LIMIT }) : Promise.resolve(null),
    ]);
    if (seq !== viewSeq) return;
    learn(first.items);

    let matches: Map<number, SearchMatch> | null = null;
    let hits: PaperSummary[] = [];
    if (found) {
      matches = new Map();
      for (const [rank, hit] of found.hits.entries()) {
        const paperId = hit.paper?.id;
        if (paperId !== undefined && !matches.has(paperId)) matches.set(paperId, { rank, snippet: hit.snippet, kind: hit.kind });
      }
      const summaries = await summariesOf([...matches.keys()]);
      if (seq !== viewSeq) return;
      // A hit the core no longer has (deleted meanwhile) is left out.
      hits = [...matches.keys()].map((id) => summaries.get(id)).filter((p): p is PaperSummary => !!p && passesFilter(p, query));
    }
    const shared = hits.filter((p) => matchesNumberOrTitle(p, text)).sort(listOrder);
    if (key === '{}') allTotal.value = first.total;
    view.value = {
      id: seq,
      key,
      query,
      serverTotal: first.total,
      pages: shallowReactive(new Map([[0, first.items]])),
      hits,
      shared,
      sharedIds: new Set(shared.map((p) => p.id)),
      matches,
      moreHits: found?.hasMore ?? false,
    };
    searchedFor.value = text;
    inFlight.clear();
    wanted = [];
    settleWaiters();
  }

  /** Summaries for full-text hits: from what is already known, else one 'vorlagen.get' each. */
  async function summariesOf(ids: number[]): Promise<Map<number, PaperSummary>> {
    const out = new Map<number, PaperSummary>();
    const missing = ids.filter((id) => {
      const p = known.get(id);
      if (p) out.set(id, p);
      return !p;
    });
    const api = useApi();
    let next = 0;
    async function worker() {
      while (next < missing.length) {
        const id = missing[next++]!;
        try {
          const { sections: _s, consultations: _c, attachments: _a, ...summary } = await api.call('vorlagen.get', { ref: id });
          known.set(id, summary);
          out.set(id, summary);
        } catch {
          // Deleted since the index was written: not a row of the list.
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(HIT_LOOKUPS_IN_FLIGHT, missing.length) }, worker));
    return out;
  }

  // ---- Rows by index, pages on demand -------------------------------------------------------

  const total = computed(() => {
    const v = view.value;
    return v ? v.hits.length + v.serverTotal - v.shared.length : 0;
  });

  /** How many hits shown above come before `p` in the core's list order. */
  function sharedBefore(v: ListView, p: PaperSummary): number {
    let lo = 0;
    let hi = v.shared.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (comesBefore(v.shared[mid]!, p)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  const serverRow = (v: ListView, j: number) => v.pages.get(Math.floor(j / PAGE_SIZE))?.[j % PAGE_SIZE];

  /** The row at a position of the list, or undefined while its page is not loaded. */
  function rowAt(index: number): PaperSummary | undefined {
    const v = view.value;
    if (!v || index < 0 || index >= total.value) return undefined;
    if (index < v.hits.length) return v.hits[index];
    const k = index - v.hits.length;
    if (v.shared.length === 0) return serverRow(v, k);
    // The core's row j is shown at k = j - sharedBefore(row j); j lies in [k, k + shared.length].
    for (let j = k; j <= k + v.shared.length && j < v.serverTotal; j++) {
      const p = serverRow(v, j);
      if (!p) return undefined;
      if (v.sharedIds.has(p.id)) continue;
      const shownAt = j - sharedBefore(v, p);
      if (shownAt === k) return p;
      if (shownAt > k) return undefined;
    }
    return undefined;
  }

  const inFlight = new Set<number>();
  /** Pages the table wants now, nearest first; a newer range replaces what was not started yet. */
  let wanted: number[] = [];
  let waiters: { viewId: number; pages: number[]; resolve: () => void }[] = [];

  function settleWaiters() {
    const v = view.value;
    waiters = waiters.filter((w) => {
      const abandoned = !v || w.viewId !== v.id || w.pages.some((n) => !v.pages.has(n) && !inFlight.has(n) && !wanted.includes(n));
      const done = !!v && w.pages.every((n) => v.pages.has(n));
      if (abandoned || done) w.resolve();
      return !(abandoned || done);
    });
  }

  function pump() {
    const v = view.value;
    if (!v) return;
    while (inFlight.size < MAX_IN_FLIGHT && wanted.length) {
      const n = wanted.shift()!;
      if (v.pages.has(n) || inFlight.has(n)) continue;
      inFlight.add(n);
      useApi()
        .call('vorlagen.page', { ...v.query, offset: n * PAGE_SIZE, limit: PAGE_SIZE })
        .then(
          (page) => {
            // An answer for a list that is no longer shown (filter changed) is dropped.
            if (view.value !== v) return;
            learn(page.items);
            v.pages.set(n, page.items);
          },
          (error: unknown) => {
            if (view.value === v) backgroundError.value = error;
          },
        )
        .finally(() => {
          if (view.value !== v) return;
          inFlight.delete(n);
          settleWaiters();
          pump();
        });
    }
    settleWaiters();
  }

  /**
   * Loads the pages behind the rows `start`…`end` (list positions) if they are not there yet;
   * resolves when they are (or when the list changed meanwhile).
   */
  function ensure(start: number, end: number): Promise<void> {
    const v = view.value;
    if (!v || total.value === 0) return Promise.resolve();
    const first = Math.max(0, Math.min(start, end) - v.hits.length);
    const last = Math.min(v.serverTotal - 1, Math.max(start, end) - v.hits.length + v.shared.length);
    if (last < first) return Promise.resolve();
    const pages: number[] = [];
    for (let n = Math.floor(first / PAGE_SIZE); n <= Math.floor(last / PAGE_SIZE); n++) pages.push(n);
    const missing = pages.filter((n) => !v.pages.has(n));
    if (missing.length === 0) return Promise.resolve();
    // A copy: pump() takes pages off `wanted`, the waiter must keep its own list.
    wanted = [...missing];
    const done = new Promise<void>((resolve) => waiters.push({ viewId: v.id, pages: missing, resolve }));
    pump();
    return done;
  }

  // ---- Years and totals for the filters ------------------------------------------------------

  /**
   * The years that have Vorlagen, newest first: one small count per year (the newest comes from
   * the first row) until all Vorlagen are accounted for, instead of loading the whole list.
   */
  async function loadYears() {
    const api = useApi();
    const head = await api.call('vorlagen.page', { offset: 0, limit: 1 });
    const newest = head.items[0]?.year;
    // Same number of Vorlagen and the same newest year: the years are those counted last time.
    if (yearsFor === `${head.total}/${newest}`) return;
    allTotal.value = head.total;
    if (newest === undefined) {
      yearList.value = [];
      yearsFor = `${head.total}/${newest}`;
      return;
    }
    const years: number[] = [];
    let counted = 0;
    const BATCH = 4;
    for (let year = newest; counted < head.total && year >= 1900 && newest - year < 300; year -= BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, year - 1899) }, (_, i) => year - i);
      const answers = await Promise.all(batch.map((y) => api.call('vorlagen.page', { year: y, offset: 0, limit: 1 })));
      answers.forEach((a, i) => {
        if (a.total > 0) {
          years.push(batch[i]!);
          counted += a.total;
        }
      });
    }
    yearList.value = years;
    yearsFor = `${head.total}/${newest}`;
  }

  const years = computed(() => {
    const list = [...yearList.value];
    if (filter.year !== null && !list.includes(filter.year)) list.push(filter.year);
    return list.sort((a, b) => b - a);
  });

  // ---- Filter state ---------------------------------------------------------------------------

  const departmentById = computed(() => new Map(departments.value.map((d) => [d.id, d])));
  const committeeById = computed(() => new Map(committees.value.map((c) => [c.id, c])));
  const templateById = computed(() => new Map(templates.value.map((t) => [t.id, t])));

  const filtered = computed(() => filter.status !== '' || filter.committeeId !== null || filter.year !== null || filter.text.trim() !== '');
  const matches = computed(() => view.value?.matches ?? null);
  const moreHits = computed(() => view.value?.moreHits ?? false);
  /** Identity of the list shown: changes when a filter or a reload replaced it (not when pages load). */
  const viewId = computed(() => view.value?.id ?? 0);

  function resetFilter() {
    Object.assign(filter, { status: '', committeeId: null, year: null, text: '' });
  }

  // ---- Changes -------------------------------------------------------------------------------

  /** A new Vorlage's Amt is the likely next one. (The list reloads whenever it is shown again.) */
  function remember(paper: Paper) {
    recentDepartmentId.value = paper.departmentId;
  }

  /** A deleted Vorlage disappears from the rows shown until the list is reloaded. */
  function forget(id: number) {
    known.delete(id);
    const v = view.value;
    if (!v) return;
    for (const [n, rows] of v.pages) if (rows.some((p) => p.id === id)) v.pages.set(n, rows.filter((p) => p.id !== id));
  }

  let recentLookup: Promise<void> | null = null;
  /**
   * The Amt of the Vorlage last worked on (the newest entry of the activity log that names one):
   * who is most likely writing the next one. Looked up once, when a dialog needs it.
   */
  function loadRecentDepartment(): Promise<void> {
    if (recentDepartmentId.value !== null) return Promise.resolve();
    recentLookup ??= (async () => {
      const api = useApi();
      const events = await api.call('app.activity', { limit: 30 });
      const ids = [...new Set(events.map((e) => e.paperId).filter((id): id is number => id !== null))].slice(0, 3);
      for (const id of ids) {
        const summary = (await summariesOf([id])).get(id);
        if (summary) {
          recentDepartmentId.value ??= summary.departmentId;
          return;
        }
      }
    })()
      .catch(() => undefined)
      .finally(() => (recentLookup = null));
    return recentLookup;
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
    committees,
    departments,
    templates,
    loaded,
    filter,
    total,
    allTotal,
    backgroundError,
    matches,
    searchedFor,
    searching,
    moreHits,
    viewId,
    recentDepartmentId,
    departmentById,
    committeeById,
    templateById,
    years,
    filtered,
    load,
    loadReference,
    reloadPapers,
    refresh,
    rowAt,
    ensure,
    resetFilter,
    forget,
    loadRecentDepartment,
    create,
    carryForward,
    importDocx,
  };
});
