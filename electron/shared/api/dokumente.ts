import { z } from 'zod';
import { defineMethods } from './define.js';
import { ADMIN_ONLY, EVERYONE, VORLAGE_EDIT } from '../roles.js';
import { PackVariantSchema, PaperExportInputSchema } from './pdf-export.js';
import { PaperRefSchema } from './vorlagen.js';
import { ConsultationRoleSchema, IdSchema, KeySchema, PaperSchema, requiredLine } from '../schemas.js';

/**
 * Documents: Vorlage templates, DOCX/HTML export of Vorlagen, Einladung + Tagesordnung and
 * Beratungsergebnisse, the Body's Word letterhead (Hausvorlage), and the import of existing Word
 * Vorlagen. (PDF exports: pdf-export.ts.)
 */
const FilePath = requiredLine(4096);
/** A .docx sent by the renderer or read by the CLI: base64, at most 50 MB decoded. */
const DocxBase64 = z.string().max(Math.ceil((50 * 1024 * 1024 * 4) / 3) + 4);

const WrittenFileSchema = z.strictObject({
  path: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
});

export const TemplateSummarySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  defaultRole: ConsultationRoleSchema,
  source: z.enum(['builtin', 'user']),
  overridesBuiltin: z.boolean(),
  titleSuggestion: z.string().nullable(),
  sections: z.array(z.strictObject({ key: z.string(), title: z.string(), required: z.boolean(), hint: z.string().nullable() })),
  closingLine: z.string(),
});
export type TemplateSummary = z.infer<typeof TemplateSummarySchema>;

export const LetterheadInfoSchema = z.strictObject({
  registered: z.boolean(),
  fileName: z.string().nullable(),
  sha256: z.string().nullable(),
  bytes: z.number().int().nullable(),
  /** Placeholders the letterhead uses, e.g. ["amt", "betreff", "inhalt"]. */
  placeholders: z.array(z.string()),
});

export const dokumenteMethods = defineMethods({
  /** Built-in and user templates; broken user template files are listed with file and field. */
  'vorlagen.templates': {
    input: z.strictObject({}),
    output: z.strictObject({
      templates: z.array(TemplateSummarySchema),
      errors: z.array(z.strictObject({ file: z.string(), field: z.string(), message: z.string() })),
    }),
  },
  'vorlagen.exportHtml': {
    input: PaperExportInputSchema,
    output: WrittenFileSchema,
    mutates: true,
  },
  /** DOCX; with the Body's Hausvorlage when one is registered, unless `letterhead: false`. */
  'vorlagen.exportDocx': {
    input: PaperExportInputSchema.extend({ letterhead: z.boolean().optional() }),
    output: WrittenFileSchema.extend({ letterhead: z.boolean() }),
    mutates: true,
  },
  /** A new Vorlage from an existing Word file; nothing is stored when the file is unusable. */
  'vorlagen.importDocx': {
    roles: VORLAGE_EDIT,
    input: z.strictObject({
      fileName: requiredLine(255),
      dataBase64: DocxBase64,
      template: KeySchema,
      /** Required when there is more than one Amt (the refusal names them); a lone Amt is the default. */
      departmentId: IdSchema.optional(),
      /** Default: the Betreff found in the document, else the file name. */
      title: requiredLine(1000).optional(),
      public: z.boolean().default(true),
      /** Pending tracked changes in the file: refuse it (default) or take it as if all were accepted (with a note). */
      trackedChanges: z.enum(['refuse', 'accept']).default('refuse'),
    }),
    /** notes: everything not taken over as it stood; attachments: titles from the document's "Anlage(n):" list. */
    output: z.strictObject({ paper: PaperSchema, notes: z.array(z.string()), attachments: z.array(z.string()) }),
    mutates: true,
  },
  /** "Beratungsergebnis zu Vorlage Nr. …" of the TOP that dealt with the Vorlage in the Sitzung. */
  'ergebnisse.exportDocx': {
    input: z.strictObject({ ref: PaperRefSchema, meetingId: IdSchema, path: FilePath }),
    output: WrittenFileSchema,
    mutates: true,
  },
  /** Einladung + Tagesordnung; the public variant leaves out the non-public part. */
  'sitzungen.exportEinladungDocx': {
    input: z.strictObject({ meetingId: IdSchema, variant: PackVariantSchema.default('members'), path: FilePath }),
    output: WrittenFileSchema,
    mutates: true,
  },
  'hausvorlage.get': { input: z.strictObject({}), output: LetterheadInfoSchema },
  /** Registers the Body's Word letterhead (checked: safe DOCX, has {{inhalt}}, no unknown placeholders). */
  'hausvorlage.set': {
    roles: ADMIN_ONLY,
    input: z.strictObject({ fileName: requiredLine(255), dataBase64: DocxBase64 }),
    output: LetterheadInfoSchema,
    mutates: true,
  },
  'hausvorlage.remove': { roles: ADMIN_ONLY, input: z.strictObject({}), output: z.strictObject({ removed: z.boolean() }), mutates: true },
}, { read: EVERYONE, write: EVERYONE });
