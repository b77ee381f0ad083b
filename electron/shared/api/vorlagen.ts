import { z } from 'zod';
import { defineMethods } from './define.js';
import { EVERYONE, VORLAGE_EDIT } from '../roles.js';
import {
  AttachmentSchema,
  AuditEventSchema,
  IdSchema,
  IsoDateSchema,
  KeySchema,
  LIMITS,
  PaperContentSchema,
  PaperSchema,
  PaperStatusSchema,
  PaperSummarySchema,
  RevisionSchema,
  SectionsSchema,
  lineText,
  requiredLine,
} from '../schemas.js';

/** A Vorlage is addressed by its number ("50/012/2025") or its id. */
export const PaperRefSchema = z.union([IdSchema, requiredLine(100)]);

export const PaperFilterSchema = z.strictObject({
  year: z.number().int().min(1900).max(2200).optional(),
  departmentId: IdSchema.optional(),
  committeeId: IdSchema.optional(),
  status: PaperStatusSchema.optional(),
  text: lineText(200).optional(),
});

export const vorlagenMethods = defineMethods({
  'vorlagen.list': {
    input: PaperFilterSchema,
    output: z.array(PaperSummarySchema),
  },
  /** One page of the list (in list order) and the number of all matches: what a long, virtualized list loads. */
  'vorlagen.page': {
    input: PaperFilterSchema.extend({
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
      /** 'nummer': newest year and number first (the list); 'geaendert': last changed first (Übersicht). */
      order: z.enum(['nummer', 'geaendert']).default('nummer'),
    }),
    output: z.strictObject({ total: z.number().int().min(0), items: z.array(PaperSummarySchema) }),
  },
  'vorlagen.get': { input: z.strictObject({ ref: PaperRefSchema }), output: PaperSchema },
  'vorlagen.create': {
    input: z.strictObject({
      template: KeySchema,
      departmentId: IdSchema,
      title: requiredLine(LIMITS.title),
      public: z.boolean().default(true),
      /** A manual number, e.g. for a Vorlage imported from elsewhere; else the next free one. */
      reference: requiredLine(100).optional(),
      year: z.number().int().min(1900).max(2200).optional(),
      sections: SectionsSchema.optional(),
    }),
    output: PaperSchema,
    mutates: true,
  },
  'vorlagen.save': {
    input: z.strictObject({
      id: IdSchema,
      /** The revision the editor started from; a newer one in the database is a CONFLICT, not an overwrite. */
      expectedRevision: z.number().int().min(0).optional(),
      title: requiredLine(LIMITS.title).optional(),
      public: z.boolean().optional(),
      template: KeySchema.optional(),
      departmentId: IdSchema.optional(),
      sections: SectionsSchema.optional(),
      /** The Vorlage's own date ("Datum" in its head); null clears it (the Freigabe then sets it). */
      date: IsoDateSchema.nullable().optional(),
    }),
    output: z.strictObject({
      revision: z.number().int(),
      changed: z.boolean(),
      savedAt: z.string(),
      /** Mitzeichnung steps whose signatures this change made invalid (they must sign again). */
      invalidatedSteps: z.array(z.string()),
    }),
    mutates: true,
  },
  'vorlagen.delete': { input: z.strictObject({ id: IdSchema }), output: z.strictObject({ deleted: z.boolean(), reference: z.string() }), mutates: true },
  'vorlagen.history': {
    input: z.strictObject({ ref: PaperRefSchema }),
    output: z.strictObject({ revisions: z.array(RevisionSchema), events: z.array(AuditEventSchema) }),
  },
  'vorlagen.revision': {
    input: z.strictObject({ ref: PaperRefSchema, number: z.number().int().min(1) }),
    output: z.strictObject({ revision: RevisionSchema, content: PaperContentSchema }),
  },

  'anlagen.add': {
    input: z.strictObject({
      paperId: IdSchema,
      title: requiredLine(LIMITS.title),
      fileName: requiredLine(255),
      public: z.boolean().default(true),
      /** File content, base64; the size limit is checked after decoding. */
      dataBase64: z.string().max(Math.ceil((LIMITS.attachmentBytes * 4) / 3) + 4),
    }),
    output: AttachmentSchema,
    mutates: true,
  },
  'anlagen.update': {
    input: z.strictObject({
      id: IdSchema,
      title: requiredLine(LIMITS.title).optional(),
      public: z.boolean().optional(),
      fileName: requiredLine(255).optional(),
    }),
    output: AttachmentSchema,
    mutates: true,
  },
  'anlagen.reorder': {
    input: z.strictObject({ paperId: IdSchema, orderedIds: z.array(IdSchema).max(500) }),
    output: z.array(AttachmentSchema),
    mutates: true,
  },
  'anlagen.remove': { input: z.strictObject({ id: IdSchema }), output: z.strictObject({ removed: z.boolean() }), mutates: true },
  'anlagen.content': {
    input: z.strictObject({ id: IdSchema }),
    output: z.strictObject({ fileName: z.string(), mediaType: z.string(), dataBase64: z.string() }),
  },
}, { read: EVERYONE, write: VORLAGE_EDIT });
