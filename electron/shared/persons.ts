import { z } from 'zod';
import { IdSchema, IsoDateSchema, KeySchema, lineText, requiredLine } from './schemas.js';

/**
 * Persons, their memberships in a Gremium and their attendance at a Sitzung (issue 17).
 * Members, deputies, the administration (Verwaltung) and guests are all Persons.
 * Every type of these entities is inferred from the schemas below.
 */

/** "Frau" / "Herr" drive the gendered words of the Niederschrift; "none" keeps them neutral. */
export const FormOfAddressSchema = z.enum(['Frau', 'Herr', 'none']);
export type FormOfAddress = z.infer<typeof FormOfAddressSchema>;

/** Local wall-clock time of day, "HH:MM" (committees meet in local time; no zone). */
export const ClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Uhrzeit im Format HH:MM erwartet');
export type ClockTime = z.infer<typeof ClockTimeSchema>;

const EmailSchema = lineText(254).refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), 'keine gültige E-Mail-Adresse');

/** What a user enters for a Person; the stored entity adds id and key. */
export const PersonFieldsSchema = z.strictObject({
  name: requiredLine(),
  formOfAddress: FormOfAddressSchema,
  /** Academic title printed before the name ("Dr."), or ''. */
  title: lineText(50),
  /** Fraktion or other affiliation ("Fraktion A", "Kreisverwaltung"), or ''. */
  affiliation: lineText(),
  email: EmailSchema,
});
export type PersonFields = z.infer<typeof PersonFieldsSchema>;

export const PersonSchema = PersonFieldsSchema.extend({ id: IdSchema, key: KeySchema });
export type Person = z.infer<typeof PersonSchema>;

export const MembershipRoleSchema = z.enum(['vorsitz', 'stellv-vorsitz', 'mitglied', 'stellvertretung', 'beratend', 'sachkundig']);
export type MembershipRole = z.infer<typeof MembershipRoleSchema>;
export const MEMBERSHIP_ROLE_LABELS: Record<MembershipRole, string> = {
  vorsitz: 'Vorsitz',
  'stellv-vorsitz': 'stellv. Vorsitz',
  mitglied: 'Mitglied',
  stellvertretung: 'Stellvertretung',
  beratend: 'beratendes Mitglied',
  sachkundig: 'sachkundige/r Bürger/in',
};
/**
 * Roles with a vote in the Gremium. Sachkundige Bürgerinnen und Bürger vote in Ausschüssen
 * (§ 58 GO NRW); beratende Mitglieder do not; a Stellvertretung votes only for the member
 * it represents.
 */
export const VOTING_ROLES: readonly MembershipRole[] = ['vorsitz', 'stellv-vorsitz', 'mitglied', 'sachkundig'];

export const MembershipSchema = z
  .strictObject({
    id: IdSchema,
    committeeId: IdSchema,
    personId: IdSchema,
    role: MembershipRoleSchema,
    /** A personal deputy (role stellvertretung) names the member they stand in for; else null. */
    representsPersonId: IdSchema.nullable(),
    from: IsoDateSchema,
    /** Last day of the membership, or null while it lasts. */
    until: IsoDateSchema.nullable(),
    /** Order in the Mitglieder list. */
    position: z.number().int().min(0),
  })
  .refine((m) => m.until === null || m.until >= m.from, { message: 'Das Ende der Mitgliedschaft liegt vor ihrem Beginn.', path: ['until'] });
export type Membership = z.infer<typeof MembershipSchema>;

export const AttendanceStatusSchema = z.enum(['anwesend', 'entschuldigt', 'abwesend']);
export type AttendanceStatus = z.infer<typeof AttendanceStatusSchema>;
export const AttendanceGroupSchema = z.enum(['mitglied', 'verwaltung', 'gast']);
export type AttendanceGroup = z.infer<typeof AttendanceGroupSchema>;
/** A function held in this Sitzung: the Vorsitz of the day and the Schriftführung. */
export const AttendanceFunctionSchema = z.enum(['vorsitz', 'schriftfuehrung']);
export type AttendanceFunction = z.infer<typeof AttendanceFunctionSchema>;

export const AttendanceSchema = z.strictObject({
  personId: IdSchema,
  status: AttendanceStatusSchema,
  /** Arrived late ("ab 17:10 Uhr"), or null = from the opening. */
  arrived: ClockTimeSchema.nullable(),
  /** Left early ("bis 17:30 Uhr"), or null = until the closing. */
  left: ClockTimeSchema.nullable(),
  /** The member this person stands in for ("Herr Becker für Frau Yilmaz"), or null. */
  representsPersonId: IdSchema.nullable(),
  group: AttendanceGroupSchema,
  function: AttendanceFunctionSchema.nullable(),
});
export type Attendance = z.infer<typeof AttendanceSchema>;
