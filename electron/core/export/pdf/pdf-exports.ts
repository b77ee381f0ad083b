import type { z } from 'zod';
import type { PaperExportInputSchema } from '../../../shared/api/pdf-export.js';
import { invalid } from '../../../shared/errors.js';
import type { AppContext } from '../../app-context.js';
import { resolvePaperId } from '../../services/papers.js';
import { renderPaperHtml } from '../html/paper.js';
import { loadFast } from './pdf-lib-fast.js';
import { pdfServices } from './pdf-services.js';
import { PrintModels } from './print-models-from-store.js';
import { exportVariant, writeExport } from './write-export.js';

type PaperExportInput = z.infer<typeof PaperExportInputSchema>;

export interface PdfExportResult {
  path: string;
  bytes: number;
  pages: number;
  sha256: string;
  warnings: { code: string; message: string }[];
}

/**
 * One Vorlage as PDF: exactly the HTML of the preview, printed tagged (accessible), with our
 * metadata; printed for a Sitzung when one is given (closing line, TOP number).
 */
export async function exportPaperPdf(ctx: AppContext, input: PaperExportInput): Promise<PdfExportResult> {
  const paperId = await resolvePaperId(ctx, input.ref);
  const model = await new PrintModels(ctx).paper(paperId, input.meetingId ?? null, { publicOnly: input.publicOnly });
  if (model.sections.length === 0) {
    throw invalid(`Die Vorlage ${model.paper.reference} hat noch keinen Inhalt; es wurde kein PDF erstellt.`);
  }
  const pdf = await pdfServices(ctx).renderer.render(renderPaperHtml(model), {
    tagged: true,
    metadata: {
      title: `Vorlage ${model.paper.reference} – ${model.paper.title}`,
      subject: model.paper.kindLabel,
      author: [model.body.name, model.department.name].filter(Boolean).join(' – '),
      keywords: [model.paper.reference, model.paper.kindLabel],
      date: ctx.now(),
    },
  });
  const written = await writeExport(ctx, pdf, { path: input.path, paperId, meetingId: input.meetingId ?? null, format: 'pdf', ...exportVariant(input.publicOnly && 'public') });
  return { ...written, pages: (await loadFast(pdf)).getPageCount(), warnings: [] };
}
