import { notFound } from '../../shared/errors.js';
import type { MinutesVariant } from '../../shared/minutes.js';
import type { AppContext } from '../app-context.js';
import { checkData, minutesPrintInput, refuseErrors } from '../services/minutes.js';
import { resolvePaperId } from '../services/papers.js';
import { renderExtractDocx, renderMinutesDocx } from './docx/minutes.js';
import { renderExtractHtml, renderMinutesHtml } from './html/minutes.js';
import { buildExtractPrintModel, buildMinutesPrintModel } from './minutes-model.js';
import { loadFast } from './pdf/pdf-lib-fast.js';
import { pdfServices } from './pdf/pdf-services.js';
import { writeExport } from './pdf/write-export.js';

/**
 * The Niederschrift of a Sitzung and the Auszug of one TOP as DOCX or PDF files. Errors in the
 * record (checkMinutes) refuse the export and nothing is written; warnings come back with the file.
 */
export interface MinutesExportResult {
  path: string;
  bytes: number;
  sha256: string;
  pages?: number;
  warnings: { code: string; message: string }[];
}

type Format = 'docx' | 'pdf';

async function pages(format: Format, bytes: Uint8Array): Promise<{ pages?: number }> {
  return format === 'pdf' ? { pages: (await loadFast(bytes)).getPageCount() } : {};
}

export async function exportMinutes(ctx: AppContext, input: { meetingId: number; format: Format; variant: MinutesVariant; path: string }): Promise<MinutesExportResult> {
  const { input: printInput, data } = await minutesPrintInput(ctx, input.meetingId);
  const warnings = refuseErrors(checkData(data));
  const model = buildMinutesPrintModel(printInput, input.variant);
  const bytes =
    input.format === 'docx'
      ? await renderMinutesDocx(model)
      : await pdfServices(ctx).renderer.render(renderMinutesHtml(model), {
          tagged: true,
          metadata: { title: `${model.title} ${model.subtitle}`, subject: model.committee.name, author: model.body.name, date: ctx.now() },
        });
  const written = await writeExport(ctx, bytes, { path: input.path, meetingId: input.meetingId, format: input.format, variant: `niederschrift-${input.variant}` });
  return { ...written, ...(await pages(input.format, bytes)), warnings: warnings.map(({ code, message }) => ({ code, message })) };
}

/** "Auszug aus der Niederschrift" of the TOP with this printed number ("3", "Ö 3"). */
export async function exportExtract(
  ctx: AppContext,
  input: { meetingId: number; topNumber: string; format: Format; path: string; variant?: string; paperId?: number },
): Promise<MinutesExportResult> {
  const { store } = ctx;
  const item = await store.agenda.byNumber(input.meetingId, input.topNumber);
  const { input: printInput, data } = await minutesPrintInput(ctx, input.meetingId);
  if (!item) throw notFound(`Der TOP ${input.topNumber} der Sitzung ${input.meetingId}`);
  const warnings = refuseErrors(checkData(data)).filter((w) => !w.path.startsWith('items.') || w.path.startsWith(`items.${data.items.findIndex((i) => i.id === item.id)}.`));
  const paper = item.paperId === null ? null : await store.papers.get(item.paperId);
  const department = paper ? await store.departments.get(paper.departmentId) : null;
  const model = buildExtractPrintModel(printInput, item.number, { department: department ? { name: department.name } : null });
  const bytes =
    input.format === 'docx'
      ? await renderExtractDocx(model)
      : await pdfServices(ctx).renderer.render(renderExtractHtml(model), {
          tagged: true,
          metadata: { title: `${model.title}, TOP ${model.item.number}`, subject: `${model.subtitle}: ${model.item.title}`, author: model.body.name, date: ctx.now() },
        });
  const written = await writeExport(ctx, bytes, {
    path: input.path,
    meetingId: input.meetingId,
    paperId: paper?.id ?? null,
    format: input.format,
    variant: input.variant ?? 'auszug',
  });
  return { ...written, ...(await pages(input.format, bytes)), warnings: warnings.map(({ code, message }) => ({ code, message })) };
}

/**
 * `result export`: the Auszug of the TOP that dealt with the Vorlage in the Sitzung — the same
 * document as `sitzung auszug` for that TOP.
 */
export async function exportPaperExtract(ctx: AppContext, input: { ref: string | number; meetingId: number; format: Format; path: string }): Promise<MinutesExportResult> {
  const paperId = await resolvePaperId(ctx, input.ref);
  const paper = (await ctx.store.papers.get(paperId))!;
  if (!await ctx.store.meetings.get(input.meetingId)) throw notFound(`Die Sitzung ${input.meetingId}`);
  const item = (await ctx.store.agenda.forPaper(paperId)).find((i) => i.meetingId === input.meetingId);
  if (!item) throw notFound(`Ein Tagesordnungspunkt zur Vorlage ${paper.reference} in dieser Sitzung`);
  if (!item.result) throw notFound(`Ein Beratungsergebnis zu TOP ${item.number}`);
  return exportExtract(ctx, { meetingId: input.meetingId, topNumber: item.number, format: input.format, path: input.path, variant: 'beratungsergebnis', paperId });
}
