import { conflict, invalid } from '../../shared/errors.js';
import type { AgendaItem, Committee, Meeting } from '../../shared/schemas.js';
import type { AppContext } from '../app-context.js';
import { localIsoDate, noticePeriods } from '../domain/notice-period.js';
import { formatDateDe } from '../export/print-model.js';
import { audit } from './audit.js';

/**
 * Nachtrag, Tischvorlage and "abgesetzt": what a TOP becomes when the agenda changes after the
 * Einladung went out, and the deadline warnings the Sitzungsdienst sees when adding one.
 */

/** The Einladung is out: recorded as versandt, or the Sitzung is einberufen. */
export async function invitationSent(ctx: AppContext, meeting: Meeting): Promise<boolean> {
  return meeting.state === 'einberufen' || (await ctx.store.meetings.invitedOn(meeting.id)) !== null;
}

export interface NewItemMarks {
  supplement: boolean;
  tischvorlage: boolean;
  /** German warnings naming the deadline (Ladungsfrist or the committee's Nachtrag period). */
  warnings: string[];
}

/**
 * How a TOP added now is marked: on the day of the Sitzung after the Einladung (or when asked
 * for) a Tischvorlage, otherwise after the Einladung a Nachtrag. A Tischvorlage for a Sitzung
 * already past is refused.
 */
export async function marksForNewItem(ctx: AppContext, meeting: Meeting, options: { tischvorlage?: boolean } = {}): Promise<NewItemMarks> {
  const today = localIsoDate(ctx.now());
  const day = meeting.start.slice(0, 10);
  if (options.tischvorlage && day < today) {
    throw invalid(`Eine Tischvorlage ist nur bis zum Sitzungstag möglich; die Sitzung vom ${formatDateDe(day)} ist vorbei. Es wurde nichts gespeichert.`);
  }
  const sent = await invitationSent(ctx, meeting);
  const tischvorlage = options.tischvorlage === true || (sent && day === today);
  const supplement = sent && !tischvorlage;
  const committee = (await ctx.store.committees.get(meeting.committeeId))!;
  return { supplement, tischvorlage, warnings: deadlineWarnings(committee, meeting, today, sent, tischvorlage) };
}

/** The deadline the change misses, if any: the Nachtrag period once invited, else the Ladungsfrist. */
export function deadlineWarnings(committee: Committee, meeting: Meeting, today: string, sent: boolean, tischvorlage: boolean): string[] {
  const day = meeting.start.slice(0, 10);
  if (day < today) return [];
  const { invitation, supplement } = noticePeriods(committee, day, today);
  const on = `die Sitzung ${committee.shortName} am ${formatDateDe(day)}`;
  if (tischvorlage) return [`Tischvorlage für ${on}: sie wird in der Sitzung ausgeteilt (Nachtragsfrist endete am ${formatDateDe(supplement.lastDay)}).`];
  if (sent) {
    return supplement.late
      ? [`Nachtragsfrist überschritten: für ${on} endete sie am ${formatDateDe(supplement.lastDay)} (${supplement.periodDays} Tage). Der TOP wird als Nachtrag aufgenommen.`]
      : [`Als Nachtrag zur Tagesordnung aufgenommen; Nachtragsfrist für ${on} bis ${formatDateDe(supplement.lastDay)}.`];
  }
  return invitation.late
    ? [`Ladungsfrist überschritten: die Einladung für ${on} hätte bis ${formatDateDe(invitation.lastDay)} versandt sein müssen (${invitation.periodDays} Tage).`]
    : [];
}

/**
 * Taking a TOP off the agenda: before the Einladung it goes; afterwards it stays as "abgesetzt"
 * (members have it in their papers) and only leaves its Beratung, which can be scheduled anew.
 */
export async function removeAgendaItem(ctx: AppContext, item: AgendaItem): Promise<{ removed: boolean; abgesetzt: boolean }> {
  if (item.result !== null) throw conflict('Für diesen Tagesordnungspunkt ist bereits ein Beratungsergebnis erfasst; er kann nicht entfernt werden.');
  if (item.abgesetzt) throw conflict(`TOP ${item.number} ist bereits abgesetzt.`);
  const meeting = (await ctx.store.meetings.get(item.meetingId))!;
  if (item.consultationId !== null) await ctx.store.consultations.update(item.consultationId, { meetingId: null });
  if (await invitationSent(ctx, meeting)) {
    await ctx.store.agenda.withdraw(item.id, ctx.now().toISOString());
    await audit(ctx, 'top.abgesetzt', { meetingId: meeting.id, paperId: item.paperId }, { number: item.number, title: item.title });
    return { removed: false, abgesetzt: true };
  }
  await ctx.store.agenda.delete(item.id);
  return { removed: true, abgesetzt: false };
}

/** "Einladung versandt" on a day (default today): the Sitzung is einberufen from then on. */
export async function recordInvitation(ctx: AppContext, meetingId: number, date?: string): Promise<{ meeting: Meeting; invitedOn: string; warnings: string[] }> {
  const meeting = await ctx.store.meetings.get(meetingId);
  if (!meeting) throw invalid(`Die Sitzung ${meetingId} gibt es nicht.`);
  const day = date ?? localIsoDate(ctx.now());
  const start = meeting.start.slice(0, 10);
  if (meeting.state === 'abgesagt') throw conflict(`Die Sitzung vom ${formatDateDe(start)} ist abgesagt.`);
  if (day > start) throw invalid(`Das Versanddatum ${formatDateDe(day)} liegt nach der Sitzung vom ${formatDateDe(start)}.`);
  if (day > localIsoDate(ctx.now())) throw invalid(`Das Versanddatum ${formatDateDe(day)} liegt in der Zukunft.`);
  await ctx.store.meetings.setInvitedOn(meetingId, day);
  const updated = meeting.state === 'geplant' ? await ctx.store.meetings.update({ ...meeting, state: 'einberufen' }) : meeting;
  const committee = (await ctx.store.committees.get(meeting.committeeId))!;
  const { invitation } = noticePeriods(committee, start, day);
  const warnings = invitation.late ? [`Ladungsfrist nicht eingehalten: versandt am ${formatDateDe(day)}, spätestens am ${formatDateDe(invitation.lastDay)} (${invitation.periodDays} Tage).`] : [];
  await audit(ctx, 'einladung.versandt', { meetingId }, { date: day, late: invitation.late });
  return { meeting: updated, invitedOn: day, warnings };
}
