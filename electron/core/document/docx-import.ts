import mammoth from 'mammoth';
import type { Doc } from '../../shared/document.js';
import { DEFAULT_DOCX_LIMITS, openDocxSafely, type DocxLimits } from './docx-container.js';
import { DEFAULT_CONTENT_LIMITS, DocxScan, type DocxContentLimits, type DocxInventory } from './docx-scan.js';
import { DocumentError } from './errors.js';
import { docToPlainText } from '../../shared/plain-text.js';
import { sanitizeDoc, type SanitizeReport } from './sanitize.js';

/**
 * DOCX → document model, via mammoth's semantic HTML: headings (Word's built-in heading styles,
 * also LibreOffice's and the German names), bold/italic/underline, bullet and numbered lists
 * (also nested), tables (with merged cells). Nothing goes silently (issue 15.12): images leave a
 * visible italic mark; footnotes and endnotes become Markdown footnotes ("[^1]" in the text, the
 * note's text in `footnotes`); links stay links (an address we do not allow keeps its text and is
 * named in a note); comments are listed in a
 * note; pending tracked changes refuse the file unless the user accepts them; the text of simple
 * fields and formulas, and any element mammoth skips, are named in a note. Each of these is a
 * German line in `notes`.
 */
export interface DocxImportResult {
  doc: Doc;
  /** German notes for the user, e.g. "2 Abbildungen wurden nicht übernommen." */
  notes: string[];
  /** Foot- and endnotes in order of their reference "[^label]" in the text. */
  footnotes: { label: string; text: string }[];
}

export interface DocxImportOptions {
  /** Pending tracked changes: refuse the file (default) or take the document as if all were accepted. */
  trackedChanges?: 'refuse' | 'accept';
  content?: DocxContentLimits;
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

const count = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

export async function docxToDoc(bytes: Uint8Array, limits: DocxLimits = DEFAULT_DOCX_LIMITS, options: DocxImportOptions = {}): Promise<DocxImportResult> {
  const scan = new DocxScan(options.content ?? DEFAULT_CONTENT_LIMITS);
  await openDocxSafely(bytes, limits, scan);
  const found = scan.inventory;
  if (found.trackedChanges > 0 && options.trackedChanges !== 'accept') {
    throw new DocumentError(
      `Das Word-Dokument enthält ${count(found.trackedChanges, 'nicht angenommene Änderung', 'nicht angenommene Änderungen')} (Änderungsverfolgung). ` +
        'Bitte die Änderungen in Word annehmen oder ablehnen, oder beim Import „Änderungen annehmen“ wählen.',
    );
  }
  let images = 0;
  let html: string;
  let unread: string[] = [];
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
    unread = unreadElements(result.messages);
  } catch (cause) {
    throw new DocumentError('Der Inhalt des Word-Dokuments konnte nicht gelesen werden (beschädigte DOCX-Datei).', { cause });
  }
  const converted = htmlToJson(html);
  const report: SanitizeReport = { dropped: {} };
  const doc = sanitizeDoc(converted.doc, report);
  const footnotes = converted.footnotes.map(({ label, blocks }) => ({
    label,
    text: docToPlainText(sanitizeDoc({ type: 'doc', content: blocks })).replace(/\s+/g, ' ').trim(),
  }));
  return { doc, notes: importNotes(found, images, report.rejectedLinks ?? [], unread), footnotes };
}

/** Fields and formulas are counted by the scan, with their text; their notes name them. */
const NOTED_ELSEWHERE = new Set(['fldSimple', 'oMath', 'oMathPara']);

/**
 * Word elements mammoth skipped with all they hold, by local name (its English warnings name them
 * "w:x", or "{namespace}x" where it knows no prefix); the user gets a German note instead.
 */
function unreadElements(messages: readonly { type: string; message: string }[]): string[] {
  const names = messages
    .map((m) => /^An unrecognised element was ignored: (\S+)$/.exec(m.message)?.[1]?.replace(/^\{[^}]*\}/, ''))
    .filter((n): n is string => !!n && !NOTED_ELSEWHERE.has(n.slice(n.indexOf(':') + 1)));
  return [...new Set(names)];
}

function importNotes(found: DocxInventory, images: number, rejectedLinks: readonly { href: string; reason: string }[], unread: readonly string[]): string[] {
  const notes: string[] = [];
  if (images) notes.push(`${count(images, 'Abbildung wurde', 'Abbildungen wurden')} nicht übernommen.`);
  if (found.trackedChanges) {
    notes.push(`${count(found.trackedChanges, 'nachverfolgte Änderung wurde', 'nachverfolgte Änderungen wurden')} angenommen (Einfügungen übernommen, Löschungen entfernt).`);
  }
  const notesCount = found.footnotes + found.endnotes;
  if (notesCount) notes.push(`${count(notesCount, 'Fuß- oder Endnote wurde', 'Fuß- und Endnoten wurden')} als Fußnote im Text ([^1]) mit ihrem Text am Ende des Abschnitts übernommen.`);
  if (rejectedLinks.length) {
    // Each distinct address once; the text of the link stays in the document.
    const listed = [...new Map(rejectedLinks.map((l) => [l.href, l])).values()].slice(0, 10).map((l) => `„${l.href}“ (${l.reason.replace(/\.$/, '')})`);
    notes.push(
      `${count(rejectedLinks.length, 'Link wurde', 'Links wurden')} ohne Verknüpfung als Text übernommen, weil die Adresse nicht zulässig ist: ${listed.join('; ')}${rejectedLinks.length > 10 ? ' …' : ''}.`,
    );
  }
  if (found.comments.length) {
    const listed = found.comments.slice(0, 10).map((c) => `„${c.text.slice(0, 200)}“${c.author ? ` (${c.author})` : ''}`);
    notes.push(`${count(found.comments.length, 'Kommentar wurde', 'Kommentare wurden')} nicht übernommen: ${listed.join('; ')}${found.comments.length > 10 ? ' …' : ''}.`);
  }
  const quoted = (texts: readonly string[]) => `${texts.slice(0, 10).map((t) => `„${t.slice(0, 200)}“`).join(', ')}${texts.length > 10 ? ' …' : ''}`;
  if (found.fields.length) {
    const one = found.fields.length === 1;
    notes.push(`${count(found.fields.length, 'Word-Feld wurde', 'Word-Felder wurden')} ohne ${one ? 'seinen' : 'ihren'} Text übernommen: ${quoted(found.fields)}. Bitte den Text an ${one ? 'seiner' : 'ihrer'} Stelle nachtragen.`);
  }
  if (found.formulas.length) {
    const one = found.formulas.length === 1;
    notes.push(`${count(found.formulas.length, 'Formel wurde', 'Formeln wurden')} nicht übernommen: ${quoted(found.formulas)}. Bitte ${one ? 'die Formel' : 'die Formeln'} als Text oder Abbildung nachtragen.`);
  }
  if (unread.length) {
    notes.push(`Einige Bestandteile des Word-Dokuments konnten nicht gelesen werden (${unread.slice(0, 10).join(', ')}); ihr Text fehlt möglicherweise. Bitte mit dem Original vergleichen.`);
  }
  return notes;
}

type JsonMark = { type: string; attrs?: Record<string, unknown> };
type Json = { type: string; attrs?: Record<string, unknown>; content?: Json[]; text?: string; marks?: JsonMark[] };

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

const NOTE_ID = /^(footnote|endnote)-(-?\d+)$/;
const NOTE_REF = /^#(footnote|endnote)-(-?\d+)$/;
const NOTE_BACK = /^#(footnote|endnote)-ref-/;

export interface HtmlConversion {
  doc: Json;
  /** Note bodies (mammoth lists them last), labelled in the order of their references. */
  footnotes: { label: string; blocks: Json[] }[];
}

/**
 * Turns mammoth's HTML (well-formed, a small fixed tag set, escaped by mammoth itself) into
 * loose ProseMirror JSON for sanitizeDoc. Unknown tags are transparent: their text is kept.
 * Note references become "[^n]"; other links become link marks, which sanitizeDoc checks.
 */
export function htmlToJson(html: string): HtmlConversion {
  const root: Json = { type: 'doc', content: [] };
  const labels = new Map<string, string>();
  const noteBodies = new Map<string, Json>();
  type Frame = { node: Json | null; tag: string; mark?: JsonMark; skip?: boolean };
  const stack: Frame[] = [{ node: root, tag: '#root' }];
  const skipping = () => stack.some((s) => s.skip);
  const container = (): Json => {
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.node) return stack[i]!.node!;
    return root;
  };
  const activeMarks = () => stack.filter((s) => s.mark).map((s) => ({ ...s.mark! }));
  const append = (node: Json) => (container().content ??= []).push(node);

  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const [, closing, rawTag, attrs = '', selfClosing, text] = m;
    if (text !== undefined) {
      if (skipping()) continue;
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
    if (tag === 'a') {
      const href = attr(attrs, 'href') ?? '';
      const ref = NOTE_REF.exec(href);
      if (ref) {
        const id = `${ref[1]}-${ref[2]}`;
        if (!labels.has(id)) labels.set(id, String(labels.size + 1));
        if (!skipping()) append({ type: 'text', text: `[^${labels.get(id)}]` });
        stack.push({ node: null, tag, skip: true });
      } else if (NOTE_BACK.test(href)) {
        stack.push({ node: null, tag, skip: true });
      } else {
        // Internal anchors (bookmarks, "#_Toc…") lead nowhere outside Word: their text stays plain.
        stack.push({ node: null, tag, ...(href && !href.startsWith('#') ? { mark: { type: 'link', attrs: { href } } } : {}) });
      }
      continue;
    }
    const noteId = tag === 'li' ? NOTE_ID.exec(attr(attrs, 'id') ?? '') : null;
    if (noteId) {
      // The note's body: kept apart, placed by the split at the end of its section.
      const body: Json = { type: 'doc', content: [] };
      noteBodies.set(`${noteId[1]}-${noteId[2]}`, body);
      stack.push({ node: body, tag });
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
      const mark = MARK_TAGS[tag];
      stack.push({ node: null, tag, ...(mark ? { mark: { type: mark } } : {}) });
    }
  }
  // The list that held only note bodies is empty now.
  root.content = root.content!.filter((b) => !(b.type === 'orderedList' && !b.content?.length));
  const footnotes = [...labels].map(([id, label]) => ({ label, blocks: noteBodies.get(id)?.content ?? [] }));
  return { doc: root, footnotes };
}
