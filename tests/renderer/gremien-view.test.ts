// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import GremienView from '../../renderer/src/views/gremien/GremienView.vue';
import { fakeApi, flush, mountWithApp } from './helpers';

const committee = (id: number, name: string) => ({ id, key: `k${id}`, name, shortName: name, genitive: `des ${name}`, kind: 'ausschuss', noticePeriodDays: 7, supplementNoticePeriodDays: null, noticeWorkdaysOnly: false, chair: '' });
const meeting = (id: number, committeeId: number, start: string) => ({ id, key: `m${id}`, committeeId, number: id, start, end: null, location: `Raum ${committeeId}`, state: 'geplant' });
const MEETINGS: Record<number, ReturnType<typeof meeting>[]> = {
  1: [meeting(11, 1, '2099-03-01T15:00'), meeting(12, 1, '2099-04-01T15:00')],
  2: [meeting(21, 2, '2099-05-01T15:00')],
};

describe('Gremien & Sitzungen', () => {
  it('never shows the Sitzungen of the Gremium the user left under the name of the one chosen, also when answers come late or out of order', async () => {
    const held = new Map<number, () => void>();
    let hold = false;
    fakeApi({
      'gremien.list': () => [committee(1, 'Sozialausschuss'), committee(2, 'Kreisausschuss')],
      'sitzungen.list': ({ committeeId }) => {
        const id = committeeId as number;
        if (!hold) return MEETINGS[id];
        return new Promise((resolve) => held.set(id, () => resolve(MEETINGS[id])));
      },
    });
    const wrapper = mountWithApp(GremienView, { props: { committeeId: 1 } });
    for (let i = 0; i < 4; i++) await flush();
    const rows = () => wrapper.findAll('[data-testid="meeting-row"]').map((r) => r.text());
    expect(rows()).toHaveLength(2);
    expect(rows().every((r) => r.includes('Raum 1'))).toBe(true);

    // Kreisausschuss chosen; its Sitzungen are still on the way.
    hold = true;
    await wrapper.setProps({ committeeId: 2 });
    await flush();
    expect(wrapper.find('#h-gremium').text()).toBe('Kreisausschuss');
    expect(rows()).toEqual([]);
    held.get(2)!();
    for (let i = 0; i < 3; i++) await flush();
    expect(rows()).toHaveLength(1);
    expect(rows()[0]).toContain('Raum 2');

    // Back to the Sozialausschuss and on to the Kreisausschuss again: the Sozialausschuss's
    // answer arrives last and must not replace the Kreisausschuss's list.
    await wrapper.setProps({ committeeId: 1 });
    await flush();
    await wrapper.setProps({ committeeId: 2 });
    await flush();
    held.get(2)!();
    for (let i = 0; i < 3; i++) await flush();
    held.get(1)!();
    for (let i = 0; i < 3; i++) await flush();
    expect(wrapper.find('#h-gremium').text()).toBe('Kreisausschuss');
    expect(rows()).toHaveLength(1);
    expect(rows()[0]).toContain('Raum 2');
  });
});
