import {
  BorderStyle,
  Document,
  Header,
  Paragraph,
  SectionType,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type FileChild,
  type ISectionOptions,
  type IStylesOptions,
} from 'docx';
import type { Doc } from '../../../shared/document.js';
import { NON_PUBLIC_PART, type ExtractPrintModel, type MinutesPrintModel, type ResultPrint, type SignaturePrint, type TopBlockPrint, type TopLinePrint } from '../minutes-model.js';
import { itemMarks } from '../print-model.js';
import { DocConverter, docxStyles, emptyHeader, letterheadHeader, NUMBERING, pack, pageNumberFooter, para, runs, sectionProperties, STYLE, TEXT_WIDTH } from './common.js';

/**
 * Niederschrift and Auszug as DOCX with real heading styles (Heading 1 = title, 2 = Anwesenheit,
 * Tagesordnung and the parts, 3 = each TOP, 4–6 = headings inside the minutes text), so Word's
 * navigation pane shows the outline. The non-public part is a section of its own whose header
 * reads "Nichtöffentlicher Teil – …" on every one of its pages.
 */

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const RULE = { style: BorderStyle.SINGLE, size: 6, color: '7A7A7A' };
const LIGHT_RULE = { style: BorderStyle.SINGLE, size: 4, color: 'C4C4C4' };
const INK_RULE = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const QUOTE_STYLE = 'VwZitat';
const pt = (n: number) => Math.round(n * 20);

function minutesStyles(): IStylesOptions {
  const base = docxStyles();
  const heading = (size: number, before: number, after: number, italics = false) => ({
    run: { font: 'Arial', size: size * 2, bold: true, italics, color: '000000' },
    paragraph: { spacing: { before: pt(before), after: pt(after) }, keepNext: true, keepLines: true },
  });
  return {
    ...base,
    default: {
      ...base.default,
      heading1: heading(14, 0, 3),
      heading2: heading(12, 14, 5),
      heading3: heading(11, 12, 3),
      heading4: heading(11, 9, 3),
      heading5: heading(11, 8, 3, true),
      heading6: heading(11, 8, 3, true),
    },
    paragraphStyles: [
      ...(base.paragraphStyles ?? []),
      {
        id: QUOTE_STYLE,
        name: 'Niederschrift Beschlusstext',
        basedOn: 'Normal',
        next: 'Normal',
        paragraph: { indent: { left: 567 }, border: { left: { style: BorderStyle.SINGLE, size: 12, color: '7A7A7A', space: 8 } } },
      },
    ],
  };
}

/** Headings inside the minutes text sit below the TOP heading (level 3): 1 → 4, 2 → 5, 3 → 6. */
function belowTop(doc: Doc): Doc {
  return {
    ...doc,
    // The document model allows levels 1–3 only; DocConverter maps level n to the style "Heading n".
    content: doc.content.map((b) => (b.type === 'heading' ? ({ ...b, attrs: { level: (b.attrs.level + 3) as 1 } } as typeof b) : b)),
  };
}

const heading = (level: 1 | 2 | 3, text: string, extra: ConstructorParameters<typeof Paragraph>[0] & object = {}) =>
  new Paragraph({ style: `Heading${level}`, ...extra, children: runs(text) });

function topHeading(number: string, title: string, marks: string, level: 2 | 3): Paragraph {
  return new Paragraph({
    style: `Heading${level}`,
    tabStops: [{ type: TabStopType.LEFT, position: 907 }],
    indent: { left: 907, hanging: 907 },
    children: [...runs(number), new TextRun('\t'), ...runs(title), ...(marks ? runs(marks, { bold: false, size: 18, color: '555555' }) : [])],
  });
}

function resultBlocks(r: ResultPrint, converter: DocConverter): FileChild[] {
  const out: FileChild[] = [];
  if (r.statement) out.push(para(r.statement, { spacing: { before: pt(6) }, keepLines: true }, { bold: true }));
  if (r.label && r.quoted) {
    out.push(para(r.label, { spacing: { before: pt(6), after: pt(3) }, keepNext: true }, { bold: true }));
    out.push(...converter.blocks(r.quoted, { style: QUOTE_STYLE }));
    if (r.resultLine) out.push(para(r.resultLine, { keepNext: !!r.voteLine }, { bold: true }));
  } else if (r.label && r.resultLine) {
    out.push(new Paragraph({ spacing: { before: pt(6) }, keepNext: !!r.voteLine, children: [...runs(r.label, { bold: true }), new TextRun(' '), ...runs(r.resultLine, { bold: true })] }));
  }
  if (r.voteLine) out.push(para(`Abstimmungsergebnis: ${r.voteLine}`));
  return out;
}

function topBlock(t: TopBlockPrint, converter: DocConverter, level: 2 | 3 = 3): FileChild[] {
  return [
    topHeading(t.number, t.title, itemMarks(t), level),
    ...(t.paperReference ? [para(`Vorlage: ${t.paperReference}`, { indent: { left: 907 }, keepNext: true }, { size: 20, color: '555555' })] : []),
    ...t.conflicts.map((c) => para(c, {}, { italics: true })),
    ...(t.minutes ? converter.blocks(belowTop(t.minutes)) : []),
    ...(t.result ? resultBlocks(t.result, converter) : []),
  ];
}

function twoColumnTable(rows: { left: string; right: Paragraph[] }[], leftWidth: number): Table {
  const widths = [leftWidth, TEXT_WIDTH - leftWidth];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
    rows: rows.map(
      (r, i) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              width: { size: widths[0]!, type: WidthType.DXA },
              margins: { top: 50, bottom: 50, left: 0, right: 100 },
              borders: { top: i ? LIGHT_RULE : NONE, bottom: NONE, left: NONE, right: NONE },
              children: [para(r.left, { style: STYLE.tableHeading })],
            }),
            new TableCell({
              width: { size: widths[1]!, type: WidthType.DXA },
              margins: { top: 50, bottom: 50, left: 0, right: 0 },
              borders: { top: i ? LIGHT_RULE : NONE, bottom: NONE, left: NONE, right: NONE },
              children: r.right.length ? r.right : [para('', { style: STYLE.tableText })],
            }),
          ],
        }),
    ),
  });
}

function agendaTable(items: TopLinePrint[]): FileChild {
  if (!items.length) return para('keine Tagesordnungspunkte', {}, { italics: true, color: '555555' });
  const widths = [900, TEXT_WIDTH - 900 - 1700, 1700];
  const cell = (children: Paragraph[], width: number) =>
    new TableCell({ width: { size: width, type: WidthType.DXA }, margins: { top: 50, bottom: 50, left: 0, right: 100 }, borders: { top: NONE, left: NONE, right: NONE, bottom: LIGHT_RULE }, children });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
    rows: items.map(
      (i) =>
        new TableRow({
          cantSplit: true,
          children: [
            cell([para(i.number, { style: STYLE.tableText }, { bold: true })], widths[0]!),
            cell([new Paragraph({ style: STYLE.tableText, children: [...runs(i.title), ...(itemMarks(i) ? runs(itemMarks(i), { size: 18, color: '555555' }) : [])] })], widths[1]!),
            cell([para(i.paperReference ?? '', { style: STYLE.tableText })], widths[2]!),
          ],
        }),
    ),
  });
}

function signatureTable(signatures: SignaturePrint[]): Table {
  const gap = 1134;
  const width = Math.floor((TEXT_WIDTH - gap) / 2);
  const cell = (s: SignaturePrint | null, w: number, line: boolean) =>
    new TableCell({
      width: { size: w, type: WidthType.DXA },
      margins: { top: 40, bottom: 0, left: 0, right: 0 },
      borders: { top: line ? INK_RULE : NONE, bottom: NONE, left: NONE, right: NONE },
      children: s ? [para(s.caption, { spacing: { after: 0 } }, { bold: true }), ...(s.name ? [para(s.name, { spacing: { after: 0 } })] : [])] : [new Paragraph({})],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [width, gap, width],
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
    rows: [new TableRow({ cantSplit: true, children: [cell(signatures[0] ?? null, width, true), cell(null, gap, false), cell(signatures[1] ?? null, width, !!signatures[1])] })],
  });
}

/** Running header: left and right text, small and grey; `strong` prints the left part bold (non-public mark). */
function header(left: string, right: string, strong = false): Header {
  return new Header({
    children: [
      new Paragraph({
        style: STYLE.small,
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: 'A0A0A0', space: 2 } },
        children: [...runs(left, strong ? { bold: true, color: '000000' } : {}), new TextRun({ text: '\t' }), ...runs(right)],
      }),
    ],
  });
}

/** The letterhead (first-page header, issue 14.8): Körperschaft and Gremium, 10 mm above the text as in the PDF. */
function headBlock(bodyName: string, committeeName: string): Paragraph[] {
  return [
    para(bodyName, { style: STYLE.small }),
    new Paragraph({ spacing: { after: 567, line: 240 }, border: { bottom: { ...RULE, space: 4 } }, children: runs(committeeName, { bold: true, size: 21 }) }),
  ];
}

function factsTable(facts: { label: string; value: string }[]): FileChild[] {
  const tabs = [{ type: TabStopType.LEFT, position: 1100 }];
  return facts.map(
    (f, i) =>
      new Paragraph({
        tabStops: tabs,
        spacing: { after: i === facts.length - 1 ? 360 : 40 },
        children: [...runs(f.label, { color: '555555' }), new TextRun('\t'), ...runs(f.value, { bold: true })],
      }),
  );
}

export function buildMinutesDocument(model: MinutesPrintModel): Document {
  const converter = new DocConverter(false, model.body.listNumbering);
  // The letterhead is the first-page header of a public first part; a non-public part's header is its mark on every page.
  const letterheadFirst = model.parts[0]?.public !== false;
  const first: FileChild[] = [
    ...(letterheadFirst ? [] : headBlock(model.body.name, model.committee.name)),
    heading(1, model.title),
    para(model.subtitle, { spacing: { after: 280 } }, { bold: true }),
    ...factsTable(model.facts),
    heading(2, 'Anwesenheit'),
    model.attendance.length
      ? twoColumnTable(
          model.attendance.map((g) => ({
            left: g.heading,
            right: g.entries.map((x) => new Paragraph({ style: STYLE.tableText, children: runs(x.details ? `${x.name} ${x.details}` : x.name) })),
          })),
          2600,
        )
      : para('Keine Anwesenheit erfasst.', {}, { italics: true }),
    ...(model.quorum ? [para(model.quorum, { spacing: { before: pt(6) } }, { size: 20 })] : []),
    heading(2, 'Tagesordnung'),
    para('A. Öffentlicher Teil', { keepNext: true, spacing: { before: pt(6), after: pt(3) } }, { bold: true }),
    agendaTable(model.agenda.public),
    ...(model.agenda.nonPublic ? [para(`B. ${NON_PUBLIC_PART}`, { keepNext: true, spacing: { before: pt(8), after: pt(3) } }, { bold: true }), agendaTable(model.agenda.nonPublic)] : []),
  ];
  const partChildren = (p: MinutesPrintPart, last: boolean): FileChild[] => [
    heading(2, p.heading),
    ...(p.items.length ? p.items.flatMap((t) => topBlock(t, converter)) : [para('keine Tagesordnungspunkte', {}, { italics: true, color: '555555' })]),
    ...(last ? [new Paragraph({ spacing: { before: 1200 }, keepNext: true, children: [] }), signatureTable(model.signatures)] : []),
  ];
  const footers = { first: pageNumberFooter(), default: pageNumberFooter() };
  const sections: ISectionOptions[] = [];
  model.parts.forEach((p, index) => {
    const last = index === model.parts.length - 1;
    if (p.public) {
      sections.push({
        properties: sectionProperties(),
        headers: {
          first: index === 0 ? letterheadHeader(headBlock(model.body.name, model.committee.name)) : emptyHeader(),
          default: header(model.runningHeader.left, model.runningHeader.right),
        },
        footers,
        children: [...(index === 0 ? first : []), ...partChildren(p, last)],
      });
    } else {
      const np = header(`${NON_PUBLIC_PART} – ${model.runningHeader.left}`, model.runningHeader.right, true);
      sections.push({
        properties: { ...sectionProperties(), titlePage: false, type: SectionType.NEXT_PAGE },
        headers: { default: np, first: np },
        footers,
        children: [...(index === 0 ? first : []), ...partChildren(p, last)],
      });
    }
  });
  return new Document({
    title: `${model.title} – ${model.committee.name}`,
    subject: model.subtitle,
    creator: model.body.name,
    description: `${model.title} ${model.subtitle}`,
    lastModifiedBy: 'Vorlagenwerk',
    styles: minutesStyles(),
    numbering: NUMBERING,
    hyphenation: { autoHyphenation: true, consecutiveHyphenLimit: 2 },
    sections,
  });
}
type MinutesPrintPart = MinutesPrintModel['parts'][number];

/** The Niederschrift (variant as built into the model) as DOCX. */
export const renderMinutesDocx = (model: MinutesPrintModel): Promise<Buffer> => pack(buildMinutesDocument(model));

export function buildExtractDocument(model: ExtractPrintModel): Document {
  const converter = new DocConverter(false, model.body.listNumbering);
  const nonPublic = model.nonPublicNote !== null;
  const running = nonPublic ? header(`${model.nonPublicNote} – ${model.runningHeader.left}`, model.runningHeader.right, true) : header(model.runningHeader.left, model.runningHeader.right);
  const letterhead = [
    para(model.body.name, { style: STYLE.small }),
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      spacing: { after: 567, line: 240 },
      border: { bottom: { ...RULE, space: 4 } },
      children: [...runs(model.committee.name, { bold: true, size: 21 }), ...(model.department ? [new TextRun('\t'), ...runs(`An: ${model.department.name}`, { size: 19 })] : [])],
    }),
  ];
  const children: FileChild[] = [
    ...(nonPublic ? [para(model.nonPublicNote!, { border: { top: INK_RULE, bottom: INK_RULE, left: INK_RULE, right: INK_RULE } }, { bold: true })] : []),
    heading(1, model.title),
    para(model.subtitle, { spacing: { after: 360 } }, { bold: true }),
    ...topBlock(model.item, converter, 2),
    new Paragraph({ spacing: { before: 1200 }, keepNext: true, children: [] }),
    signatureTable([{ caption: `Für die Richtigkeit des Auszugs: ${model.certification.caption}`, name: model.certification.name }]),
  ];
  return new Document({
    title: `${model.title} – TOP ${model.item.number}`,
    subject: model.subtitle,
    creator: model.body.name,
    description: `${model.title} ${model.subtitle}, TOP ${model.item.number}: ${model.item.title}`,
    lastModifiedBy: 'Vorlagenwerk',
    styles: minutesStyles(),
    numbering: NUMBERING,
    hyphenation: { autoHyphenation: true, consecutiveHyphenLimit: 2 },
    sections: [
      {
        // The letterhead in the first-page header; a non-public Auszug's mark stands above it.
        properties: sectionProperties(),
        headers: { first: letterheadHeader(letterhead, nonPublic ? model.nonPublicNote! : undefined), default: running },
        footers: { first: pageNumberFooter(), default: pageNumberFooter() },
        children,
      },
    ],
  });
}

/** The Auszug of one TOP as DOCX. */
export const renderExtractDocx = (model: ExtractPrintModel): Promise<Buffer> => pack(buildExtractDocument(model));
