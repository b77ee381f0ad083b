import { z } from 'zod';
// German zod messages everywhere these schemas are parsed.
import './zod-german.js';
import { DocSchema, LONE_SURROGATE, WELL_FORMED } from './document.js';
import * as labels from './labels.js';

/**
 * Entity schemas shared by the database layer, the API contract, the bundle format and the UI.
 * Every TypeScript type of these entities is inferred from here, never written twice.
 */

export const LIMITS = {
  shortText: 200,
  title: 1_000,
  longText: 20_000,
  list: 10_000,
  /** Anlage files: generous, but a single Anlage may not exhaust memory. */
  attachmentBytes: 100 * 1024 * 1024,
} as const;

export const IdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const KeySchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'nur Buchstaben, Ziffern, Punkt, Unterstrich und Bindestrich');

/**
 * Control characters a single-line field refuses: C0 (line breaks and tabs included — a title
 * with a line break can fake a "Fehler:" line in CLI output or a row in a list), DEL, C1 and
 * the Unicode line and paragraph separators.
 */
export const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001F\u007F-\u009F\u2028\u2029]*$/;

/**
 * Single-line text: no control characters (they break DOCX XML, file names and line-based
 * output), no lone surrogates. Patterns rather than refinements, so the bundle's JSON Schema
 * refuses what the importer refuses (issue 15.10).
 */
export const lineText = (max: number = LIMITS.shortText) =>
  z.string().max(max).regex(NO_CONTROL_CHARACTERS, 'enthält unzulässige Steuerzeichen').regex(WELL_FORMED, LONE_SURROGATE);
/** `\S`: not only white space — the same test as `trim()` being non-empty. */
export const requiredLine = (max: number = LIMITS.shortText) => lineText(max).regex(/\S/, 'darf nicht leer sein');

/** A real calendar day: Date.parse would roll 30.02. over into March, so compare it back. */
const isRealDay = (isoDate: string) => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === isoDate;
};
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum im Format JJJJ-MM-TT erwartet')
  .refine(isRealDay, 'diesen Tag gibt es nicht');
/** Local wall-clock time of a Sitzung, minutes precision, no zone: committees meet in local time. */
export const LocalDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'Zeitpunkt im Format JJJJ-MM-TTTHH:MM erwartet')
  .refine((s) => isRealDay(s.slice(0, 10)), 'diesen Tag gibt es nicht');

export const ConsultationRoleSchema = z.enum(['kenntnisnahme', 'vorberatung', 'entscheidung']);
export type ConsultationRole = z.infer<typeof ConsultationRoleSchema>;
export const ROLE_LABELS: Readonly<Record<ConsultationRole, string>> = labels.CONSULTATION_ROLE_LABELS;

export const CommitteeKindSchema = z.enum(['ausschuss', 'rat', 'beirat', 'kreisausschuss', 'sonstiges']);
export const MeetingStateSchema = z.enum(['geplant', 'einberufen', 'durchgefuehrt', 'abgesagt']);
export const MEETING_STATE_LABELS: Readonly<Record<z.infer<typeof MeetingStateSchema>, string>> = labels.MEETING_STATE_LABELS;
export const AgendaNumberingSchema = z.enum(['durchgehend', 'getrennt']);
export const PaperStatusSchema = z.enum(['entwurf', 'in_beratung', 'erledigt', 'beschlossen']);
export type PaperStatus = z.infer<typeof PaperStatusSchema>;

export const NumberPatternSchema = lineText(100).refine(
  (p) => /\{nr(:\d)?\}/.test(p) && /\{jahr(:2)?\}/.test(p),
  'das Muster braucht {nr} (oder {nr:3}) und {jahr}',
);

/** How numbered lists are printed (issue 14.5): "1.", "1)" or "a)" on the first level. */
export const ListNumberingSchema = z.enum(['1.', '1)', 'a)']);
export type ListNumbering = z.infer<typeof ListNumberingSchema>;
/** Non-public TOPs in the public Tagesordnung: left out, or listed with a neutral title (issue 14.6). */
export const PublicAgendaClosedSchema = z.enum(['weglassen', 'neutral']);
export type PublicAgendaClosed = z.infer<typeof PublicAgendaClosedSchema>;

export const BodySchema = z.strictObject({
  name: requiredLine(),
  numberPattern: NumberPatternSchema,
  agendaNumbering: AgendaNumberingSchema,
  listNumbering: ListNumberingSchema.default('1.'),
  publicAgendaClosed: PublicAgendaClosedSchema.default('weglassen'),
});
export type Body = z.infer<typeof BodySchema>;
export type BodyInput = z.input<typeof BodySchema>;

export const DepartmentSchema = z.strictObject({
  id: IdSchema,
  key: KeySchema,
  code: requiredLine(20),
  name: requiredLine(),
  signatory: lineText(),
});
export type Department = z.infer<typeof DepartmentSchema>;

/** Recipients of the Einladung "nachrichtlich": one line each ("Landrat", "Fraktionen"). */
export const CopyToSchema = z.array(requiredLine(200)).max(30);

export const CommitteeSchema = z.strictObject({
  id: IdSchema,
  key: KeySchema,
  name: requiredLine(),
  shortName: requiredLine(),
  genitive: requiredLine(),
  kind: CommitteeKindSchema,
  noticePeriodDays: z.number().int().min(0).max(60),
  /** Shorter Ladungsfrist for Nachträge (items added later); null = same as noticePeriodDays. */
  supplementNoticePeriodDays: z.number().int().min(0).max(60).nullable(),
  /** Count only working days (Mon–Fri) for the Ladungsfrist instead of calendar days. */
  noticeWorkdaysOnly: z.boolean(),
  chair: lineText(),
  /** Who gets the Einladung "nachrichtlich" (for information), printed under the addressee. */
  copyTo: CopyToSchema.default([]),
});
export type Committee = z.infer<typeof CommitteeSchema>;

export const MeetingSchema = z.strictObject({
  id: IdSchema,
  key: KeySchema,
  committeeId: IdSchema,
  /** The running session number ("12. Sitzung"), if the committee counts them. */
  number: z.number().int().min(1).max(10_000).nullable(),
  start: LocalDateTimeSchema,
  end: LocalDateTimeSchema.nullable(),
  location: lineText(),
  state: MeetingStateSchema,
});
export type Meeting = z.infer<typeof MeetingSchema>;

export const VotesSchema = z.strictObject({
  yes: z.number().int().min(0).max(10_000),
  no: z.number().int().min(0).max(10_000),
  abstain: z.number().int().min(0).max(10_000),
});
export type Votes = z.infer<typeof VotesSchema>;

export const AgendaItemSchema = z.strictObject({
  id: IdSchema,
  meetingId: IdSchema,
  position: z.number().int().min(0),
  /** As printed: the stored manual number, else computed from the Body's numbering rule. */
  number: z.string(),
  /** A manually set number (imported agendas); null = computed. */
  manualNumber: lineText(20).nullable(),
  public: z.boolean(),
  title: requiredLine(LIMITS.title),
  paperId: IdSchema.nullable(),
  paperReference: z.string().nullable(),
  consultationId: IdSchema.nullable(),
  result: lineText(LIMITS.title).nullable(),
  votes: VotesSchema.nullable(),
  minutes: DocSchema.nullable(),
  /** Nachtrag zur Tagesordnung: added after the invitation went out. */
  supplement: z.boolean(),
  /** Tischvorlage: added on the day of the Sitzung (handed out there). */
  tischvorlage: z.boolean(),
  /** Abgesetzt: taken off after the invitation; stays on the agenda, printed as abgesetzt. */
  abgesetzt: z.boolean(),
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export const SectionsSchema = z.record(KeySchema, DocSchema).refine((r) => Object.keys(r).length <= 50, 'zu viele Abschnitte');
export type Sections = z.infer<typeof SectionsSchema>;

export const ConsultationSchema = z.strictObject({
  id: IdSchema,
  paperId: IdSchema,
  committeeId: IdSchema,
  role: ConsultationRoleSchema,
  position: z.number().int().min(0),
  meetingId: IdSchema.nullable(),
  agendaItemId: IdSchema.nullable(),
  /** The Beratungsergebnis of the linked TOP, if one was recorded. */
  result: z.string().nullable(),
});
export type Consultation = z.infer<typeof ConsultationSchema>;

export const AttachmentSchema = z.strictObject({
  id: IdSchema,
  paperId: IdSchema,
  position: z.number().int().min(0),
  title: requiredLine(LIMITS.title),
  fileName: requiredLine(255),
  mediaType: lineText(100),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  public: z.boolean(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const PaperSummarySchema = z.strictObject({
  id: IdSchema,
  key: KeySchema.nullable(),
  reference: z.string(),
  departmentId: IdSchema,
  template: KeySchema,
  title: z.string(),
  public: z.boolean(),
  year: z.number().int(),
  status: PaperStatusSchema,
  predecessorId: IdSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The Vorlage's own date ("Datum" in its head): set at Freigabe or by hand; null = not yet dated. */
  date: IsoDateSchema.nullable(),
  revision: z.number().int().min(0),
  committeeIds: z.array(IdSchema),
});
export type PaperSummary = z.infer<typeof PaperSummarySchema>;

export const PaperSchema = PaperSummarySchema.extend({
  sections: SectionsSchema,
  consultations: z.array(ConsultationSchema),
  attachments: z.array(AttachmentSchema),
});
export type Paper = z.infer<typeof PaperSchema>;

export const RevisionSchema = z.strictObject({
  id: IdSchema,
  paperId: IdSchema,
  number: z.number().int().min(1),
  hash: z.string(),
  author: z.string(),
  createdAt: z.string(),
});
export type Revision = z.infer<typeof RevisionSchema>;

/** What a Revision stores: the editable state of a Vorlage. */
export const PaperContentSchema = z.strictObject({
  title: z.string(),
  public: z.boolean(),
  template: z.string(),
  departmentId: z.number(),
  sections: SectionsSchema,
});
export type PaperContent = z.infer<typeof PaperContentSchema>;

export const AuditEventSchema = z.strictObject({
  id: IdSchema,
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  paperId: IdSchema.nullable(),
  meetingId: IdSchema.nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;
