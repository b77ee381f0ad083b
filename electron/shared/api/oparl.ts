import { z } from 'zod';
import { defineMethods } from './define.js';
import { ADMIN_ONLY, EVERYONE } from '../roles.js';
import { requiredLine } from '../schemas.js';
import { BodySettingsSchema, webAddress } from '../publication.js';

/**
 * Where the Kreis will publish the files: every OParl id and accessUrl starts with it. An
 * absolute http(s) URL without spaces, query or fragment, its host in punycode if it is not
 * ASCII; a missing trailing slash is added, so "https://ris.example.de/oparl/v1" and ".../v1/"
 * name the same place.
 */
export const OParlBaseUrlSchema = webAddress('https://ris.musterkreis.de/oparl/v1/').transform((s) => (s.endsWith('/') ? s : `${s}/`));

const OParlCountsSchema = z.strictObject({
  organizations: z.number().int(),
  meetings: z.number().int(),
  agendaItems: z.number().int(),
  papers: z.number().int(),
  consultations: z.number().int(),
  files: z.number().int(),
});
export type OParlCounts = z.infer<typeof OParlCountsSchema>;

const CountsSchema = z.strictObject({ created: z.number().int(), updated: z.number().int() });
export const OParlImportSummarySchema = z.strictObject({
  source: z.string(),
  /** The Körperschaft named in the export. */
  body: z.string(),
  committees: CountsSchema,
  persons: CountsSchema,
  memberships: CountsSchema,
  meetings: CountsSchema,
  /** What was left out and why, in German (the first few). */
  notes: z.array(z.string()),
});
export type OParlImportSummary = z.infer<typeof OParlImportSummarySchema>;

export const oparlMethods = defineMethods({
  /**
   * Everything public as OParl 1.1 JSON files (one list per object type, system.json, body.json)
   * plus the public Anlagen in DIR/files/, for the Kreis's Ratsinformationssystem. Writes a whole
   * folder, so the adapters refuse it (CLI_ONLY_METHODS in transport.ts): the CLI is its user.
   */
  'daten.oparlExport': {
    input: z.strictObject({
      dir: requiredLine(4096),
      baseUrl: OParlBaseUrlSchema.optional(),
    }),
    output: OParlCountsSchema.extend({
      dir: z.string(),
      baseUrl: z.string(),
      /** SHA-256 of the manifest (SHA256SUMS) that lists every written file with its own SHA-256. */
      sha256: z.string(),
    }),
    mutates: true,
  },
  /**
   * Gremien, persons, memberships and Sitzungen from an OParl 1.0/1.1 export: a folder or a
   * server on the local network (any other address is refused). Re-importing updates by OParl id.
   * Reads a folder or the network, so the adapters refuse it (CLI_ONLY_METHODS).
   */
  'daten.oparlImport': {
    input: z.strictObject({ source: requiredLine(4096) }),
    output: OParlImportSummarySchema,
    mutates: true,
  },
  /** Time zone, licences and Wahlperioden of the Körperschaft (see shared/publication.ts). */
  'koerperschaft.veroeffentlichung': { input: z.strictObject({}), output: BodySettingsSchema },
  /**
   * Saves them. A new time zone is refused while a Sitzung has a start or end time that does not
   * exist in it (skipped by the change to summer time there).
   */
  'koerperschaft.setVeroeffentlichung': { input: BodySettingsSchema, output: BodySettingsSchema, mutates: true },
}, { read: EVERYONE, write: ADMIN_ONLY });
