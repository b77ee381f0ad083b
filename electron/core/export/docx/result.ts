import { BorderStyle, type Document, Paragraph } from 'docx';
import type { ResultPrintModel } from '../print-model.js';
import { resultHeading, resultItemLine, resultLine, resultRunningHeader, resultWhenLine } from '../html/result.js';
import { DocConverter, pack, para, runs, STYLE, vorlagenwerkDocument } from './common.js';

const RULE = { style: BorderStyle.SINGLE, size: 6, color: '7A7A7A' };

export function buildResultDocument(model: ResultPrintModel): Document {
  return vorlagenwerkDocument({
    properties: {
      title: resultHeading(model),
      subject: model.paper?.reference ?? `TOP ${model.agendaItem.number}`,
      creator: model.body.name,
      description: `${resultWhenLine(model)} – ${resultItemLine(model)}`,
    },
    runningHeader: resultRunningHeader(model).rest,
    firstPageHeader: resultRunningHeader(model).first,
    // The letterhead in the first-page header, 10 mm above the text as in the PDF.
    letterhead: [
      para(model.body.name, { style: STYLE.small }),
      new Paragraph({
        spacing: { after: 567, line: 240 },
        border: { bottom: { ...RULE, space: 4 } },
        children: model.department ? runs(`An: ${model.department.name}`, { bold: true, size: 21 }) : [],
      }),
    ],
    children: [
      para(resultHeading(model), { style: STYLE.docTitle, spacing: { after: 80 } }),
      para(resultWhenLine(model), { spacing: { after: 360 } }, { bold: true }),
      para(resultItemLine(model), { spacing: { after: 240 }, keepNext: true }, { bold: true }),
      ...new DocConverter(false, model.body.listNumbering).blocks(model.minutes),
      para(resultLine(model), { spacing: { before: 240 }, border: { top: { ...RULE, space: 6 } } }, { bold: true }),
      ...(model.vote ? [para(`Abstimmungsergebnis: ${model.vote}`)] : []),
    ],
  });
}

/** "Beratungsergebnis zu Vorlage Nr. …" of one TOP as DOCX. */
export const renderResultDocx = (model: ResultPrintModel): Promise<Buffer> => pack(buildResultDocument(model));
