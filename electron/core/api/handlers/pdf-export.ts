import { pdfExportMethods } from '../../../shared/api/pdf-export.js';
import { ApiError } from '../../../shared/errors.js';
import { PackError } from '../../export/pack/errors.js';
import { exportEinladung } from '../../export/meeting/einladung.js';
import { exportMeetingPack } from '../../export/pack/meeting-pack-export.js';
import { exportPaperExtract } from '../../export/minutes-export.js';
import { exportPaperPdf } from '../../export/pdf/pdf-exports.js';
import { PdfRenderError, PdfRendererUnavailableError } from '../../export/pdf/types.js';
import { notFound } from '../../../shared/errors.js';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import { renderPaperHtml } from '../../export/html/paper.js';
import { PrintModels } from '../../export/pdf/print-models-from-store.js';
import { resolvePaperId } from '../../services/papers.js';
import { defineHandlers } from '../handler.js';

/** PDF engine failures carry German messages meant for the user (e.g. which Chromium to install). */
export async function pdfUserFacing<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof PdfRendererUnavailableError || error instanceof PdfRenderError) throw new ApiError('INTERNAL', error.message);
    if (error instanceof PackError) throw new ApiError(error.code === 'PACK_INPUT' ? 'VALIDATION' : 'INTERNAL', error.message);
    throw error;
  }
}

export const pdfExportHandlers = defineHandlers(pdfExportMethods, {
  'vorlagen.previewFile': async ({ ref, meetingId, path, publicOnly }, ctx) => {
    if (meetingId !== undefined && !await ctx.store.meetings.get(meetingId)) throw notFound(`Die Sitzung ${meetingId}`);
    const html = Buffer.from(renderPaperHtml(await new PrintModels(ctx).paper(await resolvePaperId(ctx, ref), meetingId ?? null, { publicOnly })), 'utf8');
    await writeFileAtomic(path, html);
    return { path, bytes: html.byteLength };
  },
  'vorlagen.exportPdf': (input, ctx) => pdfUserFacing(() => exportPaperPdf(ctx, input)),
  // The Auszug aus der Niederschrift of the Vorlage's TOP: the same document as `sitzung auszug`.
  'ergebnisse.exportPdf': (input, ctx) =>
    pdfUserFacing(async () => {
      const { pages, ...written } = await exportPaperExtract(ctx, { ...input, format: 'pdf' });
      return { ...written, pages: pages ?? 0 };
    }),
  'sitzungen.exportEinladung': (input, ctx) => pdfUserFacing(() => exportEinladung(ctx, input)),
  'sitzungen.pack': (input, ctx) => pdfUserFacing(() => exportMeetingPack(ctx, input, (event) => ctx.progress(event))),
});
