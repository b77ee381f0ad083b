import { afterEach, describe, expect, it } from 'vitest';
import type { TempApp } from '../../helpers/temp-app.js';
import { demoApp, meetingByKey } from './fixtures.js';

let t: TempApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const titles = async (t: TempApp, meetingId: number, pub: boolean) =>
  (await t.call('sitzungen.get', { id: meetingId })).agenda.filter((i) => i.public === pub).map((i) => i.title);

describe('free-text TOP', () => {
  it('goes before the closing Mitteilungen and Anfragen of its part, not after them', async () => {
    t = await demoApp();
    const soz4 = await meetingByKey(t, 'soz-4');
    const meeting = (await t.call('sitzungen.list', {})).find((m) => m.state === 'geplant' && m.committeeId === soz4.committeeId)!;
    const before = await titles(t, meeting.id, true);
    const firstClosing = before.findIndex((title) => /^(Mitteilungen|Anfragen)/.test(title));
    expect(firstClosing).toBeGreaterThan(0);

    const added = await t.call('tagesordnung.add', { meetingId: meeting.id, title: 'Bericht aus der Lenkungsgruppe', public: true });
    const after = await titles(t, meeting.id, true);
    expect(after).toEqual([...before.slice(0, firstClosing), 'Bericht aus der Lenkungsgruppe', ...before.slice(firstClosing)]);
    // Its number is the one before the closing items, and they move down by one.
    const detail = await t.call('sitzungen.get', { id: meeting.id });
    const numbers = new Map(detail.agenda.map((i) => [i.title, Number(i.number)]));
    expect(numbers.get(before[firstClosing]!)).toBe(Number(detail.agenda.find((i) => i.id === added.id)!.number) + 1);

    // In the non-public part too.
    const np = await titles(t, meeting.id, false);
    await t.call('tagesordnung.add', { meetingId: meeting.id, title: 'Personalangelegenheit', public: false });
    const npAfter = await titles(t, meeting.id, false);
    const npClosing = np.findIndex((title) => /^(Mitteilungen|Anfragen)/.test(title));
    expect(npAfter).toEqual(npClosing >= 0 ? [...np.slice(0, npClosing), 'Personalangelegenheit', ...np.slice(npClosing)] : [...np, 'Personalangelegenheit']);
  });

  it('a closing item itself goes to the end, and an explicit position is kept', async () => {
    t = await demoApp();
    const meeting = await meetingByKey(t, 'soz-4');
    const before = await titles(t, meeting.id, true);
    await t.call('tagesordnung.add', { meetingId: meeting.id, title: 'Verschiedenes', public: true });
    expect((await titles(t, meeting.id, true)).at(-1)).toBe('Verschiedenes');
    await t.call('tagesordnung.add', { meetingId: meeting.id, title: 'Ganz vorn', public: true, position: 0 });
    expect((await titles(t, meeting.id, true))[0]).toBe('Ganz vorn');
    expect(await titles(t, meeting.id, true)).toHaveLength(before.length + 2);
  });
});
