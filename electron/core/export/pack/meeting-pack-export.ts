import { join } from 'node:path';
import { packFileName } from '../../../shared/file-names.js';
import { notFound } from '../../../shared/errors.js';
import type { ProgressEvent } from '../../../shared/contract.js';
import type { Meeting } from '../../../shared/schemas.js';
import type { AppContext } from '../../app-context.js';
import { localIsoDate } from '../../domain/notice-period.js';
import { assertPackReleasable } from '../../services/freigabe.js';
import { noticeReport } from '../../services/notice-report.js';
import { formatDateDe } from '../print-model.js';
import { pdfServices, runInBackground } from '../pdf/pdf-services.js';
import { PrintModels } from '../pdf/print-models-from-store.js';
import { writeExport } from '../pdf/write-export.js';
import { composeMeetingPack, type ComposedMeetingPack, type MeetingPackItem, type PackVariant } from './meeting-pack.js';
import { printCacheFor } from './print-cache.js';
import { renderPack } from './render-pack.js';
import { mapInOrder } from '../../map-in-order.js';

export interface MeetingPackExport {
  path: string;
  bytes: number;
  pages: number;
  sha256: string;
  variant: PackVariant;
  /** Name to offer for download or saving (shared/file-names.ts). */
  fileName: string;
  warnings: { code: string; message: string }[];
  tops: { number: string; title: string; page: number | null }[];
}

/**
 * Builds the Sitzungsmappe of a Sitzung from the database, writes it atomically and records the
 * export. Bad Anlagen and a missed Ladungsfrist are warnings (the pack is still built); a
 * Vorlage without content refuses the pack before anything is written.
 */
export async function exportMeetingPack(
  ctx: AppContext,
  input: { meetingId: number; variant: PackVariant; path: string },
  onProgress: (event: ProgressEvent) => void = () => undefined,
): Promise<MeetingPackExport> {
  const { store } = ctx;
  // Before any data are read: if data are erased while the pack is built, nothing of it is cached.
  const cache = printCacheFor(ctx.dataDir);
  const cacheEpoch = cache.epoch;
  const meeting = await store.meetings.get(input.meetingId);
  if (!meeting) throw notFound(`Die Sitzung ${input.meetingId}`);
  // Freigabe gate: a Vorlage nobody released never goes out, in either variant.
  await assertPackReleasable(ctx, meeting.id);
  // No warm-up here: an unchanged pack comes from the cache without Chromium or the worker
  // (renderPack starts both the moment it knows it needs them).
  const { renderer, assembler } = pdfServices(ctx);
  const committee = await store.committees.get(meeting.committeeId);
  if (!committee) throw notFound('Das Gremium der Sitzung');
  const composed = await composeStoredPack(ctx, meeting, input.variant, { readAnlagen: true });

  const warnings = [...composed.warnings];
  // Same rule as Übersicht: once the Einladung is out (einberufen), its deadline no longer applies.
  const notice = noticeReport(ctx, meeting, committee).invitation;
  if (notice.late) {
    warnings.push({
      code: 'NOTICE_PERIOD',
      message:
        `Ladungsfrist unterschritten: Für die Sitzung am ${formatDateDe(meeting.start)} gilt eine Ladungsfrist von ${notice.periodDays} Tagen ` +
        `(${committee.shortName}); die Einladung hätte spätestens am ${formatDateDe(notice.lastDay)} versandt werden müssen. Die Sitzungsmappe wurde trotzdem erstellt.`,
    });
  }

  const result = await renderPack(
    { ...composed.plan, metadata: { ...composed.plan.metadata, date: ctx.now() } },
    { renderer, assembler, transferInputs: true, cache, cacheEpoch, background: (work) => runInBackground(ctx, work), onProgress: (p) => onProgress({ step: p.step, done: p.done, total: p.total }) },
  );
  warnings.push(...result.warnings.map((w) => ({ code: w.code, message: w.message })));

  onProgress({ step: 'write', done: 0, total: 1 });
  const written = await writeExport(ctx, result.bytes, { path: input.path, meetingId: meeting.id, format: 'pdf', variant: input.variant });
  onProgress({ step: 'write', done: 1, total: 1 });
  return {
    ...written,
    pages: result.pageCount,
    variant: input.variant,
    fileName: packFileName({ committee: committee.shortName || committee.name, start: meeting.start, variant: input.variant }),
    warnings,
    tops: composed.tops.map((t) => ({ number: t.number, title: t.title, page: t.partIds.length ? result.parts[t.partIds[0]!]!.start : null })),
  };
}


/**
 * The pack of a Sitzung as the database holds it now, composed (meeting-pack.ts), not printed.
 * `readAnlagen: false` leaves the Anlagen unread (each as a path that is not read), for callers
 * that need only what is printed (print-on-save.ts).
 */
export async function composeStoredPack(ctx: AppContext, meeting: Meeting, variant: PackVariant, options: { readAnlagen: boolean }): Promise<ComposedMeetingPack> {
  const { store } = ctx;
  const models = new PrintModels(ctx);
  // The Einladung in the pack is the letter sent: dated on the day it went out, as exported alone.
  const dated = (await store.meetings.invitedOn(meeting.id)) ?? localIsoDate(ctx.now());
  const meetingModel = await models.meeting(meeting.id, dated);
  const agenda = await store.agenda.list(meeting.id);
  const membersOnly = variant === 'members';

  const items: MeetingPackItem[] = await mapInOrder(agenda, async (item, i) => {
    const printItem = meetingModel.items[i]!;
    // Non-public TOPs are not even read for the public variant; composeMeetingPack filters again.
    // An abgesetzt TOP stays listed in the Tagesordnung, its papers are not in the pack.
    if (!item.paperId || item.abgesetzt || (!membersOnly && !item.public)) return { item: printItem, paper: null, attachments: [] };
    const paper = await models.paper(item.paperId, meeting.id);
    return {
      item: printItem,
      paper,
      attachments: await mapInOrder(await store.attachments.forPaper(item.paperId), async (a) => {
        const wanted = options.readAnlagen && (membersOnly || (a.public && paper.paper.public));
        const data = wanted ? await store.attachments.data(a.sha256) : null;
        return {
          title: a.title,
          fileName: a.fileName,
          public: a.public,
          // A stored file that has gone missing becomes a note page ("nicht gelesen werden").
          // Read fresh per pack, so its memory can move to the worker (transferInputs below).
          data: data ? { bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) } : { path: join(ctx.dataDir, 'fehlende-anlage', a.sha256) },
          ...(data ? { sha256: a.sha256 } : {}),
        };
      }),
    };
  });
  return composeMeetingPack({ variant, meeting: meetingModel, items });
}
