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
/** The spec's form yyyy-mm-ddThh:mm:ss±hh:mm: seconds, no fraction, a numeric offset (no "Z"). */
const DateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** No empty or blank strings anywhere: consumers show them as values. */
const Text = z.string().regex(/\S/);
/** Every object, listed or embedded, carries both (stable created, modified on every change). */
const stamps = { created: DateTime, modified: DateTime };
const Urls = z.array(Url).min(1);
const SHA512 = z.string().regex(/^[0-9a-f]{128}$/);
const SHA256 = z.string().regex(/^[0-9a-f]{64}$/);

/** What stays of a deleted or depublished object (OParl "Gelöschte Objekte"). */
export const TombstoneSchema = z.strictObject({
  id: Url,
  type: z.string().startsWith(OPARL_VERSION),
  ...stamps,
  deleted: z.literal(true),
});
export type OParlTombstone = z.infer<typeof TombstoneSchema>;

export const SystemSchema = z.strictObject({
  id: Url,
  type: typeOf('System'),
  oparlVersion: z.literal(OPARL_VERSION),
  /** URL of the list of bodies (body.json). */
  body: Url,
  name: Text,
  /** Licence of the system's metadata, if the Kreis names one. */
  license: Url.optional(),
  ...stamps,
});

export const BodySchema = z.strictObject({
  id: Url,
  type: typeOf('Body'),
  system: Url,
  name: Text,
  /** Licence of the published data, if the Kreis names one. */
  license: Url.optional(),
  organization: Url,
  person: Url,
  meeting: Url,
  paper: Url,
  agendaItem: Url,
  consultation: Url,
  file: Url,
  locationList: Url,
  /** Required by OParl: the Wahlperioden set in the settings (empty when none is set). */
  legislativeTerm: z.array(z.lazy(() => LegislativeTermSchema)),
  ...stamps,
});

export const OrganizationSchema = z.strictObject({
  id: Url,
  type: typeOf('Organization'),
  body: Url,
  name: Text,
  shortName: Text.optional(),
  organizationType: z.enum(['Gremium', 'Verwaltungsbereich']),
  classification: Text.optional(),
  ...stamps,
});

export const LegislativeTermSchema = z.strictObject({
  id: Url,
  type: typeOf('LegislativeTerm'),
  body: Url.optional(),
  name: Text,
  startDate: DateOnly,
  endDate: DateOnly.optional(),
  ...stamps,
});

export const LocationSchema = z.strictObject({
  id: Url,
  type: typeOf('Location'),
  description: Text,
  ...stamps,
});

export const AgendaItemSchema = z.strictObject({
  id: Url,
  type: typeOf('AgendaItem'),
  /** Back reference: only in agendaItems.json, not when embedded in its Meeting. */
  meeting: Url.optional(),
  number: Text.optional(),
  order: z.number().int().min(1),
  name: Text,
  /** Only public TOPs are exported; the schema refuses anything else. */
  public: z.literal(true),
  consultation: Url.optional(),
  result: Text.optional(),
  resolutionText: Text.optional(),
  /** The Auszug aus der Niederschrift (PDF), once the Niederschrift is approved. */
  resolutionFile: z.lazy(() => FileSchema).optional(),
  ...stamps,
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
  ...stamps,
});

/** Members and the people a public Niederschrift names; never an e-mail address. */
export const PersonSchema = z.strictObject({
  id: Url,
  type: typeOf('Person'),
  body: Url,
  name: Text,
  formOfAddress: Text.optional(),
  title: z.array(Text).min(1).optional(),
  membership: z.array(MembershipSchema).min(1).optional(),
  ...stamps,
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
  organization: Urls,
  /** The persons present (from the attendance of the Niederschrift). */
  participant: Urls.optional(),
  agendaItem: z.array(AgendaItemSchema).min(1).optional(),
  /** The public Einladung (PDF). */
  invitation: z.lazy(() => FileSchema).optional(),
  /** The public part of the approved Niederschrift (PDF). */
  resultsProtocol: z.lazy(() => FileSchema).optional(),
  ...stamps,
});

export const FileSchema = z.strictObject({
  id: Url,
  type: typeOf('File'),
  name: Text.optional(),
  fileName: Text,
  mimeType: Text,
  size: z.number().int().min(0),
  /** OParl 1.1's own checksum field. */
  sha512Checksum: SHA512,
  /** Extension (OParl allows own fields): the hash Vorlagenwerk stores and audits files by. */
  sha256Checksum: SHA256,
  accessUrl: Url,
  downloadUrl: Url,
  /** An Anlage or the printed Vorlage names its Vorlage, an Einladung or Niederschrift its Sitzung, an Auszug its TOP. */
  paper: Urls.optional(),
  meeting: Urls.optional(),
  agendaItem: Urls.optional(),
  ...stamps,
});

export const ConsultationSchema = z.strictObject({
  id: Url,
  type: typeOf('Consultation'),
  /** Back reference: only in consultations.json, not when embedded in its Paper. */
  paper: Url.optional(),
  meeting: Url.optional(),
  agendaItem: Url.optional(),
  organization: Urls,
  authoritative: z.boolean(),
  role: Text,
  ...stamps,
});

export const PaperSchema = z.strictObject({
  id: Url,
  type: typeOf('Paper'),
  body: Url,
  name: Text,
  reference: Text,
  date: DateOnly.optional(),
  paperType: Text,
  underDirectionOf: Urls,
  /** The Vorlage as printed (PDF, public Anlagen listed only). */
  mainFile: FileSchema.optional(),
  consultation: z.array(ConsultationSchema).min(1).optional(),
  auxiliaryFile: z.array(FileSchema).min(1).optional(),
  ...stamps,
});

/** An object as built, before the export stamps created/modified on it and its embedded objects. */
export type Unstamped<T> = T extends (infer U)[] ? Unstamped<U>[] : T extends object ? { [K in keyof T as K extends 'created' | 'modified' ? never : K]: Unstamped<T[K]> } : T;

export type OParlSystem = Unstamped<z.infer<typeof SystemSchema>>;
export type OParlBody = Unstamped<z.infer<typeof BodySchema>>;
export type OParlLegislativeTerm = Unstamped<z.infer<typeof LegislativeTermSchema>>;
export type OParlOrganization = Unstamped<z.infer<typeof OrganizationSchema>>;
export type OParlLocation = Unstamped<z.infer<typeof LocationSchema>>;
export type OParlAgendaItem = Unstamped<z.infer<typeof AgendaItemSchema>>;
export type OParlMeeting = Unstamped<z.infer<typeof MeetingSchema>>;
export type OParlPerson = Unstamped<z.infer<typeof PersonSchema>>;
export type OParlMembership = Unstamped<z.infer<typeof MembershipSchema>>;
export type OParlFile = Unstamped<z.infer<typeof FileSchema>>;
export type OParlConsultation = Unstamped<z.infer<typeof ConsultationSchema>>;
export type OParlPaper = Unstamped<z.infer<typeof PaperSchema>>;

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
/** A list page: its objects, and the tombstones of those deleted or depublished since. */
export const listPageSchema = <T extends z.ZodType>(item: T) => ListPageFrameSchema.extend({ data: z.array(z.union([item, TombstoneSchema])) });
export type OParlListPage<T> = z.infer<typeof ListPageFrameSchema> & { data: T[] };
