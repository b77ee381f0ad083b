import { z } from 'zod';
import { FOLLOW_UP_STAND_LABELS, type FollowUp, type FollowUpPatchSchema, type FollowUpStand } from '../../shared/freigabe.js';
import { invalid, notFound } from '../../shared/errors.js';
import { isFinalResult, isReferral } from '../../shared/results.js';
import type { AgendaItem, Department } from '../../shared/schemas.js';
import type { AppContext } from '../app-context.js';
import { docToPlainText } from '../../shared/plain-text.js';
import { localIsoDate } from '../domain/notice-period.js';
import { formatDateDe } from '../export/print-model.js';
import { audit } from './audit.js';

/**
 * Beschlusskontrolle: every final result of an Entscheidung (and, when configured, of a
 * Beschlussempfehlung) is followed up until done: Zuständigkeit, Frist, Stand, Vermerke.
 */

/**
 * Called by the result-recording service after a TOP's result was stored: creates or updates the
 * entry of that TOP. A result that is no decision (vertagt, verwiesen) removes an untouched entry.
 */
export async function syncFollowUp(ctx: AppContext, item: AgendaItem): Promise<void> {
  const { store } = ctx;
  if (item.paperId === null || item.consultationId === null) return;
  const consultation = await store.consultations.get(item.consultationId);
  if (!consultation) return;
  const config = await store.freigabe.config();
  const tracked = consultation.role === 'entscheidung' || (consultation.role === 'vorberatung' && config.followUpRecommendations);
  const existing = await store.followUps.byAgendaItem(item.id);
  const decision = tracked && item.result !== null && isFinalResult(item.result) && !isReferral(item.result);
  const now = ctx.now().toISOString();
  if (!decision) {
    // Someone may already have worked on it: then the entry stays, with its history.
    if (existing && existing.stand === 'offen' && existing.notes.length === 0) {
      await store.followUps.delete(existing.id);
      await audit(ctx, 'beschlusskontrolle.entfernt', { paperId: item.paperId, meetingId: item.meetingId }, { followUpId: existing.id, result: item.result });
    }
    return;
  }
  const paper = (await store.papers.get(item.paperId))!;
  const meeting = (await store.meetings.get(item.meetingId))!;
  // The Beschluss as the Niederschrift words it when the committee amended it, else the proposal.
  const amended = (await store.minutes.itemExtras(item.meetingId)).get(item.id)?.resolutionText;
  const amendedText = amended ? docToPlainText(amended).trim() : '';
  const proposal = paper.sections.beschlussvorschlag ? docToPlainText(paper.sections.beschlussvorschlag).trim() : '';
  const text = amendedText || proposal || paper.title;
  if (existing) {
    if (existing.result !== item.result || existing.text !== text) {
      await store.followUps.update(existing.id, { result: item.result!, text }, now);
      await audit(ctx, 'beschlusskontrolle.aktualisiert', { paperId: paper.id, meetingId: meeting.id }, { followUpId: existing.id, result: item.result });
    }
    return;
  }
  const id = await store.followUps.insert({
    agendaItemId: item.id,
    paperId: paper.id,
    meetingId: meeting.id,
    committeeId: meeting.committeeId,
    decidedOn: meeting.start.slice(0, 10),
    reference: paper.reference,
    agendaNumber: item.number,
    title: item.title,
    result: item.result!,
    text,
    departmentId: paper.departmentId,
    frist: null,
    stand: 'offen',
    at: now,
  });
  await audit(ctx, 'beschlusskontrolle.angelegt', { paperId: paper.id, meetingId: meeting.id }, { followUpId: id, result: item.result });
}

export function isOverdue(f: FollowUp, today: string): boolean {
  return f.frist !== null && f.frist < today && f.stand !== 'erledigt';
}

export async function listFollowUps(ctx: AppContext, filter: { committeeId?: number; stand?: FollowUpStand; overdue?: boolean }) {
  const today = localIsoDate(ctx.now());
  const entries = await ctx.store.followUps.list({ committeeId: filter.committeeId, stand: filter.stand });
  return (filter.overdue ? entries.filter((f) => isOverdue(f, today)) : entries).map((f) => ({ ...f, overdue: isOverdue(f, today) }));
}

/** An Amt by key, code or name (as the CLI's --zustaendig gives it). */
export async function findDepartment(ctx: AppContext, ref: string): Promise<Department> {
  const wanted = ref.trim().toLowerCase();
  const hit = (await ctx.store.departments.list()).find((d) => d.key.toLowerCase() === wanted || d.code.toLowerCase() === wanted || d.name.toLowerCase() === wanted);
  if (!hit) throw notFound(`Das Amt „${ref}“`);
  return hit;
}

/** Changes one entry; every check runs before anything is written. */
export function updateFollowUp(ctx: AppContext, input: { id: number } & z.output<typeof FollowUpPatchSchema>) {
  return ctx.store.transaction(async () => {
    const entry = await ctx.store.followUps.get(input.id);
    if (!entry) throw notFound(`Der Eintrag ${input.id} der Beschlusskontrolle`);
    if (input.frist && input.frist < entry.decidedOn) {
      throw invalid(`Die Frist ${formatDateDe(input.frist)} liegt vor dem Beschluss vom ${formatDateDe(entry.decidedOn)}. Es wurde nichts geändert.`, [
        { path: 'frist', message: 'frühestens am Tag des Beschlusses' },
      ]);
    }
    if (input.departmentId !== undefined && input.departmentId !== null && !await ctx.store.departments.get(input.departmentId)) throw notFound('Das Amt');
    const patch = { stand: input.stand, frist: input.frist, departmentId: input.departmentId };
    const now = ctx.now().toISOString();
    const changed = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && v !== entry[k as keyof typeof patch]));
    if (Object.keys(changed).length > 0) await ctx.store.followUps.update(entry.id, changed, now);
    if (input.vermerk) await ctx.store.followUps.addNote(entry.id, { at: now, author: ctx.actor, text: input.vermerk.trim() });
    if (Object.keys(changed).length > 0 || input.vermerk) {
      await audit(ctx, 'beschlusskontrolle.geaendert', { paperId: entry.paperId, meetingId: entry.meetingId }, {
        followUpId: entry.id,
        changed,
        previous: Object.fromEntries(Object.keys(changed).map((k) => [k, entry[k as keyof typeof patch]])),
        vermerk: input.vermerk ?? null,
      });
    }
    return { ...(await ctx.store.followUps.get(entry.id))!, overdue: false };
  }).then((f) => ({ ...f, overdue: isOverdue(f, localIsoDate(ctx.now())) }));
}

export const standLabel = (s: FollowUpStand) => FOLLOW_UP_STAND_LABELS[s];
