// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TemplateSummary } from '../../../electron/shared/api/dokumente';
import { PaperStatusSchema } from '../../../electron/shared/schemas';
import { setApi } from '../../../renderer/src/api';
import VorlagenListView from '../../../renderer/src/views/vorlagen/VorlagenListView.vue';
import { fakePage, installFakeApi, summary } from './fake-api';
import { appPlugins, mockScrollerLayout, settle } from './mount-helpers';

const PAPERS = Array.from({ length: 20_000 }, (_, i) =>
  summary(i + 1, { reference: `50/${String(i + 1).padStart(5, '0')}/2025`, title: `Vorlage Nummer ${i + 1}`, status: i % 2 ? 'entwurf' : 'in_beratung', departmentId: i % 3 ? 1 : 2 }),
);
const TEMPLATE: TemplateSummary = {
  id: 'mitteilungsvorlage',
  name: 'Mitteilungsvorlage',
  description: null,
  defaultRole: 'kenntnisnahme',
  source: 'builtin',
  overridesBuiltin: false,
  titleSuggestion: null,
  sections: [{ key: 'vorbemerkungen', title: 'Vorbemerkungen', required: true, hint: null }],
  closingLine: '',
};

function core() {
  return installFakeApi({
    'vorlagen.page': fakePage(PAPERS),
    'vorlagen.get': (p) => ({ ...PAPERS.find((x) => x.id === p.ref)!, sections: {}, consultations: [], attachments: [] }),
    'gremien.list': () => [],
    'aemter.list': () => [
      { id: 1, key: 'kaemmerei', code: '20', name: '20 – Kämmerei', signatory: '' },
      { id: 2, key: 'ki', code: '50', name: '50.2 – Kommunales Integrationszentrum (KI)', signatory: '' },
    ],
    'vorlagen.templates': () => ({ templates: [TEMPLATE], errors: [] }),
    'suche.query': (p) => ({ query: p.query, hits: [], hasMore: false }),
    'app.activity': () => [{ id: 1, at: '2025-03-02T10:00:00Z', actor: 'a', action: 'vorlage.erstellt', paperId: 4, meetingId: null, details: {} }],
  });
}

beforeEach(() => {
  mockScrollerLayout();
});
afterEach(() => {
  vi.restoreAllMocks();
  setApi(null);
  document.body.innerHTML = '';
});

async function mountList() {
  const { plugins, router } = appPlugins();
  await router.push('/vorlagen');
  const wrapper = mount(VorlagenListView, { global: { plugins: [...plugins] }, attachTo: document.body });
  await settle(10);
  return wrapper;
}

const subtitle = (wrapper: ReturnType<typeof mount>) => wrapper.get('.subtitle').text();
const rowTexts = (wrapper: ReturnType<typeof mount>) => wrapper.findAll('[data-testid="vorlage-row"]').map((r) => r.text());

describe('Vorlagen list view', () => {
  it('shows the first page of 20 000 Vorlagen at once, sized to all of them, without loading the whole list', async () => {
    const api = core();
    const wrapper = await mountList();
    expect(subtitle(wrapper)).toBe('20.000 Vorlagen');
    expect(wrapper.get('[role="table"]').attributes('aria-rowcount')).toBe('20001');
    expect(rowTexts(wrapper)[0]).toContain('50/20000/2025');
    expect(api.of('vorlagen.list')).toEqual([]);
    expect(api.of('vorlagen.page').filter((c) => c.params.limit === 100)).toHaveLength(1);
    wrapper.unmount();
  });

  it('filters by status and by number in the core, and resets', async () => {
    const api = core();
    const wrapper = await mountList();
    expect(wrapper.findAll('#vl-status option').map((o) => o.attributes('value'))).toEqual(['', ...PaperStatusSchema.options]);
    await wrapper.get('#vl-status').setValue('in_beratung');
    await settle(10);
    expect(subtitle(wrapper)).toBe('10.000 von 20.000 Vorlagen');
    expect(rowTexts(wrapper).every((r) => r.includes('In Beratung'))).toBe(true);
    expect(api.calls.at(-1)).toEqual({ method: 'vorlagen.page', params: { status: 'in_beratung', offset: 0, limit: 100 } });

    await wrapper.get('#vl-suche').setValue('0012');
    await new Promise((r) => setTimeout(r, 300));
    await settle(10);
    // 50/00120…00129, 50/00012 and 50/10012 contain it; of those, the odd ones are in Beratung.
    expect(subtitle(wrapper)).toBe('5 von 20.000 Vorlagen');
    expect(rowTexts(wrapper).map((r) => r.slice(0, 13))).toEqual(['50/00129/2025', '50/00127/2025', '50/00125/2025', '50/00123/2025', '50/00121/2025']);
    expect(api.calls.filter((c) => c.method === 'vorlagen.page').at(-1)!.params).toEqual({ status: 'in_beratung', text: '0012', offset: 0, limit: 100 });

    await wrapper.findAll('button').find((b) => b.text() === 'Filter zurücksetzen')!.trigger('click');
    await settle(10);
    expect(subtitle(wrapper)).toBe('20.000 Vorlagen');
    wrapper.unmount();
  });

  it('opens “Neue Vorlage” with the Amt of the Vorlage last worked on', async () => {
    core();
    const wrapper = await mountList();
    await wrapper.findAll('button').find((b) => b.text() === '+ Neue Vorlage')!.trigger('click');
    // Vorlage 4 (the latest in the activity log) belongs to Amt 2; the first Amt would be 1.
    await expect.poll(() => document.querySelector<HTMLSelectElement>('#nv-amt')?.value).toBe('2');
    wrapper.unmount();
  });
});
