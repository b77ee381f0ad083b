import { VOTING_ROLES, type Attendance, type AttendanceStatus, type Membership, type MembershipRole } from '../../shared/persons.js';

/**
 * Attendance rules of a Sitzung: who is a member on the day, the prefilled attendance list and
 * the Beschlussfähigkeit (present voting members against the seats).
 */

/** Order of the roles in lists: Vorsitz first, personal deputies last. */
export const ROLE_ORDER: readonly MembershipRole[] = ['vorsitz', 'stellv-vorsitz', 'mitglied', 'sachkundig', 'beratend', 'stellvertretung'];

type MembershipLike = Pick<Membership, 'personId' | 'role' | 'representsPersonId' | 'from' | 'until' | 'position'>;

/** Memberships valid on the day (ISO date): begun on or before it, not ended before it. */
export const membershipsOn = <M extends MembershipLike>(memberships: readonly M[], day: string): M[] =>
  memberships.filter((m) => m.from <= day && (m.until === null || m.until >= day));

/**
 * The one membership that counts for each person on the day (a person holding two, e.g.
 * Mitglied and Vorsitz, counts with the higher one), in list order.
 */
export function membersOn<M extends MembershipLike>(memberships: readonly M[], day: string): M[] {
  const best = new Map<number, M>();
  for (const m of membershipsOn(memberships, day)) {
    const prev = best.get(m.personId);
    if (!prev || ROLE_ORDER.indexOf(m.role) < ROLE_ORDER.indexOf(prev.role)) best.set(m.personId, m);
  }
  return [...best.values()].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.position - b.position);
}

export const isVotingRole = (role: MembershipRole) => VOTING_ROLES.includes(role);

/**
 * The attendance list a clerk starts from: every member on the day except personal deputies
 * (they come only when they stand in for someone, see deputiesFor), with the given status.
 * The Vorsitz of the Gremium is proposed as Vorsitz of the Sitzung.
 */
export function prefillAttendance(memberships: readonly MembershipLike[], day: string, status: AttendanceStatus = 'anwesend'): Attendance[] {
  let chairTaken = false;
  return membersOn(memberships, day)
    .filter((m) => m.role !== 'stellvertretung')
    .map((m) => {
      const chair = m.role === 'vorsitz' && !chairTaken;
      if (chair) chairTaken = true;
      return {
        personId: m.personId,
        status,
        arrived: null,
        left: null,
        representsPersonId: null,
        group: 'mitglied' as const,
        function: chair ? ('vorsitz' as const) : null,
      };
    });
}

/** Personal deputies of a member on the day (those whose Stellvertretung names the member). */
export const deputiesFor = <M extends MembershipLike>(memberships: readonly M[], day: string, memberPersonId: number): M[] =>
  membershipsOn(memberships, day).filter((m) => m.role === 'stellvertretung' && m.representsPersonId === memberPersonId);

export interface Quorum {
  /** Voting seats of the Gremium on the day. */
  seats: number;
  /** Voting members present, deputies counted for the member they represent. */
  present: number;
  /** More than half of the seats present (§ 49 GO NRW analog). */
  quorate: boolean;
  /** Person ids counted as present voting members (deputies, not the represented). */
  voters: number[];
}

/**
 * Beschlussfähigkeit: present voting members against the seats. A deputy counts once for the
 * voting member they represent, and only while that member is not present themselves; a
 * beratendes Mitglied or a guest never counts.
 */
export function quorum(memberships: readonly MembershipLike[], attendance: readonly Attendance[], day: string): Quorum {
  const members = membersOn(memberships, day);
  const voting = new Set(members.filter((m) => isVotingRole(m.role)).map((m) => m.personId));
  const present = attendance.filter((a) => a.status === 'anwesend');
  const presentIds = new Set(present.map((a) => a.personId));
  const voters: number[] = [];
  const seatsTaken = new Set<number>();
  for (const a of present) {
    if (a.representsPersonId === null && voting.has(a.personId) && !seatsTaken.has(a.personId)) {
      seatsTaken.add(a.personId);
      voters.push(a.personId);
    }
  }
  for (const a of present) {
    const seat = a.representsPersonId;
    if (seat !== null && voting.has(seat) && !presentIds.has(seat) && !seatsTaken.has(seat)) {
      seatsTaken.add(seat);
      voters.push(a.personId);
    }
  }
  return { seats: voting.size, present: voters.length, quorate: voters.length * 2 > voting.size, voters };
}

/** "11 von 15 stimmberechtigten Mitgliedern anwesend – beschlussfähig". */
export const quorumLine = (q: Quorum) =>
  `${q.present} von ${q.seats} stimmberechtigten Mitgliedern anwesend – ${q.quorate ? 'beschlussfähig' : 'nicht beschlussfähig'}`;
