import type { AppContext } from '../../app-context.js';
import { minutesPrintInput } from '../../services/minutes.js';
import { renderMeetingHtml } from '../html/meeting.js';
import { renderMinutesHtml } from '../html/minutes.js';
import { buildMinutesPrintModel } from '../minutes-model.js';
import { PrintModels } from '../pdf/print-models-from-store.js';
import { pdfServices } from '../pdf/pdf-services.js';
import { invitationTitle } from '../print-model.js';
import type { PdfMetadata } from '../pdf/types.js';
import type { PublicSelection } from './select-public.js';

/** The documents OParl links from a Meeting: `invitation` and `resultsProtocol`. */
export type MeetingFileKind = 'invitation' | 'resultsProtocol';

export interface MeetingFilePlan {
  meetingId: number;
  kind: MeetingFileKind;
  name: string;
  html: string;
  metadata: PdfMetadata;
}

/** Printed PDFs (with the document's title) per Sitzung id. */
export type MeetingPdfs = Map<number, Partial<Record<MeetingFileKind, { name: string; bytes: Buffer }>>>;

/**
 * The HTML of the public Einladung (once invited: einberufen or durchgeführt) and of the public
 * Niederschrift (only once it is approved: before that it may still change). Both are the public
 * variants, built from public TOPs only, so no renderer ever receives a non-public TOP.
 * Read inside the export's transaction; printing happens afterwards (printPlans).
 */
export async function planMeetingFiles(ctx: AppContext, selection: PublicSelection): Promise<MeetingFilePlan[]> {
  const plans: MeetingFilePlan[] = [];
  const models = new PrintModels(ctx);
  const author = selection.body.name;
  for (const { meeting, minutesApproved } of selection.meetings) {
    if (meeting.state === 'einberufen' || meeting.state === 'durchgefuehrt') {
      const model = await models.meeting(meeting.id, null);
      const publicModel = { ...model, items: model.items.filter((i) => i.public) };
      const title = invitationTitle(publicModel);
      plans.push({
        meetingId: meeting.id,
        kind: 'invitation',
        name: title,
        html: renderMeetingHtml(publicModel, { includeNonPublic: false }),
        metadata: { title, subject: model.committee.name, author, date: ctx.now() },
      });
    }
    if (minutesApproved) {
      const { input } = await minutesPrintInput(ctx, meeting.id);
      const model = buildMinutesPrintModel(input, 'public');
      const title = `${model.title} ${model.subtitle}`;
      plans.push({
        meetingId: meeting.id,
        kind: 'resultsProtocol',
        name: title,
        html: renderMinutesHtml(model),
        metadata: { title, subject: model.committee.name, author, date: ctx.now() },
      });
    }
  }
  return plans;
}

/** Prints the planned documents with the app's PDF renderer (one browser, reused). */
export async function printMeetingFiles(ctx: AppContext, plans: MeetingFilePlan[]): Promise<MeetingPdfs> {
  const pdfs: MeetingPdfs = new Map();
  const { renderer } = pdfServices(ctx);
  for (const plan of plans) {
    const bytes = await renderer.render(plan.html, { tagged: true, metadata: plan.metadata });
    const own = pdfs.get(plan.meetingId) ?? {};
    own[plan.kind] = { name: plan.name, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    pdfs.set(plan.meetingId, own);
  }
  return pdfs;
}
