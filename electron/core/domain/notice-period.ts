import type { Committee } from '../../shared/schemas.js';

/**
 * Ladungsfrist: the Einladung must go out at least `periodDays` days before the Sitzung.
 * Reading used here (and documented for the clerks): the day of dispatch counts, the day of the
 * Sitzung does not — a 7-day period for a Sitzung on Wednesday 16.03. means the invitation must
 * go out on Wednesday 09.03. at the latest. Calendar days by default, weekends included; a
 * committee whose Geschäftsordnung counts working days (Mon–Fri) sets noticeWorkdaysOnly.
 * Public holidays are not known to the app and count as working days.
 *
 * Dates are ISO calendar dates ("2025-03-16"); arithmetic runs in UTC, so daylight-saving
 * changes never shift a day.
 */
export type NoticeRules = Pick<Committee, 'noticePeriodDays' | 'supplementNoticePeriodDays' | 'noticeWorkdaysOnly'>;

export interface NoticeDeadline {
  periodDays: number;
  lastDay: string;
  /** lastDay − dispatchDate in calendar days; negative = that many days too late. */
  daysLeft: number;
  late: boolean;
}

const DAY_MS = 24 * 3600 * 1000;

const toUtc = (isoDate: string): number => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) throw new Error(`not an ISO date: ${isoDate}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
};
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last day an invitation may go out for a Sitzung on `meetingDate` (time of day ignored). */
export function lastDispatchDay(meetingDate: string, periodDays: number, workdaysOnly: boolean): string {
  let day = toUtc(meetingDate);
  if (!workdaysOnly) return fromUtc(day - periodDays * DAY_MS);
  for (let counted = 0; counted < periodDays; ) {
    day -= DAY_MS;
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted += 1;
  }
  return fromUtc(day);
}

export const daysBetween = (fromDate: string, toDate: string) => Math.round((toUtc(toDate) - toUtc(fromDate)) / DAY_MS);

export function noticeDeadline(meetingDate: string, periodDays: number, workdaysOnly: boolean, dispatchDate: string): NoticeDeadline {
  const lastDay = lastDispatchDay(meetingDate, periodDays, workdaysOnly);
  const daysLeft = daysBetween(dispatchDate, lastDay);
  return { periodDays, lastDay, daysLeft, late: daysLeft < 0 };
}

/**
 * Deadlines for the Einladung and for Nachträge of one Sitzung, judged for the day the invitation
 * goes (or went) out. Nachträge use the committee's shorter period when it has one.
 */
export function noticePeriods(rules: NoticeRules, meetingDate: string, dispatchDate: string): { invitation: NoticeDeadline; supplement: NoticeDeadline } {
  return {
    invitation: noticeDeadline(meetingDate, rules.noticePeriodDays, rules.noticeWorkdaysOnly, dispatchDate),
    supplement: noticeDeadline(meetingDate, rules.supplementNoticePeriodDays ?? rules.noticePeriodDays, rules.noticeWorkdaysOnly, dispatchDate),
  };
}

/** Today as the local calendar date: committees work in local time. */
export const localIsoDate = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
