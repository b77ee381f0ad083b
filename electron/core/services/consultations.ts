import type { Beratung } from '../../shared/api/beratung.js';
import { conflict, invalid, notFound } from '../../shared/errors.js';
import { type AgendaItem, type Committee, type Consultation, type ConsultationRole, type Meeting } from '../../shared/schemas.js';
import type { AppContext } from '../app-context.js';
import { formatDateDe } from '../export/print-model.js';
import { isFinalResult } from '../../shared/results.js';
import { marksForNewItem, removeAgendaItem } from './agenda-marks.js';
import { audit } from './audit.js';
import { assertAgendaOpen } from './minutes.js';
import { closingItemIndex } from '../domain/agenda-closing.js';

/**
 * Beratungsfolge rules. A Consultation is one committee's handling of a Vorlage; giving it a
 * Sitzung puts the Vorlage on that Sitzung's agenda as a TOP linked to the Consultation, and the
 * TOP's result is the Consultation's result. So a TOP with a result is history: it is never
 * removed or moved by these rules. Call inside a transaction.
 */

export async function beratungsfolge(ctx: AppContext, paperId: number): Promise<Beratung[]> {
  const committees = new Map((await ctx.store.committees.list()).map((c) => [c.id, c]));
  const meetings = new Map<number, Meeting | null>();
  const meetingOf = async (id: number) => {
    if (!meetings.has(id)) meetings.set(id, await ctx.store.meetings.get(id));
    return meetings.get(id)!;
  };
  const beratungen: Beratung[] = [];
  for (const c of await ctx.store.consultations.forPaper(paperId)) {
    const committee = committees.get(c.committeeId)!;
    const meeting = c.meetingId === null ? null : await meetingOf(c.meetingId);
    const item = c.agendaItemId === null ? null : await ctx.store.agenda.get(c.agendaItemId);
    beratungen.push({
      ...c,
      committeeName: committee.name,
      committeeShortName: committee.shortName,
      meetingStart: meeting?.start ?? null,
      meetingState: meeting?.state ?? null,
      agendaNumber: item?.number ?? null,
      votes: item?.votes ?? null,
      open: c.result === null || !isFinalResult(c.result),
    });
  }
  return beratungen;
}

export async function requireCommittee(ctx: AppContext, ref: number | string): Promise<Committee> {
  const committee = typeof ref === 'number' ? await ctx.store.committees.get(ref) : await ctx.store.committees.find(ref);
  if (!committee) throw notFound(`Das Gremium „${ref}“`);
  return committee;
}

async function requireConsultation(ctx: AppContext, id: number): Promise<Consultation> {
  const c = await ctx.store.consultations.get(id);
  if (!c) throw notFound('Die Beratung');
  return c;
}

const meetingLabel = (m: Meeting) => `vom ${formatDateDe(m.start)}`;

/** A committee may have one open Beratung of a Vorlage at a time; a second one would be a duplicate TOP. */
export async function assertNoOpenConsultation(ctx: AppContext, paperId: number, committee: Committee, reference: string): Promise<void> {
  const open = (await ctx.store.consultations.forPaper(paperId)).find((c) => c.committeeId === committee.id && (c.result === null || !isFinalResult(c.result)));
  if (open?.result != null) {
    throw conflict(
      `Die Vorlage ${reference} wurde im Gremium „${committee.shortName}“ vertagt; ihre Beratung dort ist noch offen. ` +
        'Für eine spätere Sitzung bitte bei dieser Beratung die Sitzung wählen, statt eine zweite Beratung anzulegen.',
    );
  }
  if (open) {
    throw conflict(
      `Die Vorlage ${reference} liegt dem Gremium „${committee.shortName}“ bereits zur Beratung vor (noch ohne Ergebnis). ` +
        'Eine zweite Beratung desselben Gremiums kann erst nach dessen Ergebnis angelegt werden.',
    );
  }
}

/**
 * Where a new Vorlage TOP goes within its part: after the last TOP with a Vorlage, else before the
 * closing items (Mitteilungen, Anfragen, Verschiedenes), else at the end.
 */
export function agendaInsertIndex(part: readonly AgendaItem[]): number | undefined {
  const lastWithPaper = part.map((i) => i.paperId !== null).lastIndexOf(true);
  if (lastWithPaper >= 0) return lastWithPaper + 1;
  return closingItemIndex(part);
}

/** Puts the Vorlage of `consultation` on the agenda of `meetingId`; returns the new TOP. */
export async function scheduleConsultation(
  ctx: AppContext,
  consultation: Consultation,
  meetingId: number,
  given?: { id: number; reference: string; title: string; public: boolean },
): Promise<AgendaItem> {
  const { store } = ctx;
  const paper = given ?? (await store.papers.get(consultation.paperId))!;
  const meeting = await store.meetings.get(meetingId);
  if (!meeting) throw notFound(`Die Sitzung ${meetingId}`);
  const committee = (await store.committees.get(consultation.committeeId))!;
  if (meeting.committeeId !== committee.id) {
    const owner = (await store.committees.get(meeting.committeeId))!;
    throw invalid(
      `Die Sitzung ${meetingLabel(meeting)} ist eine Sitzung des Gremiums „${owner.shortName}“. ` +
        `Die Beratung im Gremium „${committee.shortName}“ kann nur in eine seiner eigenen Sitzungen aufgenommen werden.`,
    );
  }
  if (meeting.state === 'abgesagt') throw conflict(`Die Sitzung ${meetingLabel(meeting)} ist abgesagt.`);
  if (meeting.state === 'durchgefuehrt') throw conflict(`Die Sitzung ${meetingLabel(meeting)} hat bereits stattgefunden; ihre Tagesordnung ist abgeschlossen.`);
  // Also a past Sitzung not (yet) marked durchgeführt: its day decides, as for tagesordnung.add.
  assertAgendaOpen(ctx, meeting);
  if ((await store.agenda.list(meetingId)).some((i) => i.paperId === paper.id)) {
    throw conflict(`Die Vorlage ${paper.reference} steht bereits auf der Tagesordnung der Sitzung ${meetingLabel(meeting)}.`);
  }
  const part = (await store.agenda.list(meetingId)).filter((i) => i.public === paper.public);
  const marks = await marksForNewItem(ctx, meeting);
  const item = await store.agenda.insert({
    meetingId,
    public: paper.public,
    title: paper.title,
    paperId: paper.id,
    consultationId: consultation.id,
    // Once the Einladung is out, anything added is a Nachtrag zur Tagesordnung (on the day: a Tischvorlage).
    supplement: marks.supplement,
    tischvorlage: marks.tischvorlage,
    position: agendaInsertIndex(part),
  });
  await store.consultations.update(consultation.id, { meetingId });
  return item;
}

/**
 * Takes the Vorlage off its Sitzung: the TOP goes, unless a result is recorded. A final result
 * makes the Beratung history (CONFLICT); after "vertagt" the Beratung goes on to a later Sitzung
 * while the TOP stays in its Sitzung with that result, no longer the Beratung's.
 */
export async function unscheduleConsultation(ctx: AppContext, consultation: Consultation): Promise<void> {
  const item = await ctx.store.agenda.byConsultation(consultation.id);
  if (item?.result != null && !isFinalResult(item.result)) {
    await ctx.store.agenda.linkConsultation(item.id, null);
    await ctx.store.consultations.update(consultation.id, { meetingId: null });
    return;
  }
  if (item?.result != null) {
    throw conflict(
      `Für die Vorlage ist in der Sitzung unter TOP ${item.number} bereits ein Beratungsergebnis erfasst („${item.result}“); ` +
        'die Sitzung kann nicht mehr entfernt oder gewechselt werden.',
    );
  }
  if (item) await takeOffAgenda(ctx, item);
  await ctx.store.consultations.update(consultation.id, { meetingId: null });
}

/**
 * The TOP of a Beratung without a result leaves its Sitzung's agenda, under the same rules as
 * tagesordnung.remove: not from a Sitzung held or past (its agenda is what was deliberated), and
 * after the Einladung it stays as "abgesetzt" instead of vanishing. Frees the Beratung either way.
 */
async function takeOffAgenda(ctx: AppContext, item: AgendaItem): Promise<{ abgesetzt: boolean }> {
  const meeting = (await ctx.store.meetings.get(item.meetingId))!;
  if (meeting.state === 'durchgefuehrt') throw conflict(`Die Sitzung ${meetingLabel(meeting)} hat bereits stattgefunden; ihre Tagesordnung ist abgeschlossen.`);
  assertAgendaOpen(ctx, meeting);
  if (item.abgesetzt) return { abgesetzt: true };
  return { abgesetzt: (await removeAgendaItem(ctx, item)).abgesetzt };
}

export interface AddConsultationInput {
  paperId: number;
  committeeId: number;
  role: ConsultationRole;
  meetingId: number | null;
  position?: number;
}

export async function addConsultation(ctx: AppContext, input: AddConsultationInput): Promise<{ consultation: Consultation; agendaItem: AgendaItem | null }> {
  const { store } = ctx;
  const paper = await store.papers.get(input.paperId);
  if (!paper) throw notFound(`Die Vorlage ${input.paperId}`);
  const committee = await requireCommittee(ctx, input.committeeId);
  await assertNoOpenConsultation(ctx, paper.id, committee, paper.reference);
  const existing = await store.consultations.forPaper(paper.id);
  const position = input.position === undefined || input.position >= existing.length ? undefined : input.position;
  let consultation = await store.consultations.insert({ paperId: paper.id, committeeId: committee.id, role: input.role, position: existing.length });
  if (position !== undefined) {
    const order = existing.map((c) => c.id);
    order.splice(position, 0, consultation.id);
    for (const [i, id] of order.entries()) await store.consultations.update(id, { position: i });
  }
  const agendaItem = input.meetingId === null ? null : await scheduleConsultation(ctx, consultation, input.meetingId, paper);
  consultation = (await store.consultations.get(consultation.id))!;
  await audit(ctx, 'beratung.hinzugefuegt', { paperId: paper.id, meetingId: input.meetingId }, {
    consultationId: consultation.id,
    committee: committee.shortName,
    role: input.role,
    agendaItemId: agendaItem?.id ?? null,
    agendaNumber: agendaItem?.number ?? null,
  });
  return { consultation, agendaItem };
}

export async function updateConsultation(ctx: AppContext, input: { id: number; role?: ConsultationRole; meetingId?: number | null }): Promise<Consultation> {
  const current = await requireConsultation(ctx, input.id);
  if (input.role !== undefined && input.role !== current.role) await ctx.store.consultations.update(current.id, { role: input.role });
  if (input.meetingId !== undefined && input.meetingId !== current.meetingId) {
    await unscheduleConsultation(ctx, current);
    if (input.meetingId !== null) await scheduleConsultation(ctx, (await ctx.store.consultations.get(current.id))!, input.meetingId);
  }
  const updated = (await ctx.store.consultations.get(current.id))!;
  await audit(ctx, 'beratung.geaendert', { paperId: current.paperId, meetingId: updated.meetingId }, {
    consultationId: current.id,
    role: { from: current.role, to: updated.role },
    meetingId: { from: current.meetingId, to: updated.meetingId },
  });
  return updated;
}

export async function removeConsultation(ctx: AppContext, id: number): Promise<number> {
  const current = await requireConsultation(ctx, id);
  const item = await ctx.store.agenda.byConsultation(current.id);
  if (item?.result != null) {
    throw conflict(`Diese Beratung hat bereits ein Ergebnis („${item.result}“) und gehört zum Verlauf der Vorlage; sie kann nicht entfernt werden.`);
  }
  const taken = item ? await takeOffAgenda(ctx, item) : null;
  await ctx.store.consultations.delete(current.id);
  const rest = await ctx.store.consultations.forPaper(current.paperId);
  for (const [i, c] of rest.entries()) if (c.position !== i) await ctx.store.consultations.update(c.id, { position: i });
  await audit(ctx, 'beratung.entfernt', { paperId: current.paperId, meetingId: current.meetingId }, {
    consultationId: current.id,
    committeeId: current.committeeId,
    role: current.role,
    agendaItemRemoved: taken !== null && !taken.abgesetzt,
    agendaItemAbgesetzt: taken?.abgesetzt ?? false,
  });
  return current.paperId;
}

export async function reorderConsultations(ctx: AppContext, paperId: number, orderedIds: number[]): Promise<void> {
  if (!await ctx.store.papers.get(paperId)) throw notFound(`Die Vorlage ${paperId}`);
  const current = await ctx.store.consultations.forPaper(paperId);
  const known = new Set(current.map((c) => c.id));
  if (orderedIds.length !== current.length || !orderedIds.every((id) => known.has(id)) || new Set(orderedIds).size !== orderedIds.length) {
    throw invalid('Die neue Reihenfolge muss jede Beratung der Vorlage genau einmal enthalten.');
  }
  for (const [position, id] of orderedIds.entries()) await ctx.store.consultations.update(id, { position });
  await audit(ctx, 'beratung.umsortiert', { paperId }, { order: orderedIds });
}

