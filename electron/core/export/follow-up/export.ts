import { notFound } from '../../../shared/errors.js';
import type { AppContext } from '../../app-context.js';
import { loadFast } from '../pdf/pdf-lib-fast.js';
import { pdfServices } from '../pdf/pdf-services.js';
import { writeExport } from '../pdf/write-export.js';
import { followUpReportModel, renderFollowUpReportDocx, renderFollowUpReportHtml, reportTitle } from './report.js';

export interface FollowUpReportInput {
  committeeId: number;
  variant: 'public' | 'members';
  path: string;
  format: 'docx' | 'pdf';
}

/** Writes the Beschlusskontrolle report of one Gremium (atomically) and records the export. */
export async function exportFollowUpReport(ctx: AppContext, input: FollowUpReportInput) {
  const committee = await ctx.store.committees.get(input.committeeId);
  if (!committee) throw notFound(`Das Gremium ${input.committeeId}`);
  const model = await followUpReportModel(ctx, committee, input.variant === 'public');
  const variant = `beschlusskontrolle${input.variant === 'public' ? '+public' : ''}`;
  if (input.format === 'docx') {
    const written = await writeExport(ctx, await renderFollowUpReportDocx(model), { path: input.path, format: 'docx', variant });
    return { ...written, entries: model.rows.length, pages: null };
  }
  const pdf = await pdfServices(ctx).renderer.render(renderFollowUpReportHtml(model), {
    tagged: true,
    metadata: { title: reportTitle(model), subject: committee.name, author: model.body, date: ctx.now() },
  });
  const written = await writeExport(ctx, pdf, { path: input.path, format: 'pdf', variant });
  return { ...written, entries: model.rows.length, pages: (await loadFast(pdf)).getPageCount() };
}
