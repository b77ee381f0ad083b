import { z } from 'zod';
import type { OParlDocuments } from './build.js';
import {
  AgendaItemSchema,
  BodySchema,
  ConsultationSchema,
  FileSchema,
  listPageSchema,
  LocationSchema,
  MeetingSchema,
  OrganizationSchema,
  PaperSchema,
  PersonSchema,
  SystemSchema,
} from './schema.js';
import type { OParlList } from './urls.js';

const LIST_SCHEMAS: { [K in OParlList]: z.ZodType } = {
  body: listPageSchema(BodySchema),
  organizations: listPageSchema(OrganizationSchema),
  persons: listPageSchema(PersonSchema),
  meetings: listPageSchema(MeetingSchema),
  agendaItems: listPageSchema(AgendaItemSchema),
  papers: listPageSchema(PaperSchema),
  consultations: listPageSchema(ConsultationSchema),
  files: listPageSchema(FileSchema),
  locations: listPageSchema(LocationSchema),
};

/**
 * Checks every object against the OParl fields we mean to emit (strict: no other field passes).
 * A failure is a bug of the exporter, not a user error: it is raised as a plain Error, which the
 * dispatcher logs and reports as an internal error — and nothing has been written yet.
 */
export function validateOParl(docs: OParlDocuments): void {
  const problems: string[] = [];
  const check = (name: string, schema: z.ZodType, value: unknown) => {
    const r = schema.safeParse(value);
    if (!r.success) problems.push(...r.error.issues.slice(0, 5).map((i) => `${name}: ${i.path.join('.')}: ${i.message}`));
  };
  check('system', SystemSchema, docs.system);
  for (const [name, schema] of Object.entries(LIST_SCHEMAS)) check(name, schema, docs.lists[name as OParlList]);
  if (problems.length) throw new Error(`OParl output does not match its schema: ${problems.slice(0, 10).join('; ')}`);
}
