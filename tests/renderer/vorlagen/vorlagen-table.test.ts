// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PaperSummary } from '../../../electron/shared/schemas';
import VorlagenTable from '../../../renderer/src/components/vorlagen/VorlagenTable.vue';
import { appPlugins, settle } from './mount-helpers';

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
  revision: 1,
  committeeIds: [10, 11],
}));

const committees = new Map([
  [10, { id: 10, shortName: 'Sozialausschuss' }],
  [11, { id: 11, shortName: 'Integrationsrat' }],
]) as never;
const departments = new Map([[1, { id: 1, name: '50.2 – Kommunales Integrationszentrum (KI)' }]]) as never;

// happy-dom does no layout: give the scroll area the height it has on screen.
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    const height = this.dataset.testid === 'vorlagen-scroller' ? 600 : 46;
    return { x: 0, y: 0, top: 0, left: 0, bottom: height, right: 1000, width: 1000, height, toJSON: () => ({}) } as DOMRect;
  });
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this.dataset?.testid === 'vorlagen-scroller' ? 600 : 46;
  });
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1000);
});
afterEach(() => vi.restoreAllMocks());

async function mountTable() {
  const { plugins, router } = appPlugins();
  await router.push('/');
  const wrapper = mount(VorlagenTable, { props: { rows: ROWS, departments, committees, matches: null }, global: { plugins: [...plugins] }, attachTo: document.body });
  await settle();
  return wrapper;
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
    const wrapper = mount(VorlagenTable, { props: { rows: ROWS.slice(0, 5), departments, committees, matches }, global: { plugins: [...plugins] }, attachTo: document.body });
    await settle();
    const row = wrapper.find('[data-index="2"]');
    expect(row.find('.snippet-line').text()).toBe('In einer Anlage: die Lenkungsgruppe');
    expect(row.find('mark').text()).toBe('Lenkungsgruppe');
    wrapper.unmount();
  });
});
