import type { JSONContent } from '@tiptap/core';
import { DocSchema, type Doc } from '@shared/document';
import { normalizeHref } from '@shared/link';

/**
 * The bridge between TipTap's JSON and our document model (electron/shared/document.ts). The
 * editor's schema already allows only our node types; this removes what TipTap adds on top
 * (default attributes, empty trailing paragraphs) so a section that was only looked at is
 * byte-for-byte what was loaded, and validates the result with DocSchema before it is saved.
 */

type Json = JSONContent;

const TEXT_MARKS = new Set(['bold', 'italic', 'underline']);

/** Our marks, a link last as the model stores it, with only its address (TipTap adds target, rel, class). */
function normalizeMarks(marks: NonNullable<Json['marks']>): Json['marks'] {
  const styles = marks.filter((m) => TEXT_MARKS.has(m.type)).map((m) => ({ type: m.type }));
  const raw = marks.find((m) => m.type === 'link')?.attrs?.href;
  // The editor lets only allowed addresses become links; stored, they take their normal form.
  const link = typeof raw === 'string' ? normalizeHref(raw) : null;
  return link?.ok ? [...styles, { type: 'link', attrs: { href: link.href } }] : styles;
}

function normalizeAttrs(node: Json): Record<string, unknown> | undefined {
  const attrs = node.attrs ?? {};
  switch (node.type) {
    case 'heading':
      return { level: attrs.level };
    case 'orderedList': {
      const out: Record<string, unknown> = {};
      if (typeof attrs.start === 'number' && attrs.start !== 1) out.start = attrs.start;
      if (attrs.delimiter === ')') out.delimiter = ')';
      return Object.keys(out).length ? out : undefined;
    }
    case 'tableCell':
    case 'tableHeader': {
      const out: Record<string, unknown> = {};
      if (typeof attrs.colspan === 'number' && attrs.colspan > 1) out.colspan = attrs.colspan;
      if (typeof attrs.rowspan === 'number' && attrs.rowspan > 1) out.rowspan = attrs.rowspan;
      if (Array.isArray(attrs.colwidth) && attrs.colwidth.some((w) => typeof w === 'number' && w > 0)) out.colwidth = attrs.colwidth;
      return Object.keys(out).length ? out : undefined;
    }
    default:
      return undefined;
  }
}

function normalizeNode(node: Json): Json {
  if (node.type === 'text') {
    const marks = normalizeMarks(node.marks ?? []);
    return marks?.length ? { type: 'text', text: node.text, marks } : { type: 'text', text: node.text };
  }
  const out: Json = { type: node.type };
  const attrs = normalizeAttrs(node);
  if (attrs) out.attrs = attrs;
  if (node.content && node.content.length) out.content = node.content.map(normalizeNode);
  return out;
}

const isEmptyParagraph = (node: Json | undefined) => node?.type === 'paragraph' && !node.content?.length;

/** TipTap's JSON as our model, or the reason it cannot be stored (German, for the user). */
export function toStoredDoc(json: Json): { ok: true; doc: Doc } | { ok: false; message: string } {
  const content = (json.content ?? []).map(normalizeNode);
  // An editor is never empty (it keeps one paragraph to type into); stored, that is "no text".
  while (content.length && isEmptyParagraph(content[content.length - 1])) content.pop();
  const parsed = DocSchema.safeParse({ type: 'doc', content });
  if (parsed.success) return { ok: true, doc: parsed.data };
  const where = parsed.error.issues[0]?.path.join('.') ?? '';
  return { ok: false, message: `Der Text enthält ein Element, das Vorlagenwerk nicht speichern kann (${where || 'Dokument'}).` };
}

/** Our model as editor content; an empty section becomes one empty paragraph to type into. */
export function toEditorContent(doc: Doc | undefined): Json {
  const content = (doc?.content ?? []) as Json[];
  return { type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] };
}

/** The words of a section, for "Abschnitt leer" hints and counts. */
export function plainText(doc: Doc | undefined): string {
  const parts: string[] = [];
  const walk = (node: Json) => {
    if (node.type === 'text' && node.text) parts.push(node.text);
    node.content?.forEach(walk);
    if (node.type !== 'text') parts.push(' ');
  };
  if (doc) walk(doc as Json);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Equality of two stored docs (both normalized), to tell a real edit from a re-render. */
export const sameDoc = (a: Doc | undefined, b: Doc | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
