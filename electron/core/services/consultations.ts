import type { Beratung } from '../../shared/api/beratung.js';
import { conflict, invalid, notFound } from '../../shared/errors.js';
import { type AgendaItem, type Committee, type Consultation, type ConsultationRole, type Meeting } from '../../shared/schemas.js';
import type { AppContext } from '../app-context.js';
import { formatDateDe } from '../export/print-model.js';
import { isFinalResult } from '../../shared/results.js';
import { audit } from './audit.js';
import { closingItemIndex } from '../domain/agenda-closing.js';

/**
 * Beratungsfolge rules. A Consultation is one committee's handling of a Vorlage; giving it a
 * Sitzung puts the Vorlage on that Sitzung's agenda as a TOP linked to the Consultation, and the
 * TOP's result is the Consultation's result. So a TOP with a result is history: it is never
 * removed or moved by these rules. Call inside a transaction.
 */

export function beratungsfolge(ctx: AppContext, paperId: number): Beratung[] {
  const committees = new Map(ctx.store.committees.list().map((c) => [c.id, c]));
  const meetings = new Map<number, Meeting | null>();
  const meetingOf = (id: number) => {
    if (!meetings.has(id)) meetings.set(id, ctx.store.meetings.get(id));
    return meetings.get(id)!;
  };
  return ctx.store.consultations.forPaper(paperId).map((c) => {
    const committee = committees.get(c.committeeId)!;
    const meeting = c.meetingId === null ? null : meetingOf(c.meetingId);
    const item = c.agendaItemId === null ? null : ctx.store.agenda.get(c.agendaItemId);
    return {
      ...c,
      committeeName: committee.name,
      committeeShortName: committee.shortName,
      meetingStart: meeting?.start ?? null,
      meetingState: meeting?.state ?? null,
      agendaNumber: item?.number ?? null,
      votes: item?.votes ?? null,
      open: c.result === null || !isFinalResult(c.result),
    };
  });
}

export function requireCommittee(ctx: AppContext, ref: number | string): Committee {
  const committee = typeof ref === 'number' ? ctx.store.committees.get(ref) : ctx.store.committees.find(ref);
  if (!committee) throw notFound(`Das Gremium „${ref}“`);
  return committee;
}

function requireConsultation(ctx: AppContext, id: number): Consultation {
  const c = ctx.store.consultations.get(id);
  if (!c) throw notFound('Die Beratung');
  return c;
}

const meetingLabel = (m: Meeting) => `vom ${formatDateDe(m.start)}`;

/** A committee may have one open Beratung of a Vorlage at a time; a second one would be a duplicate TOP. */
export function assertNoOpenConsultation(ctx: AppContext, paperId: number, committee: Committee, reference: string): void {
  const open = ctx.store.consultations.forPaper(paperId).find((c) => c.committeeId === committee.id && (c.result === null || !isFinalResult(c.result)));
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
export function scheduleConsultation(
  ctx: AppContext,
  consultation: Consultation,
  meetingId: number,
  paper: { id: number; reference: string; title: string; public: boolean } = ctx.store.papers.get(consultation.paperId)!,
): AgendaItem {
  const { store } = ctx;
  const meeting = store.meetings.get(meetingId);
  if (!meeting) throw notFound(`Die Sitzung ${meetingId}`);
  const committee = store.committees.get(consultation.committeeId)!;
  if (meeting.committeeId !== committee.id) {
    const owner = store.committees.get(meeting.committeeId)!;
    throw invalid(
      `Die Sitzung ${meetingLabel(meeting)} ist eine Sitzung des Gremiums „${owner.shortName}“. ` +
        `Die Beratung im Gremium „${committee.shortName}“ kann nur in eine seiner eigenen Sitzungen aufgenommen werden.`,
    );
  }
  if (meeting.state === 'abgesagt') throw conflict(`Die Sitzung ${meetingLabel(meeting)} ist abgesagt.`);
  if (meeting.state === 'durchgefuehrt') throw conflict(`Die Sitzung ${meetingLabel(meeting)} hat bereits stattgefunden; ihre Tagesordnung ist abgeschlossen.`);
  if (store.agenda.list(meetingId).some((i) => i.paperId === paper.id)) {
    throw conflict(`Die Vorlage ${paper.reference} steht bereits auf der Tagesordnung der Sitzung ${meetingLabel(meeting)}.`);
  }
  const part = store.agenda.list(meetingId).filter((i) => i.public === paper.public);
  const item = store.agenda.insert({
    meetingId,
    public: paper.public,
    title: paper.title,
    paperId: paper.id,
    consultationId: consultation.id,
    // Once the Einladung is out, anything added is a Nachtrag zur Tagesordnung.
    supplement: meeting.state === 'einberufen',
    position: agendaInsertIndex(part),
  });
  store.consultations.update(consultation.id, { meetingId });
  return item;
}

/** Takes the Vorlage off its Sitzung: the TOP goes, unless a result is recorded (then CONFLICT). */
export function unscheduleConsultation(ctx: AppContext, consultation: Consultation): void {
  const item = ctx.store.agenda.byConsultation(consultation.id);
  if (item?.result != null) {
    throw conflict(
      `Für die Vorlage ist in der Sitzung unter TOP ${item.number} bereits ein Beratungsergebnis erfasst („${item.result}“); ` +
        'die Sitzung kann nicht mehr entfernt oder gewechselt werden.',
    );
  }
  if (item) ctx.store.agenda.delete(item.id);
  ctx.store.consultations.update(consultation.id, { meetingId: null });
}

export interface AddConsultationInput {
  paperId: number;
  committeeId: number;
  role: ConsultationRole;
  meetingId: number | null;
  position?: number;
}

export function addConsultation(ctx: AppContext, input: AddConsultationInput): { consultation: Consultation; agendaItem: AgendaItem | null } {
  const { store } = ctx;
  const paper = store.papers.get(input.paperId);
  if (!paper) throw notFound(`Die Vorlage ${input.paperId}`);
  const committee = requireCommittee(ctx, input.committeeId);
  assertNoOpenConsultation(ctx, paper.id, committee, paper.reference);
  const existing = store.consultations.forPaper(paper.id);
  const position = input.position === undefined || input.position >= existing.length ? undefined : input.position;
  let consultation = store.consultations.insert({ paperId: paper.id, committeeId: committee.id, role: input.role, position: existing.length });
  if (position !== undefined) {
    const order = existing.map((c) => c.id);
    order.splice(position, 0, consultation.id);
    order.forEach((id, i) => store.consultations.update(id, { position: i }));
  }
  const agendaItem = input.meetingId === null ? null : scheduleConsultation(ctx, consultation, input.meetingId, paper);
  consultation = store.consultations.get(consultation.id)!;
  audit(ctx, 'beratung.hinzugefuegt', { paperId: paper.id, meetingId: input.meetingId }, {
    consultationId: consultation.id,
    committee: committee.shortName,
    role: input.role,
    agendaItemId: agendaItem?.id ?? null,
    agendaNumber: agendaItem?.number ?? null,
  });
  return { consultation, agendaItem };
}

export function updateConsultation(ctx: AppContext, input: { id: number; role?: ConsultationRole; meetingId?: number | null }): Consultation {
  const current = requireConsultation(ctx, input.id);
  if (input.role !== undefined && input.role !== current.role) ctx.store.consultations.update(current.id, { role: input.role });
  if (input.meetingId !== undefined && input.meetingId !== current.meetingId) {
    unscheduleConsultation(ctx, current);
    if (input.meetingId !== null) scheduleConsultation(ctx, ctx.store.consultations.get(current.id)!, input.meetingId);
  }
  const updated = ctx.store.consultations.get(current.id)!;
  audit(ctx, 'beratung.geaendert', { paperId: current.paperId, meetingId: updated.meetingId }, {
    consultationId: current.id,
    role: { from: current.role, to: updated.role },
    meetingId: { from: current.meetingId, to: updated.meetingId },
  });
  return updated;
}

export function removeConsultation(ctx: AppContext, id: number): number {
  const current = requireConsultation(ctx, id);
  const item = ctx.store.agenda.byConsultation(current.id);
  if (item?.result != null) {
    throw conflict(`Diese Beratung hat bereits ein Ergebnis („${item.result}“) und gehört zum Verlauf der Vorlage; sie kann nicht entfernt werden.`);
  }
  if (item) ctx.store.agenda.delete(item.id);
  ctx.store.consultations.delete(current.id);
  const rest = ctx.store.consultations.forPaper(current.paperId);
  rest.forEach((c, i) => c.position !== i && ctx.store.consultations.update(c.id, { position: i }));
  audit(ctx, 'beratung.entfernt', { paperId: current.paperId, meetingId: current.meetingId }, {
    consultationId: current.id,
    committeeId: current.committeeId,
    role: current.role,
    agendaItemRemoved: item !== null,
  });
  return current.paperId;
}

export function reorderConsultations(ctx: AppContext, paperId: number, orderedIds: number[]): void {
  if (!ctx.store.papers.get(paperId)) throw notFound(`Die Vorlage ${paperId}`);
  const current = ctx.store.consultations.forPaper(paperId);
  const known = new Set(current.map((c) => c.id));
  if (orderedIds.length !== current.length || !orderedIds.every((id) => known.has(id)) || new Set(orderedIds).size !== orderedIds.length) {
    throw invalid('Die neue Reihenfolge muss jede Beratung der Vorlage genau einmal enthalten.');
  }
  orderedIds.forEach((id, position) => ctx.store.consultations.update(id, { position }));
  audit(ctx, 'beratung.umsortiert', { paperId }, { order: orderedIds });
}

