import type { Attendance, Membership, Person } from '../../../electron/shared/persons.js';

/**
 * A fictional Musterkreis Sozialausschuss (invented people): 5 voting seats (Vorsitz, 3
 * Mitglieder, 1 sachkundiger Bürger), a beratendes Mitglied, a personal deputy, the
 * administration, a recorder and a guest.
 */
const person = (id: number, key: string, name: string, formOfAddress: Person['formOfAddress'], extra: Partial<Person> = {}): Person => ({
  id,
  key,
  name,
  formOfAddress,
  title: '',
  affiliation: '',
  email: '',
  ...extra,
});

export const P = {
  hartmann: person(1, 'hartmann', 'Eva Hartmann', 'Frau', { title: 'Dr.', affiliation: 'Fraktion A' }),
  yilmaz: person(2, 'yilmaz', 'Aylin Yilmaz', 'Frau', { affiliation: 'Fraktion B' }),
  brandt: person(3, 'brandt', 'Peter Brandt', 'Herr', { affiliation: 'Fraktion A' }),
  vogt: person(4, 'vogt', 'Sabine Vogt', 'Frau', { affiliation: 'Fraktion C' }),
  klein: person(5, 'klein', 'Tobias Klein', 'Herr', { affiliation: 'Fraktion B' }),
  becker: person(6, 'becker', 'Jonas Becker', 'Herr', { affiliation: 'Fraktion B' }),
  lorenz: person(7, 'lorenz', 'Maria Lorenz', 'Frau', { affiliation: 'Integrationsrat' }),
  roth: person(8, 'roth', 'Markus Roth', 'Herr', { affiliation: 'Kommunales Integrationszentrum' }),
  weber: person(9, 'weber', 'Lena Weber', 'Frau', { affiliation: 'Sitzungsdienst' }),
  sam: person(10, 'sam', 'Sam Ortmann', 'none'),
  old: person(11, 'old', 'Klaus Alt', 'Herr'),
} satisfies Record<string, Person>;
export const PERSONS: Person[] = Object.values(P);

let nextId = 1;
const membership = (p: Person, role: Membership['role'], extra: Partial<Membership> = {}): Membership => ({
  id: nextId++,
  committeeId: 1,
  personId: p.id,
  role,
  representsPersonId: null,
  from: '2024-11-01',
  until: null,
  position: nextId,
  ...extra,
});

export const MEMBERSHIPS: Membership[] = [
  membership(P.hartmann, 'vorsitz'),
  membership(P.brandt, 'stellv-vorsitz'),
  membership(P.yilmaz, 'mitglied'),
  membership(P.vogt, 'mitglied'),
  membership(P.klein, 'sachkundig'),
  membership(P.lorenz, 'beratend'),
  membership(P.becker, 'stellvertretung', { representsPersonId: P.yilmaz.id }),
  // Ended before the Sitzung: not a member on the day.
  membership(P.old, 'mitglied', { from: '2020-11-01', until: '2024-10-31' }),
];

export const DAY = '2025-03-12';

const att = (p: Person, extra: Partial<Attendance> = {}): Attendance => ({
  personId: p.id,
  status: 'anwesend',
  arrived: null,
  left: null,
  representsPersonId: null,
  group: 'mitglied',
  function: null,
  ...extra,
});

/** Hartmann chairs, Brandt arrives late, Yilmaz is excused and represented by Becker, Vogt leaves early. */
export const ATTENDANCE: Attendance[] = [
  att(P.hartmann, { function: 'vorsitz' }),
  att(P.brandt, { arrived: '17:10' }),
  att(P.yilmaz, { status: 'entschuldigt' }),
  att(P.vogt, { left: '17:30' }),
  att(P.klein),
  att(P.lorenz),
  att(P.becker, { representsPersonId: P.yilmaz.id }),
  att(P.roth, { group: 'verwaltung' }),
  att(P.weber, { group: 'verwaltung', function: 'schriftfuehrung' }),
  att(P.sam, { group: 'gast' }),
];
export { att };
