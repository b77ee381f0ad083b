// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import BeschlusskontrolleView from '../../../renderer/src/views/beschlusskontrolle/BeschlusskontrolleView.vue';
import { fakeApi, flush, mountWithApp } from '../helpers';

const committee = (id: number, name: string) => ({ id, key: `k${id}`, name, shortName: name, genitive: `des ${name}`, kind: 'ausschuss', noticePeriodDays: 7, supplementNoticePeriodDays: null, noticeWorkdaysOnly: false, chair: '', copyTo: [] });
const entry = (id: number, committeeId: number, overrides: Record<string, unknown>) => ({
  id, agendaItemId: id, paperId: 10 + id, meetingId: 1, committeeId, decidedOn: '2025-03-12', reference: `50/00${id}/2025`, agendaNumber: String(id), title: `Beschluss ${id}`,
  result: 'einstimmig beschlossen', text: '', departmentId: 1, frist: null, stand: 'offen', notes: [], createdAt: '', updatedAt: '', overdue: false, ...overrides,
});

describe('Beschlusskontrolle view', () => {
  it('asks the core with the filter chosen (Gremium, Stand, nur überfällige), marks overdue entries, and offers the report once a Gremium is chosen', async () => {
    const all = [entry(1, 1, { frist: '2025-04-30', stand: 'in_bearbeitung', overdue: true }), entry(2, 2, {})];
    const { calls } = fakeApi({
      'gremien.list': () => [committee(1, 'Kreisausschuss'), committee(2, 'Sozialausschuss')],
      'aemter.list': () => [{ id: 1, key: 'ki', code: '50', name: '50.2 – Kommunales Integrationszentrum (KI)', signatory: '' }],
      // As the core filters.
      'beschlusskontrolle.list': (p) =>
        all.filter((e) => (p.committeeId === undefined || e.committeeId === p.committeeId) && (p.stand === undefined || e.stand === p.stand) && (!p.overdue || e.overdue)),
    });
    const wrapper = mountWithApp(BeschlusskontrolleView);
    for (let i = 0; i < 5; i++) await flush();
    const rows = () => wrapper.findAll('[data-testid="followup"]');
    expect(rows()).toHaveLength(2);
    expect(rows()[0]!.text()).toContain('30.04.2025');
    expect(rows()[0]!.text()).toContain('überfällig');
    expect(rows()[0]!.text()).toContain('in Bearbeitung');
    expect(rows()[1]!.text()).toContain('keine Frist');
    expect(rows()[1]!.text()).not.toContain('überfällig');
    const reportButton = () => wrapper.findAll('button').find((b) => b.text() === 'Bericht erstellen')!;
    expect(reportButton().attributes('disabled')).toBeDefined();

    await wrapper.get('#bk-gremium').setValue('1');
    for (let i = 0; i < 3; i++) await flush();
    expect(calls.filter((c) => c.method === 'beschlusskontrolle.list').at(-1)!.params).toEqual({ committeeId: 1 });
    expect(rows().map((r) => r.text())).toEqual([expect.stringContaining('Beschluss 1')]);
    expect(reportButton().attributes('disabled')).toBeUndefined();

    await wrapper.get('#bk-stand').setValue('offen');
    await wrapper.get('input[type="checkbox"]').setValue(true);
    for (let i = 0; i < 3; i++) await flush();
    expect(calls.filter((c) => c.method === 'beschlusskontrolle.list').at(-1)!.params).toEqual({ committeeId: 1, stand: 'offen', overdue: true });
    expect(wrapper.text()).toContain('Keine Einträge');
    wrapper.unmount();
  });
});
