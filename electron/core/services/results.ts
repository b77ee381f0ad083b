import type { z } from 'zod';
import type { MinutesInputSchema } from '../../shared/api/beratung.js';
import type { Doc } from '../../shared/document.js';
import { conflict, invalid, notFound } from '../../shared/errors.js';
import { formatVotes, isFinalResult, isReferral } from '../../shared/results.js';
import type { AgendaItem, Committee, Votes } from '../../shared/schemas.js';
import type { AppContext } from '../app-context.js';
import { docToPlainText } from '../../shared/plain-text.js';
import { markdownToDoc } from '../document/markdown.js';
import { resultCaption } from '../domain/result-wording.js';
import { formatDateDe } from '../export/print-model.js';
import { audit } from './audit.js';
import { syncFollowUp } from './follow-ups.js';
import { requireCommittee } from './consultations.js';
import { assertResultsOpen, checkData, loadMinutes, refuseErrors } from './minutes.js';
import { nextPlannedMeeting } from './resend.js';

export interface RecordResultInput {
  meetingId: number;
  agendaItemId?: number;
  agendaNumber?: string;
  result: string;
  votes?: Votes | null;
  minutes?: z.infer<typeof MinutesInputSchema> | null;
  furtherCommittees: (number | string)[];
}

const EMPTY_DOC: Doc = { type: 'doc', content: [] };

function minutesDoc(m: z.infer<typeof MinutesInputSchema>): Doc | null {
  const doc = m.format === 'markdown' ? markdownToDoc(m.text) : m.doc;
  return doc.content.length === 0 ? null : doc;
}

/** "verwiesen an den Kreisausschuss" → the committee it names (by name or short name), if any. */
async function referredCommittee(ctx: AppContext, result: string): Promise<Committee | null> {
  if (!isReferral(result)) return null;
  const text = result.toLowerCase();
  const hits = (await ctx.store.committees.list()).filter((c) => text.includes(c.name.toLowerCase()) || text.includes(c.shortName.toLowerCase()));
  // The longest name wins: "Ausschuss für Soziales und Integration" over "Integrationsrat"-like overlaps.
  return hits.sort((a, b) => b.name.length - a.name.length)[0] ?? null;
}

/**
 * Records the Beratungsergebnis of one TOP: result text, optional vote and minutes. A request
 * that further committees receive the Vorlage (or a result "verwiesen an …") is answered with
 * re-send offers; nothing is sent until the user takes one. Call inside a transaction.
 */
export async function recordResult(ctx: AppContext, input: RecordResultInput) {
  const { store } = ctx;
  const meeting = await store.meetings.get(input.meetingId);
  if (!meeting) throw notFound(`Die Sitzung ${input.meetingId}`);
  const item =
    input.agendaItemId !== undefined ? await store.agenda.get(input.agendaItemId) : await store.agenda.byNumber(meeting.id, input.agendaNumber!);
  if (!item || item.meetingId !== meeting.id) {
    throw notFound(`Der Tagesordnungspunkt ${input.agendaNumber ?? input.agendaItemId} der Sitzung vom ${formatDateDe(meeting.start)}`);
  }
  await assertResultsOpen(ctx, meeting);
  const result = input.result.trim();
  const votes = input.votes === undefined ? item.votes : input.votes;
  // The vote must fit the attendance (present voting members, befangene not counted).
  const data = await loadMinutes(ctx, meeting.id);
  const conflicted = data.items.find((i) => i.id === item.id)?.votes?.conflicted ?? [];
  refuseErrors(checkData({ ...data, items: data.items.map((i) => (i.id === item.id ? { ...i, result, votes: votes ? { ...votes, conflicted } : null } : i)) }));
  if (votes && /einstimmig/i.test(result) && votes.no > 0) {
    throw invalid(`„${result}“ passt nicht zu ${votes.no} Nein-Stimme${votes.no === 1 ? '' : 'n'}. Bitte Ergebnis oder Stimmen korrigieren.`, [
      { path: 'votes.no', message: 'bei „einstimmig“ gibt es keine Nein-Stimmen' },
    ]);
  }
  const minutes = input.minutes === undefined ? item.minutes : input.minutes === null ? null : minutesDoc(input.minutes);
  const paper = item.paperId === null ? null : await store.papers.get(item.paperId);
  if (input.furtherCommittees.length > 0 && !paper) {
    throw invalid('Zu diesem Tagesordnungspunkt gehört keine Vorlage, die an weitere Gremien gehen könnte.');
  }
  const further: Committee[] = [];
  for (const ref of input.furtherCommittees) further.push(await requireCommittee(ctx, ref));

  const updated = await store.agenda.setResult(item.id, { result, votes, minutes });
  await audit(ctx, 'ergebnis.erfasst', { paperId: paper?.id ?? null, meetingId: meeting.id }, {
    agendaItemId: item.id,
    agendaNumber: item.number,
    result,
    votes,
    minutesChanged: input.minutes !== undefined,
    previous: item.result === null ? null : { result: item.result, votes: item.votes },
    furtherCommittees: further.map((c) => c.shortName),
  });
  // Beschlusskontrolle: a decision gets its entry (or the entry follows a corrected result).
  await syncFollowUp(ctx, updated);

  const wanted = [...further];
  const referred = paper ? await referredCommittee(ctx, result) : null;
  if (referred && !wanted.some((c) => c.id === referred.id)) wanted.push(referred);
  const resendOffers = [];
  if (paper) for (const c of wanted) resendOffers.push(await offerFor(ctx, paper, c, updated));
  return { agendaItem: updated, paper: paper ? { id: paper.id, reference: paper.reference, title: paper.title } : null, resendOffers };
}

async function offerFor(ctx: AppContext, paper: { id: number; reference: string }, committee: Committee, item: AgendaItem) {
  const open = (await ctx.store.consultations.forPaper(paper.id)).some((c) => c.committeeId === committee.id && (c.result === null || !isFinalResult(c.result)));
  const next = await nextPlannedMeeting(ctx, committee.id);
  return {
    paperId: paper.id,
    paperReference: paper.reference,
    committeeId: committee.id,
    committeeName: committee.name,
    committeeShortName: committee.shortName,
    role: 'kenntnisnahme' as const,
    nextMeeting: next ? { id: next.id, start: next.start } : null,
    source: { meetingId: item.meetingId, agendaItemId: item.id },
    blockedReason: open
      ? `Die Vorlage liegt dem Gremium „${committee.shortName}“ bereits zur Beratung vor.`
      : committee.id === (await ctx.store.meetings.get(item.meetingId))!.committeeId
        ? 'Das ist das Gremium, das gerade beraten hat.'
        : null,
  };
}

/**
 * "Beratungsergebnis zu Vorlage Nr. …": the per-TOP extract of the minutes sent to the
 * department, as lines of text (DOCX/PDF renderers lay out the same content).
 */
export async function resultText(ctx: AppContext, agendaItemId: number) {
  const { store } = ctx;
  const item = await store.agenda.get(agendaItemId);
  if (!item) throw notFound('Der Tagesordnungspunkt');
  if (item.result === null) throw conflict(`Für TOP ${item.number} ist noch kein Beratungsergebnis erfasst.`);
  const meeting = (await store.meetings.get(item.meetingId))!;
  const committee = (await store.committees.get(meeting.committeeId))!;
  const paper = item.paperId === null ? null : await store.papers.get(item.paperId);
  const heading = paper ? `Beratungsergebnis zu Vorlage Nr. ${paper.reference}` : 'Beratungsergebnis';
  const when = `${committee.shortName || committee.name} am ${formatDateDe(meeting.start)}`;
  const itemLine = `Zu Punkt ${item.number}: ${item.title}`;
  const minutes = item.minutes ?? EMPTY_DOC;
  const minutesText = docToPlainText(minutes);
  const consultation = item.consultationId === null ? null : await store.consultations.get(item.consultationId);
  // The words follow the Beratung's role: a Kenntnisnahme is never a "Beschluss:".
  const result = resultCaption(consultation?.role ?? null, item.result);
  const vote = formatVotes(item.votes);
  const text = [heading, when, itemLine, minutesText, result, vote ? `Abstimmungsergebnis: ${vote}` : '']
    .filter((l) => l.length > 0)
    .join('\n\n');
  return { heading, when, item: itemLine, minutes, minutesText, result, vote, text };
}
