import type { NoticeReport } from '../../shared/api/beratung.js';
import type { Committee, Meeting } from '../../shared/schemas.js';
import type { AppContext } from '../app-context.js';
import { localIsoDate, noticePeriods } from '../domain/notice-period.js';

/**
 * The Ladungsfrist of one Sitzung for Übersicht and pack export. Judged for the given dispatch
 * date, else for today; without a dispatch date "late" is only reported while it can still
 * matter: the Einladung while the Sitzung is planned, Nachträge until it has taken place.
 */
export function noticeReport(ctx: AppContext, meeting: Meeting, committee: Committee, dispatchDate?: string): NoticeReport {
  const judged = dispatchDate ?? localIsoDate(ctx.now());
  const { invitation, supplement } = noticePeriods(committee, meeting.start.slice(0, 10), judged);
  const explicit = dispatchDate !== undefined;
  const invitationPending = explicit || meeting.state === 'geplant';
  const supplementPending = explicit || meeting.state === 'geplant' || meeting.state === 'einberufen';
  return {
    meetingId: meeting.id,
    committeeId: committee.id,
    committeeShortName: committee.shortName,
    meetingStart: meeting.start,
    state: meeting.state,
    workdaysOnly: committee.noticeWorkdaysOnly,
    dispatchDate: judged,
    invitation: { ...invitation, late: invitationPending && invitation.late },
    supplement: { ...supplement, late: supplementPending && supplement.late },
  };
}
