import type { NoticeReport } from '@shared/api/beratung';

export type NoticeState = 'versandt' | 'rechtzeitig' | 'faellig' | 'ueberfaellig';

export interface NoticeStatus {
  state: NoticeState;
  /** Last day the invitation may go out ("YYYY-MM-DD"). */
  deadline: string;
  /** Days from today until the deadline; negative when it has passed. */
  daysLeft: number;
}

/** Invitations due within this many days are shown as "fällig" rather than "rechtzeitig". */
export const DUE_SOON_DAYS = 7;

/**
 * How the Übersicht and the Sitzung show the core's Ladungsfrist report (sitzungen.ladungsfrist):
 * once the Sitzung is "einberufen" the invitation counts as sent; otherwise on time, due in N
 * days, or overdue.
 */
export function noticeStatus(report: Pick<NoticeReport, 'state' | 'invitation'>): NoticeStatus {
  const { lastDay, daysLeft, late } = report.invitation;
  if (report.state === 'einberufen' || report.state === 'durchgefuehrt') return { state: 'versandt', deadline: lastDay, daysLeft };
  if (late || daysLeft < 0) return { state: 'ueberfaellig', deadline: lastDay, daysLeft };
  if (daysLeft <= DUE_SOON_DAYS) return { state: 'faellig', deadline: lastDay, daysLeft };
  return { state: 'rechtzeitig', deadline: lastDay, daysLeft };
}
