import type { Block, Doc, InlineNode } from '../../shared/document.js';
import { docToPlainText } from './plain-text.js';

/**
 * Splits an imported Word Vorlage (see docxToDoc) into the sections of a template.
 *
 * A section starts at a paragraph or heading whose whole text is the section's title, with or
 * without colon ("Erläuterungen:"). What comes before the first section is the document head:
 * the Betreff is taken from the "Tagesordnungs-Punkt" table if there is one, else from the first
 * heading or bold paragraph. The closing block ("Zur Sitzung …", "Im Auftrag", "Anlage(n):")
 * ends the last section; it is printed anew on export. A document without any section title
 * goes wholly into `fallbackSection`.
 */
export interface SplitResult {
  title: string | null;
  sections: Record<string, Doc>;
  /** German notes for the user. */
  notes: string[];
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().replace(/:$/, '').trim().toLocaleLowerCase('de');
const inlineText = (nodes: readonly InlineNode[] | undefined) => (nodes ?? []).map((n) => (n.type === 'text' ? n.text : ' ')).join('');
const blockText = (b: Block) => docToPlainText({ type: 'doc', content: [b] });
const isBoldOnly = (nodes: readonly InlineNode[] | undefined) =>
  !!nodes?.length && nodes.every((n) => n.type === 'hardBreak' || n.marks?.some((m) => m.type === 'bold'));

const CLOSING = [/^zur sitzung\b.*\bam\b.*\d{1,2}\.\d{1,2}\.\d{4}\.?$/i, /^im auftrag\.?$/i, /^anlagen?:/i, /^i\. ?a\.$/i];

export function splitVorlageDoc(
  doc: Doc,
  sections: readonly { key: string; title: string }[],
  fallbackSection: string = sections.find((s) => s.key === 'erlaeuterungen')?.key ?? sections[0]?.key ?? 'text',
): SplitResult {
  const byTitle = new Map(sections.map((s) => [norm(s.title), s.key]));
  const out: Record<string, Block[]> = {};
  const head: Block[] = [];
  let current: string | null = null;
  let closed = false;
  let found = 0;

  for (const block of doc.content) {
    const text = block.type === 'paragraph' || block.type === 'heading' ? inlineText(block.content) : null;
    const key = text !== null ? byTitle.get(norm(text)) : undefined;
    if (key) {
      current = key;
      closed = false;
      found++;
      out[key] ??= [];
      continue;
    }
    if (text !== null && current && CLOSING.some((re) => re.test(text.trim()))) closed = true;
    if (closed) continue;
    if (current) out[current]!.push(block);
    else head.push(block);
  }

  const notes: string[] = [];
  let title: string | null = null;
  const topTable = head.find((b) => b.type === 'table' && /^tagesordnungs/i.test(blockText(b).trim()));
  if (topTable?.type === 'table') {
    const cells = topTable.content[0]?.content ?? [];
    const last = cells[cells.length - 1];
    if (cells.length > 1 && last) title = docToPlainText({ type: 'doc', content: last.content }).replace(/\s+/g, ' ').trim() || null;
  }
  if (!title) {
    const candidate = head.find((b) => b.type === 'heading') ?? head.find((b) => b.type === 'paragraph' && isBoldOnly(b.content));
    if (candidate) title = blockText(candidate).replace(/\s+/g, ' ').trim() || null;
  }

  if (found === 0) {
    // No structure recognised: keep everything (but a recognised title) as the fallback section.
    out[fallbackSection] = doc.content.filter((b) => !(title && (b.type === 'heading' || b.type === 'paragraph') && blockText(b).trim() === title));
    notes.push('Keine Abschnittsüberschriften erkannt: der ganze Text steht im Abschnitt „' + (sections.find((s) => s.key === fallbackSection)?.title ?? fallbackSection) + '“.');
  } else {
    for (const s of sections) if (!out[s.key]) notes.push(`Abschnitt „${s.title}“ nicht gefunden, bleibt leer.`);
  }
  const result: Record<string, Doc> = {};
  for (const s of sections) result[s.key] = { type: 'doc', content: trimEmpty(out[s.key] ?? []) };
  if (!sections.some((s) => s.key === fallbackSection) && out[fallbackSection]) {
    result[fallbackSection] = { type: 'doc', content: trimEmpty(out[fallbackSection]) };
  }
  return { title, sections: result, notes };
}

function trimEmpty(blocks: Block[]): Block[] {
  const empty = (b: Block | undefined) => b?.type === 'paragraph' && !inlineText(b.content).trim();
  let start = 0;
  let end = blocks.length;
  while (start < end && empty(blocks[start])) start++;
  while (end > start && empty(blocks[end - 1])) end--;
  return blocks.slice(start, end);
}
