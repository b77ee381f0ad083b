import { describe, expect, it } from 'vitest';
import { deputiesFor, membersOn, prefillAttendance, quorum, quorumLine } from '../../../electron/core/domain/attendance.js';
import { checkMinutes, minutesValidationError, type MinutesCheckInput } from '../../../electron/core/domain/minutes-validation.js';
import { ApiError } from '../../../electron/shared/errors.js';
import { ATTENDANCE, DAY, MEMBERSHIPS, P, PERSONS, att } from './fixture.js';

describe('attendance prefill', () => {
  it('lists the members on the day, Vorsitz first, without deputies and without ended memberships', () => {
    const list = prefillAttendance(MEMBERSHIPS, DAY);
    expect(list.map((a) => a.personId)).toEqual([P.hartmann.id, P.brandt.id, P.yilmaz.id, P.vogt.id, P.klein.id, P.lorenz.id]);
    expect(list.every((a) => a.status === 'anwesend' && a.group === 'mitglied')).toBe(true);
    expect(list.filter((a) => a.function === 'vorsitz').map((a) => a.personId)).toEqual([P.hartmann.id]);
    // Before Klaus Alt's membership ended he is prefilled.
    expect(prefillAttendance(MEMBERSHIPS, '2024-10-31').map((a) => a.personId)).toContain(P.old.id);
    expect(prefillAttendance(MEMBERSHIPS, DAY, 'abwesend').every((a) => a.status === 'abwesend')).toBe(true);
  });

  it('counts a person holding two memberships once, with the higher role', () => {
    const doubled = [...MEMBERSHIPS, { ...MEMBERSHIPS[0]!, id: 99, role: 'mitglied' as const }];
    expect(membersOn(doubled, DAY).filter((m) => m.personId === P.hartmann.id).map((m) => m.role)).toEqual(['vorsitz']);
  });

  it('finds the personal deputy of a member', () => {
    expect(deputiesFor(MEMBERSHIPS, DAY, P.yilmaz.id).map((m) => m.personId)).toEqual([P.becker.id]);
    expect(deputiesFor(MEMBERSHIPS, DAY, P.vogt.id)).toEqual([]);
  });
});

describe('Beschlussfähigkeit', () => {
  it('counts present voting members, the deputy for the one represented, not the beratendes Mitglied or guests', () => {
    const q = quorum(MEMBERSHIPS, ATTENDANCE, DAY);
    expect(q.seats).toBe(5);
    // Hartmann, Brandt, Vogt, Klein + Becker for Yilmaz.
    expect(q.present).toBe(5);
    expect(q.voters).toContain(P.becker.id);
    expect(q.voters).not.toContain(P.lorenz.id);
    expect(q.quorate).toBe(true);
    expect(quorumLine(q)).toBe('5 von 5 stimmberechtigten Mitgliedern anwesend – beschlussfähig');
  });

  it('does not count a deputy when the represented member is present too', () => {
    const both = ATTENDANCE.map((a) => (a.personId === P.yilmaz.id ? { ...a, status: 'anwesend' as const } : a));
    const q = quorum(MEMBERSHIPS, both, DAY);
    expect(q.present).toBe(5);
    expect(q.voters).toContain(P.yilmaz.id);
    expect(q.voters).not.toContain(P.becker.id);
  });

  it('is not quorate with half of the seats or fewer', () => {
    const few = [att(P.hartmann), att(P.brandt), att(P.vogt, { status: 'abwesend' }), att(P.klein, { status: 'entschuldigt' })];
    const q = quorum(MEMBERSHIPS, few, DAY);
    expect(q).toMatchObject({ seats: 5, present: 2, quorate: false });
  });
});

const base = (over: Partial<MinutesCheckInput> = {}): MinutesCheckInput => ({
  day: DAY,
  persons: PERSONS,
  memberships: MEMBERSHIPS,
  attendance: ATTENDANCE,
  head: { opened: '17:00', closed: '18:40', chairPersonId: P.hartmann.id, recorderPersonId: P.weber.id },
  items: [{ number: '3', title: 'Sachstand', result: 'Kenntnis genommen', votes: null }],
  ...over,
});
const codes = (input: MinutesCheckInput) => checkMinutes(input).map((i) => `${i.severity}:${i.code}`);

describe('checks of attendance, head and votes', () => {
  it('accepts the fixture without errors or warnings', () => {
    expect(checkMinutes(base())).toEqual([]);
    expect(minutesValidationError(checkMinutes(base()))).toBeNull();
  });

  it('flags an attendee who is not a member, and keeps them as guest (warning only)', () => {
    const issues = checkMinutes(base({ attendance: [...ATTENDANCE, att(P.old)] }));
    expect(issues).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'NOT_A_MEMBER', message: 'Herr Klaus Alt ist am 12.03.2025 kein Mitglied des Gremiums und wird als Gast geführt.' }),
    ]);
  });

  it('refuses two Vorsitz in one Sitzung', () => {
    const two = ATTENDANCE.map((a) => (a.personId === P.brandt.id ? { ...a, function: 'vorsitz' as const } : a));
    const issues = checkMinutes(base({ attendance: two }));
    expect(issues.find((i) => i.code === 'TWO_CHAIRS')?.message).toBe(
      'Eine Sitzung hat nur einen Vorsitz; erfasst sind Frau Dr. Eva Hartmann und Herr Peter Brandt.',
    );
    const error = minutesValidationError(issues);
    expect(error).toBeInstanceOf(ApiError);
    expect(error?.code).toBe('VALIDATION');
  });

  it('refuses a Vorsitz of the day who is not present', () => {
    const away = ATTENDANCE.map((a) => (a.personId === P.hartmann.id ? { ...a, status: 'entschuldigt' as const } : a));
    expect(codes(base({ attendance: away }))).toContain('error:CHAIR_NOT_PRESENT');
  });

  it('refuses a leave time before the arrival, and a closing before the opening', () => {
    const wrong = ATTENDANCE.map((a) => (a.personId === P.brandt.id ? { ...a, arrived: '17:10', left: '16:50' } : a));
    const issues = checkMinutes(base({ attendance: wrong }));
    expect(issues.find((i) => i.code === 'LEFT_BEFORE_ARRIVED')?.message).toBe('Herr Peter Brandt: Das Gehen (16:50 Uhr) liegt vor dem Kommen (17:10 Uhr).');
    expect(codes(base({ head: { ...base().head, opened: '18:00', closed: '17:00' } }))).toContain('error:CLOSED_BEFORE_OPENED');
  });

  it('refuses votes that exceed the present voting members', () => {
    const issues = checkMinutes(base({ items: [{ number: '4', title: 'Förderrichtlinie', result: 'mehrheitlich beschlossen', votes: { yes: 4, no: 1, abstain: 1, conflicted: [] } }] }));
    expect(issues.map((i) => i.message)).toEqual(['TOP 4: 6 Stimmen übersteigen die 5 anwesenden stimmberechtigten Mitglieder.']);
  });

  it('refuses a vote that counts a befangen member', () => {
    const counted = { yes: 4, no: 1, abstain: 0, conflicted: [P.brandt.id] };
    const issues = checkMinutes(base({ items: [{ number: '4', title: 'Förderrichtlinie', result: 'mehrheitlich beschlossen', votes: counted }] }));
    expect(issues.map((i) => i.code)).toEqual(['CONFLICTED_COUNTED']);
    expect(issues[0]!.message).toContain('höchstens 4 Stimmen möglich, erfasst sind 5');
    // Without the befangen member's vote it is fine.
    expect(checkMinutes(base({ items: [{ number: '4', title: 'x', result: 'beschlossen', votes: { ...counted, yes: 3 } }] }))).toEqual([]);
  });

  it('refuses a befangen person who is not a present voting member', () => {
    const v = { yes: 3, no: 0, abstain: 0, conflicted: [P.lorenz.id] };
    expect(codes(base({ items: [{ number: '4', title: 'x', result: 'beschlossen', votes: v }] }))).toEqual(['error:CONFLICTED_NOT_PRESENT']);
  });

  it('warns when a Sitzung has no results yet', () => {
    const issues = checkMinutes(base({ items: [{ number: '1', title: 'Eröffnung', result: null, votes: null }] }));
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'NO_RESULTS' })]);
    expect(minutesValidationError(issues)).toBeNull();
  });

  it('refuses a deputy for someone who is no voting member, and warns when the represented member is present', () => {
    const forGuest = ATTENDANCE.map((a) => (a.personId === P.becker.id ? { ...a, representsPersonId: P.lorenz.id } : a));
    expect(codes(base({ attendance: forGuest }))).toContain('error:REPRESENTS_NON_MEMBER');
    const both = ATTENDANCE.map((a) => (a.personId === P.yilmaz.id ? { ...a, status: 'anwesend' as const } : a));
    expect(codes(base({ attendance: both }))).toEqual(['warning:REPRESENTED_PRESENT']);
  });

  it('warns when too few voting members are present', () => {
    const few = [att(P.hartmann, { function: 'vorsitz' }), att(P.brandt), att(P.weber, { group: 'verwaltung' })];
    expect(codes(base({ attendance: few }))).toEqual(['warning:NOT_QUORATE']);
  });
});
