import type { Block, Doc, InlineNode, Paragraph } from '../../shared/document.js';
import { docToPlainText } from '../../shared/plain-text.js';

/**
 * Splits an imported Word Vorlage (see docxToDoc) into the sections of a template.
 *
 * A section starts at a paragraph or heading whose whole text is the section's title: with or
 * without colon, numbered ("1. Vorbemerkungen"), singular ("Vorbemerkung") or a usual synonym
 * ("Sachverhalt", "Begründung" for the Erläuterungen), or run into its paragraph as a bold lead
 * ("**Vorbemerkungen:** Seit …"). When the body sits in a layout table, the table is read as
 * paragraphs. What comes before the first section is the document head: the Betreff is taken
 * from the "Tagesordnungs-Punkt" row (also when LibreOffice merged the head tables into one),
 * else the first heading or bold paragraph. The closing block ("Zur Sitzung …", "Im Auftrag",
 * the signatory, "Anlage(n):") ends the last section; it is printed anew on export, the Anlagen
 * it lists are offered as titles, and any other text after it is kept at the end of the last
 * section, with a note. A document without any section title goes wholly into `fallbackSection`.
 */
export interface SplitResult {
  title: string | null;
  sections: Record<string, Doc>;
  /** Titles from the document's "Anlage(n):" list, to be added as Anlagen with their files. */
  attachments: string[];
  /** German notes for the user. */
  notes: string[];
}

export interface SplitOptions {
  /** Foot- and endnotes of the document: each goes to the end of the section that refers to it. */
  footnotes?: readonly { label: string; text: string }[];
}

const NUMBERING = /^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.|[A-Za-z][.)])\s+/;
const norm = (s: string) =>
  s.replace(/\s+/g, ' ').trim().replace(NUMBERING, '').replace(/:$/, '').trim().toLocaleLowerCase('de');
const inlineText = (nodes: readonly InlineNode[] | undefined) => (nodes ?? []).map((n) => (n.type === 'text' ? n.text : ' ')).join('');
const blockText = (b: Block) => docToPlainText({ type: 'doc', content: [b] });
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const isBold = (n: InlineNode) => n.type === 'hardBreak' || !!n.marks?.some((m) => m.type === 'bold');
const isBoldOnly = (nodes: readonly InlineNode[] | undefined) => !!nodes?.length && nodes.every(isBold);

/** Other words for the built-in sections' titles, as Vorlagen of other Kreise use them. */
const SYNONYMS: Record<string, string[]> = {
  vorbemerkungen: ['vorbemerkung', 'vorbemerkungen', 'anlass'],
  erlaeuterungen: ['erläuterung', 'erläuterungen', 'sachverhalt', 'sachdarstellung', 'begründung', 'sachverhalt und begründung', 'sachverhalt/begründung'],
  beschlussvorschlag: ['beschlussvorschlag', 'beschlussentwurf', 'beschlussempfehlung', 'vorschlag zur beschlussfassung'],
  finanzielle_auswirkungen: ['finanzielle auswirkung', 'finanzielle auswirkungen', 'auswirkungen auf den haushalt', 'haushaltsmäßige auswirkungen'],
};

/** Plural ↔ singular of a German section title, the common cases ("-ungen", "-en", "-e"). */
function numberVariants(title: string): string[] {
  const t = norm(title);
  const out = [t];
  if (t.endsWith('ungen')) out.push(t.slice(0, -2));
  else if (t.endsWith('ung')) out.push(`${t}en`);
  return out;
}

function titleIndex(sections: readonly { key: string; title: string }[]): Map<string, string> {
  const index = new Map<string, string>();
  // The template's own titles first; variants and synonyms only where no title claims them.
  for (const s of sections) index.set(norm(s.title), s.key);
  for (const s of sections) for (const v of [...numberVariants(s.title), ...(SYNONYMS[s.key] ?? [])]) if (!index.has(v)) index.set(v, s.key);
  return index;
}

const CLOSING_START = [/^zur sitzung\b.*\bam\b.*\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\.?$/i, /^im auftrag\.?$/i, /^i\.\s?a\.$/i, /^in vertretung\.?$/i, /^anlagen?\s*:/i];
/** A head paragraph this long is text, not a label, Amt line or the like. */
const PROSE = 100;
const SIGNATURE = /^(im auftrag|i\.\s?a\.|in vertretung|i\.\s?v\.)\.?$/i;
const ATTACHMENTS = /^anlagen?\s*:\s*(.*)$/i;
const LISTED = /^((anlage\s*)?\d{1,3}\s*[.:)–-]|[-–•])\s*/i;

/** A paragraph starting with a bold "Title:" that is a section title: the key and the rest. */
function runInTitle(block: Block, index: Map<string, string>): { key: string; rest: Paragraph } | null {
  if (block.type !== 'paragraph' || !block.content?.length) return null;
  let lead = '';
  let i = 0;
  for (; i < block.content.length && isBold(block.content[i]!); i++) lead += inlineText([block.content[i]!]);
  const colon = lead.indexOf(':');
  if (colon < 0 || colon > 80) return null;
  const key = index.get(norm(lead.slice(0, colon)));
  if (!key) return null;
  // What follows the colon (in the bold lead or after it) stays as the paragraph.
  const tail = lead.slice(colon + 1).trimStart();
  const after = block.content.slice(i);
  const content: InlineNode[] = [...(tail ? [{ type: 'text' as const, text: tail, marks: [{ type: 'bold' as const }] }] : []), ...after];
  if (content[0]?.type === 'text') {
    const text = content[0].text.trimStart();
    if (text) content[0] = { ...content[0], text };
    else content.shift();
  }
  return { key, rest: { type: 'paragraph', content } };
}

/** The blocks of a layout table, row by row, cell by cell. */
const unwrapTable = (b: Block): Block[] => (b.type === 'table' ? b.content.flatMap((row) => row.content.flatMap((cell) => cell.content.flatMap(unwrapTable))) : [b]);
/** True when some paragraph inside a table is a section title: the table is layout, not content. */
function holdsTitles(b: Block, index: Map<string, string>): boolean {
  if (b.type !== 'table') return false;
  return unwrapTable(b).some((x) => (x.type === 'paragraph' || x.type === 'heading') && (index.has(norm(inlineText(x.content))) || !!runInTitle(x, index)));
}

export function splitVorlageDoc(
  doc: Doc,
  sections: readonly { key: string; title: string }[],
  fallbackSection: string = sections.find((s) => s.key === 'erlaeuterungen')?.key ?? sections[0]?.key ?? 'text',
  options: SplitOptions = {},
): SplitResult {
  const index = titleIndex(sections);
  const notes: string[] = [];
  const layout = doc.content.some((b) => holdsTitles(b, index));
  const blocks = layout ? doc.content.flatMap((b) => (holdsTitles(b, index) ? unwrapTable(b) : [b])) : doc.content;
  if (layout) notes.push('Die Vorlage stand in einer Layout-Tabelle; ihr Inhalt wurde als Text übernommen.');

  const out: Record<string, Block[]> = {};
  const head: Block[] = [];
  const after: Block[] = [];
  const attachments: string[] = [];
  let current: string | null = null;
  let closed = false;
  // In the "Anlagen:" list: 'first' right after a bare "Anlagen:", then only numbered or bulleted lines.
  let inAttachments: false | 'first' | 'more' = false;
  let signatureLines = 0;
  let found = 0;
  let firstSection: string | null = null;

  for (const block of blocks) {
    const text = block.type === 'paragraph' || block.type === 'heading' ? inlineText(block.content) : null;
    const key = text !== null ? index.get(norm(text)) : undefined;
    const runIn = key ? null : runInTitle(block, index);
    if (key || runIn) {
      const section = key ?? runIn!.key;
      firstSection ??= section;
      current = section;
      closed = false;
      found++;
      const list = (out[section] ??= []);
      if (runIn) list.push(runIn.rest);
      continue;
    }
    const line = text !== null ? oneLine(text) : null;
    if (line !== null && current && !closed && CLOSING_START.some((re) => re.test(line))) closed = true;
    if (!closed) {
      if (current) out[current]!.push(block);
      else head.push(block);
      continue;
    }
    // The closing block: its formula and signature are printed anew; the Anlagen are offered.
    if (line !== null) {
      if (!line) {
        inAttachments = false;
        continue;
      }
      const list = ATTACHMENTS.exec(line);
      if (list) {
        signatureLines = 0;
        inAttachments = list[1] ? 'more' : 'first';
        if (list[1]) attachments.push(...attachmentTitles(list[1]));
        continue;
      }
      if (inAttachments === 'first' || (inAttachments && LISTED.test(line))) {
        inAttachments = 'more';
        attachments.push(...attachmentTitles(line));
        continue;
      }
      inAttachments = false;
      if (CLOSING_START.some((re) => re.test(line))) {
        signatureLines = SIGNATURE.test(line) ? 2 : 0;
        continue;
      }
      if (signatureLines > 0 && line.length <= 100) {
        signatureLines--;
        continue;
      }
    } else if (inAttachments && (block.type === 'bulletList' || block.type === 'orderedList')) {
      for (const item of block.content) attachments.push(...attachmentTitles(oneLine(docToPlainText({ type: 'doc', content: item.content }))));
      continue;
    }
    after.push(block);
  }

  const title = findTitle(head);
  if (found === 0) {
    // No structure recognised: keep everything (but a recognised title) as the fallback section.
    out[fallbackSection] = blocks.filter((b) => !(title && (b.type === 'heading' || b.type === 'paragraph') && oneLine(blockText(b)) === title));
    notes.push('Keine Abschnittsüberschriften erkannt: der ganze Text steht im Abschnitt „' + (sections.find((s) => s.key === fallbackSection)?.title ?? fallbackSection) + '“.');
  } else {
    for (const s of sections) if (!out[s.key]) notes.push(`Abschnitt „${s.title}“ nicht gefunden, bleibt leer.`);
  }
  // Prose before the first section title (not the head's labels, Amt line or Betreff) is kept too.
  const prose = found > 0 ? head.filter((b) => b.type !== 'table' && oneLine(blockText(b)).length >= PROSE && oneLine(blockText(b)) !== title) : [];
  if (firstSection && prose.length) {
    out[firstSection]!.unshift(...prose);
    const sample = oneLine(docToPlainText({ type: 'doc', content: prose })).slice(0, 300);
    const sectionTitle = sections.find((s) => s.key === firstSection)?.title ?? firstSection;
    notes.push(`Vor der ersten Abschnittsüberschrift stand Text (${prose.length === 1 ? '1 Absatz' : `${prose.length} Absätze`}: „${sample}“); er steht jetzt am Anfang des Abschnitts „${sectionTitle}“. Bitte prüfen.`);
  }
  const dropped = found > 0 ? droppedHeadText(head, title, prose) : [];
  if (dropped.length) {
    const listed = dropped.slice(0, 10).map((d) => `„${d.length > 120 ? `${d.slice(0, 120)}…` : d}“`);
    notes.push(
      `Im Kopf der Vorlage stand Text, der nicht übernommen wurde: ${listed.join(', ')}${dropped.length > 10 ? ' …' : ''}. ` +
        'Den Kopf (Amt, Gremium, Datum, Betreff) druckt Vorlagenwerk aus den Angaben der Vorlage neu; bitte den Text bei Bedarf in einen Abschnitt übernehmen.',
    );
  }
  if (current && after.length) {
    // Kept, not dropped: at the end of the section the closing block followed, and said so.
    out[current]!.push(...after);
    const sample = oneLine(docToPlainText({ type: 'doc', content: after })).slice(0, 300);
    const sectionTitle = sections.find((s) => s.key === current)?.title ?? current;
    notes.push(`Nach dem Schlussblock stand weiterer Text (${after.length === 1 ? '1 Absatz' : `${after.length} Absätze`}: „${sample}“); er steht jetzt am Ende des Abschnitts „${sectionTitle}“. Bitte prüfen.`);
  }
  if (attachments.length) notes.push(`Das Dokument nennt ${attachments.length === 1 ? '1 Anlage' : `${attachments.length} Anlagen`}: ${attachments.map((a) => `„${a}“`).join(', ')}. Bitte die Dateien als Anlagen hinzufügen.`);

  const result: Record<string, Doc> = {};
  for (const s of sections) result[s.key] = { type: 'doc', content: trimEmpty(out[s.key] ?? []) };
  if (!sections.some((s) => s.key === fallbackSection) && out[fallbackSection]) {
    result[fallbackSection] = { type: 'doc', content: trimEmpty(out[fallbackSection]) };
  }
  placeFootnotes(result, options.footnotes ?? [], fallbackSection in result ? fallbackSection : Object.keys(result)[0]);
  return { title, sections: result, attachments, notes };
}

/** "1. Entwurf; 2. Liste" / "Anlage 1: Entwurf" → the titles. */
function attachmentTitles(text: string): string[] {
  return text
    .split(/\s*;\s*/)
    .map((t) => oneLine(t.replace(LISTED, '')))
    .filter((t) => t.length > 0 && t.length <= 1000);
}

const BOILERPLATE = [/^v\s?o\s?r\s?l\s?a\s?g\s?e\b/i, /sitzungsteil/i, /^für den$/i, /^(gremium|datum|zuständigkeit)\b/i];
/**
 * Lines of the head that the export prints anew from the Vorlage's own data: the Amt line
 * ("51 – Amt für …"), the kind of Vorlage, its number, the Tagesordnungs-Punkt and Betreff labels.
 */
const HEAD_LABELS = [
  ...BOILERPLATE,
  /^\d{1,3}(?:\.\d{1,2})*\s*[–-]\s*\S/,
  /^[a-zäöüß]*vorlage\b/i,
  /^tagesordnungs-?\s*punkt\b/i,
  /^betreff\s*:?$/i,
  /^(drucksache|aktenzeichen|az\.?)\s*(nr\.?)?\s*:/i,
];

/**
 * Head text that is neither a label the export prints anew, the Betreff nor prose kept in the
 * first section (issue 15: nothing dropped without a note): short remarks such as "Eilt!" or
 * "Ersetzt die Vorlage 50/010/2025", and head tables that are not the Gremium or TOP table.
 */
function droppedHeadText(head: readonly Block[], title: string | null, kept: readonly Block[]): string[] {
  const isBetreff = (line: string) => oneLine(/^betreff\s*:\s*(.+)$/i.exec(line)?.[1] ?? '') === title;
  const label = (line: string) => !line || line === title || isBetreff(line) || HEAD_LABELS.some((re) => re.test(line));
  const out: string[] = [];
  for (const block of head) {
    if (kept.includes(block)) continue;
    if (block.type === 'table') {
      const lines = block.content.flatMap((row) => row.content.flatMap((c) => docToPlainText({ type: 'doc', content: c.content }).split('\n').map(oneLine)));
      // A head table holding any of the head's labels (Gremium | Datum, Tagesordnungs-Punkt, the
      // Vorlage-Nr. beside the Kreis's name) is the head's layout, printed anew.
      if (lines.some((l) => l && label(l))) continue;
      const text = lines.filter(Boolean).join(' | ');
      if (text) out.push(text);
      continue;
    }
    // A line holding a head label beside other text (the Kreis's name, a tab, "Vorlage-Nr.: …") is the head's layout too.
    const parts = blockText(block).split(/\t|\n| {2,}/).map(oneLine);
    if (!parts.some((p) => p && label(p))) out.push(oneLine(blockText(block)));
  }
  return out;
}

function findTitle(head: Block[]): string | null {
  const clean = (s: string) => oneLine(s) || null;
  // The "Tagesordnungs-Punkt" row, in whichever table (LibreOffice merges the head tables into one).
  for (const table of head) {
    if (table.type !== 'table') continue;
    for (const row of table.content) {
      const cells = row.content.map((c) => oneLine(docToPlainText({ type: 'doc', content: c.content })));
      const at = cells.findIndex((c) => /^tagesordnungs/i.test(c));
      if (at < 0) continue;
      const rest = cells.slice(at + 1).filter(Boolean);
      const inCell = cells[at]!.replace(/^tagesordnungs-?\s*punkt:?/i, '').trim();
      const title = clean(rest.at(-1) ?? inCell);
      if (title) return title;
    }
  }
  // The same as paragraphs (a layout table read as text): the line after "Tagesordnungs-Punkt".
  const lines = head.filter((b) => b.type === 'paragraph' || b.type === 'heading').map((b) => oneLine(blockText(b)));
  const top = lines.findIndex((l) => /^tagesordnungs-?\s*punkt:?$/i.test(l));
  if (top >= 0) {
    const next = lines.slice(top + 1).find(Boolean);
    if (next) return next;
  }
  const betreff = lines.map((l) => /^betreff\s*:\s*(.+)$/i.exec(l)?.[1]).find(Boolean);
  if (betreff) return clean(betreff);
  const candidate =
    head.find((b) => b.type === 'heading' && !BOILERPLATE.some((re) => re.test(oneLine(blockText(b))))) ??
    head.find((b) => b.type === 'paragraph' && isBoldOnly(b.content) && !BOILERPLATE.some((re) => re.test(oneLine(blockText(b)))));
  return candidate ? clean(blockText(candidate)) : null;
}

/** "[^n]: text" at the end of the section whose text refers to [^n]; the fallback section else. */
function placeFootnotes(result: Record<string, Doc>, footnotes: readonly { label: string; text: string }[], fallback: string | undefined): void {
  for (const note of footnotes) {
    const marker = `[^${note.label}]`;
    const key = Object.keys(result).find((k) => docToPlainText(result[k]!).includes(marker)) ?? fallback;
    if (!key) continue;
    const paragraph: Paragraph = { type: 'paragraph', content: [{ type: 'text', text: `${marker}: ${note.text || '(leer)'}` }] };
    result[key] = { type: 'doc', content: [...result[key]!.content, paragraph] };
  }
}

function trimEmpty(blocks: Block[]): Block[] {
  const empty = (b: Block | undefined) => b?.type === 'paragraph' && !inlineText(b.content).trim();
  let start = 0;
  let end = blocks.length;
  while (start < end && empty(blocks[start])) start++;
  while (end > start && empty(blocks[end - 1])) end--;
  return blocks.slice(start, end);
}
