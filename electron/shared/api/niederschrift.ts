import { z } from 'zod';
import { EVERYONE, SITZUNGSDIENST } from '../roles.js';
import { defineMethods } from './define.js';
import { MinutesInputSchema } from './beratung.js';
import { PackVariantSchema } from './pdf-export.js';
import { DocSchema } from '../document.js';
import { TopVotesSchema } from '../minutes.js';
import { AttendanceSchema, ClockTimeSchema, MembershipRoleSchema, MembershipSchema, PersonFieldsSchema, PersonSchema } from '../persons.js';
import { ConsultationRoleSchema, IdSchema, IsoDateSchema, LIMITS, MeetingStateSchema, requiredLine } from '../schemas.js';

/**
 * Persons, memberships, attendance and the Niederschrift of a Sitzung (issue 17): the methods a
 * clerk (Schriftführung) uses after — and during — a Sitzung.
 */
const FilePath = requiredLine(4096);

export const PersonEntrySchema = PersonSchema.extend({
  /** Sitzungen whose Niederschrift names the person: then it can be neither deleted nor anonymised. */
  namedIn: z.array(z.strictObject({ meetingId: IdSchema, start: z.string() })),
  memberships: z.number().int(),
});
export type PersonEntry = z.infer<typeof PersonEntrySchema>;

export const MemberEntrySchema = z.strictObject({
  ...MembershipSchema.shape,
  personName: z.string(),
  representsName: z.string().nullable(),
  /** Member on the given day (default today). */
  active: z.boolean(),
});
export type MemberEntry = z.infer<typeof MemberEntrySchema>;

export const MinutesIssueSchema = z.strictObject({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  path: z.string(),
});
export type MinutesIssueDto = z.infer<typeof MinutesIssueSchema>;

/** The lifecycle of a Sitzung as the clerk sees it (stored state plus the approval). */
export const MinutesStatusSchema = z.enum(['geplant', 'einberufen', 'durchgefuehrt', 'genehmigt', 'abgesagt']);
export type MinutesStatus = z.infer<typeof MinutesStatusSchema>;

const RuleSchema = z.strictObject({ allowed: z.boolean(), reason: z.string() });

export const MinutesStateSchema = z.strictObject({
  meetingId: IdSchema,
  committeeId: IdSchema,
  start: z.string(),
  state: MeetingStateSchema,
  status: MinutesStatusSchema,
  /** Each rule of the lifecycle with the German sentence the UI shows. */
  rules: z.strictObject({ results: RuleSchema, agenda: RuleSchema, minutes: RuleSchema }),
  approval: z.strictObject({ meetingId: IdSchema, agendaItemId: IdSchema, meetingStart: z.string(), at: z.string() }).nullable(),
  /** The Sitzung whose Niederschrift a TOP of this Sitzung approved. */
  approves: z.array(z.strictObject({ agendaItemId: IdSchema, meetingId: IdSchema, meetingStart: z.string() })),
  archived: z.array(z.strictObject({ variant: PackVariantSchema, format: z.string(), sha256: z.string(), size: z.number().int(), createdAt: z.string() })),
  head: z.strictObject({
    opened: ClockTimeSchema.nullable(),
    closed: ClockTimeSchema.nullable(),
    chairPersonId: IdSchema.nullable(),
    recorderPersonId: IdSchema.nullable(),
  }),
  attendance: z.array(AttendanceSchema.extend({ name: z.string(), role: MembershipRoleSchema.nullable() })),
  /** True while nothing is saved: the list shown is the proposal from the members on the day. */
  prefilled: z.boolean(),
  /** Members on the day who are missing from the list (to add with a click). */
  missingMembers: z.array(z.strictObject({ personId: IdSchema, name: z.string(), role: MembershipRoleSchema })),
  quorum: z.strictObject({ seats: z.number().int(), present: z.number().int(), quorate: z.boolean(), line: z.string() }),
  items: z.array(
    z.strictObject({
      id: IdSchema,
      number: z.string(),
      title: z.string(),
      public: z.boolean(),
      paperReference: z.string().nullable(),
      role: ConsultationRoleSchema.nullable(),
      result: z.string().nullable(),
      /** "Beschluss: einstimmig beschlossen", "Kenntnis genommen", … as printed. */
      caption: z.string().nullable(),
      votes: TopVotesSchema.nullable(),
      resolutionText: DocSchema.nullable(),
      minutes: DocSchema.nullable(),
    }),
  ),
  issues: z.array(MinutesIssueSchema),
});
export type MinutesState = z.infer<typeof MinutesStateSchema>;

const WrittenSchema = z.strictObject({
  path: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  pages: z.number().int().optional(),
  warnings: z.array(z.strictObject({ code: z.string(), message: z.string() })),
});

const MeetingRef = z.strictObject({ meetingId: IdSchema });

export const niederschriftMethods = defineMethods({
  'personen.list': { input: z.strictObject({}), output: z.array(PersonEntrySchema) },
  'personen.create': { input: PersonFieldsSchema, output: PersonEntrySchema, mutates: true },
  'personen.update': { input: PersonFieldsSchema.extend({ id: IdSchema }), output: PersonEntrySchema, mutates: true },
  /**
   * DSGVO: `delete` removes the person and their memberships, `anonymise` keeps the seats but
   * not the name. Both are refused, with the Sitzungen named, while a Niederschrift names the person.
   */
  'personen.remove': {
    input: z.strictObject({ id: IdSchema, mode: z.enum(['delete', 'anonymise']) }),
    output: z.strictObject({ deleted: z.boolean(), anonymised: z.boolean() }),
    mutates: true,
  },

  'mitglieder.list': { input: z.strictObject({ committeeId: IdSchema, on: IsoDateSchema.optional() }), output: z.array(MemberEntrySchema) },
  'mitglieder.add': {
    input: z.strictObject({
      committeeId: IdSchema,
      personId: IdSchema,
      role: MembershipRoleSchema,
      representsPersonId: IdSchema.nullable().default(null),
      from: IsoDateSchema,
      until: IsoDateSchema.nullable().default(null),
    }),
    output: z.array(MemberEntrySchema),
    mutates: true,
  },
  'mitglieder.end': { input: z.strictObject({ id: IdSchema, until: IsoDateSchema }), output: z.array(MemberEntrySchema), mutates: true },
  'mitglieder.reorder': {
    input: z.strictObject({ committeeId: IdSchema, orderedIds: z.array(IdSchema).max(1000) }),
    output: z.array(MemberEntrySchema),
    mutates: true,
  },

  /** Everything the Niederschrift of a Sitzung needs, with the lifecycle rules explained. */
  'niederschrift.get': { input: MeetingRef, output: MinutesStateSchema },
  /** Saves the whole attendance list; errors refuse and change nothing, warnings come back in issues. */
  'anwesenheit.set': {
    input: z.strictObject({ meetingId: IdSchema, entries: z.array(AttendanceSchema).max(1000) }),
    output: MinutesStateSchema,
    mutates: true,
  },
  /** Saves the prefilled list (members on the day) as the attendance; refused when one is saved. */
  'anwesenheit.prefill': { input: MeetingRef, output: MinutesStateSchema, mutates: true },
  'niederschrift.setHead': {
    input: z.strictObject({
      meetingId: IdSchema,
      opened: ClockTimeSchema.nullable(),
      closed: ClockTimeSchema.nullable(),
      chairPersonId: IdSchema.nullable(),
      recorderPersonId: IdSchema.nullable(),
    }),
    output: MinutesStateSchema,
    mutates: true,
  },
  /** The result of any TOP (with or without Vorlage): votes, Befangenheit, Beschluss wording, minutes. */
  'niederschrift.result': {
    input: z.strictObject({
      meetingId: IdSchema,
      agendaItemId: IdSchema,
      result: requiredLine(LIMITS.title),
      votes: TopVotesSchema.nullable().default(null),
      resolutionText: MinutesInputSchema.nullable().default(null),
      minutes: MinutesInputSchema.nullable().optional(),
    }),
    output: MinutesStateSchema,
    mutates: true,
  },
  /** Approval by a TOP of a later Sitzung of the same Gremium; the Niederschrift is then archived and read-only. */
  'niederschrift.approve': {
    input: z.strictObject({ meetingId: IdSchema, byAgendaItemId: IdSchema }),
    output: MinutesStateSchema,
    mutates: true,
  },
  'niederschrift.export': {
    input: z.strictObject({ meetingId: IdSchema, format: z.enum(['docx', 'pdf']), variant: PackVariantSchema, path: FilePath }),
    output: WrittenSchema,
    mutates: true,
  },
  /** "Auszug aus der Niederschrift" of one TOP, with or without Vorlage. */
  'niederschrift.auszug': {
    input: z.strictObject({ meetingId: IdSchema, topNumber: requiredLine(20), format: z.enum(['docx', 'pdf']), path: FilePath }),
    output: WrittenSchema,
    mutates: true,
  },
}, { read: EVERYONE, write: SITZUNGSDIENST });
