import { z } from 'zod';
import { defineMethods } from './define.js';
import { ADMIN_ONLY } from '../roles.js';
import { requiredLine } from '../schemas.js';

const FilePath = requiredLine(4096);
const ImportSummarySchema = z.strictObject({
  departments: z.number().int(),
  committees: z.number().int(),
  meetings: z.number().int(),
  papers: z.number().int(),
  attachments: z.number().int(),
  persons: z.number().int().optional(),
  /** Imported as it stood, but worth a look: unknown template, empty required section, … */
  warnings: z.array(z.string()).optional(),
});
export const BackupInfoSchema = z.strictObject({ file: z.string(), createdAt: z.string(), size: z.number().int() });

export const datenMethods = defineMethods({
  'daten.demo': {
    input: z.strictObject({}),
    output: z.strictObject({ loaded: z.boolean(), summary: ImportSummarySchema.nullable() }),
    mutates: true,
  },
  'daten.import': {
    input: z.strictObject({ path: FilePath }),
    output: ImportSummarySchema,
    mutates: true,
  },
  'daten.export': {
    input: z.strictObject({
      path: FilePath,
      /** Leaves out every non-public Vorlage, TOP and Anlage: safe to hand to the public. */
      publicOnly: z.boolean().default(false),
    }),
    output: ImportSummarySchema.extend({ path: z.string(), sha256: z.string() }),
    mutates: true,
  },
  'sicherung.create': { input: z.strictObject({}), output: BackupInfoSchema, mutates: true },
  'sicherung.list': { input: z.strictObject({}), output: z.array(BackupInfoSchema) },
  'sicherung.check': {
    input: z.strictObject({}),
    output: z.strictObject({ ok: z.boolean(), integrity: z.array(z.string()), schemaVersion: z.number().int(), foreignKeyErrors: z.number().int() }),
  },
  'sicherung.restore': {
    input: z.strictObject({ file: FilePath }),
    output: z.strictObject({ restoredFrom: z.string(), previousSavedAs: z.string() }),
    mutates: true,
  },
}, { read: ADMIN_ONLY, write: ADMIN_ONLY });
