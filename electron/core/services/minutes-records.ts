import type { z } from 'zod';
import type { MinutesInputSchema } from '../../shared/api/beratung.js';
import { conflict, invalid, notFound } from '../../shared/errors.js';
import type { MinutesHead, TopVotes } from '../../shared/minutes.js';
import type { Attendance } from '../../shared/persons.js';
import type { AppContext } from '../app-context.js';
import { markdownToDoc } from '../document/markdown.js';
import { prefillAttendance } from '../domain/attendance.js';
import { renderMinutesDocx } from '../export/docx/minutes.js';
import { buildMinutesPrintModel } from '../export/minutes-model.js';
import { formatDateDe } from '../export/print-model.js';
import { sha256 } from '../db/hash.js';
import { audit } from './audit.js';
import { assertResultsOpen, checkData, loadMinutes, minutesPrintInput, refuseErrors, requireMeeting } from './minutes.js';
import { recordResult } from './results.js';

/**
 * Writing the record of a Sitzung: attendance, head, results and the approval. Every change is
 * checked as a whole (checkMinutes) before it is written: an error refuses it and nothing is
 * saved; warnings are shown with the new state. Call inside a transaction.
 */

const docOf = (m: z.infer<typeof MinutesInputSchema>) => {
  const doc = m.format === 'markdown' ? markdownToDoc(m.text) : m.doc;
  return doc.content.length === 0 ? null : doc;
};

async function requirePersons(ctx: AppContext, ids: Iterable<number>): Promise<void> {
  for (const id of new Set(ids)) if (!await ctx.store.persons.get(id)) throw notFound(`Die Person ${id}`);
}

export async function setAttendance(ctx: AppContext, meetingId: number, entries: readonly Attendance[]): Promise<void> {
  const meeting = await requireMeeting(ctx, meetingId);
  await assertResultsOpen(ctx, meeting);
  await requirePersons(ctx, entries.flatMap((a) => (a.representsPersonId === null ? [a.personId] : [a.personId, a.representsPersonId])));
  const data = await loadMinutes(ctx, meetingId);
  refuseErrors(checkData({ ...data, attendance: [...entries], prefilled: false }));
  await ctx.store.attendance.replace(meetingId, entries);
  await audit(ctx, 'anwesenheit.erfasst', { meetingId }, { entries: entries.length, present: entries.filter((a) => a.status === 'anwesend').length });
}

/** Saves the proposal from the members on the day as the attendance list. */
export async function prefillSaved(ctx: AppContext, meetingId: number): Promise<void> {
  const meeting = await requireMeeting(ctx, meetingId);
  if ((await ctx.store.attendance.list(meetingId)).length) {
    throw conflict(`Für die Sitzung vom ${formatDateDe(meeting.start)} ist bereits eine Anwesenheitsliste gespeichert; sie wird nicht überschrieben.`);
  }
  const memberships = await ctx.store.memberships.forCommittee(meeting.committeeId);
  const entries = prefillAttendance(memberships, meeting.start.slice(0, 10));
  if (!entries.length) throw invalid('Das Gremium hat an diesem Tag keine Mitglieder; bitte zuerst die Mitglieder im Gremium erfassen.');
  await setAttendance(ctx, meetingId, entries);
}

export async function setHead(ctx: AppContext, meetingId: number, head: Omit<MinutesHead, 'state'>): Promise<void> {
  const meeting = await requireMeeting(ctx, meetingId);
  await assertResultsOpen(ctx, meeting);
  await requirePersons(ctx, [head.chairPersonId, head.recorderPersonId].filter((id): id is number => id !== null));
  const data = await loadMinutes(ctx, meetingId);
  refuseErrors(checkData({ ...data, head }));
  await ctx.store.minutes.setHead(meetingId, head);
  await audit(ctx, 'niederschrift.kopf', { meetingId }, { ...head });
}

export interface TopResultInput {
  meetingId: number;
  agendaItemId: number;
  result: string;
  votes: TopVotes | null;
  resolutionText: z.infer<typeof MinutesInputSchema> | null;
  minutes?: z.infer<typeof MinutesInputSchema> | null;
}

/** The result of one TOP, with or without Vorlage: votes, Befangenheit, Beschluss wording and minutes. */
export async function recordTopResult(ctx: AppContext, input: TopResultInput): Promise<void> {
  const meeting = await requireMeeting(ctx, input.meetingId);
  await assertResultsOpen(ctx, meeting);
  const data = await loadMinutes(ctx, input.meetingId);
  const index = data.items.findIndex((i) => i.id === input.agendaItemId);
  if (index < 0) throw notFound(`Der Tagesordnungspunkt ${input.agendaItemId} der Sitzung vom ${formatDateDe(meeting.start)}`);
  if (input.votes) await requirePersons(ctx, input.votes.conflicted);
  const items = data.items.map((item, i) => (i === index ? { ...item, result: input.result.trim(), votes: input.votes } : item));
  refuseErrors(checkData({ ...data, items }));
  const { conflicted = [], ...votes } = input.votes ?? {};
  // First the wording: the Beschlusskontrolle entry the result creates quotes the amended Beschluss.
  await ctx.store.minutes.setItemExtras(input.agendaItemId, { resolutionText: input.resolutionText ? docOf(input.resolutionText) : null, conflicted });
  await recordResult(ctx, {
    meetingId: input.meetingId,
    agendaItemId: input.agendaItemId,
    result: input.result,
    votes: input.votes ? (votes as { yes: number; no: number; abstain: number }) : null,
    minutes: input.minutes,
    furtherCommittees: [],
  });
}

/**
 * Approval of the Niederschrift by a TOP of a later Sitzung of the same Gremium ("Genehmigung der
 * Niederschrift über die Sitzung vom …"). Links both, stores the Niederschrift as approved (both
 * variants, DOCX, SHA-256 in the audit) and makes it read-only.
 */
export async function approveMinutes(ctx: AppContext, meetingId: number, byAgendaItemId: number): Promise<void> {
  const { store } = ctx;
  const meeting = await requireMeeting(ctx, meetingId);
  const item = await store.agenda.get(byAgendaItemId);
  if (!item) throw notFound(`Der Tagesordnungspunkt ${byAgendaItemId}`);
  const by = (await store.meetings.get(item.meetingId))!;
  const date = formatDateDe(meeting.start);
  if (await store.minutes.approval(meetingId)) throw conflict(`Die Niederschrift über die Sitzung vom ${date} ist bereits genehmigt.`);
  if (meeting.state !== 'durchgefuehrt') {
    throw conflict(`Die Sitzung vom ${date} ist nicht als durchgeführt erfasst; genehmigt werden kann nur die Niederschrift einer durchgeführten Sitzung.`);
  }
  if (by.committeeId !== meeting.committeeId || by.start <= meeting.start) {
    throw invalid(`Die Niederschrift wird in einer späteren Sitzung desselben Gremiums genehmigt; TOP ${item.number} gehört zur Sitzung vom ${formatDateDe(by.start)}.`);
  }
  const approved = await store.minutes.approvedBy(item.id);
  if (approved !== null) throw conflict(`Mit TOP ${item.number} der Sitzung vom ${formatDateDe(by.start)} wurde bereits eine andere Niederschrift genehmigt.`);
  if (!/niederschrift/i.test(item.title)) {
    throw invalid(`TOP ${item.number} „${item.title}“ ist kein TOP „Genehmigung der Niederschrift über die Sitzung vom ${date}“.`);
  }
  await assertResultsOpen(ctx, by);
  const { input, data } = await minutesPrintInput(ctx, meetingId);
  refuseErrors(checkData(data));
  if (!data.items.some((i) => i.result)) throw invalid(`Die Niederschrift über die Sitzung vom ${date} enthält noch kein Ergebnis; sie kann nicht genehmigt werden.`);

  if (!item.result) await store.agenda.setResult(item.id, { result: 'genehmigt', votes: item.votes, minutes: item.minutes });
  const at = ctx.now().toISOString();
  await store.minutes.setApproval(meetingId, item.id, at);
  const archived = [];
  for (const variant of ['public', 'members'] as const) {
    const bytes = await renderMinutesDocx(buildMinutesPrintModel(input, variant));
    const hash = sha256(bytes);
    await store.minutes.archive(meetingId, { variant, format: 'docx', sha256: hash, size: bytes.byteLength, data: bytes, createdAt: at });
    archived.push({ variant, format: 'docx', sha256: hash, bytes: bytes.byteLength });
  }
  await audit(ctx, 'niederschrift.genehmigt', { meetingId }, { byMeetingId: by.id, byAgendaItemId: item.id, agendaNumber: item.number, archived });
}
