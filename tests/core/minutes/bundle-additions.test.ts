import { describe, expect, it } from 'vitest';
import { BundleSchema } from '../../../electron/shared/bundle.js';
import { AttendanceSchema, MembershipSchema, PersonFieldsSchema } from '../../../electron/shared/persons.js';
import { TopResultSchema } from '../../../electron/shared/minutes.js';

const minimal = {
  format: 'vorlagenwerk-bundle',
  version: 1,
  body: { name: 'Musterkreis', numberPattern: '{amt}/{nr:3}/{jahr}' },
} as const;

describe('bundle additions for persons, attendance and Niederschrift', () => {
  it('keeps older bundles valid and adds no keys to them', () => {
    const parsed = BundleSchema.parse(minimal);
    expect(parsed).not.toHaveProperty('persons');
  });

  it('accepts persons, memberships, attendance, head and results as DESIGN.md shows them', () => {
    const parsed = BundleSchema.parse({
      ...minimal,
      persons: [{ key: 'hartmann', name: 'Dr. Eva Hartmann', formOfAddress: 'Frau', affiliation: 'Fraktion A' }],
      committees: [
        {
          key: 'soz',
          name: 'Ausschuss für Soziales und Integration',
          shortName: 'Sozialausschuss',
          genitive: 'des Ausschusses für Soziales und Integration',
          members: [{ person: 'hartmann', role: 'vorsitz', from: '2025-11-01' }],
        },
      ],
      meetings: [
        {
          key: 'soz-1',
          committee: 'soz',
          start: '2025-03-12T15:00',
          state: 'durchgefuehrt',
          opened: '15:05',
          closed: '17:40',
          chair: 'hartmann',
          recorder: 'hartmann',
          attendance: [{ person: 'hartmann', status: 'anwesend', arrived: '15:30', left: '17:00', group: 'verwaltung' }],
          agenda: [
            {
              title: 'Förderrichtlinie',
              result: 'mehrheitlich beschlossen',
              resolutionText: 'Der Ausschuss beschließt die Richtlinie.',
              votes: { yes: 9, no: 1, abstain: 0, conflicted: ['hartmann'] },
              supplement: true,
            },
          ],
        },
      ],
    });
    expect(parsed.meetings[0]!.attendance![0]).toMatchObject({ person: 'hartmann', arrived: '15:30' });
    expect(parsed.meetings[0]!.agenda[0]!.votes!.conflicted).toEqual(['hartmann']);
    expect(parsed.committees[0]!.members![0]!.role).toBe('vorsitz');
  });

  it('rejects a time of day that is not HH:MM and an unknown role', () => {
    const meeting = { key: 'm', committee: 'c', start: '2025-03-12T15:00' };
    expect(BundleSchema.safeParse({ ...minimal, meetings: [{ ...meeting, opened: '25:00' }] }).success).toBe(false);
    expect(BundleSchema.safeParse({ ...minimal, meetings: [{ ...meeting, attendance: [{ person: 'x', arrived: '5:10' }] }] }).success).toBe(false);
    expect(
      BundleSchema.safeParse({
        ...minimal,
        committees: [{ key: 'c', name: 'n', shortName: 's', genitive: 'g', members: [{ person: 'x', role: 'chef' }] }],
      }).success,
    ).toBe(false);
  });
});

describe('entity schemas', () => {
  it('validates a Person with a clear German message for a bad e-mail', () => {
    const ok = { name: 'Eva Hartmann', formOfAddress: 'Frau', title: 'Dr.', affiliation: '', email: '' };
    expect(PersonFieldsSchema.parse(ok)).toEqual(ok);
    const bad = PersonFieldsSchema.safeParse({ ...ok, email: 'keine-adresse' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toBe('keine gültige E-Mail-Adresse');
    expect(PersonFieldsSchema.safeParse({ ...ok, formOfAddress: 'Divers' }).success).toBe(false);
  });

  it('rejects a membership that ends before it begins', () => {
    const m = { id: 1, committeeId: 1, personId: 1, role: 'mitglied', representsPersonId: null, from: '2025-01-01', until: '2024-12-31', position: 0 };
    const r = MembershipSchema.safeParse(m);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('Das Ende der Mitgliedschaft liegt vor ihrem Beginn.');
  });

  it('validates attendance entries and TOP results', () => {
    const a = { personId: 1, status: 'anwesend', arrived: '17:10', left: null, representsPersonId: null, group: 'mitglied', function: null };
    expect(AttendanceSchema.parse(a)).toEqual(a);
    expect(AttendanceSchema.safeParse({ ...a, status: 'krank' }).success).toBe(false);
    expect(TopResultSchema.safeParse({ result: 'beschlossen', votes: { yes: 1, no: 0, abstain: 0, conflicted: [2] }, resolutionText: null, minutes: null }).success).toBe(true);
    expect(TopResultSchema.safeParse({ result: 'beschlossen', votes: { yes: -1, no: 0, abstain: 0, conflicted: [] }, resolutionText: null, minutes: null }).success).toBe(false);
  });
});
