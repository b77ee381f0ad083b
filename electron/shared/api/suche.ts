import { z } from 'zod';
import { defineMethods } from './define.js';
import { ADMIN_ONLY, EVERYONE } from '../roles.js';
import { IdSchema, requiredLine } from '../schemas.js';

export const SearchKindSchema = z.enum(['vorlage', 'top', 'anlage']);
export type SearchKind = z.infer<typeof SearchKindSchema>;

/** A piece of a snippet; `match` marks the words the query found. Plain text, never markup. */
export const SnippetRunSchema = z.strictObject({ text: z.string(), match: z.boolean() });

export const SearchHitSchema = z.strictObject({
  kind: SearchKindSchema,
  /** Id of the Vorlage, TOP or Anlage. */
  id: IdSchema,
  /** bm25 score, lower is better (as SQLite reports it). */
  score: z.number(),
  title: z.string(),
  public: z.boolean(),
  snippet: z.array(SnippetRunSchema),
  /** The Vorlage the hit belongs to (itself for kind "vorlage"). */
  paper: z.strictObject({ id: IdSchema, reference: z.string(), title: z.string() }).nullable(),
  /** For TOPs: the Sitzung. */
  meeting: z.strictObject({ id: IdSchema, start: z.string(), committee: z.string() }).nullable(),
  agendaNumber: z.string().nullable(),
  result: z.string().nullable(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const sucheMethods = defineMethods({
  'suche.query': {
    input: z.strictObject({
      query: requiredLine(500),
      limit: z.number().int().min(1).max(100).default(10),
      offset: z.number().int().min(0).max(10_000).default(0),
      kinds: z.array(SearchKindSchema).min(1).max(3).optional(),
    }),
    output: z.strictObject({ query: z.string(), hits: z.array(SearchHitSchema), hasMore: z.boolean() }),
  },
  'suche.rebuild': {
    input: z.strictObject({}),
    output: z.strictObject({ documents: z.number().int(), vorlagen: z.number().int(), tops: z.number().int(), anlagen: z.number().int() }),
    mutates: true,
  },
}, { read: EVERYONE, write: ADMIN_ONLY });
