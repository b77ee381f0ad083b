import { notFound } from '../../shared/errors.js';
import type { AgendaItem, Consultation, ConsultationRole, Meeting } from '../../shared/schemas.js';
import type { AppContext } from '../app-context.js';
import { formatDateDe } from '../export/print-model.js';
import { audit } from './audit.js';
import { assertNoOpenConsultation, beratungsfolge, requireCommittee, scheduleConsultation } from './consultations.js';
import { resolvePaperId } from './papers.js';
import { marksForNewItem } from './agenda-marks.js';
import { localIsoDate } from '../domain/notice-period.js';

export interface ResendInput {
  ref: number | string;
  committee: number | string;
  meeting: number | 'next' | null;
  role: ConsultationRole;
  source?: { meetingId: number; agendaItemId: number };
}

/** The committee's next Sitzung that is still planned (Einladung not yet out), after now. */
export async function nextPlannedMeeting(ctx: AppContext, committeeId: number): Promise<Meeting | null> {
  const now = ctx.now();
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
  return (await ctx.store.meetings.list({ committeeId, from: local })).find((m) => m.state === 'geplant') ?? null;
}

/**
 * Where the request came from when the caller does not say: the most recent deliberation of this
 * Vorlage that has a result (the committee that asked), else the most recent scheduled one.
 */
async function inferSource(ctx: AppContext, paperId: number): Promise<{ meeting: Meeting; item: AgendaItem } | null> {
  const candidates: { c: Consultation; meeting: Meeting; item: AgendaItem }[] = [];
  for (const c of await ctx.store.consultations.forPaper(paperId)) {
    if (c.meetingId === null || c.agendaItemId === null) continue;
    candidates.push({ c, meeting: (await ctx.store.meetings.get(c.meetingId))!, item: (await ctx.store.agenda.get(c.agendaItemId))! });
  }
  candidates.sort((a, b) => Number(b.c.result !== null) - Number(a.c.result !== null) || b.meeting.start.localeCompare(a.meeting.start));
  return candidates[0] ? { meeting: candidates[0].meeting, item: candidates[0].item } : null;
}

/**
 * Re-send ("auch an den Ordnungsausschuss"): one more Beratung for the target committee, on the
 * agenda of the given or next planned Sitzung, same Vorlage number and content. The AuditEvent
 * links the request to the Sitzung and TOP it came from. Call inside a transaction.
 */
export async function resendPaper(ctx: AppContext, input: ResendInput) {
  const { store } = ctx;
  const paperId = await resolvePaperId(ctx, input.ref);
  const paper = (await store.papers.get(paperId))!;
  const committee = await requireCommittee(ctx, input.committee);
  await assertNoOpenConsultation(ctx, paperId, committee, paper.reference);

  let source: { meeting: Meeting; item: AgendaItem } | null;
  if (input.source) {
    const meeting = await store.meetings.get(input.source.meetingId);
    const item = await store.agenda.get(input.source.agendaItemId);
    if (!meeting || !item || item.meetingId !== meeting.id) throw notFound('Der Tagesordnungspunkt, in dem die Weiterleitung erbeten wurde,');
    source = { meeting, item };
  } else {
    source = await inferSource(ctx, paperId);
  }

  let meeting: Meeting | null = null;
  if (input.meeting === 'next') {
    meeting = await nextPlannedMeeting(ctx, committee.id);
    if (!meeting) {
      throw notFound(`Eine geplante Sitzung des Gremiums „${committee.shortName}“ nach dem ${formatDateDe(localIsoDate(ctx.now()))}`);
    }
  } else if (input.meeting !== null) {
    meeting = await store.meetings.get(input.meeting);
    if (!meeting) throw notFound(`Die Sitzung ${input.meeting}`);
  }

  const consultation = await store.consultations.insert({ paperId, committeeId: committee.id, role: input.role });
  // Read before the TOP exists: the deadline it falls under (Ladungsfrist or Nachtragsfrist).
  const warnings = meeting ? (await marksForNewItem(ctx, meeting)).warnings : [];
  const agendaItem = meeting ? await scheduleConsultation(ctx, consultation, meeting.id, paper) : null;
  const sourceCommittee = source ? await store.committees.get(source.meeting.committeeId) : null;
  const event = await audit(ctx, 'vorlage.weitergeleitet', { paperId, meetingId: source?.meeting.id ?? null }, {
    reference: paper.reference,
    source: source
      ? { meetingId: source.meeting.id, meetingStart: source.meeting.start, committee: sourceCommittee?.shortName ?? null, agendaItemId: source.item.id, agendaNumber: source.item.number }
      : null,
    target: {
      committeeId: committee.id,
      committee: committee.shortName,
      meetingId: meeting?.id ?? null,
      meetingStart: meeting?.start ?? null,
      agendaItemId: agendaItem?.id ?? null,
      agendaNumber: agendaItem?.number ?? null,
    },
    role: input.role,
    consultationId: consultation.id,
  });
  const row = (await beratungsfolge(ctx, paperId)).find((c) => c.id === consultation.id)!;
  return { paperId, reference: paper.reference, consultation: row, meeting, agendaItem, auditEventId: event.id, warnings };
}
