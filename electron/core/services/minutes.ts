import { conflict, invalid, notFound } from '../../shared/errors.js';
import type { MinutesState, MinutesStatus } from '../../shared/api/niederschrift.js';
import type { Doc } from '../../shared/document.js';
import type { MinutesHead, TopVotes } from '../../shared/minutes.js';
import type { Attendance, Person } from '../../shared/persons.js';
import type { Meeting } from '../../shared/schemas.js';
import type { AppContext } from '../app-context.js';
import { docToPlainText } from '../../shared/plain-text.js';
import { membersOn, prefillAttendance, quorum, quorumLine } from '../domain/attendance.js';
import { checkMinutes, minutesValidationError, type MinutesIssue } from '../domain/minutes-validation.js';
import { localIsoDate } from '../domain/notice-period.js';
import { addressName } from '../domain/person-wording.js';
import { resultCaption } from '../domain/result-wording.js';
import type { MinutesInput } from '../export/minutes-model.js';
import { formatDateDe, formatTimeDe } from '../export/print-model.js';
import { mapInOrder } from '../map-in-order.js';

/**
 * The Niederschrift of a Sitzung as data: its lifecycle rules (geplant → einberufen →
 * durchgeführt → Niederschrift genehmigt), the checks before anything is saved, and the input of
 * the print model. Handlers call these inside a transaction.
 */

/** Local wall-clock "YYYY-MM-DDTHH:MM", comparable with a Sitzung's start. */
export const localIsoDateTime = (d: Date) => `${localIsoDate(d)}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

export async function requireMeeting(ctx: AppContext, meetingId: number): Promise<Meeting> {
  const meeting = await ctx.store.meetings.get(meetingId);
  if (!meeting) throw notFound(`Die Sitzung ${meetingId}`);
  return meeting;
}

const when = (m: Pick<Meeting, 'start'>) => `vom ${formatDateDe(m.start)}`;

// ───────────────────────────── lifecycle rules ─────────────────────────────

interface Rule {
  allowed: boolean;
  reason: string;
  /** Why not: the Sitzung has not begun (VALIDATION) or is closed for good (CONFLICT). */
  code?: 'VALIDATION' | 'CONFLICT';
}

/** Results (and attendance) can be entered from the start of the Sitzung on, until the Niederschrift is approved. */
export async function resultsRule(ctx: AppContext, meeting: Meeting): Promise<Rule> {
  if (meeting.state === 'abgesagt') return { allowed: false, code: 'CONFLICT', reason: `Die Sitzung ${when(meeting)} ist abgesagt; es gibt keine Ergebnisse und keine Niederschrift.` };
  const approval = await ctx.store.minutes.approval(meeting.id);
  if (approval) {
    const by = await ctx.store.meetings.get(approval.meetingId);
    return {
      allowed: false,
      code: 'CONFLICT',
      reason: `Die Niederschrift über die Sitzung ${when(meeting)} wurde${by ? ` in der Sitzung ${when(by)}` : ''} genehmigt und ist schreibgeschützt.`,
    };
  }
  if (meeting.start > localIsoDateTime(ctx.now())) {
    return {
      allowed: false,
      code: 'VALIDATION',
      reason: `Die Sitzung ${when(meeting)} hat noch nicht stattgefunden: Sie beginnt am ${formatDateDe(meeting.start)} um ${formatTimeDe(meeting.start)}; Anwesenheit und Ergebnisse können ab Beginn der Sitzung erfasst werden.`,
    };
  }
  return { allowed: true, reason: 'Anwesenheit, Ergebnisse und Niederschrift können erfasst werden, bis die Niederschrift in einer späteren Sitzung genehmigt ist.' };
}

/** The Tagesordnung of a Sitzung whose day is over is closed: it is what was deliberated. */
export function agendaRule(ctx: AppContext, meeting: Meeting): Rule {
  if (meeting.start.slice(0, 10) < localIsoDate(ctx.now())) {
    return {
      allowed: false,
      reason: `Die Sitzung ${when(meeting)} hat bereits stattgefunden; ihre Tagesordnung ist abgeschlossen und kann nicht mehr geändert werden. Ergebnisse und Niederschrift lassen sich weiter erfassen.`,
    };
  }
  return { allowed: true, reason: 'Die Tagesordnung kann bis zum Ende des Sitzungstages geändert werden (Nachträge, Tischvorlagen).' };
}

export async function assertResultsOpen(ctx: AppContext, meeting: Meeting): Promise<void> {
  const rule = await resultsRule(ctx, meeting);
  if (!rule.allowed) throw rule.code === 'VALIDATION' ? invalid(rule.reason) : conflict(rule.reason);
}

export function assertAgendaOpen(ctx: AppContext, meeting: Meeting): void {
  const rule = agendaRule(ctx, meeting);
  if (!rule.allowed) throw conflict(rule.reason);
}

// ───────────────────────────── loading ─────────────────────────────

export interface MinutesData {
  meeting: Meeting;
  persons: Person[];
  head: Omit<MinutesHead, 'state'>;
  attendance: Attendance[];
  /** No attendance saved yet: `attendance` is the proposal from the members on the day. */
  prefilled: boolean;
  memberships: Awaited<ReturnType<AppContext['store']['memberships']['forCommittee']>>;
  items: {
    id: number;
    number: string;
    title: string;
    public: boolean;
    supplement: boolean;
    tischvorlage: boolean;
    abgesetzt: boolean;
    paperId: number | null;
    paperReference: string | null;
    role: 'kenntnisnahme' | 'vorberatung' | 'entscheidung' | null;
    result: string | null;
    votes: TopVotes | null;
    resolutionText: Doc | null;
    minutes: Doc | null;
  }[];
}

export async function loadMinutes(ctx: AppContext, meetingId: number): Promise<MinutesData> {
  const { store } = ctx;
  const meeting = await requireMeeting(ctx, meetingId);
  const memberships = await store.memberships.forCommittee(meeting.committeeId);
  const saved = await store.attendance.list(meetingId);
  const day = meeting.start.slice(0, 10);
  const extras = await store.minutes.itemExtras(meetingId);
  const items = await mapInOrder(await store.agenda.list(meetingId), async (i) => {
    const consultation = i.consultationId === null ? null : await store.consultations.get(i.consultationId);
    const extra = extras.get(i.id);
    return {
      id: i.id,
      number: i.number,
      title: i.title,
      public: i.public,
      supplement: i.supplement,
      tischvorlage: i.tischvorlage,
      abgesetzt: i.abgesetzt,
      paperId: i.paperId,
      paperReference: i.paperReference,
      role: consultation?.role ?? null,
      result: i.result,
      votes: i.votes ? { ...i.votes, conflicted: extra?.conflicted ?? [] } : null,
      resolutionText: extra?.resolutionText ?? null,
      minutes: i.minutes,
    };
  });
  return {
    meeting,
    persons: await store.persons.list(),
    head: (await store.minutes.head(meetingId))!,
    attendance: saved.length ? saved : prefillAttendance(memberships, day),
    prefilled: saved.length === 0,
    memberships,
    items,
  };
}

/** Runs checkMinutes over the data as it would be after a change. */
export function checkData(d: Pick<MinutesData, 'meeting' | 'persons' | 'memberships' | 'attendance' | 'head' | 'items' | 'prefilled'>): MinutesIssue[] {
  return checkMinutes({
    day: d.meeting.start.slice(0, 10),
    persons: d.persons,
    memberships: d.memberships,
    // A proposal nobody saved is not the record yet: it is not checked as one.
    attendance: d.prefilled ? [] : d.attendance,
    head: d.head,
    items: d.items,
  });
}

/** Throws the German VALIDATION error listing every error; returns the warnings. */
export function refuseErrors(issues: MinutesIssue[]): MinutesIssue[] {
  const error = minutesValidationError(issues);
  if (error) throw error;
  return issues.filter((i) => i.severity === 'warning');
}

const hasText = (doc: Doc | null) => !!doc && docToPlainText(doc).trim().length > 0;

/** The Beschlussvorschlag of a Vorlage, quoted in the Niederschrift when no amended wording was recorded. */
async function proposalOf(ctx: AppContext, paperId: number | null): Promise<Doc | null> {
  if (paperId === null) return null;
  const doc = (await ctx.store.papers.get(paperId))?.sections.beschlussvorschlag ?? null;
  return doc && hasText(doc) ? doc : null;
}

/** The plain input of the Niederschrift / Auszug print model. */
export async function minutesPrintInput(ctx: AppContext, meetingId: number): Promise<{ input: MinutesInput; data: MinutesData }> {
  const data = await loadMinutes(ctx, meetingId);
  const committee = await ctx.store.committees.get(data.meeting.committeeId);
  if (!committee) throw notFound('Das Gremium der Sitzung');
  const body = await ctx.store.body.get();
  const input: MinutesInput = {
    body: { name: body?.name ?? '', listNumbering: body?.listNumbering },
    committee,
    meeting: { number: data.meeting.number, start: data.meeting.start, location: data.meeting.location || null },
    head: data.head,
    persons: data.persons,
    memberships: data.memberships,
    attendance: data.prefilled ? [] : data.attendance,
    items: await mapInOrder(data.items, async (i) => ({
      number: i.number,
      title: i.title,
      public: i.public,
      supplement: i.supplement,
      tischvorlage: i.tischvorlage,
      abgesetzt: i.abgesetzt,
      paperReference: i.paperReference,
      role: i.role,
      proposal: await proposalOf(ctx, i.paperId),
      result: i.result,
      votes: i.votes,
      resolutionText: i.resolutionText,
      minutes: i.minutes,
    })),
  };
  return { input, data };
}

// ───────────────────────────── state for the UI ─────────────────────────────

export async function minutesState(ctx: AppContext, meetingId: number): Promise<MinutesState> {
  const { store } = ctx;
  const data = await loadMinutes(ctx, meetingId);
  const { meeting } = data;
  const day = meeting.start.slice(0, 10);
  const persons = new Map(data.persons.map((p) => [p.id, p]));
  const name = (id: number) => {
    const p = persons.get(id);
    return p ? addressName(p) : `Person ${id}`;
  };
  const members = membersOn(data.memberships, day);
  const roleOf = new Map(members.map((m) => [m.personId, m.role]));
  const listed = new Set(data.attendance.map((a) => a.personId));
  const q = quorum(data.memberships, data.attendance, day);
  const approval = await store.minutes.approval(meetingId);
  const approvedMeeting = approval ? await store.meetings.get(approval.meetingId) : null;
  const approves = [];
  for (const item of data.items) {
    const approvedId = await store.minutes.approvedBy(item.id);
    const m = approvedId === null ? null : await store.meetings.get(approvedId);
    if (m) approves.push({ agendaItemId: item.id, meetingId: m.id, meetingStart: m.start });
  }
  const status: MinutesStatus = meeting.state === 'abgesagt' ? 'abgesagt' : approval ? 'genehmigt' : meeting.state;
  const { allowed, reason } = await resultsRule(ctx, meeting);
  const results = { allowed, reason };
  const agenda = agendaRule(ctx, meeting);
  return {
    meetingId,
    committeeId: meeting.committeeId,
    start: meeting.start,
    state: meeting.state,
    status,
    rules: {
      results,
      agenda: { allowed: agenda.allowed, reason: agenda.reason },
      minutes: approval
        ? { allowed: false, reason: results.reason }
        : {
            allowed: meeting.state === 'durchgefuehrt',
            reason:
              meeting.state === 'durchgefuehrt'
                ? 'Die Niederschrift wird in einer späteren Sitzung genehmigt (TOP „Genehmigung der Niederschrift über die Sitzung vom …“); danach ist sie schreibgeschützt.'
                : 'Genehmigt werden kann die Niederschrift einer durchgeführten Sitzung.',
          },
    },
    approval: approval && approvedMeeting ? { meetingId: approvedMeeting.id, agendaItemId: approval.agendaItemId, meetingStart: approvedMeeting.start, at: approval.at } : null,
    approves,
    archived: (await store.minutes.archived(meetingId)).map(({ variant, format, sha256, size, createdAt }) => ({ variant, format, sha256, size, createdAt })),
    head: data.head,
    attendance: data.attendance.map((a) => ({ ...a, name: name(a.personId), role: roleOf.get(a.personId) ?? null })),
    prefilled: data.prefilled,
    missingMembers: members.filter((m) => !listed.has(m.personId)).map((m) => ({ personId: m.personId, name: name(m.personId), role: m.role })),
    quorum: { seats: q.seats, present: q.present, quorate: q.quorate, line: quorumLine(q) },
    items: data.items.map((i) => ({
      id: i.id,
      number: i.number,
      title: i.title,
      public: i.public,
      paperReference: i.paperReference,
      role: i.role,
      result: i.result,
      caption: i.result ? resultCaption(i.role, i.result) : null,
      votes: i.votes,
      resolutionText: i.resolutionText,
      minutes: i.minutes,
    })),
    issues: checkData(data).map(({ severity, code, message, path }) => ({ severity, code, message, path })),
  };
}
