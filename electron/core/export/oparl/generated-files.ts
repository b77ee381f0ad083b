import { createHash } from 'node:crypto';
import type { AppContext } from '../../app-context.js';
import { minutesPrintInput } from '../../services/minutes.js';
import { renderMeetingHtml } from '../html/meeting.js';
import { renderExtractHtml, renderMinutesHtml } from '../html/minutes.js';
import { renderPaperHtml } from '../html/paper.js';
import { buildExtractPrintModel, buildMinutesPrintModel } from '../minutes-model.js';
import { PrintModels } from '../pdf/print-models-from-store.js';
import { pdfServices } from '../pdf/pdf-services.js';
import { invitationTitle, publicMeetingModel } from '../print-model.js';
import type { PdfMetadata } from '../pdf/types.js';
import type { PublicSelection } from './select-public.js';
import type { GeneratedFileKind } from './urls.js';

/**
 * The documents OParl links besides the Anlagen, each printed as PDF from its public variant:
 * Meeting.invitation (Einladung), Meeting.resultsProtocol (öffentliche Niederschrift),
 * Paper.mainFile (the Vorlage as printed, public Anlagen only) and AgendaItem.resolutionFile
 * (the Auszug of a TOP).
 */
export interface GeneratedPlan {
  /** Sitzung id for einladung/niederschrift, Vorlage id for vorlage, TOP id for auszug. */
  ownerId: number;
  kind: GeneratedFileKind;
  name: string;
  html: string;
  metadata: PdfMetadata;
}

export interface GeneratedPdf {
  name: string;
  bytes: Buffer;
  /**
   * SHA-256 of what was printed (HTML and title): it changes when the document changes, while
   * the PDF bytes also change with the print date. The export's `modified` follows this one.
   */
  sourceHash: string;
}

/** Printed documents by kind and owner id. */
export type GeneratedPdfs = Map<`${GeneratedFileKind}:${number}`, GeneratedPdf>;
export const generatedKey = (kind: GeneratedFileKind, ownerId: number) => `${kind}:${ownerId}` as const;

/**
 * Plans the documents, reading inside the export's transaction; printing happens afterwards.
 * - Einladung: once the Sitzung is einberufen or durchgeführt, public TOPs only (non-public ones
 *   reduced to number and neutral title where the Körperschaft lists them so).
 * - Niederschrift and the Auszüge of its public TOPs: only once it is approved (before, it may
 *   still change); an Auszug only for a TOP with a result or minutes.
 * - Vorlage: every published Vorlage that has text, in its public version (non-public Anlagen
 *   not listed).
 * No renderer ever receives a non-public TOP or Anlage title.
 */
export async function planGeneratedFiles(ctx: AppContext, selection: PublicSelection): Promise<GeneratedPlan[]> {
  const plans: GeneratedPlan[] = [];
  const models = new PrintModels(ctx);
  const author = selection.body.name;
  for (const { meeting, items, minutesApproved } of selection.meetings) {
    if (meeting.state === 'einberufen' || meeting.state === 'durchgefuehrt') {
      const model = await models.meeting(meeting.id, null);
      // As the public Einladung prints it: part B left out, or listed neutrally (Körperschaft setting).
      const { model: publicModel, includeNonPublic } = publicMeetingModel(model);
      const title = invitationTitle(publicModel);
      plans.push({ ownerId: meeting.id, kind: 'einladung', name: title, html: renderMeetingHtml(publicModel, { includeNonPublic }), metadata: { title, subject: model.committee.name, author, date: ctx.now() } });
    }
    if (minutesApproved) {
      const { input } = await minutesPrintInput(ctx, meeting.id);
      const model = buildMinutesPrintModel(input, 'public');
      const title = `${model.title} ${model.subtitle}`;
      plans.push({ ownerId: meeting.id, kind: 'niederschrift', name: title, html: renderMinutesHtml(model), metadata: { title, subject: model.committee.name, author, date: ctx.now() } });
      for (const item of items.filter((i) => i.result?.trim() || i.minutes)) {
        const paper = item.paperId === null ? null : selection.papers.find((p) => p.paper.id === item.paperId)?.paper;
        const department = paper ? selection.departments.find((d) => d.id === paper.departmentId) : undefined;
        const extract = buildExtractPrintModel(input, item.number, { department: department ? { name: department.name } : null });
        const name = `${extract.title}, TOP ${extract.item.number}`;
        plans.push({ ownerId: item.id, kind: 'auszug', name, html: renderExtractHtml(extract), metadata: { title: name, subject: `${extract.subtitle}: ${extract.item.title}`, author, date: ctx.now() } });
      }
    }
  }
  for (const { paper } of selection.papers) {
    const model = await models.paper(paper.id, null, { publicOnly: true });
    if (model.sections.length === 0) continue;
    const name = `Vorlage ${model.paper.reference} – ${model.paper.title}`;
    plans.push({
      ownerId: paper.id,
      kind: 'vorlage',
      name,
      html: renderPaperHtml(model),
      metadata: { title: name, subject: model.paper.kindLabel, author: [model.body.name, model.department.name].filter(Boolean).join(' – '), keywords: [model.paper.reference, model.paper.kindLabel], date: ctx.now() },
    });
  }
  return plans;
}

/**
 * PDFs printed earlier in this process, by source hash: repeating an export (as the Kreis does
 * after every Sitzung) reprints only what changed. Bounded, oldest dropped first.
 */
const printed = new Map<string, Buffer>();
const PRINT_CACHE_ENTRIES = 200;

/** Prints the planned documents with the app's PDF renderer (one browser, reused). */
export async function printGeneratedFiles(ctx: AppContext, plans: GeneratedPlan[]): Promise<GeneratedPdfs> {
  const pdfs: GeneratedPdfs = new Map();
  const { renderer } = pdfServices(ctx);
  for (const plan of plans) {
    const sourceHash = createHash('sha256').update(plan.name).update('\0').update(plan.html).digest('hex');
    let bytes = printed.get(sourceHash);
    if (!bytes) {
      const pdf = await renderer.render(plan.html, { tagged: true, metadata: plan.metadata });
      bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      printed.set(sourceHash, bytes);
      if (printed.size > PRINT_CACHE_ENTRIES) printed.delete(printed.keys().next().value!);
    }
    pdfs.set(generatedKey(plan.kind, plan.ownerId), { name: plan.name, bytes, sourceHash });
  }
  return pdfs;
}
