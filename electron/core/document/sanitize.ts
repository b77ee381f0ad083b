import {
  DOC_LIMITS,
  DocSchema,
  type Block,
  type Doc,
  type InlineNode,
  type LinkMark,
  type ListItem,
  type Mark,
  type TableCell,
  type TableRow,
} from '../../shared/document.js';
import { normalizeHref } from '../../shared/link.js';
import { DocumentError } from './errors.js';
import { stripInvalidXmlChars } from './text.js';

/**
 * Lenient clean-up of ProseMirror-like JSON (TipTap output, bundle JSON, converter output) into
 * the strict document model. Only known nodes and marks survive:
 * - unknown marks (strike, code, …) are dropped, their text kept; a link keeps its address only
 *   when it is an allowed one (shared/link.ts), otherwise its text stays without the link;
 * - wrapper nodes (blockquote, unknown blocks with content) are unwrapped;
 * - code blocks become paragraphs, hard line breaks inside text become hardBreak nodes;
 * - leaf nodes without text (image, horizontalRule, …) are dropped;
 * - heading levels above 3 become 3; empty list items and table cells get an empty paragraph;
 * - characters not allowed in XML are removed.
 * The result is validated with DocSchema, so renderers can trust it.
 */
export interface SanitizeReport {
  /** Types of nodes and marks that were removed or unwrapped, with counts. */
  dropped: Record<string, number>;
  /** Links kept as plain text because their address is not allowed, with the German reason. */
  rejectedLinks?: { href: string; reason: string }[];
}

const MAX_DEPTH = DOC_LIMITS.depth;
const MAX_TEXT = 200_000;
type StyleType = Exclude<Mark['type'], 'link'>;
const MARK_ORDER: StyleType[] = ['bold', 'italic', 'underline'];
const MARK_ALIASES: Record<string, StyleType> = {
  bold: 'bold',
  strong: 'bold',
  italic: 'italic',
  em: 'italic',
  underline: 'underline',
};

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const childrenOf = (node: Json): unknown[] => (Array.isArray(node.content) ? node.content : []);

export function sanitizeDoc(input: unknown, report: SanitizeReport = { dropped: {} }): Doc {
  if (!isObject(input) || input.type !== 'doc') {
    throw new DocumentError('Ungültiges Dokument: erwartet wird ein Objekt mit type "doc".');
  }
  const drop = (what: string) => {
    report.dropped[what] = (report.dropped[what] ?? 0) + 1;
  };
  const content = blocks(childrenOf(input), 0, drop, report);
  const result = DocSchema.safeParse({ type: 'doc', content });
  if (!result.success) {
    throw new DocumentError(`Ungültiges Dokument: ${result.error.issues[0]?.message ?? 'unbekannter Fehler'}`);
  }
  return result.data;
}

type Drop = (what: string) => void;

function checkDepth(depth: number) {
  if (depth > MAX_DEPTH) throw new DocumentError('Ungültiges Dokument: zu tief verschachtelt.');
}

function blocks(nodes: unknown[], depth: number, drop: Drop, report: SanitizeReport): Block[] {
  checkDepth(depth);
  const out: Block[] = [];
  let pendingInline: unknown[] = [];
  const flushInline = () => {
    if (pendingInline.length) {
      const content = inline(pendingInline, [], drop, report);
      if (content.length) out.push({ type: 'paragraph', content });
      pendingInline = [];
    }
  };
  for (const node of nodes) {
    if (!isObject(node)) {
      drop('invalid');
      continue;
    }
    // Stray inline content at block level is collected into a paragraph.
    if (node.type === 'text' || node.type === 'hardBreak') {
      pendingInline.push(node);
      continue;
    }
    flushInline();
    out.push(...block(node, depth, drop, report));
  }
  flushInline();
  return out;
}

function block(node: Json, depth: number, drop: Drop, report: SanitizeReport): Block[] {
  switch (node.type) {
    case 'paragraph': {
      const content = inline(childrenOf(node), [], drop, report);
      return [content.length ? { type: 'paragraph', content } : { type: 'paragraph' }];
    }
    case 'heading': {
      const raw = isObject(node.attrs) ? Number(node.attrs.level) : 1;
      const level = (Number.isFinite(raw) ? Math.min(3, Math.max(1, Math.round(raw))) : 1) as 1 | 2 | 3;
      if (raw > 3) drop(`heading${raw}`);
      const content = inline(childrenOf(node), [], drop, report);
      return [content.length ? { type: 'heading', attrs: { level }, content } : { type: 'heading', attrs: { level } }];
    }
    case 'bulletList':
    case 'orderedList': {
      const items = listItems(childrenOf(node), depth + 1, drop, report);
      if (!items.length) return [];
      if (node.type === 'bulletList') return [{ type: 'bulletList', content: items }];
      const start = isObject(node.attrs) ? Number(node.attrs.start) : NaN;
      const attrs = {
        ...(Number.isInteger(start) && start >= 0 && start <= 100_000 && start !== 1 ? { start } : {}),
        ...(isObject(node.attrs) && node.attrs.delimiter === ')' ? { delimiter: ')' as const } : {}),
      };
      return [Object.keys(attrs).length ? { type: 'orderedList', attrs, content: items } : { type: 'orderedList', content: items }];
    }
    case 'listItem':
      // A list item outside a list: keep its content.
      drop('listItem');
      return blocks(childrenOf(node), depth + 1, drop, report);
    case 'table': {
      const rows = tableRows(childrenOf(node), depth + 1, drop, report);
      return rows.length ? [{ type: 'table', content: rows }] : [];
    }
    case 'codeBlock': {
      drop('codeBlock');
      const text = childrenOf(node)
        .map((c) => (isObject(c) && typeof c.text === 'string' ? c.text : ''))
        .join('');
      const content = inline([{ type: 'text', text }], [], drop, report);
      return content.length ? [{ type: 'paragraph', content }] : [];
    }
    default: {
      drop(String(node.type ?? 'unknown'));
      const children = childrenOf(node);
      return children.length ? blocks(children, depth + 1, drop, report) : [];
    }
  }
}

function listItems(nodes: unknown[], depth: number, drop: Drop, report: SanitizeReport): ListItem[] {
  checkDepth(depth);
  const items: ListItem[] = [];
  for (const node of nodes) {
    if (!isObject(node)) {
      drop('invalid');
      continue;
    }
    const content = node.type === 'listItem' ? blocks(childrenOf(node), depth + 1, drop, report) : blocks([node], depth + 1, drop, report);
    items.push({ type: 'listItem', content: content.length ? content : [{ type: 'paragraph' }] });
  }
  return items;
}

function tableRows(nodes: unknown[], depth: number, drop: Drop, report: SanitizeReport): TableRow[] {
  checkDepth(depth);
  const rows: TableRow[] = [];
  for (const row of nodes) {
    if (!isObject(row) || row.type !== 'tableRow') {
      drop(isObject(row) ? String(row.type) : 'invalid');
      continue;
    }
    const cells: TableCell[] = [];
    for (const cell of childrenOf(row)) {
      if (!isObject(cell) || (cell.type !== 'tableCell' && cell.type !== 'tableHeader')) {
        drop(isObject(cell) ? String(cell.type) : 'invalid');
        continue;
      }
      const content = blocks(childrenOf(cell), depth + 1, drop, report);
      const attrs = cellAttrs(cell.attrs);
      cells.push({
        type: cell.type,
        ...(attrs ? { attrs } : {}),
        content: content.length ? content : [{ type: 'paragraph' }],
      });
    }
    if (cells.length) rows.push({ type: 'tableRow', content: cells.slice(0, 50) });
  }
  return rows;
}

function cellAttrs(attrs: unknown): TableCell['attrs'] | undefined {
  if (!isObject(attrs)) return undefined;
  const out: NonNullable<TableCell['attrs']> = {};
  const colspan = Number(attrs.colspan);
  const rowspan = Number(attrs.rowspan);
  if (Number.isInteger(colspan) && colspan > 1 && colspan <= 50) out.colspan = colspan;
  if (Number.isInteger(rowspan) && rowspan > 1 && rowspan <= 500) out.rowspan = rowspan;
  if (Array.isArray(attrs.colwidth)) {
    const widths = attrs.colwidth.filter((w): w is number => typeof w === 'number' && w >= 0 && w <= 5000);
    if (widths.length && widths.length <= 50) out.colwidth = widths;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * Marks in stored order (bold, italic, underline, then a link). A link whose address is not
 * allowed (javascript:, data:, file:, too long, control characters) keeps its text without the
 * link and is reported with the reason.
 */
function marksOf(raw: unknown, inherited: readonly Mark[], drop: Drop, report: SanitizeReport): Mark[] {
  const set = new Set(inherited.filter((m) => m.type !== 'link').map((m) => m.type));
  let link = inherited.find((m): m is LinkMark => m.type === 'link');
  if (Array.isArray(raw)) {
    for (const m of raw) {
      const name = isObject(m) && typeof m.type === 'string' ? m.type : '';
      const known = MARK_ALIASES[name];
      if (known) set.add(known);
      else if (name === 'link') {
        const href = isObject(m) && isObject(m.attrs) && typeof m.attrs.href === 'string' ? m.attrs.href : '';
        const result = normalizeHref(href);
        if (result.ok) link = { type: 'link', attrs: { href: result.href } };
        else {
          drop('mark:link');
          (report.rejectedLinks ??= []).push({ href: shorten(href), reason: result.reason });
        }
      } else drop(`mark:${name || 'invalid'}`);
    }
  }
  const marks: Mark[] = MARK_ORDER.filter((m) => set.has(m)).map((type) => ({ type }));
  return link ? [...marks, link] : marks;
}

const shorten = (href: string) => {
  const visible = stripInvalidXmlChars(href).replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return visible.length > 80 ? `${visible.slice(0, 80)}…` : visible;
};

function inline(nodes: unknown[], inherited: readonly Mark[], drop: Drop, report: SanitizeReport, depth = 0): InlineNode[] {
  checkDepth(depth);
  const out: InlineNode[] = [];
  const pushText = (text: string, marks: Mark[]) => {
    const clean = stripInvalidXmlChars(text).replace(/\r\n?/g, '\n');
    const lines = clean.split('\n');
    lines.forEach((line, i) => {
      if (i > 0) out.push({ type: 'hardBreak' });
      for (let pos = 0; pos < line.length; pos += MAX_TEXT) {
        const chunk = line.slice(pos, pos + MAX_TEXT);
        const last = out[out.length - 1];
        if (last?.type === 'text' && sameMarks(last.marks, marks) && last.text.length + chunk.length <= MAX_TEXT) {
          last.text += chunk;
        } else {
          out.push(marks.length ? { type: 'text', text: chunk, marks: marks.map((m) => ({ ...m })) } : { type: 'text', text: chunk });
        }
      }
    });
  };
  for (const node of nodes) {
    if (!isObject(node)) {
      drop('invalid');
      continue;
    }
    if (node.type === 'text') {
      if (typeof node.text === 'string' && node.text) pushText(node.text, marksOf(node.marks, inherited, drop, report));
    } else if (node.type === 'hardBreak') {
      out.push({ type: 'hardBreak' });
    } else {
      drop(String(node.type ?? 'unknown'));
      const children = childrenOf(node);
      if (children.length) out.push(...inline(children, marksOf(node.marks, inherited, drop, report), drop, report, depth + 1));
    }
  }
  return out;
}

const markKey = (m: Mark) => (m.type === 'link' ? `link:${m.attrs.href}` : m.type);

function sameMarks(a: Mark[] | undefined, b: Mark[]): boolean {
  const x = a ?? [];
  return x.length === b.length && x.every((m, i) => markKey(m) === markKey(b[i]!));
}
