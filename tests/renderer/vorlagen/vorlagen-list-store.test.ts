// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaperSummary } from '../../../electron/shared/schemas';
import { setApi } from '../../../renderer/src/api';
import { useVorlagenStore } from '../../../renderer/src/stores/vorlagen';
import { deferred, fakePage, installFakeApi, summary, type Handler } from './fake-api';

const PAPERS = [
  summary(1, { title: 'Kommunales Integrationsmanagement – Sachstand 2024', year: 2024, reference: '50/001/2024', status: 'erledigt', committeeIds: [10] }),
  summary(2, { title: 'Kommunales Integrationsmanagement – Sachstand 2025', committeeIds: [10] }),
  summary(3, { title: 'Sprachmittlerpool – Jahresbericht', status: 'in_beratung', committeeIds: [10, 11] }),
  summary(4, { title: 'Interkulturelle Woche', status: 'in_beratung', committeeIds: [11] }),
];

const hit = (paperId: number, kind: 'vorlage' | 'anlage', words: string) => ({
  kind,
  id: paperId,
  score: -1,
  title: '',
  public: true,
  snippet: [{ text: '… ', match: false }, { text: words, match: true }],
  paper: { id: paperId, reference: '', title: '' },
  meeting: null,
  agendaNumber: null,
  result: null,
});

let searchAnswers: Record<string, unknown>;

function core(papers: PaperSummary[], extra: Record<string, Handler> = {}) {
  const page = fakePage(papers);
  return installFakeApi({
    // The core answers after a while, not within the same turn.
    'vorlagen.page': async (p) => {
      await new Promise((r) => setTimeout(r, 2));
      return page(p);
    },
    'vorlagen.get': (p) => {
      const found = papers.find((x) => x.id === p.ref);
      if (!found) throw new Error('not found');
      return { ...found, sections: {}, consultations: [], attachments: [] };
    },
    'gremien.list': () => [],
    'aemter.list': () => [],
    'vorlagen.templates': () => ({ templates: [], errors: [] }),
    'suche.query': (p) => searchAnswers[String(p.query)] ?? { query: p.query, hits: [], hasMore: false },
    ...extra,
  });
}

/** Every row of the list as shown, loading all pages (what scrolling to the end would do). */
async function allRows(store: ReturnType<typeof useVorlagenStore>) {
  await store.ensure(0, store.total - 1);
  return Array.from({ length: store.total }, (_, i) => store.rowAt(i));
}

/** List pages only (the year filter's small counts ask for one row each). */
const listPages = (calls: { method: string; params: Record<string, unknown> }[]) => calls.filter((c) => c.method === 'vorlagen.page' && c.params.limit === 100);

beforeEach(() => {
  setActivePinia(createPinia());
  searchAnswers = {};
});
afterEach(() => setApi(null));

describe('Vorlagen list, paged by the core', () => {
  it('loads one page sized to the total and the others only when their rows are wanted', async () => {
    const many = Array.from({ length: 250 }, (_, i) => summary(i + 1));
    const api = core(many);
    const store = useVorlagenStore();
    await store.load();
    expect(api.of('vorlagen.list')).toEqual([]);
    expect(listPages(api.calls).map((c) => c.params)).toEqual([{ offset: 0, limit: 100 }]);
    expect(store.total).toBe(250);
    expect(store.rowAt(0)?.reference).toBe('50/250/2025');
    expect(store.rowAt(150)).toBeUndefined();

    await store.ensure(140, 160);
    expect(store.rowAt(150)?.reference).toBe('50/100/2025');
    expect(listPages(api.calls).map((c) => c.params.offset)).toEqual([0, 100]);
    // Already there: not asked for again.
    await store.ensure(0, 199);
    expect(listPages(api.calls)).toHaveLength(2);
    expect(store.rowAt(249)).toBeUndefined();
    await store.ensure(249, 249);
    expect(store.rowAt(249)?.reference).toBe('50/001/2025');
  });

  it('sends status, Gremium, year and the number/title text to the core', async () => {
    const api = core(PAPERS);
    const store = useVorlagenStore();
    await store.load();
    const ids = async () => (await allRows(store)).map((p) => p?.id);
    store.filter.committeeId = 10;
    await store.refresh();
    expect(await ids()).toEqual([3, 2, 1]);
    store.filter.status = 'in_beratung';
    await store.refresh();
    expect(await ids()).toEqual([3]);
    expect(listPages(api.calls).at(-1)!.params).toEqual({ committeeId: 10, status: 'in_beratung', offset: 0, limit: 100 });
    store.filter.status = '';
    store.filter.year = 2024;
    await store.refresh();
    expect(await ids()).toEqual([1]);
    expect(store.filtered).toBe(true);

    store.resetFilter();
    store.filter.text = ' 50/003 ';
    await store.refresh();
    expect(await ids()).toEqual([3]);
    expect(listPages(api.calls).at(-1)!.params).toEqual({ text: '50/003', offset: 0, limit: 100 });
    store.resetFilter();
    await store.refresh();
    expect(store.total).toBe(4);
    expect(store.filtered).toBe(false);
  });

  it('ranks full-text hits (text, Anlagen) first with their snippet', async () => {
    core(PAPERS);
    const store = useVorlagenStore();
    await store.load();
    searchAnswers.Lenkungsgruppe = { query: 'Lenkungsgruppe', hits: [hit(4, 'anlage', 'Lenkungsgruppe'), hit(2, 'vorlage', 'Lenkungsgruppe')], hasMore: true };
    store.filter.text = 'Lenkungsgruppe';
    await store.refresh();
    expect((await allRows(store)).map((p) => p?.id)).toEqual([4, 2]);
    expect(store.matches?.get(4)?.kind).toBe('anlage');
    expect(store.moreHits).toBe(true);
    expect(store.searchedFor).toBe('Lenkungsgruppe');
  });

  it('shows a hit that also matches by number/title once, above, and the other matches in list order across pages', async () => {
    // 250 Vorlagen with "Sachstand" in the Betreff; the index ranks two of them (one deep in the
    // list) and one whose Betreff does not say it (found in an Anlage) above all others.
    const many = Array.from({ length: 250 }, (_, i) => summary(i + 1, { title: `Sachstand Nummer ${i + 1}` }));
    const other = summary(900, { title: 'Haushalt', reference: '20/001/2024', year: 2024 });
    const papers = [...many, other];
    const api = core(papers);
    const store = useVorlagenStore();
    await store.load();
    searchAnswers.Sachstand = { query: 'Sachstand', hits: [hit(40, 'vorlage', 'Sachstand'), hit(900, 'anlage', 'Sachstand'), hit(240, 'vorlage', 'Sachstand')], hasMore: false };
    store.filter.text = 'Sachstand';
    await store.refresh();
    expect(store.total).toBe(251);
    const rows = await allRows(store);
    const ids = rows.map((p) => p?.id);
    const rest = many
      .map((p) => p.id)
      .filter((id) => id !== 40 && id !== 240)
      .sort((a, b) => b - a);
    expect(ids).toEqual([40, 900, 240, ...rest]);
    // Hit summaries the first page did not bring were looked up one by one, nothing else.
    expect(api.of('vorlagen.get').map((c) => c.params.ref).sort()).toEqual([40, 900]);
    expect(api.of('vorlagen.list')).toEqual([]);

    // With a filter, hits that do not pass it are left out.
    store.filter.year = 2025;
    await store.refresh();
    expect((await allRows(store)).map((p) => p?.id)).toEqual([40, 240, ...rest]);
  });

  it('ignores a slow answer to an older filter, and pages of the older list arriving late', async () => {
    const many = Array.from({ length: 250 }, (_, i) => summary(i + 1, { status: i % 2 ? 'entwurf' : 'in_beratung' }));
    const page = fakePage(many);
    const slow = deferred();
    let holdDrafts = false;
    core(many, {
      'vorlagen.page': async (p) => {
        if (holdDrafts && p.status === 'entwurf') await slow.promise;
        return page(p);
      },
    });
    const store = useVorlagenStore();
    await store.load();
    holdDrafts = true;
    store.filter.status = 'entwurf';
    const older = store.refresh();
    store.filter.status = 'in_beratung';
    await store.refresh();
    slow.resolve(undefined);
    await older;
    expect(store.total).toBe(125);
    expect((await allRows(store)).every((p) => p?.status === 'in_beratung')).toBe(true);

    // A page asked for while the filter was "Entwurf" lands after the switch: it is dropped.
    const late = deferred();
    holdDrafts = false;
    core(many, {
      'vorlagen.page': async (p) => {
        if (p.status === 'entwurf' && p.offset === 100) await late.promise;
        return page(p);
      },
    });
    store.filter.status = 'entwurf';
    await store.refresh();
    const pending = store.ensure(110, 120);
    store.filter.status = 'in_beratung';
    await store.refresh();
    late.resolve(undefined);
    await pending;
    expect(store.rowAt(115)).toBeUndefined();
    await store.ensure(110, 120);
    expect(store.rowAt(115)?.status).toBe('in_beratung');
  });

  it('offers the years that have Vorlagen, counted by the core', async () => {
    const api = core([...PAPERS, summary(5, { year: 2021, reference: '50/001/2021' })]);
    const store = useVorlagenStore();
    await store.load();
    await expect.poll(() => store.years).toEqual([2025, 2024, 2021]);
    expect(api.of('vorlagen.list')).toEqual([]);
  });

  it('reloads from the core when shown again after a new Vorlage, and remembers its Amt for the next one', async () => {
    const papers = [...PAPERS];
    core(papers);
    const store = useVorlagenStore();
    await store.load();
    const created = { ...summary(5, { title: 'Kommunales Integrationsmanagement – Sachstand 2026', year: 2026, reference: '50/001/2026', predecessorId: 2, departmentId: 3 }), sections: {}, consultations: [], attachments: [] };
    core(papers, {
      'vorlagen.carryForward': () => {
        const { sections: _s, consultations: _c, attachments: _a, ...row } = created;
        papers.push(row);
        return created;
      },
    });
    await store.carryForward(2, 2026);
    expect(store.recentDepartmentId).toBe(3);
    await store.reloadPapers();
    expect(store.total).toBe(5);
    expect(store.rowAt(0)?.id).toBe(5);
  });

  it('takes the Amt for a new Vorlage from the Vorlage last worked on', async () => {
    core(PAPERS.map((p) => ({ ...p, departmentId: p.id === 3 ? 2 : 1 })), {
      'app.activity': () => [
        { id: 2, at: '2025-03-02T10:00:00Z', actor: 'a', action: 'sicherung.erstellt', paperId: null, meetingId: null, details: {} },
        { id: 1, at: '2025-03-01T10:00:00Z', actor: 'a', action: 'beratung.hinzugefuegt', paperId: 3, meetingId: 1, details: {} },
      ],
    });
    const store = useVorlagenStore();
    await store.loadRecentDepartment();
    expect(store.recentDepartmentId).toBe(2);
  });
});
