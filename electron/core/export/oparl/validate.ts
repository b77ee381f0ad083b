import { z } from 'zod';
import type { OParlDocuments } from './build.js';
import {
  AgendaItemSchema,
  BodySchema,
  ConsultationSchema,
  FileSchema,
  LegislativeTermSchema,
  listPageSchema,
  LocationSchema,
  MeetingSchema,
  MembershipSchema,
  OPARL_VERSION,
  OrganizationSchema,
  PaperSchema,
  PersonSchema,
  SystemSchema,
  TombstoneSchema,
} from './schema.js';
import type { OParlList } from './urls.js';

const LIST_ITEM_SCHEMAS: { [K in OParlList]: z.ZodType } = {
  body: BodySchema,
  organizations: OrganizationSchema,
  persons: PersonSchema,
  meetings: MeetingSchema,
  agendaItems: AgendaItemSchema,
  papers: PaperSchema,
  consultations: ConsultationSchema,
  files: FileSchema,
  locations: LocationSchema,
};

const SCHEMA_OF_TYPE: Record<string, z.ZodType> = {
  System: SystemSchema,
  Body: BodySchema,
  Organization: OrganizationSchema,
  Person: PersonSchema,
  Membership: MembershipSchema,
  Meeting: MeetingSchema,
  AgendaItem: AgendaItemSchema,
  Paper: PaperSchema,
  Consultation: ConsultationSchema,
  File: FileSchema,
  Location: LocationSchema,
  LegislativeTerm: LegislativeTermSchema,
};

const isTombstone = (v: unknown) => !!v && typeof v === 'object' && (v as { deleted?: unknown }).deleted === true;

/**
 * Checks every list page and every object file against the OParl fields we mean to emit (strict:
 * no other field passes; tombstones only with id, type, created, modified, deleted). A failure is
 * a bug of the exporter, not a user error: it is raised as a plain Error, which the dispatcher
 * logs and reports as an internal error — and nothing has been written yet.
 */
export function validateOParl(docs: OParlDocuments, objects: ReadonlyMap<string, unknown> = new Map()): void {
  const problems: string[] = [];
  const check = (name: string, schema: z.ZodType, value: unknown) => {
    const r = schema.safeParse(value);
    if (!r.success) problems.push(...r.error.issues.slice(0, 5).map((i) => `${name}${i.path.length ? `.${i.path.join('.')}` : ''}: ${i.message}`));
  };
  check('system', SystemSchema, docs.system);
  for (const [name, item] of Object.entries(LIST_ITEM_SCHEMAS)) {
    const page = docs.lists[name as OParlList];
    check(name, listPageSchema(z.unknown()), page);
    page.data.forEach((o, i) => check(`${name}: data.${i}`, isTombstone(o) ? TombstoneSchema : item, o));
  }
  for (const [path, o] of objects) {
    const type = String((o as { type?: unknown }).type ?? '').slice(OPARL_VERSION.length);
    const schema = isTombstone(o) ? TombstoneSchema : SCHEMA_OF_TYPE[type];
    if (!schema) problems.push(`${path}: unknown type`);
    else check(path, schema, o);
  }
  if (problems.length) throw new Error(`OParl output does not match its schema: ${problems.slice(0, 10).join('; ')}`);
}
