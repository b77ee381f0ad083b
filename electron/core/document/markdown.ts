import MarkdownIt from 'markdown-it';
import type { Doc } from '../../shared/document.js';
import { sanitizeDoc, type SanitizeReport } from './sanitize.js';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];
type JsonMark = { type: string; attrs?: Record<string, unknown> };
type Json = { type: string; attrs?: Record<string, unknown>; content?: Json[]; text?: string; marks?: JsonMark[] };

/**
 * CommonMark + GFM tables. Raw HTML is off, so "<script>" stays literal text; links become link
 * marks (sanitizeDoc keeps only http, https and mailto); images are dropped; "{{…}}" is ordinary text (never expanded).
 */
const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false, breaks: false });

const BLOCK_TYPES: Record<string, string> = {
  paragraph_open: 'paragraph',
  heading_open: 'heading',
  bullet_list_open: 'bulletList',
  ordered_list_open: 'orderedList',
  list_item_open: 'listItem',
  table_open: 'table',
  tr_open: 'tableRow',
  th_open: 'tableHeader',
  td_open: 'tableCell',
  blockquote_open: 'blockquote',
};
// Container tokens that add no node of their own.
const TRANSPARENT = new Set(['thead_open', 'thead_close', 'tbody_open', 'tbody_close']);

/** Markdown → document model (sanitised and validated); `report` learns of links kept as text only. */
export function markdownToDoc(markdown: string, report?: SanitizeReport): Doc {
  const tokens = md.parse(markdown, {});
  const root: Json = { type: 'doc', content: [] };
  const stack: Json[] = [root];
  const top = () => stack[stack.length - 1]!;
  const append = (node: Json) => (top().content ??= []).push(node);

  for (const token of tokens) {
    if (TRANSPARENT.has(token.type)) continue;
    const opened = BLOCK_TYPES[token.type];
    if (opened) {
      const node: Json = { type: opened, content: [] };
      if (opened === 'heading') node.attrs = { level: Number(token.tag.slice(1)) };
      // markup is the delimiter the author wrote: "1)" stays "1)" (issue 14.5).
      if (opened === 'orderedList') node.attrs = { start: Number(token.attrGet('start') ?? 1), ...(token.markup === ')' ? { delimiter: ')' } : {}) };
      append(node);
      stack.push(node);
    } else if (token.nesting === -1) {
      if (stack.length > 1) stack.pop();
    } else if (token.type === 'inline') {
      const content = inlineNodes(token.children ?? []);
      const parent = top();
      // Table cells hold inline content directly in markdown-it; the model wants a paragraph.
      if (parent.type === 'tableCell' || parent.type === 'tableHeader') append({ type: 'paragraph', content });
      else (parent.content ??= []).push(...content);
    } else if (token.type === 'fence' || token.type === 'code_block') {
      append({ type: 'codeBlock', content: [{ type: 'text', text: token.content.replace(/\n$/, '') }] });
    }
    // hr, html_block (disabled anyway): dropped.
  }
  return sanitizeDoc(root, report);
}

function inlineNodes(children: Token[]): Json[] {
  const out: Json[] = [];
  const active: JsonMark[] = [];
  const text = (value: string) => {
    if (value) out.push({ type: 'text', text: value, marks: active.map((m) => ({ ...m })) });
  };
  const close = (type: string) => {
    const i = active.map((m) => m.type).lastIndexOf(type);
    if (i >= 0) active.splice(i, 1);
  };
  for (const t of children) {
    switch (t.type) {
      case 'text':
      case 'text_special':
      case 'code_inline':
      case 'html_inline':
        text(t.content);
        break;
      case 'softbreak':
        text(' ');
        break;
      case 'hardbreak':
        out.push({ type: 'hardBreak' });
        break;
      case 'strong_open':
        active.push({ type: 'bold' });
        break;
      case 'em_open':
        active.push({ type: 'italic' });
        break;
      case 'link_open':
        active.push({ type: 'link', attrs: { href: t.attrGet('href') ?? '' } });
        break;
      case 'strong_close':
        close('bold');
        break;
      case 'em_close':
        close('italic');
        break;
      case 'link_close':
        close('link');
        break;
      default:
        // s_open/close, image: no mark, no node.
        break;
    }
  }
  return out;
}
