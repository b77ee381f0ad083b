import { describe, expect, it } from 'vitest';
import { daysBetween, formatBytes, formatDate, formatDateTime, formatEuro, formatTime, weekday } from '../../renderer/src/format';
import { noticeStatus } from '../../renderer/src/domain/ladungsfrist';

describe('German office formats', () => {
  it('prints dates, times and amounts the way a German office writes them', () => {
    expect(formatDate('2025-03-16')).toBe('16.03.2025');
    expect(formatDate('2025-03-16T15:00')).toBe('16.03.2025');
    expect(formatTime('2025-03-16T15:00')).toBe('15:00 Uhr');
    expect(formatDateTime('2025-03-16T09:05')).toBe('16.03.2025, 09:05 Uhr');
    expect(weekday('2025-03-16')).toBe('Sonntag');
    expect(formatEuro(1234.5)).toBe('1.234,50 €');
    expect(formatEuro(-1234567.891)).toBe('-1.234.567,89 €');
    expect(formatBytes(272 * 1024)).toBe('272 KB');
    expect(formatBytes(3.5 * 1024 * 1024)).toBe('3,5 MB');
    expect(formatDate(null)).toBe('');
  });

  it('counts calendar days between local dates', () => {
    expect(daysBetween(new Date(2025, 2, 10, 23, 59), '2025-03-16')).toBe(6);
    expect(daysBetween(new Date(2025, 2, 17), '2025-03-16')).toBe(-1);
  });
});

describe('Ladungsfrist status', () => {
  const committee = { noticePeriodDays: 7, noticeWorkdaysOnly: false };
  const today = new Date(2025, 2, 3); // Monday, 03.03.2025

  it('is "fällig" within a week of the last day and names the days left', () => {
    const s = noticeStatus({ start: '2025-03-12T15:00', state: 'geplant' }, committee, today);
    expect(s).toEqual({ state: 'faellig', deadline: '2025-03-05', daysLeft: 2 });
  });

  it('is overdue once the last day has passed, unless the invitation went out', () => {
    expect(noticeStatus({ start: '2025-03-06T15:00', state: 'geplant' }, committee, today).state).toBe('ueberfaellig');
    expect(noticeStatus({ start: '2025-03-06T15:00', state: 'einberufen' }, committee, today).state).toBe('versandt');
  });

  it('is on time while the last day is more than a week away', () => {
    expect(noticeStatus({ start: '2025-04-01T15:00', state: 'geplant' }, committee, today)).toMatchObject({ state: 'rechtzeitig', deadline: '2025-03-25' });
  });

  it('skips weekends when the committee counts working days only', () => {
    // 7 working days before Wednesday 12.03.2025 is Monday 03.03.2025.
    expect(noticeStatus({ start: '2025-03-12T15:00', state: 'geplant' }, { noticePeriodDays: 7, noticeWorkdaysOnly: true }, today)).toMatchObject({ deadline: '2025-03-03', daysLeft: 0 });
  });
});
