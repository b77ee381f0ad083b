import { z } from 'zod';
import { defineMethods } from './define.js';
import { EVERYONE, SITZUNGSDIENST } from '../roles.js';
import { PaperRefSchema } from './vorlagen.js';
import { IdSchema, requiredLine } from '../schemas.js';

const FilePath = requiredLine(4096);

/** Sitzungsmappe and Einladung: "public" leaves out everything non-public, "members" has it all. */
export const PackVariantSchema = z.enum(['public', 'members']);
export type PackVariant = z.infer<typeof PackVariantSchema>;

/**
 * A single Vorlage to export: printed for a Sitzung when given. `publicOnly` asks for the version
 * for publishing: only public Anlagen are listed, and a non-public Vorlage is refused.
 */
export const PaperExportInputSchema = z.strictObject({
  ref: PaperRefSchema,
  meetingId: IdSchema.optional(),
  path: FilePath,
  publicOnly: z.boolean().optional(),
});

const WarningSchema = z.strictObject({
  code: z.string(),
  /** German, for the user. */
  message: z.string(),
});

const ExportedFileSchema = z.strictObject({
  path: z.string(),
  bytes: z.number().int(),
  pages: z.number().int(),
  sha256: z.string(),
  warnings: z.array(WarningSchema),
});

export const pdfExportMethods = defineMethods({
  /**
   * The in-app live preview as a file: the same HTML as the PDF, shown in a sandboxed frame. A
   * file (not srcdoc) because the frame needs the output-file CSP for its inline print styles,
   * which a srcdoc frame would not get. Not recorded as an export.
   */
  'vorlagen.previewFile': {
    input: PaperExportInputSchema,
    output: z.strictObject({ path: z.string(), bytes: z.number().int() }),
  },
  /** One Vorlage as tagged PDF, the same HTML as the preview; for a Sitzung when given. */
  'vorlagen.exportPdf': {
    input: PaperExportInputSchema,
    output: ExportedFileSchema,
    mutates: true,
  },
  /** "Beratungsergebnis zu Vorlage Nr. …" of the TOP that dealt with the Vorlage in a Sitzung. */
  'ergebnisse.exportPdf': {
    input: z.strictObject({ ref: PaperRefSchema, meetingId: IdSchema, path: FilePath }),
    output: ExportedFileSchema,
    mutates: true,
  },
  /** Einladung with the Tagesordnung under the letter, DOCX or tagged PDF; "public" leaves out part B. */
  'sitzungen.exportEinladung': {
    roles: EVERYONE,
    input: z.strictObject({ meetingId: IdSchema, format: z.enum(['docx', 'pdf']), variant: PackVariantSchema.default('members'), path: FilePath }),
    output: z.strictObject({ path: z.string(), bytes: z.number().int(), sha256: z.string(), pages: z.number().int().nullable() }),
    mutates: true,
  },
  /**
   * The Sitzungsmappe: cover, Einladung, Tagesordnung with page numbers, every Vorlage with its
   * Anlagen. "public" contains nothing non-public; "members" everything. Emits progress events.
   */
  'sitzungen.pack': {
    roles: SITZUNGSDIENST,
    input: z.strictObject({ meetingId: IdSchema, variant: PackVariantSchema, path: FilePath }),
    output: ExportedFileSchema.extend({
      variant: PackVariantSchema,
      /** Name to offer for download or saving ("Sitzungsmappe_Sozialausschuss_2026-12-16_oeffentlich.pdf"). */
      fileName: z.string(),
      /** Start page of each TOP's documents, null for TOPs without documents. */
      tops: z.array(z.strictObject({ number: z.string(), title: z.string(), page: z.number().int().nullable() })),
    }),
    progress: true,
    mutates: true,
  },
}, { read: EVERYONE, write: EVERYONE });
