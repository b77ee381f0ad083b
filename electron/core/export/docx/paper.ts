import {
  BorderStyle,
  type Document,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type FileChild,
} from 'docx';
import { formatDateDe, sessionPartLabel, type PaperPrintModel } from '../print-model.js';
import { NON_PUBLIC_MARK, paperRunningHeader, withColon } from '../html/paper.js';
import { DocConverter, pack, para, runs, STYLE, TEXT_WIDTH, vorlagenwerkDocument } from './common.js';

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const RULE = { style: BorderStyle.SINGLE, size: 6, color: '7A7A7A' };
const LIGHT_RULE = { style: BorderStyle.SINGLE, size: 4, color: 'C4C4C4' };

/** Column widths of the Beratungsfolge table (Gremium | Datum | Zuständigkeit). */
const BF_WIDTHS = [TEXT_WIDTH - 1500 - 2000, 1500, 2000];
const TOP_WIDTHS = [1750, TEXT_WIDTH - 1750];

/** 9 mm below the head's rule, as the PDF's .doc-head margin. */
const HEAD_GAP = 510;

/**
 * The Vorlage's letterhead (first-page header): Körperschaft and Amt left, Vorlage number and
 * date right, the rule below; the replaced Vorlage under it.
 */
export function paperHead(model: PaperPrintModel): Paragraph[] {
  const tabs = [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }];
  const amends = model.paper.amends;
  return [
    new Paragraph({
      style: STYLE.small,
      tabStops: tabs,
      children: [...runs(model.body.name), new TextRun('\t'), ...runs('Vorlage-Nr.: ', { size: 19, color: '000000' }), ...runs(model.paper.reference, { bold: true, size: 21, color: '000000' })],
    }),
    new Paragraph({
      tabStops: tabs,
      spacing: { after: amends ? 0 : HEAD_GAP, line: 240 },
      border: { bottom: { ...RULE, space: 4 } },
      children: [
        ...runs(model.department.name, { bold: true, size: 21 }),
        ...(model.paper.date ? [new TextRun('\t'), ...runs(`Datum: ${formatDateDe(model.paper.date)}`, { size: 19 })] : []),
      ],
    }),
    ...(amends ? [new Paragraph({ style: STYLE.small, spacing: { before: 80, after: HEAD_GAP }, children: runs(amends, { bold: true }) })] : []),
  ];
}

/** "Vorlage" / "für den" / "öffentlichen Sitzungsteil". */
export function paperKind(model: PaperPrintModel): Paragraph[] {
  return [
    new Paragraph({ spacing: { after: 0 }, children: runs('Vorlage', { bold: true, size: 30, characterSpacing: 90 }) }),
    new Paragraph({ spacing: { after: 0 }, children: runs('für den') }),
    new Paragraph({ spacing: { after: 320 }, children: runs(sessionPartLabel(model.paper.public), { bold: true, size: 24 }) }),
  ];
}

/** The Beratungsfolge: one row per Beratung; the date of its Sitzung, or empty when not yet scheduled. */
export function beratungsfolgeTable(model: PaperPrintModel): Table {
  const cell = (text: string, width: number, heading: boolean) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      margins: { top: 30, bottom: 30, left: 0, right: 80 },
      borders: { top: NONE, left: NONE, right: NONE, bottom: heading ? RULE : LIGHT_RULE },
      children: [para(text, { style: heading ? STYLE.tableHeading : STYLE.tableText })],
    });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: ['Gremium', 'Datum', 'Zuständigkeit'].map((t, i) => cell(t, BF_WIDTHS[i]!, true)),
  });
  const rows = model.consultations.map(
    (c) =>
      new TableRow({
        cantSplit: true,
        children: [c.committeeName, formatDateDe(c.meetingDate), c.role].map((t, i) => cell(t, BF_WIDTHS[i]!, false)),
      }),
  );
  return new Table({
    rows: [header, ...rows],
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: BF_WIDTHS,
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
  });
}

/** "Tagesordnungs-Punkt" (with the TOP number, if printed for a Sitzung) | Betreff in bold. */
export function topTable(model: PaperPrintModel): Table {
  const number = model.printedFor?.agendaNumber;
  const label = new TableCell({
    width: { size: TOP_WIDTHS[0]!, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.TOP,
    margins: { top: 80, bottom: 80, left: 0, right: 120 },
    borders: { top: RULE, bottom: RULE, left: NONE, right: NONE },
    children: [
      new Paragraph({ style: STYLE.small, children: [...runs('Tagesordnungs-'), new TextRun({ text: 'Punkt', break: 1 })] }),
      ...(number ? [new Paragraph({ spacing: { before: 40, after: 0 }, children: runs(number, { bold: true, size: 24 }) })] : []),
    ],
  });
  const title = new TableCell({
    width: { size: TOP_WIDTHS[1]!, type: WidthType.DXA },
    margins: { top: 80, bottom: 80, left: 0, right: 0 },
    borders: { top: RULE, bottom: RULE, left: NONE, right: NONE },
    children: [para(model.paper.title, { style: STYLE.betreff })],
  });
  return new Table({
    rows: [new TableRow({ cantSplit: true, children: [label, title] })],
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: TOP_WIDTHS,
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
  });
}

/** Closing line, "Im Auftrag", room for the signature, the signatory's function; kept together. */
export function paperClosing(model: PaperPrintModel): Paragraph[] {
  const out: Paragraph[] = [];
  if (model.closingLine) out.push(para(model.closingLine, { spacing: { before: 240 }, keepNext: true, keepLines: true }));
  out.push(para(model.signature.greeting, { spacing: { before: 240, after: 800 }, keepNext: !!model.signature.signatory }));
  if (model.signature.signatory) out.push(para(model.signature.signatory, { spacing: { after: 0 } }));
  return out;
}

/** A non-public Anlage is marked in the list (issue 14.4). */
const attachmentLine = (a: PaperPrintModel['attachments'][number]) => (a.public ? a.title : `${a.title} (${NON_PUBLIC_MARK})`);

/** "Anlage: <title>" for one attachment; "Anlagen:" with a numbered list for several. */
export function paperAttachments(model: PaperPrintModel, converter: DocConverter): FileChild[] {
  const list = model.attachments;
  if (!list.length) return [];
  if (list.length === 1) {
    return [
      new Paragraph({
        spacing: { before: 600 },
        keepLines: true,
        children: [...runs(model.attachmentsHeading.singular, { bold: true }), ...runs(` ${attachmentLine(list[0]!)}`)],
      }),
    ];
  }
  const instance = converter.nextListInstance();
  return [
    para(model.attachmentsHeading.plural, { spacing: { before: 600, after: 60 }, keepNext: true }, { bold: true }),
    ...list.map((a) => new Paragraph({ numbering: { reference: converter.orderedReference(), level: 0, instance }, children: runs(attachmentLine(a)) })),
  ];
}

/** The body of the Vorlage (its head is the first-page header): kind, Beratungsfolge, TOP, sections, closing, Anlagen. */
export function paperChildren(model: PaperPrintModel, converter = new DocConverter(false, model.body.listNumbering)): FileChild[] {
  return [
    ...paperKind(model),
    beratungsfolgeTable(model),
    new Paragraph({ spacing: { after: 200 }, children: [] }),
    topTable(model),
    ...model.sections.flatMap((s) => [para(withColon(s.title), { style: STYLE.sectionTitle }), ...converter.blocks(s.body)]),
    ...paperClosing(model),
    ...paperAttachments(model, converter),
  ];
}

export interface PaperDocxOptions {
  /** "Seite X von Y" in the footer (default true). */
  pageNumbers?: boolean;
}

export const paperProperties = (model: PaperPrintModel) => ({
  title: model.paper.title,
  subject: model.paper.reference,
  creator: model.department.name,
  description: `${model.paper.kindLabel} ${model.paper.reference}`,
  keywords: ['Vorlage', model.paper.reference, model.body.name].join('; '),
});

export const buildPaperDocument = (model: PaperPrintModel, options: PaperDocxOptions = {}): Document =>
  vorlagenwerkDocument({
    properties: paperProperties(model),
    runningHeader: paperRunningHeader(model).rest,
    firstPageHeader: paperRunningHeader(model).first,
    letterhead: paperHead(model),
    pageNumbers: options.pageNumbers !== false,
    children: paperChildren(model),
  });

/**
 * One Vorlage as DOCX, laid out as a Kreis prints it (same model as renderPaperHtml).
 * Stable signature.
 */
export const renderPaperDocx = (model: PaperPrintModel, options: PaperDocxOptions = {}): Promise<Buffer> =>
  pack(buildPaperDocument(model, options));
