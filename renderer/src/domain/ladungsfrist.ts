import type { Committee, Meeting } from '@shared/schemas';
import { daysBetween } from '../format';

export type NoticeState = 'versandt' | 'rechtzeitig' | 'faellig' | 'ueberfaellig';

export interface NoticeStatus {
  state: NoticeState;
  /** Last day the invitation may go out ("YYYY-MM-DD"). */
  deadline: string;
  /** Days from today until the deadline; negative when it has passed. */
  daysLeft: number;
}

/** Invitations that are due within this many days are shown as "fällig". */
export const DUE_SOON_DAYS = 7;

const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * The Ladungsfrist of a Sitzung as the Übersicht shows it: the invitation must go out
 * `noticePeriodDays` (calendar or working days) before the Sitzung. A Sitzung already
 * "einberufen" counts as invited.
 */
export function noticeStatus(meeting: Pick<Meeting, 'start' | 'state'>, committee: Pick<Committee, 'noticePeriodDays' | 'noticeWorkdaysOnly'>, today: Date): NoticeStatus {
  const [y, m, d] = meeting.start.slice(0, 10).split('-').map(Number) as [number, number, number];
  const deadline = new Date(y, m - 1, d);
  let remaining = committee.noticePeriodDays;
  while (remaining > 0) {
    deadline.setDate(deadline.getDate() - 1);
    const day = deadline.getDay();
    if (!committee.noticeWorkdaysOnly || (day !== 0 && day !== 6)) remaining -= 1;
  }
  const deadlineIso = iso(deadline);
  const daysLeft = daysBetween(today, deadlineIso);
  if (meeting.state === 'einberufen' || meeting.state === 'durchgefuehrt') return { state: 'versandt', deadline: deadlineIso, daysLeft };
  if (daysLeft < 0) return { state: 'ueberfaellig', deadline: deadlineIso, daysLeft };
  if (daysLeft <= DUE_SOON_DAYS) return { state: 'faellig', deadline: deadlineIso, daysLeft };
  return { state: 'rechtzeitig', deadline: deadlineIso, daysLeft };
}
