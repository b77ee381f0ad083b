import { invalid, notFound } from '../../../shared/errors.js';
import type { AppContext } from '../../app-context.js';
import { localIsoDate } from '../../domain/notice-period.js';
import { renderMeetingDocx } from '../docx/meeting.js';
import { renderMeetingHtml } from '../html/meeting.js';
import { loadFast } from '../pdf/pdf-lib-fast.js';
import { pdfServices } from '../pdf/pdf-services.js';
import { PrintModels } from '../pdf/print-models-from-store.js';
import { writeExport } from '../pdf/write-export.js';
import { formatDateDe, publicMeetingModel } from '../print-model.js';

export const NACHTRAG_HEADING = 'Nachtrag zur Tagesordnung';

/**
 * "Nachtrag zur Tagesordnung": only the TOPs added after the Einladung went out, as DOCX or PDF.
 * The public variant leaves out the non-public part, as the Einladung does.
 */
export async function exportNachtrag(ctx: AppContext, input: { meetingId: number; format: 'docx' | 'pdf'; variant: 'public' | 'members'; path: string }) {
  const meeting = await ctx.store.meetings.get(input.meetingId);
  if (!meeting) throw notFound(`Die Sitzung ${input.meetingId}`);
  const full = await new PrintModels(ctx).meeting(meeting.id, localIsoDate(ctx.now()));
  const added = { ...full, items: full.items.filter((i) => i.supplement) };
  const { model, includeNonPublic } = input.variant === 'public' ? publicMeetingModel(added) : { model: added, includeNonPublic: true };
  const items = model.items;
  if (items.length === 0) throw invalid(`Die Sitzung vom ${formatDateDe(meeting.start)} hat keine nachträglich aufgenommenen Tagesordnungspunkte${input.variant === 'public' ? ' im öffentlichen Teil' : ''}; es wurde nichts geschrieben.`);
  const options = { includeNonPublic, parts: { einladung: false, tagesordnung: true }, agendaHeading: NACHTRAG_HEADING };
  const variant = `nachtrag-${input.variant}`;
  if (input.format === 'docx') {
    return { ...(await writeExport(ctx, await renderMeetingDocx(model, options), { path: input.path, meetingId: meeting.id, format: 'docx', variant })), items: items.length, pages: null };
  }
  const pdf = await pdfServices(ctx).renderer.render(renderMeetingHtml(model, options), {
    tagged: true,
    metadata: { title: `${NACHTRAG_HEADING} – ${full.committee.name}, Sitzung am ${formatDateDe(meeting.start)}`, author: full.body.name, date: ctx.now() },
  });
  const written = await writeExport(ctx, pdf, { path: input.path, meetingId: meeting.id, format: 'pdf', variant });
  return { ...written, items: items.length, pages: (await loadFast(pdf)).getPageCount() };
}
