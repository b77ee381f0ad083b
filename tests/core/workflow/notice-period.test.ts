import { afterEach, describe, expect, it } from 'vitest';
import { lastDispatchDay, noticeDeadline, noticePeriods } from '../../../electron/core/domain/notice-period.js';
import type { TempApp } from '../../helpers/temp-app.js';
import { demoApp, failure, meetingByKey } from './fixtures.js';

let t: TempApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const rules = { noticePeriodDays: 7, supplementNoticePeriodDays: 3, noticeWorkdaysOnly: false };

describe('Ladungsfrist', () => {
  it('is on time on the last day and late by one day the day after (calendar days)', () => {
    // Sitzung Wednesday 19.03.2025, 7 days: the invitation must go out on Wednesday 12.03. at the latest.
    expect(noticeDeadline('2025-03-19', 7, false, '2025-03-12')).toEqual({ periodDays: 7, lastDay: '2025-03-12', daysLeft: 0, late: false });
    expect(noticeDeadline('2025-03-19', 7, false, '2025-03-13')).toEqual({ periodDays: 7, lastDay: '2025-03-12', daysLeft: -1, late: true });
    expect(noticeDeadline('2025-03-19', 7, false, '2025-03-05')).toMatchObject({ daysLeft: 7, late: false });
  });

  it('counts weekends as calendar days unless the committee counts working days', () => {
    // Monday 17.03.2025: 7 calendar days back is Monday 10.03., weekend included.
    expect(lastDispatchDay('2025-03-17', 7, false)).toBe('2025-03-10');
    // 7 working days back from Wednesday 19.03.: 18, 17, 14, 13, 12, 11, 10 → Monday 10.03.
    expect(lastDispatchDay('2025-03-19', 7, true)).toBe('2025-03-10');
    expect(noticeDeadline('2025-03-19', 7, true, '2025-03-10').late).toBe(false);
    expect(noticeDeadline('2025-03-19', 7, true, '2025-03-11')).toMatchObject({ late: true, daysLeft: -1 });
    // A Monday Sitzung with 1 working day: the Friday before.
    expect(lastDispatchDay('2025-03-17', 1, true)).toBe('2025-03-14');
    // A calendar deadline may fall on a Sunday; it is not moved.
    expect(lastDispatchDay('2025-03-23', 7, false)).toBe('2025-03-16');
  });

  it('gives Nachträge the shorter period, or the normal one when the committee has none', () => {
    const p = noticePeriods(rules, '2025-03-19', '2025-03-16');
    expect(p.invitation).toMatchObject({ lastDay: '2025-03-12', late: true, daysLeft: -4 });
    expect(p.supplement).toMatchObject({ periodDays: 3, lastDay: '2025-03-16', late: false, daysLeft: 0 });
    expect(noticePeriods({ ...rules, supplementNoticePeriodDays: null }, '2025-03-19', '2025-03-16').supplement).toMatchObject({ periodDays: 7, lastDay: '2025-03-12' });
  });

  it('is not shifted by the change to summer time or across a year', () => {
    expect(lastDispatchDay('2025-04-02T15:00', 7, false)).toBe('2025-03-26');
    expect(lastDispatchDay('2025-01-03', 7, false)).toBe('2024-12-27');
    expect(lastDispatchDay('2024-03-07', 7, false)).toBe('2024-02-29');
  });

  it('reports per Sitzung through the API, judged for today or a given dispatch date', async () => {
    t = await demoApp(); // today: Saturday 01.03.2025
    const sozNext = await meetingByKey(t, 'soz-4'); // Wednesday 12.03.2025, 7 days, Nachträge 3
    const report = await t.call('sitzungen.ladungsfrist', { id: sozNext.id });
    expect(report).toMatchObject({
      meetingId: sozNext.id,
      committeeShortName: 'Sozialausschuss',
      dispatchDate: '2025-03-01',
      state: 'geplant',
      invitation: { periodDays: 7, lastDay: '2025-03-05', daysLeft: 4, late: false },
      supplement: { periodDays: 3, lastDay: '2025-03-09', daysLeft: 8, late: false },
    });
    expect((await t.call('sitzungen.ladungsfrist', { id: sozNext.id, dispatchDate: '2025-03-05' })).invitation.late).toBe(false);
    expect((await t.call('sitzungen.ladungsfrist', { id: sozNext.id, dispatchDate: '2025-03-06' })).invitation).toMatchObject({ late: true, daysLeft: -1 });

    // The Integrationsrat meets on Thursday 06.03.: its invitation should have gone out on 27.02.
    const irNext = await meetingByKey(t, 'ir-3');
    expect((await t.call('sitzungen.ladungsfrist', { id: irNext.id })).invitation).toMatchObject({ lastDay: '2025-02-27', late: true, daysLeft: -2 });
    // Once the Einladung is out, only Nachträge can still be late.
    await t.call('sitzungen.save', { ...irNext, state: 'einberufen' });
    const invited = await t.call('sitzungen.ladungsfrist', { id: irNext.id });
    expect(invited.invitation.late).toBe(false);
    expect(invited.supplement.late).toBe(true);

    // The committee switches to working days: 7 working days before Wednesday 12.03. is Monday 03.03.
    const soz = await t.call('gremien.get', { ref: 'soz' });
    await t.call('gremien.save', { ...soz, noticeWorkdaysOnly: true });
    expect((await t.call('sitzungen.ladungsfrist', { id: sozNext.id })).invitation).toMatchObject({ lastDay: '2025-03-03', daysLeft: 2 });

    const all = await t.call('sitzungen.ladungsfristen', { from: '2025-03-01' });
    expect(all.map((r) => r.meetingId)).toEqual([irNext.id, sozNext.id, (await meetingByKey(t, 'ka-2')).id, (await meetingByKey(t, 'ord-2')).id]);
    // Past Sitzungen are not "late": their invitation went out long ago.
    const past = await t.call('sitzungen.ladungsfristen', { to: '2025-03-01' });
    expect(past.every((r) => !r.invitation.late && !r.supplement.late)).toBe(true);
    expect((await failure(t.call('sitzungen.ladungsfrist', { id: 9999 }))).code).toBe('NOT_FOUND');
    expect((await failure(t.call('sitzungen.ladungsfrist', { id: sozNext.id, dispatchDate: '6.3.2025' }))).code).toBe('VALIDATION');
  });
});
