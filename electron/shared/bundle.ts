import { z } from 'zod';
import { DocSchema, LONE_SURROGATE, WELL_FORMED } from './document.js';
import { ApprovalStepSchema, FollowUpStandSchema, FreigabeConfigSchema } from './freigabe.js';
import { BodySettingsSchema } from './publication.js';
import { AttendanceFunctionSchema, AttendanceGroupSchema, AttendanceStatusSchema, ClockTimeSchema, FormOfAddressSchema, MembershipRoleSchema } from './persons.js';
import {
  AgendaNumberingSchema,
  CommitteeKindSchema,
  ConsultationRoleSchema,
  CopyToSchema,
  KeySchema,
  LIMITS,
  ListNumberingSchema,
  LocalDateTimeSchema,
  MeetingStateSchema,
  NumberPatternSchema,
  PublicAgendaClosedSchema,
  VotesSchema,
  lineText,
  IsoDateSchema,
  requiredLine,
} from './schemas.js';

/**
 * Bundle format version 1 (DESIGN.md): everything a Körperschaft has, linked by keys, as one JSON
 * file plus Anlage files beside it. Optional fields carry defaults so hand-written bundles stay
 * short, while an exported bundle always states every field (exact round trip).
 */
const MAX_RECORDS = LIMITS.list * 10;
/**
 * At most 5 000 lines: every Markdown block starts on a line of its own, so the section cannot
 * exceed the 5 000 blocks a document holds — a limit the JSON Schema states as a pattern.
 */
const MARKDOWN_LINES = /^(?:[^\r\n]*(?:\r\n?|\n)){0,4999}[^\r\n]*$/;
/** Section bodies as Markdown (hand-written bundles) or as document-model JSON (exports). */
export const BundleSectionSchema = z.union([
  z.string().max(LIMITS.longText * 10).regex(WELL_FORMED, LONE_SURROGATE).regex(MARKDOWN_LINES, 'höchstens 5 000 Zeilen'),
  DocSchema,
]);

export const BundleDepartmentSchema = z.strictObject({
  key: KeySchema,
  code: requiredLine(20),
  name: requiredLine(),
  signatory: lineText().default(''),
});

/** A Person (member, deputy, Verwaltung, guest); linked by key from memberships and attendance. */
export const BundlePersonSchema = z.strictObject({
  key: KeySchema,
  name: requiredLine(),
  formOfAddress: FormOfAddressSchema.optional(),
  title: lineText(50).optional(),
  affiliation: lineText().optional(),
  email: lineText(254).optional(),
});

export const BundleMembershipSchema = z.strictObject({
  person: KeySchema,
  role: MembershipRoleSchema.default('mitglied'),
  /** For a Stellvertretung: the key of the member represented. */
  represents: KeySchema.optional(),
  from: IsoDateSchema.optional(),
  until: IsoDateSchema.optional(),
});

export const BundleAttendanceSchema = z.strictObject({
  person: KeySchema,
  status: AttendanceStatusSchema.default('anwesend'),
  arrived: ClockTimeSchema.optional(),
  left: ClockTimeSchema.optional(),
  represents: KeySchema.optional(),
  group: AttendanceGroupSchema.optional(),
  function: AttendanceFunctionSchema.optional(),
});

/** Ja/Nein/Enthaltung; `conflicted` = keys of the befangen members (not counted). */
export const BundleVotesSchema = VotesSchema.extend({ conflicted: z.array(KeySchema).max(1000).optional() });

export const BundleCommitteeSchema = z.strictObject({
  key: KeySchema,
  name: requiredLine(),
  shortName: requiredLine(),
  genitive: requiredLine(),
  kind: CommitteeKindSchema.default('ausschuss'),
  noticePeriodDays: z.number().int().min(0).max(60).default(7),
  supplementNoticePeriodDays: z.number().int().min(0).max(60).nullable().default(null),
  noticeWorkdaysOnly: z.boolean().default(false),
  chair: lineText().default(''),
  copyTo: CopyToSchema.default([]),
  members: z.array(BundleMembershipSchema).max(1000).optional(),
});

export const BundleAgendaItemSchema = z.strictObject({
  number: lineText(20).optional(),
  public: z.boolean().default(true),
  title: requiredLine(LIMITS.title),
  /** Key of the Vorlage discussed under this TOP. */
  paper: KeySchema.optional(),
  result: lineText(LIMITS.title).optional(),
  votes: BundleVotesSchema.optional(),
  minutes: BundleSectionSchema.optional(),
  /** Wording of the Beschluss when amended (else the Beschlussvorschlag is quoted). */
  resolutionText: BundleSectionSchema.optional(),
  supplement: z.boolean().default(false),
  /** Tischvorlage: added on the day of the Sitzung. */
  tischvorlage: z.boolean().optional(),
  /** When the TOP was abgesetzt (taken off after the Einladung; it stays listed). */
  abgesetzt: z.string().max(40).regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/, 'Zeitpunkt im Format JJJJ-MM-TTTHH:MM erwartet').optional(),
  /**
   * This TOP approved the Niederschrift of that earlier Sitzung of the same Gremium (when): the
   * imported Niederschrift is then genehmigt and read-only again.
   */
  approves: z.strictObject({ meeting: KeySchema, at: z.iso.datetime({ offset: true }) }).optional(),
});

export const BundleMeetingSchema = z.strictObject({
  key: KeySchema,
  committee: KeySchema,
  number: z.number().int().min(1).max(10_000).nullable().default(null),
  start: LocalDateTimeSchema,
  end: LocalDateTimeSchema.nullable().default(null),
  location: lineText().default(''),
  state: MeetingStateSchema.default('geplant'),
  /** "Einladung versandt" on this day. */
  invited: IsoDateSchema.optional(),
  /** Actual opening and closing time ("HH:MM"), Vorsitz of the day and Schriftführung (person keys). */
  opened: ClockTimeSchema.optional(),
  closed: ClockTimeSchema.optional(),
  chair: KeySchema.optional(),
  recorder: KeySchema.optional(),
  attendance: z.array(BundleAttendanceSchema).max(1000).optional(),
  agenda: z.array(BundleAgendaItemSchema).max(1000).default([]),
});

export const BundleConsultationSchema = z.strictObject({
  committee: KeySchema.optional(),
  /** A scheduled Beratung names its Sitzung (the committee follows from it). */
  meeting: KeySchema.optional(),
  role: ConsultationRoleSchema.default('kenntnisnahme'),
});

export const BundleAttachmentSchema = z.strictObject({
  title: requiredLine(LIMITS.title),
  /** Path relative to the bundle file; no absolute paths, no "..". */
  file: requiredLine(500).refine((p) => !p.startsWith('/') && !/^[A-Za-z]:/.test(p) && !p.split(/[\\/]/).includes('..'), 'Pfad muss relativ zur Bundle-Datei sein'),
  fileName: requiredLine(255).optional(),
  public: z.boolean().default(true),
});

/** A moment as stored (ISO 8601, e.g. "2025-03-01T10:00" or with seconds and zone). */
const BundleMomentSchema = z.string().max(40).regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/, 'Zeitpunkt im Format JJJJ-MM-TTTHH:MM erwartet');

/** One Mitzeichnung: step, who (and in which function), when, which revision. */
export const BundleApprovalSchema = z.strictObject({
  step: ApprovalStepSchema,
  by: requiredLine(),
  function: lineText().optional(),
  at: BundleMomentSchema,
  revision: z.number().int().min(0).max(1_000_000),
  /** When the signature became void (content changed, returned); absent = valid. */
  invalidated: BundleMomentSchema.optional(),
  invalidatedReason: lineText(LIMITS.title).optional(),
});

export const BundleReleaseSchema = z.strictObject({
  by: requiredLine(),
  function: lineText().optional(),
  at: BundleMomentSchema,
  revision: z.number().int().min(0).max(1_000_000).optional(),
});

/** A Beschlusskontrolle entry, linked to the TOP (Sitzung and TOP number) that decided. */
export const BundleFollowUpSchema = z.strictObject({
  meeting: KeySchema,
  agendaNumber: requiredLine(20),
  stand: FollowUpStandSchema.default('offen'),
  frist: IsoDateSchema.optional(),
  /** Zuständiges Amt (key); default: the Vorlage's. */
  department: KeySchema.optional(),
  notes: z.array(z.strictObject({ at: BundleMomentSchema, by: requiredLine(), text: requiredLine(LIMITS.longText) })).max(1000).default([]),
});

export const BundlePaperSchema = z.strictObject({
  key: KeySchema,
  reference: requiredLine(100).optional(),
  department: KeySchema,
  template: KeySchema,
  title: requiredLine(LIMITS.title),
  public: z.boolean().default(true),
  year: z.number().int().min(1900).max(2200).optional(),
  /** The Vorlage's own date ("Datum" in its head), set at Freigabe or by hand; absent = not yet dated. */
  date: IsoDateSchema.optional(),
  predecessor: KeySchema.optional(),
  sections: z.record(KeySchema, BundleSectionSchema).default({}),
  consultations: z.array(BundleConsultationSchema).max(100).default([]),
  attachments: z.array(BundleAttachmentSchema).max(500).default([]),
  /** An Ergänzungs-/Änderungsvorlage names the Vorlage (key) it amends. */
  amends: z.strictObject({ paper: KeySchema, kind: z.enum(['ergaenzung', 'aenderung']) }).optional(),
  /** Mitzeichnungen, oldest first (invalidated ones included), and the Freigabe. */
  approvals: z.array(BundleApprovalSchema).max(100).optional(),
  released: BundleReleaseSchema.optional(),
});

/** One object published over OParl (see core/db/repositories/oparl.ts): its created survives a round trip. */
export const BundleOParlObjectSchema = z.strictObject({
  path: z.string().min(1).max(1000).regex(/^[A-Za-z]+\/[^/\\]+(\.json)?$|^system\.json$/, 'Pfad eines OParl-Objekts erwartet, z. B. papers/50-012-2023.json'),
  type: z.string().regex(/^[A-Za-z]{1,40}$/, 'OParl-Typ erwartet, z. B. Paper'),
  created: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'Zeitpunkt erwartet, z. B. 2026-03-16T09:00:00Z'),
  modified: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'Zeitpunkt erwartet, z. B. 2026-03-16T09:00:00Z'),
  fingerprint: z.string().regex(/^([0-9a-f]{64}|deleted)$/),
  deleted: z.boolean(),
});

/** The Körperschaft's Freigabe settings (Mitzeichnung chain, Beschlusskontrolle, suffix); Ämter by key. */
export const BundleFreigabeSchema = FreigabeConfigSchema.extend({
  signingDepartments: z.strictObject({ dezernat: KeySchema.optional(), kaemmerei: KeySchema.optional(), rechtsamt: KeySchema.optional() }).default({}),
});

/** OParl publication: the Körperschaft's time zone and licences, and everything published so far. */
export const BundleOParlSchema = z.strictObject({
  settings: BodySettingsSchema.optional(),
  published: z.array(BundleOParlObjectSchema).max(MAX_RECORDS * 10).default([]),
});

export const BundleSchema = z.strictObject({
  format: z.literal('vorlagenwerk-bundle'),
  version: z.literal(1),
  body: z.strictObject({
    name: requiredLine(),
    numberPattern: NumberPatternSchema,
    agendaNumbering: AgendaNumberingSchema.default('durchgehend'),
    listNumbering: ListNumberingSchema.default('1.'),
    publicAgendaClosed: PublicAgendaClosedSchema.default('weglassen'),
  }),
  departments: z.array(BundleDepartmentSchema).max(1000).default([]),
  persons: z.array(BundlePersonSchema).max(MAX_RECORDS).optional(),
  committees: z.array(BundleCommitteeSchema).max(1000).default([]),
  meetings: z.array(BundleMeetingSchema).max(MAX_RECORDS).default([]),
  papers: z.array(BundlePaperSchema).max(MAX_RECORDS).default([]),
  /** Beschlusskontrolle; absent (older bundles): entries are derived from the recorded decisions. */
  followUps: z.array(BundleFollowUpSchema).max(MAX_RECORDS).optional(),
  /** Freigabe settings; absent (older or public bundles): the defaults, or the database's own. */
  freigabe: BundleFreigabeSchema.optional(),
  /** OParl settings and ledger; absent (older bundles): defaults, nothing published yet. */
  oparl: BundleOParlSchema.optional(),
});
export type Bundle = z.output<typeof BundleSchema>;
export type BundleInput = z.input<typeof BundleSchema>;
