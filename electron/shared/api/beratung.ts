import { z } from 'zod';
import { defineMethods } from './define.js';
import { EVERYONE, PAPER_PLANNING, SITZUNGSDIENST } from '../roles.js';
import { PaperRefSchema } from './vorlagen.js';
import { DocSchema } from '../document.js';
import {
  AgendaItemSchema,
  ConsultationRoleSchema,
  ConsultationSchema,
  IdSchema,
  IsoDateSchema,
  LIMITS,
  lineText,
  MeetingSchema,
  MeetingStateSchema,
  PaperSchema,
  VotesSchema,
  requiredLine,
} from '../schemas.js';

/** A Gremium as the CLI and the UI name it: id, key, short name or full name. */
const CommitteeRefSchema = z.union([IdSchema, requiredLine()]);

/** One row of the Beratungsfolge as the UI shows it: who, in which Sitzung, with what result. */
export const BeratungSchema = ConsultationSchema.extend({
  committeeName: z.string(),
  committeeShortName: z.string(),
  meetingStart: z.string().nullable(),
  meetingState: MeetingStateSchema.nullable(),
  agendaNumber: z.string().nullable(),
  votes: VotesSchema.nullable(),
  /** No result yet: the committee still has to deliberate. */
  open: z.boolean(),
});
export type Beratung = z.infer<typeof BeratungSchema>;

/** Where a re-send was asked for: the Sitzung and TOP whose committee made the request. */
export const ResendSourceSchema = z.strictObject({ meetingId: IdSchema, agendaItemId: IdSchema });

/** What the UI needs to offer "Auch an … senden?" after a result; it calls beratungen.resend with it. */
export const ResendOfferSchema = z.strictObject({
  paperId: IdSchema,
  paperReference: z.string(),
  committeeId: IdSchema,
  committeeName: z.string(),
  committeeShortName: z.string(),
  role: ConsultationRoleSchema,
  nextMeeting: z.strictObject({ id: IdSchema, start: z.string() }).nullable(),
  source: ResendSourceSchema,
  /** Why the offer cannot be taken as it stands (e.g. the committee already has it), else null. */
  blockedReason: z.string().nullable(),
});

export const MinutesInputSchema = z.discriminatedUnion('format', [
  z.strictObject({ format: z.literal('markdown'), text: z.string().max(LIMITS.longText * 10) }),
  z.strictObject({ format: z.literal('doc'), doc: DocSchema }),
]);

export const NoticeDeadlineSchema = z.strictObject({
  /** Ladungsfrist in days (calendar days, or working days when the committee counts only those). */
  periodDays: z.number().int(),
  /** The last day the invitation may go out. */
  lastDay: IsoDateSchema,
  /** Days from the dispatch date (default: today) to lastDay; negative = that many days too late. */
  daysLeft: z.number().int(),
  late: z.boolean(),
});

export const NoticeReportSchema = z.strictObject({
  meetingId: IdSchema,
  committeeId: IdSchema,
  committeeShortName: z.string(),
  meetingStart: z.string(),
  state: MeetingStateSchema,
  workdaysOnly: z.boolean(),
  /** The day the lateness is judged for: the given dispatch date, else today. */
  dispatchDate: IsoDateSchema,
  /** The Einladung itself. */
  invitation: NoticeDeadlineSchema,
  /** Nachträge zur Tagesordnung (shorter period when the committee has one). */
  supplement: NoticeDeadlineSchema,
});
export type NoticeReport = z.infer<typeof NoticeReportSchema>;

export const DiffRunSchema = z.strictObject({ type: z.enum(['equal', 'insert', 'delete']), text: z.string() });
export type DiffRun = z.infer<typeof DiffRunSchema>;

export const RevisionDiffSchema = z.strictObject({
  paperId: IdSchema,
  reference: z.string(),
  /** What is compared: two revisions of one Vorlage, or a Vorlage against its predecessor. */
  from: z.strictObject({ paperId: IdSchema, reference: z.string(), revision: z.number().int(), createdAt: z.string(), author: z.string() }),
  to: z.strictObject({ paperId: IdSchema, reference: z.string(), revision: z.number().int(), createdAt: z.string(), author: z.string() }),
  title: z.strictObject({ changed: z.boolean(), runs: z.array(DiffRunSchema) }),
  /** Other fields that changed (public, template, department), as readable German lines. */
  fields: z.array(z.strictObject({ field: z.string(), label: z.string(), from: z.string(), to: z.string() })),
  sections: z.array(
    z.strictObject({
      key: z.string(),
      title: z.string(),
      status: z.enum(['unchanged', 'changed', 'added', 'removed']),
      runs: z.array(DiffRunSchema),
      inserted: z.number().int(),
      deleted: z.number().int(),
    }),
  ),
  /** Words inserted and deleted over title and sections. */
  inserted: z.number().int(),
  deleted: z.number().int(),
});
export type RevisionDiff = z.infer<typeof RevisionDiffSchema>;

const Beratungsfolge = z.array(BeratungSchema);

export const beratungMethods = defineMethods({
  'beratungen.list': { input: z.strictObject({ ref: PaperRefSchema }), output: Beratungsfolge },
  'beratungen.add': {
    roles: PAPER_PLANNING,
    input: z.strictObject({
      paperId: IdSchema,
      committeeId: IdSchema,
      role: ConsultationRoleSchema,
      /** Puts the Vorlage on this Sitzung's agenda right away (a Sitzung of that committee). */
      meetingId: IdSchema.nullable().default(null),
      /** Place in the Beratungsfolge (0 = first); default: last. */
      position: z.number().int().min(0).max(1000).optional(),
    }),
    output: Beratungsfolge,
    mutates: true,
  },
  'beratungen.update': {
    roles: PAPER_PLANNING,
    input: z.strictObject({
      id: IdSchema,
      role: ConsultationRoleSchema.optional(),
      /** null takes the Vorlage off the Sitzung (only while no result is recorded). */
      meetingId: IdSchema.nullable().optional(),
    }),
    output: Beratungsfolge,
    mutates: true,
  },
  'beratungen.remove': { roles: PAPER_PLANNING, input: z.strictObject({ id: IdSchema }), output: Beratungsfolge, mutates: true },
  'beratungen.reorder': {
    roles: PAPER_PLANNING,
    input: z.strictObject({ paperId: IdSchema, orderedIds: z.array(IdSchema).max(1000) }),
    output: Beratungsfolge,
    mutates: true,
  },
  'beratungen.resend': {
    input: z.strictObject({
      ref: PaperRefSchema,
      committee: CommitteeRefSchema,
      /** A Sitzung id, "next" for the committee's next planned Sitzung, or null for no Sitzung yet. */
      meeting: z.union([IdSchema, z.literal('next')]).nullable().default(null),
      role: ConsultationRoleSchema.default('kenntnisnahme'),
      /** The Sitzung and TOP where the request was made; default: the latest deliberation with a result. */
      source: ResendSourceSchema.optional(),
    }),
    output: z.strictObject({
      paperId: IdSchema,
      reference: z.string(),
      consultation: BeratungSchema,
      meeting: MeetingSchema.nullable(),
      agendaItem: AgendaItemSchema.nullable(),
      auditEventId: IdSchema,
      /** The deadline the new TOP misses or falls under (Ladungsfrist, Nachtragsfrist), in German. */
      warnings: z.array(z.string()),
    }),
    mutates: true,
  },

  'tagesordnung.result': {
    input: z
      .strictObject({
        meetingId: IdSchema,
        /** The TOP by id or by its printed number ("3", "Ö 3"). */
        agendaItemId: IdSchema.optional(),
        agendaNumber: requiredLine(20).optional(),
        result: requiredLine(LIMITS.title),
        /** undefined keeps what is recorded, null clears it. */
        votes: VotesSchema.nullable().optional(),
        minutes: MinutesInputSchema.nullable().optional(),
        /** Committees that should also receive the Vorlage; answered with re-send offers. */
        furtherCommittees: z.array(CommitteeRefSchema).max(20).default([]),
      })
      .refine((i) => (i.agendaItemId === undefined) !== (i.agendaNumber === undefined), {
        message: 'genau eines von agendaItemId und agendaNumber angeben',
        path: ['agendaItemId'],
      }),
    output: z.strictObject({
      agendaItem: AgendaItemSchema,
      paper: z.strictObject({ id: IdSchema, reference: z.string(), title: z.string() }).nullable(),
      resendOffers: z.array(ResendOfferSchema),
    }),
    mutates: true,
  },
  'tagesordnung.resultText': {
    input: z.strictObject({ agendaItemId: IdSchema }),
    output: z.strictObject({
      heading: z.string(),
      when: z.string(),
      item: z.string(),
      minutes: DocSchema,
      minutesText: z.string(),
      result: z.string(),
      vote: z.string().nullable(),
      /** The whole Beratungsergebnis as plain text, lines as printed. */
      text: z.string(),
    }),
  },

  'sitzungen.ladungsfrist': {
    input: z.strictObject({ id: IdSchema, dispatchDate: IsoDateSchema.optional() }),
    output: NoticeReportSchema,
  },
  'sitzungen.ladungsfristen': {
    input: z.strictObject({ committeeId: IdSchema.optional(), from: lineText(20).optional(), to: lineText(20).optional() }),
    output: z.array(NoticeReportSchema),
  },

  'vorlagen.carryForward': {
    roles: PAPER_PLANNING,
    input: z.strictObject({ ref: PaperRefSchema, year: z.number().int().min(1900).max(2200).optional() }),
    output: PaperSchema,
    mutates: true,
  },
  'vorlagen.diff': {
    input: z.strictObject({ ref: PaperRefSchema, from: z.number().int().min(1), to: z.number().int().min(1) }),
    output: RevisionDiffSchema,
  },
  'vorlagen.diffPredecessor': { input: z.strictObject({ ref: PaperRefSchema }), output: RevisionDiffSchema },
}, { read: EVERYONE, write: SITZUNGSDIENST });

