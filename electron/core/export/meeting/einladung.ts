import { notFound } from '../../../shared/errors.js';
import type { AppContext } from '../../app-context.js';
import { localIsoDate } from '../../domain/notice-period.js';
import { renderMeetingDocx } from '../docx/meeting.js';
import { renderMeetingHtml } from '../html/meeting.js';
import { loadFast } from '../pdf/pdf-lib-fast.js';
import { pdfServices } from '../pdf/pdf-services.js';
import { PrintModels } from '../pdf/print-models-from-store.js';
import { writeExport } from '../pdf/write-export.js';
import { formatDateDe, invitationTitle, publicMeetingModel } from '../print-model.js';

/**
 * Einladung with the Tagesordnung under the letter, as DOCX or tagged PDF (issue 14.6). The
 * public variant leaves out part B, or lists its TOPs neutrally (Körperschaft setting), as the
 * public Sitzungsmappe does.
 */
export async function exportEinladung(ctx: AppContext, input: { meetingId: number; format: 'docx' | 'pdf'; variant: 'public' | 'members'; path: string }) {
  const meeting = await ctx.store.meetings.get(input.meetingId);
  if (!meeting) throw notFound(`Die Sitzung ${input.meetingId}`);
  // A letter is dated on the day it goes out: once sent, an Einladung exported again keeps that day.
  const dated = (await ctx.store.meetings.invitedOn(meeting.id)) ?? localIsoDate(ctx.now());
  const full = await new PrintModels(ctx).meeting(meeting.id, dated);
  // Not only left out of the print: a public file must not carry non-public titles anywhere.
  const { model, includeNonPublic } = input.variant === 'public' ? publicMeetingModel(full) : { model: full, includeNonPublic: true };
  const options = { includeNonPublic };
  const variant = `einladung-${input.variant}`;
  if (input.format === 'docx') {
    return { ...(await writeExport(ctx, await renderMeetingDocx(model, options), { path: input.path, meetingId: meeting.id, format: 'docx', variant })), pages: null };
  }
  const pdf = await pdfServices(ctx).renderer.render(renderMeetingHtml(model, options), {
    tagged: true,
    metadata: { title: `${invitationTitle(model)} am ${formatDateDe(meeting.start)}`, author: full.body.name, date: ctx.now() },
  });
  const written = await writeExport(ctx, pdf, { path: input.path, meetingId: meeting.id, format: 'pdf', variant });
  return { ...written, pages: (await loadFast(pdf)).getPageCount() };
}
