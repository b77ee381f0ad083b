import { z } from 'zod';

/**
 * The OParl 1.1 fields this exporter emits, and nothing else: every object is parsed with these
 * strict schemas before a byte is written, so a field added by mistake (an internal flag, a
 * non-public text) fails the export instead of reaching the Ratsinformationssystem.
 * Spec: https://dev.oparl.org/spezifikation (OParl 1.1).
 */

export const OPARL_VERSION = 'https://schema.oparl.org/1.1/';
const typeOf = <T extends string>(name: T) => z.literal(`${OPARL_VERSION}${name}` as `https://schema.oparl.org/1.1/${T}`);
export const oparlType = <T extends string>(name: T) => `${OPARL_VERSION}${name}` as `https://schema.oparl.org/1.1/${T}`;

const Url = z.url({ protocol: /^https?$/ });
/** OParl date-time: ISO 8601 with seconds and a zone (Z or ±HH:MM). */
const DateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Text = z.string().min(1);

export const SystemSchema = z.strictObject({
  id: Url,
  type: typeOf('System'),
  oparlVersion: z.literal(OPARL_VERSION),
  /** URL of the list of bodies (body.json). */
  body: Url,
  name: Text,
});

export const BodySchema = z.strictObject({
  id: Url,
  type: typeOf('Body'),
  system: Url,
  name: Text,
  organization: Url,
  person: Url,
  meeting: Url,
  paper: Url,
  agendaItem: Url,
  consultation: Url,
  file: Url,
  locationList: Url,
  /** Required by OParl; Vorlagenwerk keeps no Wahlperioden. */
  legislativeTerm: z.array(z.never()),
});

export const OrganizationSchema = z.strictObject({
  id: Url,
  type: typeOf('Organization'),
  body: Url,
  name: Text,
  shortName: Text.optional(),
  organizationType: z.enum(['Gremium', 'Verwaltungsbereich']),
  classification: Text.optional(),
});

export const LocationSchema = z.strictObject({
  id: Url,
  type: typeOf('Location'),
  description: Text,
});

export const AgendaItemSchema = z.strictObject({
  id: Url,
  type: typeOf('AgendaItem'),
  /** Back reference: only in agendaItems.json, not when embedded in its Meeting. */
  meeting: Url.optional(),
  number: z.string(),
  order: z.number().int().min(1),
  name: Text,
  /** Only public TOPs are exported; the schema refuses anything else. */
  public: z.literal(true),
  consultation: Url.optional(),
  result: Text.optional(),
  resolutionText: Text.optional(),
});

/** A membership in a Gremium; embedded in its Person (without the back reference). */
export const MembershipSchema = z.strictObject({
  id: Url,
  type: typeOf('Membership'),
  person: Url.optional(),
  organization: Url,
  role: Text,
  votingRight: z.boolean(),
  startDate: DateOnly,
  endDate: DateOnly.optional(),
});

/** Members and the people a public Niederschrift names; never an e-mail address. */
export const PersonSchema = z.strictObject({
  id: Url,
  type: typeOf('Person'),
  body: Url,
  name: Text,
  formOfAddress: Text.optional(),
  title: z.array(Text).optional(),
  membership: z.array(MembershipSchema),
});

export const MeetingSchema = z.strictObject({
  id: Url,
  type: typeOf('Meeting'),
  name: Text,
  meetingState: z.enum(['terminiert', 'eingeladen', 'durchgeführt', 'abgesagt']),
  cancelled: z.boolean().optional(),
  start: DateTime,
  end: DateTime.optional(),
  location: LocationSchema.optional(),
  organization: z.array(Url).min(1),
  /** The persons present (from the attendance of the Niederschrift). */
  participant: z.array(Url).optional(),
  agendaItem: z.array(AgendaItemSchema),
  /** The public Einladung (PDF). */
  invitation: z.lazy(() => FileSchema).optional(),
  /** The public part of the approved Niederschrift (PDF). */
  resultsProtocol: z.lazy(() => FileSchema).optional(),
});

export const FileSchema = z.strictObject({
  id: Url,
  type: typeOf('File'),
  name: Text,
  fileName: Text,
  mimeType: Text,
  size: z.number().int().min(0),
  /** OParl 1.1's own checksum field. */
  sha512Checksum: z.string().regex(/^[0-9a-f]{128}$/),
  /** Extension (OParl allows own fields): the hash Vorlagenwerk stores and audits files by. */
  sha256Checksum: z.string().regex(/^[0-9a-f]{64}$/),
  accessUrl: Url,
  downloadUrl: Url,
  /** An Anlage names its Vorlage, an Einladung or Niederschrift its Sitzung. */
  paper: z.array(Url).min(1).optional(),
  meeting: z.array(Url).min(1).optional(),
});

export const ConsultationSchema = z.strictObject({
  id: Url,
  type: typeOf('Consultation'),
  /** Back reference: only in consultations.json, not when embedded in its Paper. */
  paper: Url.optional(),
  meeting: Url.optional(),
  agendaItem: Url.optional(),
  organization: z.array(Url).min(1),
  authoritative: z.boolean(),
  role: Text,
});

export const PaperSchema = z.strictObject({
  id: Url,
  type: typeOf('Paper'),
  body: Url,
  name: Text,
  reference: Text,
  date: DateOnly,
  paperType: Text,
  underDirectionOf: z.array(Url).min(1),
  consultation: z.array(ConsultationSchema),
  auxiliaryFile: z.array(FileSchema),
  created: DateTime,
  modified: DateTime,
});

export type OParlSystem = z.infer<typeof SystemSchema>;
export type OParlBody = z.infer<typeof BodySchema>;
export type OParlOrganization = z.infer<typeof OrganizationSchema>;
export type OParlLocation = z.infer<typeof LocationSchema>;
export type OParlAgendaItem = z.infer<typeof AgendaItemSchema>;
export type OParlMeeting = z.infer<typeof MeetingSchema>;
export type OParlPerson = z.infer<typeof PersonSchema>;
export type OParlMembership = z.infer<typeof MembershipSchema>;
export type OParlFile = z.infer<typeof FileSchema>;
export type OParlConsultation = z.infer<typeof ConsultationSchema>;
export type OParlPaper = z.infer<typeof PaperSchema>;

/** Paging of an external object list; the export writes every list as a single page. */
const ListPageFrameSchema = z.strictObject({
  pagination: z.strictObject({
    totalElements: z.number().int().min(0),
    elementsPerPage: z.number().int().min(0),
    currentPage: z.literal(1),
    totalPages: z.literal(1),
  }),
  links: z.strictObject({ first: Url, self: Url, last: Url }),
});
export const listPageSchema = <T extends z.ZodType>(item: T) => ListPageFrameSchema.extend({ data: z.array(item) });
export type OParlListPage<T> = z.infer<typeof ListPageFrameSchema> & { data: T[] };
