import { z } from 'zod';
// German zod messages everywhere these schemas are parsed.
import './zod-german.js';
import { LINK_HREF, LINK_MAX } from './link.js';

/**
 * The one document model: a strict subset of ProseMirror JSON as TipTap's StarterKit and
 * Table and Link extensions produce it. Unknown node types, marks or attributes are rejected, so
 * every renderer (HTML, DOCX) only ever has to handle what is listed here.
 */

const MAX_TEXT = 200_000;

/**
 * Well-formed UTF-16: every surrogate in a pair. A lone one (valid in JSON as "\ud800") cannot be
 * stored as UTF-8 and was silently replaced by "�" on the way to the database; it is refused
 * instead. Written as a pattern (not a refinement) so the published JSON Schema states it too;
 * the unrolled form stays linear on long texts, with and without the regex `u` flag.
 */
export const WELL_FORMED = /^[^\uD800-\uDFFF]*(?:[\uD800-\uDBFF][\uDC00-\uDFFF][^\uD800-\uDFFF]*)*$/;
export const LONE_SURROGATE = 'enthält ein ungültiges Zeichen (ein einzelnes UTF-16-Surrogat)';
const MAX_CHILDREN = 5_000;

export const StyleMarkSchema = z.strictObject({
  type: z.enum(['bold', 'italic', 'underline']),
});
/** A hyperlink (see link.ts for which addresses and why); its text is the marked text. */
export const LinkMarkSchema = z.strictObject({
  type: z.literal('link'),
  attrs: z.strictObject({
    href: z
      .string()
      .max(LINK_MAX)
      .regex(LINK_HREF, 'ist keine zulässige Linkadresse (nur http, https oder mailto, ohne Leer- und Steuerzeichen)'),
  }),
});
export const MarkSchema = z.discriminatedUnion('type', [StyleMarkSchema, LinkMarkSchema]);
export type StyleMark = z.infer<typeof StyleMarkSchema>;
export type LinkMark = z.infer<typeof LinkMarkSchema>;
export type Mark = z.infer<typeof MarkSchema>;

export const TextNodeSchema = z.strictObject({
  type: z.literal('text'),
  text: z.string().min(1).max(MAX_TEXT).regex(WELL_FORMED, LONE_SURROGATE),
  marks: z.array(MarkSchema).max(4).optional(),
});
export type TextNode = z.infer<typeof TextNodeSchema>;

export const HardBreakSchema = z.strictObject({ type: z.literal('hardBreak') });

export const InlineSchema = z.discriminatedUnion('type', [TextNodeSchema, HardBreakSchema]);
export type InlineNode = z.infer<typeof InlineSchema>;

const inlineContent = z.array(InlineSchema).max(MAX_CHILDREN).optional();

export const ParagraphSchema = z.strictObject({
  type: z.literal('paragraph'),
  content: inlineContent,
});
export type Paragraph = z.infer<typeof ParagraphSchema>;

export const HeadingSchema = z.strictObject({
  type: z.literal('heading'),
  attrs: z.strictObject({ level: z.union([z.literal(1), z.literal(2), z.literal(3)]) }),
  content: inlineContent,
});
export type Heading = z.infer<typeof HeadingSchema>;

export interface ListItem {
  type: 'listItem';
  content: Block[];
}
export interface BulletList {
  type: 'bulletList';
  content: ListItem[];
}
export interface OrderedList {
  type: 'orderedList';
  /**
   * delimiter ")": written "1)" by the author (Markdown "1)"), printed so whatever the
   * Körperschaft's list style; without it the list follows that style (issue 14.5).
   */
  attrs?: { start?: number; delimiter?: ')' };
  content: ListItem[];
}
export interface TableCell {
  type: 'tableCell' | 'tableHeader';
  attrs?: { colspan?: number; rowspan?: number; colwidth?: number[] | null };
  content: Block[];
}
export interface TableRow {
  type: 'tableRow';
  content: TableCell[];
}
export interface Table {
  type: 'table';
  content: TableRow[];
}
export type Block = Paragraph | Heading | BulletList | OrderedList | Table;

export const ListItemSchema: z.ZodType<ListItem> = z.lazy(() =>
  z.strictObject({
    type: z.literal('listItem'),
    content: z.array(BlockSchema).min(1).max(MAX_CHILDREN),
  }),
);

export const BulletListSchema: z.ZodType<BulletList> = z.lazy(() =>
  z.strictObject({
    type: z.literal('bulletList'),
    content: z.array(ListItemSchema).min(1).max(MAX_CHILDREN),
  }),
);

export const OrderedListSchema: z.ZodType<OrderedList> = z.lazy(() =>
  z.strictObject({
    type: z.literal('orderedList'),
    attrs: z
      .strictObject({
        start: z.number().int().min(0).max(100_000).optional(),
        delimiter: z.literal(')').nullable().optional(),
        type: z.null().optional(),
      })
      .transform(({ start, delimiter }) => ({ ...(start === undefined ? {} : { start }), ...(delimiter ? { delimiter } : {}) }))
      .optional(),
    content: z.array(ListItemSchema).min(1).max(MAX_CHILDREN),
  }),
);

export const TableCellSchema: z.ZodType<TableCell> = z.lazy(() =>
  z.strictObject({
    type: z.enum(['tableCell', 'tableHeader']),
    attrs: z
      .strictObject({
        colspan: z.number().int().min(1).max(50).optional(),
        rowspan: z.number().int().min(1).max(500).optional(),
        colwidth: z.array(z.number().min(0).max(5000)).max(50).nullable().optional(),
      })
      .optional(),
    content: z.array(BlockSchema).min(1).max(MAX_CHILDREN),
  }),
);

export const TableRowSchema: z.ZodType<TableRow> = z.lazy(() =>
  z.strictObject({
    type: z.literal('tableRow'),
    content: z.array(TableCellSchema).min(1).max(50),
  }),
);

export const TableSchema: z.ZodType<Table> = z.lazy(() =>
  z.strictObject({
    type: z.literal('table'),
    content: z.array(TableRowSchema).min(1).max(MAX_CHILDREN),
  }),
);

export const BlockSchema: z.ZodType<Block> = z.lazy(() =>
  z.union([ParagraphSchema, HeadingSchema, BulletListSchema, OrderedListSchema, TableSchema]),
);

const DocShape = z.strictObject({
  type: z.literal('doc'),
  content: z.array(BlockSchema).max(MAX_CHILDREN),
});
export type Doc = z.infer<typeof DocShape>;

/**
 * Limits of one document. Depth counts nested block levels as the editor's sanitizer does: a
 * list and its item are one level each, a table row with its cells one, so blocks sit at most
 * 40 levels deep. The node and text totals keep one document from filling memory.
 */
export const DOC_LIMITS = { depth: 40, nodes: 250_000, textChars: 10_000_000 } as const;

/**
 * Checks depth and size of a would-be document without recursion, before the recursive schema
 * runs: zod's parser recursed into a 1 000-level list until the stack overflowed (an INTERNAL
 * error), and 45–300 levels were stored although every renderer assumes at most 40.
 */
export function docLimitProblem(value: unknown): string | null {
  const stack: [unknown, number][] = [[value, -1]];
  let nodes = 0;
  let textChars = 0;
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    const { type, content, text } = node as { type?: unknown; content?: unknown; text?: unknown };
    if (++nodes > DOC_LIMITS.nodes) return `Das Dokument ist zu groß (mehr als ${DOC_LIMITS.nodes.toLocaleString('de-DE')} Elemente).`;
    if (typeof text === 'string' && (textChars += text.length) > DOC_LIMITS.textChars) {
      return `Das Dokument ist zu groß (mehr als ${DOC_LIMITS.textChars.toLocaleString('de-DE')} Zeichen Text).`;
    }
    // Inline nodes (text, line breaks) add no level; nor does a table cell, counted with its row.
    const inline = type === 'text' || type === 'hardBreak';
    if (!inline && depth > DOC_LIMITS.depth) return `Das Dokument ist zu tief verschachtelt (höchstens ${DOC_LIMITS.depth} Ebenen).`;
    if (!Array.isArray(content)) continue;
    const childDepth = type === 'tableCell' || type === 'tableHeader' ? depth : depth + 1;
    for (const child of content) stack.push([child, childDepth]);
  }
  return null;
}

/**
 * The document schema: the limits first, then the shape. A transform (returning its input as
 * is) rather than a refinement, because JSON Schema output then describes the shape. Typed as
 * the shape — what goes in and comes out is unchanged; the pipe would declare `unknown` input.
 */
export const DocSchema = z
  .transform((value: unknown, ctx) => {
    const problem = docLimitProblem(value);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: value });
    return value;
  })
  .pipe(DocShape) as unknown as typeof DocShape;

export const emptyDoc = (): Doc => ({ type: 'doc', content: [] });
