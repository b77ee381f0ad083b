import mammoth from 'mammoth';
import type { Doc } from '../../shared/document.js';
import { DEFAULT_DOCX_LIMITS, openDocxSafely, type DocxLimits } from './docx-container.js';
import { DocumentError } from './errors.js';
import { sanitizeDoc } from './sanitize.js';

/**
 * DOCX → document model, via mammoth's semantic HTML: headings (Word's built-in heading styles,
 * also LibreOffice's and the German names), bold/italic/underline, bullet and numbered lists
 * (also nested), tables (with merged cells). Images are not taken over: each leaves a visible
 * italic note in the text and is counted in `notes`.
 */
export interface DocxImportResult {
  doc: Doc;
  /** German notes for the user, e.g. "2 Abbildungen wurden nicht übernommen." */
  notes: string[];
}

export const IMAGE_NOTE = '[Abbildung nicht übernommen]';

const STYLE_MAP = [
  'u => u',
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Titel'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "p[style-name='Untertitel'] => h2:fresh",
  "p[style-name='Überschrift 1'] => h1:fresh",
  "p[style-name='Überschrift 2'] => h2:fresh",
  "p[style-name='Überschrift 3'] => h3:fresh",
  "p[style-name='Überschrift 4'] => h3:fresh",
];

export async function docxToDoc(bytes: Uint8Array, limits: DocxLimits = DEFAULT_DOCX_LIMITS): Promise<DocxImportResult> {
  await openDocxSafely(bytes, limits);
  let images = 0;
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async () => {
          images++;
          return { src: '' };
        }),
      },
    );
    html = result.value;
  } catch (cause) {
    throw new DocumentError('Der Inhalt des Word-Dokuments konnte nicht gelesen werden (beschädigte DOCX-Datei).', { cause });
  }
  const doc = sanitizeDoc(htmlToJson(html));
  const notes: string[] = [];
  if (images === 1) notes.push('1 Abbildung wurde nicht übernommen.');
  else if (images > 1) notes.push(`${images} Abbildungen wurden nicht übernommen.`);
  return { doc, notes };
}

type Json = { type: string; attrs?: Record<string, unknown>; content?: Json[]; text?: string; marks?: { type: string }[] };

const BLOCK_TAGS: Record<string, string> = {
  p: 'paragraph',
  h1: 'heading',
  h2: 'heading',
  h3: 'heading',
  h4: 'heading',
  h5: 'heading',
  h6: 'heading',
  ul: 'bulletList',
  ol: 'orderedList',
  li: 'listItem',
  table: 'table',
  tr: 'tableRow',
  th: 'tableHeader',
  td: 'tableCell',
};
const MARK_TAGS: Record<string, string> = { strong: 'bold', b: 'bold', em: 'italic', i: 'italic', u: 'underline' };
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(attrs);
  return m ? decodeEntities(m[1]!) : undefined;
}

/**
 * Turns mammoth's HTML (well-formed, a small fixed tag set, escaped by mammoth itself) into
 * loose ProseMirror JSON for sanitizeDoc. Unknown tags are transparent: their text is kept.
 */
export function htmlToJson(html: string): Json {
  const root: Json = { type: 'doc', content: [] };
  const stack: { node: Json | null; tag: string; mark?: string }[] = [{ node: root, tag: '#root' }];
  const container = (): Json => {
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.node) return stack[i]!.node!;
    return root;
  };
  const activeMarks = () => stack.filter((s) => s.mark).map((s) => ({ type: s.mark! }));
  const append = (node: Json) => (container().content ??= []).push(node);

  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const [, closing, rawTag, attrs = '', selfClosing, text] = m;
    if (text !== undefined) {
      const value = decodeEntities(text);
      if (value) append({ type: 'text', text: value, marks: activeMarks() });
      continue;
    }
    const tag = rawTag!.toLowerCase();
    if (tag === 'br') {
      append({ type: 'hardBreak' });
      continue;
    }
    if (tag === 'img') {
      append({ type: 'text', text: IMAGE_NOTE, marks: [{ type: 'italic' }] });
      continue;
    }
    if (selfClosing) continue;
    if (closing) {
      // Pop up to and including the matching open tag (mammoth's HTML is well-formed).
      const i = stack.map((s) => s.tag).lastIndexOf(tag);
      if (i > 0) stack.length = i;
      continue;
    }
    const type = BLOCK_TAGS[tag];
    if (type) {
      const node: Json = { type, content: [] };
      if (type === 'heading') node.attrs = { level: Number(tag.slice(1)) };
      if (type === 'tableCell' || type === 'tableHeader') {
        node.attrs = { colspan: Number(attr(attrs, 'colspan') ?? 1), rowspan: Number(attr(attrs, 'rowspan') ?? 1) };
      }
      append(node);
      stack.push({ node, tag });
    } else {
      stack.push({ node: null, tag, mark: MARK_TAGS[tag] });
    }
  }
  return root;
}
