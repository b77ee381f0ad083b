import { z } from 'zod';
import { defineMethods } from './define.js';
import { EVERYONE, SITZUNGSDIENST } from '../roles.js';
import {
  AgendaItemSchema,
  CommitteeSchema,
  IdSchema,
  IsoDateSchema,
  KeySchema,
  LIMITS,
  LocalDateTimeSchema,
  MeetingSchema,
  MeetingStateSchema,
  lineText,
  requiredLine,
} from '../schemas.js';

export const CommitteeInputSchema = CommitteeSchema.omit({ id: true }).extend({ id: IdSchema.optional() });
export const MeetingInputSchema = z.strictObject({
  id: IdSchema.optional(),
  key: KeySchema.optional(),
  committeeId: IdSchema,
  number: z.number().int().min(1).max(10_000).nullable().default(null),
  start: LocalDateTimeSchema,
  end: LocalDateTimeSchema.nullable().default(null),
  location: lineText().default(''),
  state: MeetingStateSchema.default('geplant'),
});

/**
 * A Sitzung as lists show it: with whether its Niederschrift is approved, the state after
 * "durchgeführt" (minutes.approve records it on the Sitzung; MEETING_STATE_LABELS has no entry
 * for it because no form sets it).
 */
export const MeetingListItemSchema = MeetingSchema.extend({ minutesApproved: z.boolean() });

export const MeetingDetailSchema = z.strictObject({
  meeting: MeetingSchema,
  /** See MeetingListItemSchema. */
  minutesApproved: z.boolean(),
  committee: CommitteeSchema,
  agenda: z.array(AgendaItemSchema),
  /** "Einladung versandt" on this day ("YYYY-MM-DD"), or null. */
  invitedOn: IsoDateSchema.nullable(),
});

export const gremienMethods = defineMethods({
  'gremien.list': { input: z.strictObject({}), output: z.array(CommitteeSchema) },
  'gremien.get': { input: z.strictObject({ ref: requiredLine() }), output: CommitteeSchema },
  'gremien.save': { input: CommitteeInputSchema, output: CommitteeSchema, mutates: true },

  'sitzungen.list': {
    input: z.strictObject({
      committeeId: IdSchema.optional(),
      from: lineText(20).optional(),
      to: lineText(20).optional(),
    }),
    output: z.array(MeetingListItemSchema),
  },
  'sitzungen.get': { input: z.strictObject({ id: IdSchema }), output: MeetingDetailSchema },
  'sitzungen.save': { input: MeetingInputSchema, output: MeetingSchema, mutates: true },
  'sitzungen.delete': { input: z.strictObject({ id: IdSchema }), output: z.strictObject({ deleted: z.boolean() }), mutates: true },

  'tagesordnung.add': {
    input: z.strictObject({
      meetingId: IdSchema,
      title: requiredLine(LIMITS.title),
      public: z.boolean().default(true),
      supplement: z.boolean().default(false),
      /** A Tischvorlage (handed out in the Sitzung); refused for a past Sitzung. On the day after the Einladung every new TOP is one. */
      tischvorlage: z.boolean().default(false),
      position: z.number().int().min(0).max(10_000).optional(),
    }),
    /** warnings: the deadline the new TOP misses or falls under (Ladungsfrist, Nachtragsfrist). */
    output: AgendaItemSchema.extend({ warnings: z.array(z.string()) }),
    mutates: true,
  },
  'tagesordnung.update': {
    input: z.strictObject({
      id: IdSchema,
      title: requiredLine(LIMITS.title).optional(),
      public: z.boolean().optional(),
      manualNumber: lineText(20).nullable().optional(),
      supplement: z.boolean().optional(),
    }),
    output: AgendaItemSchema,
    mutates: true,
  },
  /**
   * What a TOP added to the Sitzung now becomes (Nachtrag, Tischvorlage) and the deadline it misses
   * or falls under: the warnings of tagesordnung.add, for a Vorlage put on the agenda through its
   * Beratungsfolge (beratungen.add / beratungen.update answer with the Beratungsfolge only).
   */
  'tagesordnung.hinweise': {
    input: z.strictObject({ meetingId: IdSchema }),
    output: z.strictObject({ supplement: z.boolean(), tischvorlage: z.boolean(), warnings: z.array(z.string()) }),
  },
  /** Before the Einladung the TOP goes; afterwards it stays as "abgesetzt" (removed: false, abgesetzt: true). */
  'tagesordnung.remove': { input: z.strictObject({ id: IdSchema }), output: z.strictObject({ removed: z.boolean(), abgesetzt: z.boolean() }), mutates: true },
  /** "Einladung versandt" on a day (default today): the Sitzung becomes einberufen; later TOPs are Nachträge. */
  'sitzungen.einladungVersandt': {
    input: z.strictObject({ meetingId: IdSchema, date: IsoDateSchema.optional() }),
    output: z.strictObject({ meeting: MeetingSchema, invitedOn: IsoDateSchema, warnings: z.array(z.string()) }),
    mutates: true,
  },
  'tagesordnung.reorder': {
    input: z.strictObject({ meetingId: IdSchema, orderedIds: z.array(IdSchema).max(1000) }),
    output: z.array(AgendaItemSchema),
    mutates: true,
  },
}, { read: EVERYONE, write: SITZUNGSDIENST });
