// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaperSummary } from '../../../electron/shared/schemas';
import { setApi } from '../../../renderer/src/api';
import { useVorlagenStore } from '../../../renderer/src/stores/vorlagen';
import { deferred, installFakeApi } from './fake-api';

const summary = (id: number, over: Partial<PaperSummary>): PaperSummary => ({
  id,
  key: null,
  reference: `50/${String(id).padStart(3, '0')}/2025`,
  departmentId: 1,
  template: 'mitteilungsvorlage',
  title: `Vorlage ${id}`,
  public: true,
  year: 2025,
  status: 'entwurf',
  predecessorId: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  revision: 1,
  committeeIds: [],
  ...over,
});

const PAPERS = [
  summary(1, { title: 'Kommunales Integrationsmanagement – Sachstand 2024', year: 2024, status: 'erledigt', committeeIds: [10] }),
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

beforeEach(() => {
  setActivePinia(createPinia());
  searchAnswers = {};
  installFakeApi({
    'vorlagen.list': () => PAPERS,
    'gremien.list': () => [],
    'aemter.list': () => [],
    'vorlagen.templates': () => ({ templates: [], errors: [] }),
    'suche.query': (p) => searchAnswers[String(p.query)] ?? { query: p.query, hits: [], hasMore: false },
  });
});
afterEach(() => setApi(null));

describe('Vorlagen list filters', () => {
  it('filters by status, committee and year together', async () => {
    const store = useVorlagenStore();
    await store.load();
    expect(store.years).toEqual([2025, 2024]);
    store.filter.committeeId = 10;
    expect(store.rows.map((p) => p.id)).toEqual([1, 2, 3]);
    store.filter.status = 'in_beratung';
    expect(store.rows.map((p) => p.id)).toEqual([3]);
    store.filter.status = '';
    store.filter.year = 2024;
    expect(store.rows.map((p) => p.id)).toEqual([1]);
    expect(store.filtered).toBe(true);
    store.resetFilter();
    expect(store.rows).toHaveLength(4);
    expect(store.filtered).toBe(false);
  });

  it('finds by number or title, and ranks full-text hits (text, Anlagen) first with their snippet', async () => {
    const store = useVorlagenStore();
    await store.load();
    searchAnswers.Lenkungsgruppe = { query: 'Lenkungsgruppe', hits: [hit(4, 'anlage', 'Lenkungsgruppe'), hit(2, 'vorlage', 'Lenkungsgruppe')], hasMore: false };
    store.filter.text = 'Lenkungsgruppe';
    await store.search('Lenkungsgruppe');
    expect(store.rows.map((p) => p.id)).toEqual([4, 2]);
    expect(store.matches?.get(4)?.kind).toBe('anlage');

    store.filter.text = '50/003';
    await store.search('50/003');
    expect(store.rows.map((p) => p.id)).toEqual([3]);
  });

  it('ignores a slow answer to an older search', async () => {
    const store = useVorlagenStore();
    await store.load();
    const slow = deferred();
    installFakeApi({
      'suche.query': async (p) => {
        if (p.query === 'Sach') {
          await slow.promise;
          return { query: 'Sach', hits: [hit(1, 'vorlage', 'Sach')], hasMore: false };
        }
        return { query: p.query, hits: [hit(3, 'vorlage', 'Sprachmittler')], hasMore: false };
      },
    });
    const first = store.search('Sach');
    await store.search('Sprachmittler');
    slow.resolve(undefined);
    await first;
    expect([...store.matches!.keys()]).toEqual([3]);
    expect(store.searchedFor).toBe('Sprachmittler');
  });

  it('keeps a new or carried-forward Vorlage at the top without reloading 20 000 rows', async () => {
    const store = useVorlagenStore();
    await store.load();
    const created = { ...summary(5, { title: 'Kommunales Integrationsmanagement – Sachstand 2026', year: 2026, predecessorId: 2 }), sections: {}, consultations: [], attachments: [] };
    installFakeApi({ 'vorlagen.carryForward': () => created });
    await store.carryForward(2, 2026);
    expect(store.papers[0]!.id).toBe(5);
    expect(store.papers[0]).not.toHaveProperty('sections');
    expect(store.papers).toHaveLength(5);
  });
});
