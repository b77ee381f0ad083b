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

describe('Ladungsfrist status (from the core report)', () => {
  const report = (state: string, lastDay: string, daysLeft: number, late = daysLeft < 0) => ({ state: state as 'geplant', invitation: { periodDays: 7, lastDay, daysLeft, late } });

  it('is "fällig" within a week of the last day and names the days left', () => {
    expect(noticeStatus(report('geplant', '2025-03-05', 2))).toEqual({ state: 'faellig', deadline: '2025-03-05', daysLeft: 2 });
    expect(noticeStatus(report('geplant', '2025-03-10', 7)).state).toBe('faellig');
  });

  it('is overdue once the last day has passed, unless the invitation went out', () => {
    expect(noticeStatus(report('geplant', '2025-03-01', -2)).state).toBe('ueberfaellig');
    expect(noticeStatus(report('einberufen', '2025-03-01', -2, false)).state).toBe('versandt');
  });

  it('is on time while the last day is more than a week away', () => {
    expect(noticeStatus(report('geplant', '2025-03-25', 22))).toMatchObject({ state: 'rechtzeitig', deadline: '2025-03-25' });
  });
});
