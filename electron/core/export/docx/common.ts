import {
  AlignmentType,
  BorderStyle,
  Footer,
  Header,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  Document,
  ExternalHyperlink,
  type FileChild,
  type INumberingOptions,
  type IParagraphOptions,
  type IRunOptions,
  type ISectionPropertiesOptions,
  type IStylesOptions,
  type ParagraphChild,
} from 'docx';
import JSZip from 'jszip';
import type { Block, BulletList, Doc, InlineNode, OrderedList, Table as TableNode } from '../../../shared/document.js';
import type { ListNumbering } from '../../../shared/schemas.js';
import { DEFAULT_LIST_NUMBERING, listLevel, type ListFormat } from '../list-numbering.js';
import { stripInvalidXmlChars } from '../../document/text.js';
import { isSubheading } from '../../document/block-roles.js';

/**
 * Building blocks shared by the DOCX exports (Vorlage, Einladung + Tagesordnung,
 * Beratungsergebnis): page setup, styles, list definitions and the document model → docx
 * conversion. Formatting lives in paragraph styles rather than on runs wherever it is layout
 * (headings, table header cells, section titles), so the only direct run formatting in a
 * document is the user's own bold/italic/underline — which is what an import reads back.
 */

export const FONT = 'Arial';
export const LANGUAGE = 'de-DE';

/** A4 in twips, margins as the print CSS (22/18/22/25 mm). */
export const PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: 1247, right: 1020, bottom: 1247, left: 1417, header: 567, footer: 567 },
} as const;
export const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;

const pt = (n: number) => Math.round(n * 20); // points → twips
const half = (n: number) => n * 2; // points → half-points

export const STYLE = {
  sectionTitle: 'VwSectionTitle',
  betreff: 'VwBetreff',
  small: 'VwSmall',
  tableText: 'VwTableText',
  tableHeading: 'VwTableHeading',
  docTitle: 'VwDocTitle',
} as const;

/**
 * Line height as the print CSS sets it (line-height 1.4 of the font size), so the DOCX breaks
 * into the PDF's pages (issue 14.8). "At least" rather than "exact": a line with a larger font
 * (a title, or a size a clerk picks in Word) grows instead of being cut off.
 */
export const lineHeight = (fontPt: number, factor = 1.4) => ({ line: Math.round(fontPt * factor * 20), lineRule: LineRuleType.AT_LEAST });

/**
 * Widow/orphan control keeps two lines of a paragraph together, as the PDF's CSS does. docx
 * writes it into the defaults but its style type lacks the field, hence no object literal here.
 */
const DEFAULT_PARAGRAPH = { spacing: { after: pt(7), ...lineHeight(11) }, widowControl: true };

export function docxStyles(): IStylesOptions {
  return {
    default: {
      document: {
        run: { font: FONT, size: half(11), language: { value: LANGUAGE, eastAsia: LANGUAGE, bidirectional: 'ar-SA' } },
        paragraph: DEFAULT_PARAGRAPH,
      },
      heading1: {
        run: { font: FONT, size: half(11), bold: true, color: '000000' },
        // Outline levels below Betreff (1) and section titles (2): the navigation pane nests them.
        paragraph: { spacing: { before: pt(13), after: pt(5) }, keepNext: true, keepLines: true, outlineLevel: 2 },
      },
      heading2: {
        run: { font: FONT, size: half(11), bold: true, color: '000000' },
        paragraph: { spacing: { before: pt(11), after: pt(4) }, keepNext: true, keepLines: true, outlineLevel: 3 },
      },
      heading3: {
        run: { font: FONT, size: half(11), bold: true, italics: true, color: '000000' },
        paragraph: { spacing: { before: pt(9), after: pt(3) }, keepNext: true, keepLines: true, outlineLevel: 4 },
      },
      listParagraph: { paragraph: { spacing: { after: pt(2) } } },
    },
    paragraphStyles: [
      {
        id: STYLE.sectionTitle,
        name: 'Vorlage Abschnitt',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { bold: true },
        paragraph: { spacing: { before: pt(16), after: pt(7) }, keepNext: true, keepLines: true, outlineLevel: 1 },
      },
      {
        id: STYLE.betreff,
        name: 'Vorlage Betreff',
        basedOn: 'Normal',
        next: 'Normal',
        run: { bold: true, size: half(12) },
        paragraph: { spacing: { before: pt(4), after: pt(4), ...lineHeight(12, 1.35) }, outlineLevel: 0 },
      },
      {
        id: STYLE.docTitle,
        name: 'Vorlage Dokumenttitel',
        basedOn: 'Normal',
        next: 'Normal',
        run: { bold: true, size: half(14) },
        paragraph: { spacing: { after: pt(8), ...lineHeight(14, 1.3) }, keepNext: true },
      },
      {
        id: STYLE.small,
        name: 'Vorlage Klein',
        basedOn: 'Normal',
        run: { size: half(9), color: '555555' },
        paragraph: { spacing: { after: 0, ...lineHeight(9) } },
      },
      {
        id: STYLE.tableText,
        name: 'Vorlage Tabelle',
        basedOn: 'Normal',
        run: { size: half(10) },
        // With the table's 2 pt cell margin: the PDF's 3 pt cell padding.
        paragraph: { spacing: { before: pt(1), after: pt(1), ...lineHeight(10) } },
      },
      {
        id: STYLE.tableHeading,
        name: 'Vorlage Tabellenkopf',
        basedOn: STYLE.tableText,
        run: { bold: true },
      },
    ],
  };
}

const INDENT = 360; // 0,635 cm per list level
const BULLETS = ['•', '–', '▪'];
const LEVEL_FORMAT: Record<ListFormat, (typeof LevelFormat)[keyof typeof LevelFormat]> = {
  decimal: LevelFormat.DECIMAL,
  'lower-alpha': LevelFormat.LOWER_LETTER,
  'lower-roman': LevelFormat.LOWER_ROMAN,
};

const levelIndent = (level: number) => ({ left: INDENT * (level + 1), hanging: INDENT });

/** Levels of a numbered list in the Körperschaft's style (list-numbering.ts, as the PDF numbers). */
function orderedLevels(start = 1, style: ListNumbering = DEFAULT_LIST_NUMBERING, delimiter?: ')') {
  return Array.from({ length: 9 }, (_, level) => {
    const marker = listLevel(style, level, delimiter);
    return {
      level,
      format: LEVEL_FORMAT[marker.format],
      text: `%${level + 1}${marker.suffix}`,
      alignment: AlignmentType.START,
      start,
      style: { paragraph: { indent: levelIndent(level) } },
    };
  });
}

export const LIST = { bullet: 'vw-bullet', ordered: 'vw-ordered' } as const;

export const NUMBERING: INumberingOptions = {
  config: [
    {
      reference: LIST.bullet,
      levels: Array.from({ length: 9 }, (_, level) => ({
        level,
        format: LevelFormat.BULLET,
        text: BULLETS[level % 3]!,
        alignment: AlignmentType.START,
        style: { paragraph: { indent: levelIndent(level) }, run: { font: FONT } },
      })),
    },
    { reference: LIST.ordered, levels: orderedLevels() },
  ],
};

/** Text runs for a piece of plain text: invalid XML characters removed, line breaks kept. */
export function runs(text: string, options: Omit<IRunOptions, 'text' | 'children' | 'break'> = {}): TextRun[] {
  return stripInvalidXmlChars(text)
    .split(/\r\n?|\n/)
    .map((line, i) => new TextRun({ ...options, text: line, ...(i > 0 ? { break: 1 } : {}) }));
}

export const para = (text: string, options: Omit<IParagraphOptions, 'text' | 'children'> = {}, run: Parameters<typeof runs>[1] = {}) =>
  new Paragraph({ ...options, children: runs(text, run) });

/**
 * Converts document-model content to docx blocks. One converter per document: every list gets
 * a numbering instance of its own, so each numbered list counts from its start.
 */
export class DocConverter {
  private instance = 0;

  /**
   * @param directFormatting Use direct formatting instead of this module's own paragraph styles
   *   (for a Hausvorlage, whose styles part does not have them; Word's built-in heading and list
   *   styles are added by patchDocument when missing).
   */
  constructor(
    private readonly directFormatting = false,
    private readonly listNumbering: ListNumbering = DEFAULT_LIST_NUMBERING,
  ) {}

  /**
   * The numbering of a numbered list: the document's default definition, or one added for a
   * list style, a start or an explicit "1)" of its own.
   */
  orderedReference(start = 1, delimiter?: ')'): string | { reference: string; levels: ReturnType<typeof orderedLevels> } {
    if (start === 1 && !delimiter && this.listNumbering === DEFAULT_LIST_NUMBERING) return LIST.ordered;
    const style = delimiter ? 'explicit-paren' : this.listNumbering === '1.' ? 'dot' : this.listNumbering === '1)' ? 'paren' : 'alpha';
    return { reference: `${LIST.ordered}-${style}-from-${start}`, levels: orderedLevels(start, this.listNumbering, delimiter) };
  }

  /** A fresh numbering instance: a list that counts from its own start. */
  nextListInstance(): number {
    return ++this.instance;
  }

  blocks(doc: Doc | Block[], ctx: { style?: string; listLevel?: number } = {}): FileChild[] {
    const blocks = Array.isArray(doc) ? doc : doc.content;
    return blocks.flatMap((b) => this.block(b, ctx));
  }

  private block(block: Block, ctx: { style?: string; listLevel?: number }): FileChild[] {
    switch (block.type) {
      case 'paragraph':
        if (ctx.style && this.directFormatting) {
          const heading = ctx.style === STYLE.tableHeading;
          return [new Paragraph({ spacing: { before: pt(2), after: pt(2) }, children: inlineRuns(block.content, { size: half(10), ...(heading ? { bold: true } : {}) }) })];
        }
        // A bold-only paragraph is a subheading: it stays with the text it introduces.
        return [
          new Paragraph({
            ...(ctx.style ? { style: ctx.style } : {}),
            ...(!ctx.style && isSubheading(block.content) ? { keepNext: true, keepLines: true } : {}),
            children: inlineRuns(block.content),
          }),
        ];
      case 'heading':
        // The outline level also on the paragraph: a Hausvorlage's own heading styles may lack it.
        return [new Paragraph({ style: `Heading${block.attrs.level}`, outlineLevel: block.attrs.level + 1, children: inlineRuns(block.content) })];
      case 'bulletList':
      case 'orderedList':
        return this.list(block, ctx.listLevel ?? 0);
      case 'table':
        return [this.table(block)];
    }
  }

  private list(list: BulletList | OrderedList, level: number): FileChild[] {
    const items = list.content;
    const instance = this.nextListInstance();
    const lvl = Math.min(level, 8);
    const reference = list.type === 'bulletList' ? LIST.bullet : this.orderedReference(list.attrs?.start ?? 1, list.attrs?.delimiter);
    const out: FileChild[] = [];
    items.forEach((item, index) => {
      let first = true;
      // The last item of an outermost list gets the normal paragraph gap below it.
      const gap = level === 0 && index === items.length - 1 && item.content.length === 1 ? { spacing: { after: pt(7) } } : {};
      for (const child of item.content) {
        if ((child.type === 'paragraph' || child.type === 'heading') && first) {
          out.push(new Paragraph({ numbering: { reference, level: lvl, instance }, ...gap, children: inlineRuns(child.content) }));
        } else if (child.type === 'paragraph' || child.type === 'heading') {
          out.push(new Paragraph({ style: 'ListParagraph', indent: { left: INDENT * (lvl + 1) }, children: inlineRuns(child.content) }));
        } else if (child.type === 'bulletList' || child.type === 'orderedList') {
          out.push(...this.list(child, level + 1));
        } else {
          out.push(...this.block(child, {}));
        }
        first = false;
      }
    });
    return out;
  }

  private table(table: TableNode): Table {
    const layout = tableLayout(table);
    const rows = table.content.map((row, r) => {
      const isHeader = row.content.every((c) => c.type === 'tableHeader') && table.content.slice(0, r).every((prev) => prev.content.every((c) => c.type === 'tableHeader'));
      return new TableRow({
        // Only when true: docx writes <w:tblHeader w:val="off"/> for false, which some readers take as a header row.
        ...(isHeader ? { tableHeader: true } : {}),
        cantSplit: true,
        children: row.content.map((cell, c) => {
          const heading = cell.type === 'tableHeader';
          const children = this.blocks(cell.content, { style: heading ? STYLE.tableHeading : STYLE.tableText }) as (Paragraph | Table)[];
          return new TableCell({
            children: children.length ? children : [new Paragraph(this.directFormatting ? {} : { style: STYLE.tableText })],
            width: { size: layout.cellWidths[r]![c]!, type: WidthType.DXA },
            ...(cell.attrs?.colspan && cell.attrs.colspan > 1 ? { columnSpan: cell.attrs.colspan } : {}),
            ...(cell.attrs?.rowspan && cell.attrs.rowspan > 1 ? { rowSpan: cell.attrs.rowspan } : {}),
            ...(heading ? { shading: { type: ShadingType.CLEAR, fill: 'ECECEC', color: 'auto' } } : {}),
          });
        }),
      });
    });
    const border = { style: BorderStyle.SINGLE, size: 6, color: '7A7A7A' };
    return new Table({
      rows,
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: layout.columnWidths,
      // Cell padding once for the table (w:tblCellMar), not per cell: less XML, faster export.
      margins: { top: 40, bottom: 40, left: 100, right: 100 },
      borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    });
  }
}

/** Column grid of a table: how many columns (honouring colspan and rowspan) and how wide. */
export function tableLayout(table: TableNode, totalWidth = TEXT_WIDTH): { columnWidths: number[]; cellWidths: number[][] } {
  const carry: number[] = []; // rows still covered by a rowspan, per column
  const placements: { col: number; span: number }[][] = [];
  let columns = 0;
  const weights: number[] = [];
  for (const row of table.content) {
    const placed: { col: number; span: number }[] = [];
    let col = 0;
    for (const cell of row.content) {
      while ((carry[col] ?? 0) > 0) col++;
      const span = cell.attrs?.colspan ?? 1;
      placed.push({ col, span });
      const widths = cell.attrs?.colwidth;
      for (let k = 0; k < span; k++) {
        if ((carry[col + k] ?? 0) === 0 && widths?.[k] && weights[col + k] === undefined) weights[col + k] = widths[k]!;
        carry[col + k] = Math.max(carry[col + k] ?? 0, cell.attrs?.rowspan ?? 1);
      }
      col += span;
    }
    columns = Math.max(columns, col, carry.length);
    for (let k = 0; k < carry.length; k++) carry[k] = Math.max(0, (carry[k] ?? 0) - 1);
    placements.push(placed);
  }
  columns = Math.max(columns, 1);
  const known = weights.filter((w) => w !== undefined && w > 0);
  const fallback = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  const raw = Array.from({ length: columns }, (_, i) => (weights[i] && weights[i]! > 0 ? weights[i]! : fallback));
  const sum = raw.reduce((a, b) => a + b, 0);
  const columnWidths = raw.map((w) => Math.floor((w / sum) * totalWidth));
  const cellWidths = placements.map((row) =>
    row.map(({ col, span }) => columnWidths.slice(col, col + span).reduce((a, b) => a + b, 0) || columnWidths[0]!),
  );
  return { columnWidths, cellWidths };
}

export function inlineRuns(nodes: readonly InlineNode[] | undefined, base: { bold?: boolean; size?: number } = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  // Neighbouring pieces of one link (e.g. part of it bold) become one Word hyperlink.
  const open: { link: { href: string; runs: TextRun[] } | null } = { link: null };
  const closeLink = () => {
    if (open.link) out.push(new ExternalHyperlink({ link: open.link.href, children: open.link.runs }));
    open.link = null;
  };
  let pendingBreak = false;
  for (const node of nodes ?? []) {
    if (node.type === 'hardBreak') {
      closeLink();
      if (pendingBreak) out.push(new TextRun({ break: 1 }));
      pendingBreak = true;
      continue;
    }
    const marks = new Set((node.marks ?? []).map((m) => m.type));
    const href = node.marks?.find((m) => m.type === 'link')?.attrs.href;
    if (open.link && open.link.href !== href) closeLink();
    if (href && !open.link) open.link = { href, runs: [] };
    const target: ParagraphChild[] = open.link ? open.link.runs : out;
    const lines = stripInvalidXmlChars(node.text).split(/\r\n?|\n/);
    lines.forEach((line, i) => {
      target.push(
        new TextRun({
          text: line,
          // The built-in character style (blue, underlined), as Word formats a link it makes itself.
          ...(href ? { style: 'Hyperlink' } : {}),
          ...(base.size ? { size: base.size } : {}),
          ...(marks.has('bold') || base.bold ? { bold: true } : {}),
          ...(marks.has('italic') ? { italics: true } : {}),
          ...(marks.has('underline') ? { underline: {} } : {}),
          ...(pendingBreak || i > 0 ? { break: 1 } : {}),
        }),
      );
      pendingBreak = false;
    });
  }
  closeLink();
  if (pendingBreak) out.push(new TextRun({ break: 1 }));
  return out;
}

/** Running header for pages 2+: left text, right text at the right margin, small and grey, with a rule. */
export function runningHeader(left: string, right: string): Header {
  return new Header({
    children: [
      new Paragraph({
        style: STYLE.small,
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: 'A0A0A0', space: 2 } },
        children: [...runs(left), new TextRun({ text: '\t' }), ...runs(right)],
      }),
    ],
  });
}

/**
 * The header of page 1 with the document's letterhead (Körperschaft, Amt, number, date), as
 * Word letterheads are built: in the first-page header (w:titlePg), not in the body, so the
 * text of page 1 starts below it and a clerk edits only the text. It starts at the top
 * margin, where the PDF prints its head, and keeps the PDF's gap below the rule, so page 1
 * holds as much text as the PDF's page 1. A non-public document's mark stands above it.
 */
export function letterheadHeader(letterhead: Paragraph[], mark?: string): Header {
  return new Header({
    children: [
      new Paragraph({
        style: STYLE.small,
        alignment: AlignmentType.RIGHT,
        // The mark sits in the header band, as the PDF's @top-right box; the letterhead below starts at the top margin.
        spacing: { after: Math.max(0, PAGE.margin.top - PAGE.margin.header - 240) },
        children: mark ? runs(mark) : [],
      }),
      ...letterhead,
    ],
  });
}

export const emptyHeader = () => new Header({ children: [new Paragraph({ style: STYLE.small, children: [] })] });

/** "Seite X von Y", centred. */
export function pageNumberFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.small,
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['Seite ', PageNumber.CURRENT, ' von ', PageNumber.TOTAL_PAGES] })],
      }),
    ],
  });
}

export const sectionProperties = (landscape = false): ISectionPropertiesOptions => ({
  titlePage: true,
  // docx swaps width and height itself for a landscape page.
  page: { size: { width: PAGE.width, height: PAGE.height, ...(landscape ? { orientation: PageOrientation.LANDSCAPE } : {}) }, margin: { ...PAGE.margin, gutter: 0 } },
});

/**
 * A document of ours: styles, lists, German language and hyphenation, A4, no header on page 1
 * and the running header from page 2, "Seite X von Y" on every page (unless switched off).
 */
export function vorlagenwerkDocument(o: {
  properties: { title: string; subject: string; creator: string; description: string; keywords?: string };
  runningHeader: { left: string; right: string };
  /** Header on page 1 (default empty: the document's own head is there). */
  firstPageHeader?: { left?: string; right?: string } | null;
  /** The letterhead, printed in the first-page header (its mark from firstPageHeader.right). */
  letterhead?: Paragraph[];
  pageNumbers?: boolean;
  /** A4 landscape, for wide tables (Beschlusskontrolle). */
  landscape?: boolean;
  children: FileChild[];
}): Document {
  return new Document({
    ...o.properties,
    lastModifiedBy: 'Vorlagenwerk',
    styles: docxStyles(),
    numbering: NUMBERING,
    hyphenation: { autoHyphenation: true, consecutiveHyphenLimit: 2 },
    sections: [
      {
        properties: sectionProperties(o.landscape),
        headers: {
          first: o.letterhead
            ? letterheadHeader(o.letterhead, o.firstPageHeader?.right)
            : o.firstPageHeader
              ? runningHeader(o.firstPageHeader.left ?? '', o.firstPageHeader.right ?? '') : emptyHeader(),
          default: runningHeader(o.runningHeader.left, o.runningHeader.right),
        },
        ...(o.pageNumbers === false ? {} : { footers: { first: pageNumberFooter(), default: pageNumberFooter() } }),
        children: o.children,
      },
    ],
  });
}

export const pack = async (doc: Document): Promise<Buffer> => finishDocx(await Packer.toBuffer(doc));

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/**
 * Last touches on every DOCX we write (issue 14.8): the core properties say the document's
 * language (de-DE) and that it was created and modified now, at export (a Hausvorlage would
 * otherwise pass on its own creation date); the package lists files only, no folder entries,
 * which strict readers report as empty parts.
 */
export async function finishDocx(bytes: Uint8Array, now = new Date()): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    let data: string | Uint8Array = await entry.async('uint8array');
    if (entry.name === 'docProps/core.xml') data = coreProperties(Buffer.from(data).toString('utf8'), now);
    out.file(entry.name, data, { createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', mimeType: DOCX_TYPE });
}

function coreProperties(xml: string, now: Date): string {
  const stamp = (name: 'created' | 'modified', text: string) => {
    const element = `<dcterms:${name} xsi:type="dcterms:W3CDTF">${iso(now)}</dcterms:${name}>`;
    const pattern = new RegExp(`<dcterms:${name}\\b[^>]*>[^<]*</dcterms:${name}>`);
    return pattern.test(text) ? text.replace(pattern, element) : text.replace('</cp:coreProperties>', `${element}</cp:coreProperties>`);
  };
  let out = stamp('modified', stamp('created', xml));
  if (!out.includes('xmlns:xsi=')) out = out.replace('<cp:coreProperties', '<cp:coreProperties xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"');
  if (!out.includes('xmlns:dcterms=')) out = out.replace('<cp:coreProperties', '<cp:coreProperties xmlns:dcterms="http://purl.org/dc/terms/"');
  const language = `<dc:language>${LANGUAGE}</dc:language>`;
  return /<dc:language>[^<]*<\/dc:language>/.test(out) ? out.replace(/<dc:language>[^<]*<\/dc:language>/, language) : out.replace('</cp:coreProperties>', `${language}</cp:coreProperties>`);
}
