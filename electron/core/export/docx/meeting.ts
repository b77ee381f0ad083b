import { BorderStyle, type Document, Paragraph, Table, TableCell, TableRow, TabStopType, TextRun, WidthType, type FileChild } from 'docx';
import {
  formatDateDe,
  formatDateLongDe,
  formatTimeDe,
  invitationAddressee,
  invitationText,
  invitationTitle,
  publicSessionNote,
  type MeetingPrintItem,
  type MeetingPrintModel,
  type MeetingRenderOptions,
  itemMarks,
} from '../print-model.js';
import { pack, para, runs, STYLE, TEXT_WIDTH, vorlagenwerkDocument } from './common.js';
import { UNRELEASED_MARK } from '../html/meeting.js';

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const RULE = { style: BorderStyle.SINGLE, size: 6, color: '7A7A7A' };
const LIGHT_RULE = { style: BorderStyle.SINGLE, size: 4, color: 'C4C4C4' };

export interface MeetingDocxOptions extends MeetingRenderOptions {
  pageNumbers?: boolean;
}

/** The letterhead (first-page header): Körperschaft, the chair of the Gremium, the date; 12 mm below its rule as in the PDF. */
function letterHead(model: MeetingPrintModel): Paragraph[] {
  const tabs = [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }];
  return [
    para(model.body.name, { style: STYLE.small }),
    new Paragraph({
      tabStops: tabs,
      spacing: { after: 680, line: 240 },
      border: { bottom: { ...RULE, space: 4 } },
      children: [
        ...runs(`${model.chair.role} ${model.committee.genitive}`, { bold: true, size: 21 }),
        ...(model.invitationDate ? [new TextRun('\t'), ...runs(`Datum: ${formatDateDe(model.invitationDate)}`, { size: 19 })] : []),
      ],
    }),
  ];
}

const when = (m: MeetingPrintModel) => [formatDateLongDe(m.meeting.start), formatTimeDe(m.meeting.start)].filter(Boolean).join(', ');

function einladung(model: MeetingPrintModel, agendaBelow: boolean): FileChild[] {
  const tabs = [{ type: TabStopType.LEFT, position: 1100 }];
  const note = publicSessionNote(model);
  return [
    para(invitationAddressee(model), { spacing: { after: model.copyTo?.length ? 60 : 360 } }),
    ...(model.copyTo?.length ? [para(`nachrichtlich: ${model.copyTo.join(', ')}`, { spacing: { after: 360 } }, { size: 19 })] : []),
    para(invitationTitle(model), { style: STYLE.docTitle, spacing: { after: 360 } }),
    new Paragraph({ tabStops: tabs, spacing: { after: 40 }, children: [...runs('Termin', { color: '555555' }), new TextRun('\t'), ...runs(when(model), { bold: true })] }),
    new Paragraph({
      tabStops: tabs,
      spacing: { after: 480 },
      children: [...runs('Ort', { color: '555555' }), new TextRun('\t'), ...runs(model.meeting.location ?? 'wird noch bekannt gegeben', { bold: true })],
    }),
    para('Sehr geehrte Damen und Herren,', { spacing: { after: 180 } }),
    para(invitationText(agendaBelow), { spacing: { after: 180 } }),
    ...(note ? [para(note, { spacing: { after: 180 } }, { italics: true })] : []),
    para('Mit freundlichen Grüßen', { spacing: { before: 120, after: 800 }, keepNext: true }),
    ...(model.chair.name ? [para(model.chair.name, { spacing: { after: 0 }, keepNext: true })] : []),
    para(model.chair.role, { spacing: { after: 0 } }),
  ];
}

function agendaTable(items: MeetingPrintItem[], showPages: boolean): Table {
  const widths = showPages ? [900, TEXT_WIDTH - 900 - 1700 - 700, 1700, 700] : [900, TEXT_WIDTH - 900 - 1700, 1700];
  const cell = (children: Paragraph[], width: number, heading: boolean) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      margins: { top: 50, bottom: 50, left: 0, right: 100 },
      borders: { top: NONE, left: NONE, right: NONE, bottom: heading ? RULE : LIGHT_RULE },
      children,
    });
  const head = ['TOP', 'Betreff', 'Vorlage', ...(showPages ? ['Seite'] : [])];
  const rows = [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: head.map((h, i) => cell([para(h, { style: STYLE.tableHeading })], widths[i]!, true)),
    }),
    ...(items.length
      ? items.map(
          (item) =>
            new TableRow({
              cantSplit: true,
              children: [
                cell([para(item.number, { style: STYLE.tableText }, { bold: true })], widths[0]!, false),
                cell(
                  [
                    new Paragraph({
                      style: STYLE.tableText,
                      children: [
                        ...runs(item.title),
                        ...(itemMarks(item) ? runs(itemMarks(item), { size: 18, color: '555555' }) : []),
                        ...(item.unreleased ? runs(` ${UNRELEASED_MARK}`, { size: 18, bold: true }) : []),
                      ],
                    }),
                  ],
                  widths[1]!,
                  false,
                ),
                cell([para(item.paperReference ?? '', { style: STYLE.tableText })], widths[2]!, false),
                ...(showPages ? [cell([para(item.page != null ? String(item.page) : '', { style: STYLE.tableText, alignment: 'right' })], widths[3]!, false)] : []),
              ],
            }),
        )
      : [
          new TableRow({
            children: [
              cell([para('', { style: STYLE.tableText })], widths[0]!, false),
              cell([para('keine Tagesordnungspunkte', { style: STYLE.tableText }, { italics: true, color: '555555' })], widths[1]!, false),
              cell([para('', { style: STYLE.tableText })], widths[2]!, false),
              ...(showPages ? [cell([para('', { style: STYLE.tableText })], widths[3]!, false)] : []),
            ],
          }),
        ]),
  ];
  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
  });
}

/** The Tagesordnung; `first` when it starts the document (its letterhead is then the first-page header). */
function tagesordnung(model: MeetingPrintModel, options: MeetingDocxOptions, first: boolean, below: boolean): FileChild[] {
  const showPages = options.showPageNumbers ?? model.items.some((i) => i.page != null);
  const m = model.meeting;
  const subtitle = `für die ${m.number ? `${m.number}. ` : ''}Sitzung ${model.committee.genitive} am ${when(model)}${m.location ? `, ${m.location}` : ''}`;
  const partTitle = (text: string) => para(text, { spacing: { before: 280, after: 100 }, keepNext: true }, { bold: true, size: 23 });
  return [
    para(options.agendaHeading ?? 'Tagesordnung', { style: STYLE.docTitle, ...(below ? { spacing: { before: 680, after: 160 } } : { pageBreakBefore: !first }) }),
    para(subtitle, { spacing: { after: 240 } }),
    partTitle('A. Öffentlicher Teil'),
    agendaTable(model.items.filter((i) => i.public), showPages),
    ...(options.includeNonPublic !== false ? [partTitle('B. Nichtöffentlicher Teil'), agendaTable(model.items.filter((i) => !i.public), showPages)] : []),
  ];
}

export function buildMeetingDocument(model: MeetingPrintModel, options: MeetingDocxOptions = {}): Document {
  const withEinladung = options.parts?.einladung !== false;
  const withTagesordnung = options.parts?.tagesordnung !== false;
  const agendaBelow = withEinladung && withTagesordnung && options.agendaOnOwnPage !== true;
  return vorlagenwerkDocument({
    properties: {
      title: invitationTitle(model),
      subject: `Sitzung am ${formatDateDe(model.meeting.start)}`,
      creator: model.body.name,
      description: options.agendaHeading ?? (withTagesordnung ? 'Einladung und Tagesordnung' : 'Einladung'),
    },
    runningHeader: { left: model.committee.name, right: `Sitzung am ${formatDateDe(model.meeting.start)}` },
    letterhead: letterHead(model),
    pageNumbers: options.pageNumbers !== false,
    children: [...(withEinladung ? einladung(model, agendaBelow) : []), ...(withTagesordnung ? tagesordnung(model, options, !withEinladung, agendaBelow) : [])],
  });
}

/** Einladung + Tagesordnung of a Sitzung as DOCX (same options as renderMeetingHtml). */
export const renderMeetingDocx = (model: MeetingPrintModel, options: MeetingDocxOptions = {}): Promise<Buffer> =>
  pack(buildMeetingDocument(model, options));
