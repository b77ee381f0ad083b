// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PaperSummary } from '../../../electron/shared/schemas';
import { setApi } from '../../../renderer/src/api';
import VorlagenTable from '../../../renderer/src/components/vorlagen/VorlagenTable.vue';
import { useVorlagenStore } from '../../../renderer/src/stores/vorlagen';
import { fakePage, installFakeApi } from './fake-api';
import { appPlugins, mockScrollerLayout, settle } from './mount-helpers';

const ROWS: PaperSummary[] = Array.from({ length: 20_000 }, (_, i) => ({
  id: i + 1,
  key: null,
  reference: `50/${String(i + 1).padStart(5, '0')}/2025`,
  departmentId: 1,
  template: 'mitteilungsvorlage',
  title: `Vorlage Nummer ${i + 1}`,
  public: i % 7 !== 0,
  year: 2025,
  status: i % 2 ? 'entwurf' : 'in_beratung',
  predecessorId: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  date: null,
  revision: 1,
  committeeIds: [10, 11],
}));

const committees = new Map([
  [10, { id: 10, shortName: 'Sozialausschuss' }],
  [11, { id: 11, shortName: 'Integrationsrat' }],
]) as never;
const departments = new Map([[1, { id: 1, name: '50.2 – Kommunales Integrationszentrum (KI)' }]]) as never;

beforeEach(() => {
  mockScrollerLayout();
  vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this.dataset?.testid === 'vorlagen-scroller' ? parseFloat((this.firstElementChild as HTMLElement | null)?.style.height ?? '0') || 0 : 46;
  });
  // …and scroll when the virtualizer scrolls a row into view, as a browser does.
  vi.spyOn(Element.prototype, 'scrollTo').mockImplementation(function (this: Element, options?: ScrollToOptions | number) {
    if (typeof options === 'object' && options.top !== undefined) this.scrollTop = options.top;
    this.dispatchEvent(new Event('scroll'));
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  setApi(null);
});

/** All rows at hand, as if every page were loaded. */
const loadedRows = (rows: PaperSummary[]) => ({ count: rows.length, rowAt: (i: number) => rows[i], load: async () => {} });

async function mountTable() {
  const { plugins, router } = appPlugins();
  await router.push('/');
  const wrapper = mount(VorlagenTable, { props: { ...loadedRows(ROWS), departments, committees, matches: null }, global: { plugins: [...plugins] }, attachTo: document.body });
  await settle();
  return wrapper;
}

/** The table over the list store, with the core's pages answered from ROWS. */
async function mountPagedTable() {
  const { plugins, router } = appPlugins();
  await router.push('/');
  const page = fakePage(ROWS);
  // Far pages answer only when the test lets them: a timer here raced the test's own frames on a
  // busy machine, and the placeholders were gone before the test looked.
  let releaseFarPages!: () => void;
  const farPagesReleased = new Promise<void>((r) => (releaseFarPages = r));
  const api = installFakeApi({
    'vorlagen.page': async (p) => {
      if (Number(p.offset) >= 10_000) await farPagesReleased;
      return page(p);
    },
    'gremien.list': () => [],
    'aemter.list': () => [],
    'vorlagen.templates': () => ({ templates: [], errors: [] }),
  });
  const store = useVorlagenStore();
  await store.load();
  const wrapper = mount(VorlagenTable, {
    props: { count: store.total, rowAt: store.rowAt, load: store.ensure, departments, committees, matches: null },
    global: { plugins: [...plugins] },
    attachTo: document.body,
  });
  await settle();
  const pagesAsked = () => api.of('vorlagen.page').filter((c) => c.params.limit === 100).map((c) => c.params.offset);
  return { wrapper, pagesAsked, releaseFarPages };
}

describe('VorlagenTable', () => {
  it('renders only the rows in view of 20 000 and tells assistive technology the real size', async () => {
    const wrapper = await mountTable();
    const rows = wrapper.findAll('[data-testid="vorlage-row"]');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    expect(wrapper.get('[role="table"]').attributes('aria-rowcount')).toBe('20001');
    expect(rows[0]!.attributes('aria-rowindex')).toBe('2');
    expect(rows[0]!.text()).toContain('50/00001/2025');
    expect(rows[0]!.text()).toContain('Sozialausschuss, Integrationsrat');
    expect(rows[0]!.text()).toContain('nichtöffentlich');
    // The spacer has the height of all rows, so the scrollbar is true to size.
    expect(wrapper.get('.vspace').attributes('style')).toContain(`height: ${20_000 * 46}px`);
    wrapper.unmount();
  });

  it('shows the rows further down after scrolling', async () => {
    const wrapper = await mountTable();
    const scroller = wrapper.get('[data-testid="vorlagen-scroller"]').element as HTMLElement;
    scroller.scrollTop = 46 * 15_000;
    scroller.dispatchEvent(new Event('scroll'));
    await settle();
    const indexes = wrapper.findAll('[data-testid="vorlage-row"]').map((r) => Number(r.attributes('aria-rowindex')));
    expect(indexes).toContain(15_002);
    expect(indexes).not.toContain(2);
    wrapper.unmount();
  });

  it('moves between rows with the arrow keys', async () => {
    const wrapper = await mountTable();
    const links = wrapper.findAll('a.title-link');
    (links[0]!.element as HTMLElement).focus();
    await links[0]!.trigger('keydown', { key: 'ArrowDown' });
    await settle();
    expect(document.activeElement?.textContent).toBe('Vorlage Nummer 2');
    await wrapper.find('[data-index="1"] a').trigger('keydown', { key: 'ArrowUp' });
    await settle();
    expect(document.activeElement?.textContent).toBe('Vorlage Nummer 1');
    wrapper.unmount();
  });

  it('shows where the search found the words, with the words marked', async () => {
    const { plugins, router } = appPlugins();
    await router.push('/');
    const matches = new Map([[3, { rank: 0, kind: 'anlage' as const, snippet: [{ text: 'die ', match: false }, { text: 'Lenkungsgruppe', match: true }] }]]);
    const wrapper = mount(VorlagenTable, { props: { ...loadedRows(ROWS.slice(0, 5)), departments, committees, matches }, global: { plugins: [...plugins] }, attachTo: document.body });
    await settle();
    const row = wrapper.find('[data-index="2"]');
    expect(row.find('.snippet-line').text()).toBe('In einer Anlage: die Lenkungsgruppe');
    expect(row.find('mark').text()).toBe('Lenkungsgruppe');
    wrapper.unmount();
  });

  it('loads the page of the rows scrolled to, showing placeholders until it is there', async () => {
    const { wrapper, pagesAsked, releaseFarPages } = await mountPagedTable();
    expect(pagesAsked()).toEqual([0]);
    expect(wrapper.get('[role="table"]').attributes('aria-rowcount')).toBe('20001');
    const scroller = wrapper.get('[data-testid="vorlagen-scroller"]').element as HTMLElement;
    scroller.scrollTop = 46 * 12_345;
    scroller.dispatchEvent(new Event('scroll'));
    await settle();
    // Before the core answered: rows of the right size, saying they are loading.
    const waiting = wrapper.findAll('[data-testid="vorlage-row-laedt"]');
    expect(waiting.length).toBeGreaterThan(5);
    expect(waiting[0]!.text()).toBe('Wird geladen …');
    expect(pagesAsked()).toContain(12_300);
    releaseFarPages();
    const row = () => wrapper.find('[aria-rowindex="12347"]');
    await expect.poll(() => row().attributes('data-testid')).toBe('vorlage-row');
    expect(row().find('a').text()).toBe('Vorlage Nummer 7655');
    wrapper.unmount();
  });

  it('goes to the last Vorlage with Ctrl+End, loading the last page, and back with Ctrl+Home', async () => {
    const { wrapper, pagesAsked, releaseFarPages } = await mountPagedTable();
    releaseFarPages();
    const first = wrapper.find('a.title-link');
    (first.element as HTMLElement).focus();
    await first.trigger('keydown', { key: 'End', ctrlKey: true });
    await expect.poll(() => document.activeElement?.textContent).toBe('Vorlage Nummer 1');
    expect(pagesAsked()).toContain(19_900);
    expect(document.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex')).toBe('20001');
    await wrapper.find('[data-index="19999"] a').trigger('keydown', { key: 'PageUp' });
    await settle(10);
    expect(document.activeElement?.textContent).toBe('Vorlage Nummer 11');
    await wrapper.find('[data-index="19989"] a').trigger('keydown', { key: 'Home', ctrlKey: true });
    await settle(10);
    expect(document.activeElement?.textContent).toBe('Vorlage Nummer 20000');
    wrapper.unmount();
  });

  it('keeps the distinguishing end of look-alike titles in view and shows the full title on hover', async () => {
    const series = [2024, 2025, 2026].map((y, i) => ({ ...ROWS[i]!, id: i + 1, title: `Kommunales Integrationsmanagement – Sachstand ${y}` }));
    const { plugins, router } = appPlugins();
    await router.push('/');
    const wrapper = mount(VorlagenTable, { props: { ...loadedRows(series), departments, committees, matches: null }, global: { plugins: [...plugins] }, attachTo: document.body });
    await settle();
    const links = wrapper.findAll('.title-link');
    expect(links.map((l) => l.attributes('title'))).toEqual(series.map((p) => p.title));
    // The head may be shortened (ellipsis); the tail is never cut, so the three differ in what is shown.
    expect(links.map((l) => l.get('.title-tail').text())).toEqual(['– Sachstand 2024', '– Sachstand 2025', '– Sachstand 2026']);
    expect(links.map((l) => l.get('.title-head').text())).toEqual(series.map(() => 'Kommunales Integrationsmanagement'));
    wrapper.unmount();
  });

  it('lets the user widen the Betreff column with the keyboard, keeps the width, and resets it', async () => {
    localStorage.removeItem('vorlagenwerk.vorlagen.betreffBreite');
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1400);
    const wrapper = await mountTable();
    const handle = wrapper.get('[data-testid="betreff-breite"]');
    expect(handle.attributes('role')).toBe('separator');
    expect(wrapper.get('[role="table"]').attributes('style') ?? '').toContain('--title-col: minmax(0, 3fr)');
    await handle.trigger('keydown', { key: 'ArrowRight' });
    await handle.trigger('keydown', { key: 'ArrowRight' });
    const widened = Number(handle.attributes('aria-valuenow'));
    expect(wrapper.get('[role="table"]').attributes('style')).toContain(`--title-col: ${widened}px`);
    expect(localStorage.getItem('vorlagenwerk.vorlagen.betreffBreite')).toBe(String(widened));
    await handle.trigger('keydown', { key: 'ArrowLeft' });
    expect(Number(handle.attributes('aria-valuenow'))).toBe(widened - 24);
    // Never wider than the table leaves room for the other columns.
    for (let i = 0; i < 80; i++) await handle.trigger('keydown', { key: 'ArrowRight', shiftKey: true });
    expect(Number(handle.attributes('aria-valuenow'))).toBeLessThanOrEqual(1400 - (118 + 112 + 2 * 72 + 4 * 14 + 28));
    wrapper.unmount();
    // A new list starts with the kept width; Escape gives the column its automatic width back.
    const again = await mountTable();
    expect(again.get('[role="table"]').attributes('style')).toMatch(/--title-col: \d+px/);
    await again.get('[data-testid="betreff-breite"]').trigger('keydown', { key: 'Escape' });
    expect(again.get('[role="table"]').attributes('style')).toContain('--title-col: minmax(0, 3fr)');
    expect(localStorage.getItem('vorlagenwerk.vorlagen.betreffBreite')).toBeNull();
    again.unmount();
  });
});

