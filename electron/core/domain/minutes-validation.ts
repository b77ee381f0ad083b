import { invalid, type ApiError } from '../../shared/errors.js';
import type { MinutesHead, TopVotes } from '../../shared/minutes.js';
import type { Attendance, Membership } from '../../shared/persons.js';
import { formatDateDe } from '../export/print-model.js';
import { isVotingRole, membersOn, quorum } from './attendance.js';
import { addressName, type NamedPerson } from './person-wording.js';

/**
 * Checks of a Sitzung's attendance, head and results before they are saved or printed. Errors
 * block saving (nothing is half-saved); warnings are shown, the clerk may go on.
 */
export interface MinutesCheckInput {
  /** ISO date of the Sitzung ("2025-03-12"). */
  day: string;
  persons: readonly (NamedPerson & { id: number })[];
  memberships: readonly Pick<Membership, 'personId' | 'role' | 'representsPersonId' | 'from' | 'until' | 'position'>[];
  attendance: readonly Attendance[];
  head: Pick<MinutesHead, 'opened' | 'closed' | 'chairPersonId' | 'recorderPersonId'>;
  items: readonly { number: string; title: string; result: string | null; votes: TopVotes | null }[];
}

export interface MinutesIssue {
  severity: 'error' | 'warning';
  code:
    | 'UNKNOWN_PERSON'
    | 'DUPLICATE_ATTENDANCE'
    | 'NOT_A_MEMBER'
    | 'TWO_CHAIRS'
    | 'CHAIR_MISMATCH'
    | 'CHAIR_NOT_PRESENT'
    | 'RECORDER_NOT_PRESENT'
    | 'LEFT_BEFORE_ARRIVED'
    | 'TIMES_WITHOUT_PRESENCE'
    | 'OUTSIDE_SESSION'
    | 'CLOSED_BEFORE_OPENED'
    | 'REPRESENTS_NON_MEMBER'
    | 'REPRESENTED_PRESENT'
    | 'NOT_QUORATE'
    | 'VOTES_EXCEED'
    | 'CONFLICTED_COUNTED'
    | 'CONFLICTED_NOT_PRESENT'
    | 'EMPTY_VOTE'
    | 'NO_RESULTS';
  message: string;
  /** Where: "attendance.3", "items.2.votes", "head.closed". */
  path: string;
}

export function checkMinutes(input: MinutesCheckInput): MinutesIssue[] {
  const issues: MinutesIssue[] = [];
  const error = (code: MinutesIssue['code'], path: string, message: string) => issues.push({ severity: 'error', code, path, message });
  const warn = (code: MinutesIssue['code'], path: string, message: string) => issues.push({ severity: 'warning', code, path, message });

  const persons = new Map(input.persons.map((p) => [p.id, p]));
  const who = (id: number) => {
    const p = persons.get(id);
    return p ? addressName(p) : `Person ${id}`;
  };
  const day = formatDateDe(input.day);
  const members = new Map(membersOn(input.memberships, input.day).map((m) => [m.personId, m]));
  const present = new Set(input.attendance.filter((a) => a.status === 'anwesend').map((a) => a.personId));
  const { opened, closed } = input.head;

  if (opened && closed && closed < opened) {
    error('CLOSED_BEFORE_OPENED', 'head.closed', `Das Ende der Sitzung (${closed} Uhr) liegt vor ihrem Beginn (${opened} Uhr).`);
  }

  const seen = new Set<number>();
  const chairs: number[] = [];
  input.attendance.forEach((a, i) => {
    const path = `attendance.${i}`;
    if (!persons.has(a.personId)) {
      error('UNKNOWN_PERSON', path, `Die Person ${a.personId} ist nicht bekannt.`);
      return;
    }
    if (seen.has(a.personId)) error('DUPLICATE_ATTENDANCE', path, `${who(a.personId)} steht zweimal in der Anwesenheitsliste.`);
    seen.add(a.personId);
    if (a.function === 'vorsitz') chairs.push(a.personId);
    if (a.group === 'mitglied' && a.representsPersonId === null && !members.has(a.personId)) {
      warn('NOT_A_MEMBER', path, `${who(a.personId)} ist am ${day} kein Mitglied des Gremiums und wird als Gast geführt.`);
    }
    if (a.arrived && a.left && a.left < a.arrived) {
      error('LEFT_BEFORE_ARRIVED', `${path}.left`, `${who(a.personId)}: Das Gehen (${a.left} Uhr) liegt vor dem Kommen (${a.arrived} Uhr).`);
    }
    if (a.status !== 'anwesend' && (a.arrived || a.left)) {
      warn('TIMES_WITHOUT_PRESENCE', path, `${who(a.personId)} ist als ${a.status} erfasst, hat aber Kommen- oder Gehen-Zeiten.`);
    }
    for (const [time, label] of [
      [a.arrived, 'Kommen'],
      [a.left, 'Gehen'],
    ] as const) {
      if (time && ((opened && time < opened) || (closed && time > closed))) {
        warn('OUTSIDE_SESSION', path, `${who(a.personId)}: ${label} um ${time} Uhr liegt außerhalb der Sitzung (${opened ?? '?'}–${closed ?? '?'} Uhr).`);
      }
    }
    if (a.representsPersonId !== null) {
      const seat = members.get(a.representsPersonId);
      if (!seat || !isVotingRole(seat.role)) {
        error('REPRESENTS_NON_MEMBER', `${path}.representsPersonId`, `${who(a.personId)} vertritt ${who(a.representsPersonId)}; diese Person ist am ${day} kein stimmberechtigtes Mitglied.`);
      } else if (a.status === 'anwesend' && present.has(a.representsPersonId)) {
        warn('REPRESENTED_PRESENT', path, `${who(a.personId)} vertritt ${who(a.representsPersonId)}, obwohl diese Person selbst als anwesend erfasst ist.`);
      }
    }
  });

  if (chairs.length > 1) {
    error('TWO_CHAIRS', 'attendance', `Eine Sitzung hat nur einen Vorsitz; erfasst sind ${chairs.map(who).join(' und ')}.`);
  }
  const chair = input.head.chairPersonId;
  if (chair !== null && chairs.length === 1 && chairs[0] !== chair) {
    error('CHAIR_MISMATCH', 'head.chairPersonId', `Den Vorsitz führt laut Kopf ${who(chair)}, laut Anwesenheitsliste ${who(chairs[0]!)}.`);
  }
  const chairOfDay = chair ?? chairs[0] ?? null;
  if (chairOfDay !== null && !present.has(chairOfDay)) {
    error('CHAIR_NOT_PRESENT', 'head.chairPersonId', `${who(chairOfDay)} führt den Vorsitz, ist aber nicht als anwesend erfasst.`);
  }
  const recorder = input.head.recorderPersonId;
  if (recorder !== null && input.attendance.some((a) => a.personId === recorder) && !present.has(recorder)) {
    error('RECORDER_NOT_PRESENT', 'head.recorderPersonId', `${who(recorder)} führt die Niederschrift, ist aber nicht als anwesend erfasst.`);
  }

  const q = quorum(input.memberships, input.attendance, input.day);
  if (input.attendance.length > 0 && q.seats > 0 && !q.quorate) {
    warn('NOT_QUORATE', 'attendance', `Nicht beschlussfähig: ${q.present} von ${q.seats} stimmberechtigten Mitgliedern anwesend.`);
  }
  const voters = new Set(q.voters);

  // Without an attendance list (or without members on record) there is nothing to count the
  // votes against; the list is what makes the vote checkable.
  const countable = input.attendance.length > 0 && q.seats > 0;
  input.items.forEach((item, i) => {
    const v = item.votes;
    if (!v || !countable) return;
    const path = `items.${i}.votes`;
    const top = `TOP ${item.number}`;
    const cast = v.yes + v.no + v.abstain;
    if (cast === 0) warn('EMPTY_VOTE', path, `${top}: Die Abstimmung enthält keine Stimmen.`);
    const notPresent = v.conflicted.filter((id) => !voters.has(id));
    for (const id of notPresent) {
      error('CONFLICTED_NOT_PRESENT', path, `${top}: ${who(id)} ist als befangen erfasst, aber kein anwesendes stimmberechtigtes Mitglied.`);
    }
    const conflicted = v.conflicted.length - notPresent.length;
    if (cast > q.present) {
      error('VOTES_EXCEED', path, `${top}: ${cast} Stimmen übersteigen die ${q.present} anwesenden stimmberechtigten Mitglieder.`);
    } else if (conflicted > 0 && cast + conflicted > q.present) {
      error(
        'CONFLICTED_COUNTED',
        path,
        `${top}: Befangene Mitglieder stimmen nicht mit ab; bei ${q.present} Anwesenden und ${conflicted} Befangenen sind höchstens ${q.present - conflicted} Stimmen möglich, erfasst sind ${cast}.`,
      );
    }
  });

  if (!input.items.some((item) => item.result && item.result.trim())) {
    warn('NO_RESULTS', 'items', 'Für diese Sitzung ist noch kein Ergebnis erfasst; die Niederschrift enthält dann nur die Tagesordnung.');
  }
  return issues;
}

export const minutesErrors = (issues: readonly MinutesIssue[]) => issues.filter((i) => i.severity === 'error');
export const minutesWarnings = (issues: readonly MinutesIssue[]) => issues.filter((i) => i.severity === 'warning');

/** A VALIDATION ApiError naming every error (for saving: nothing is saved when there is one), or null. */
export function minutesValidationError(issues: readonly MinutesIssue[]): ApiError | null {
  const errors = minutesErrors(issues);
  if (!errors.length) return null;
  return invalid(
    errors.length === 1 ? errors[0]!.message : `Die Angaben enthalten ${errors.length} Fehler: ${errors.map((e) => e.message).join(' ')}`,
    errors.map((e) => ({ path: e.path, message: e.message })),
  );
}
