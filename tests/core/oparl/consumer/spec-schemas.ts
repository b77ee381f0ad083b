import { z } from 'zod';

/**
 * OParl 1.1 as a consumer checks it, written from the specification's text (dev.oparl.org,
 * "Schema" and "Die Objekte"), independent of the exporter's own schemas: required fields per
 * type, the types of the common fields, and the rules the schemas cannot express that consumers
 * rely on (form of date-times, no empty strings or arrays, tombstones). Unknown fields pass
 * (OParl allows extensions); what a field holds is checked where the spec says it.
 */

export const OPARL_11 = 'https://schema.oparl.org/1.1/';

/** "yyyy-mm-ddThh:mm:ss±hh:mm" (spec, "Datums- und Zeitangaben"). */
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const dateTime = z.string().regex(DATE_TIME, 'date-time not in the form yyyy-mm-ddThh:mm:ss±hh:mm');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const url = z.string().regex(/^https?:\/\/[^\s]+$/, 'not an absolute http(s) URL');
const urls = z.array(url);
const text = z.string();

/** Fields every object may have; created and modified are required by the rules of issue 15. */
const common = {
  id: url,
  type: z.string(),
  created: dateTime,
  modified: dateTime,
  deleted: z.boolean().optional(),
  keyword: z.array(text).optional(),
  web: url.optional(),
  license: url.optional(),
};
const object = (type: string, fields: z.ZodRawShape) => z.looseObject({ ...common, type: z.literal(`${OPARL_11}${type}`), ...fields });

export const SpecLocation = object('Location', { description: text.optional(), streetAddress: text.optional(), locality: text.optional(), geojson: z.unknown().optional() });
export const SpecFile = object('File', {
  name: text.optional(),
  fileName: text.optional(),
  mimeType: z.string().regex(/^[a-z]+\/[a-z0-9][a-z0-9.+-]*$/i, 'mimeType is no media type').optional(),
  size: z.number().int().min(0).optional(),
  sha1Checksum: z.string().optional(),
  sha512Checksum: z.string().regex(/^[0-9a-f]{128}$/).optional(),
  text: text.optional(),
  accessUrl: url,
  downloadUrl: url.optional(),
  date: date.optional(),
  meeting: urls.optional(),
  agendaItem: urls.optional(),
  paper: urls.optional(),
});
export const SpecLegislativeTerm = object('LegislativeTerm', { body: url.optional(), name: text.optional(), startDate: date.optional(), endDate: date.optional() });
export const SpecSystem = object('System', { oparlVersion: z.literal(OPARL_11), body: url, name: text.optional(), otherOparlVersions: urls.optional() });
export const SpecBody = object('Body', {
  system: url.optional(),
  name: text,
  shortName: text.optional(),
  organization: url,
  person: url,
  meeting: url,
  paper: url,
  legislativeTerm: z.array(SpecLegislativeTerm),
  agendaItem: url.optional(),
  consultation: url.optional(),
  file: url.optional(),
  locationList: url.optional(),
  legislativeTermList: url.optional(),
  membership: url.optional(),
});
export const SpecOrganization = object('Organization', { body: url.optional(), name: text.optional(), shortName: text.optional(), organizationType: text.optional(), classification: text.optional(), membership: urls.optional(), meeting: url.optional() });
export const SpecMembership = object('Membership', { person: url.optional(), organization: url.optional(), role: text.optional(), votingRight: z.boolean().optional(), startDate: date.optional(), endDate: date.optional() });
export const SpecPerson = object('Person', { body: url.optional(), name: text.optional(), formOfAddress: text.optional(), title: z.array(text).optional(), membership: z.array(SpecMembership).optional() });
export const SpecAgendaItem = object('AgendaItem', { meeting: url.optional(), number: text.optional(), order: z.number().int(), name: text.optional(), public: z.boolean().optional(), consultation: url.optional(), result: text.optional(), resolutionText: text.optional(), resolutionFile: SpecFile.optional() });
export const SpecMeeting = object('Meeting', {
  name: text.optional(),
  meetingState: text.optional(),
  cancelled: z.boolean().optional(),
  start: dateTime.optional(),
  end: dateTime.optional(),
  location: SpecLocation.optional(),
  organization: urls.optional(),
  participant: urls.optional(),
  invitation: SpecFile.optional(),
  resultsProtocol: SpecFile.optional(),
  verbatimProtocol: SpecFile.optional(),
  auxiliaryFile: z.array(SpecFile).optional(),
  agendaItem: z.array(SpecAgendaItem).optional(),
});
export const SpecConsultation = object('Consultation', { paper: url.optional(), agendaItem: url.optional(), meeting: url.optional(), organization: urls.optional(), authoritative: z.boolean().optional(), role: text.optional() });
export const SpecPaper = object('Paper', {
  body: url.optional(),
  name: text.optional(),
  reference: text.optional(),
  date: date.optional(),
  paperType: text.optional(),
  relatedPaper: urls.optional(),
  superordinatedPaper: urls.optional(),
  subordinatedPaper: urls.optional(),
  mainFile: SpecFile.optional(),
  auxiliaryFile: z.array(SpecFile).optional(),
  location: z.array(SpecLocation).optional(),
  originatorPerson: urls.optional(),
  underDirectionOf: urls.optional(),
  originatorOrganization: urls.optional(),
  consultation: z.array(SpecConsultation).optional(),
});

/** A deleted object: only id, type, created, modified and deleted: true remain. */
export const SpecTombstone = z.strictObject({ id: url, type: z.string().startsWith(OPARL_11), created: dateTime, modified: dateTime, deleted: z.literal(true) });

export const SPEC_BY_TYPE: Record<string, z.ZodType> = {
  System: SpecSystem,
  Body: SpecBody,
  LegislativeTerm: SpecLegislativeTerm,
  Organization: SpecOrganization,
  Person: SpecPerson,
  Membership: SpecMembership,
  Meeting: SpecMeeting,
  AgendaItem: SpecAgendaItem,
  Paper: SpecPaper,
  Consultation: SpecConsultation,
  File: SpecFile,
  Location: SpecLocation,
};

/** An external object list page ("Objektlisten und Paginierung"). */
export const SpecListPage = z.looseObject({
  data: z.array(z.looseObject({ id: url, type: z.string() })),
  pagination: z.looseObject({ totalElements: z.number().int().optional(), elementsPerPage: z.number().int().optional(), currentPage: z.number().int().optional(), totalPages: z.number().int().optional() }).optional(),
  links: z.looseObject({ first: url.optional(), prev: url.optional(), next: url.optional(), last: url.optional(), self: url.optional() }),
});
