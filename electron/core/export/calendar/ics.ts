import { ICalCalendarMethod, ICalEventStatus, default as ical } from 'ical-generator';
import { MEETING_STATE_LABELS, type Committee, type Meeting } from '../../../shared/schemas.js';
import { storedLocalTimeInZone } from '../../../shared/time-zone.js';
import type { AppContext } from '../../app-context.js';
import { noticePeriods } from '../../domain/notice-period.js';
import { formatDateDe } from '../print-model.js';
import { writeExport } from '../pdf/write-export.js';

/**
 * The Sitzungskalender as iCalendar (RFC 5545): one VEVENT per Sitzung, with a UID that stays the
 * same across exports (so calendar programs update instead of duplicating), DTSTAMP of the export,
 * times in UTC (Sitzungen are stored as wall-clock time in the Körperschaft's time zone, which
 * need not be the zone of the machine exporting: a team server runs on UTC), and the Ladungsfrist
 * and Nachtrag deadlines in the description. Folding and escaping: ical-generator.
 */
export interface CalendarMeeting {
  meeting: Meeting;
  committee: Committee;
}

/** "2025-03-12T15:00" read as wall-clock time in the Körperschaft's zone. */
const instantIn = (local: string, zone: string) => new Date(storedLocalTimeInZone(local, zone));

/** A host-like UID suffix from the Körperschaft's name: "Kreis Musterkreis" → "kreis-musterkreis". */
const domainOf = (bodyName: string) =>
  bodyName
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'koerperschaft';

export function deadlineLines(committee: Committee, meeting: Meeting): string[] {
  const day = meeting.start.slice(0, 10);
  const { invitation, supplement } = noticePeriods(committee, day, day);
  return [
    `Ladungsfrist: Einladung spätestens am ${formatDateDe(invitation.lastDay)} (${invitation.periodDays} Tage)`,
    `Nachträge spätestens am ${formatDateDe(supplement.lastDay)} (${supplement.periodDays} Tage)`,
  ];
}

export function renderIcs(bodyName: string, entries: readonly CalendarMeeting[], stamp: Date, timeZone: string): string {
  const calendar = ical({ name: `Sitzungskalender ${bodyName}`, prodId: { company: 'Vorlagenwerk', product: 'Sitzungskalender', language: 'DE' }, method: ICalCalendarMethod.PUBLISH });
  const domain = domainOf(bodyName);
  for (const { meeting, committee } of entries) {
    const title = `${committee.name}${meeting.number ? ` – ${meeting.number}. Sitzung` : ''}`;
    calendar.createEvent({
      id: `sitzung-${meeting.key}@${domain}.vorlagenwerk`,
      stamp,
      start: instantIn(meeting.start, timeZone),
      ...(meeting.end ? { end: instantIn(meeting.end, timeZone) } : {}),
      summary: meeting.state === 'abgesagt' ? `Abgesagt: ${title}` : title,
      location: meeting.location || null,
      description: [`Sitzung ${committee.genitive}, Stand: ${MEETING_STATE_LABELS[meeting.state]}`, ...deadlineLines(committee, meeting)].join('\n'),
      status: meeting.state === 'abgesagt' ? ICalEventStatus.CANCELLED : meeting.state === 'geplant' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

export async function exportIcs(ctx: AppContext, input: { path: string; committeeId?: number; from?: string }) {
  const committees = new Map((await ctx.store.committees.list()).map((c) => [c.id, c]));
  const meetings = await ctx.store.meetings.list({ ...(input.committeeId !== undefined ? { committeeId: input.committeeId } : {}), ...(input.from ? { from: input.from } : {}) });
  const entries = meetings.map((meeting) => ({ meeting, committee: committees.get(meeting.committeeId)! }));
  const { timeZone } = await ctx.store.oparl.settings();
  const text = renderIcs((await ctx.store.body.get())?.name ?? 'Vorlagenwerk', entries, ctx.now(), timeZone);
  const written = await writeExport(ctx, Buffer.from(text, 'utf8'), { path: input.path, format: 'ics', variant: input.committeeId !== undefined ? `gremium-${input.committeeId}` : undefined });
  return { ...written, events: entries.length };
}
