import { join, resolve } from 'node:path';
import { packFileName } from '../../../shared/file-names.js';
import { notFound } from '../../../shared/errors.js';
import type { ProgressEvent } from '../../../shared/contract.js';
import type { AgendaItem, Meeting } from '../../../shared/schemas.js';
import type { AppContext } from '../../app-context.js';
import { localIsoDate } from '../../domain/notice-period.js';
import { assertPackReleasable } from '../../services/freigabe.js';
import { noticeReport } from '../../services/notice-report.js';
import { formatDateDe } from '../print-model.js';
import { closeRendererNow, pdfServices, runInBackground } from '../pdf/pdf-services.js';
import { PrintModels } from '../pdf/print-models-from-store.js';
import { recordWrittenExport, writeExport } from '../pdf/write-export.js';
import { anlageFile } from './anlage-files.js';
import { composeMeetingPack, type ComposedMeetingPack, type MeetingPackItem, type PackVariant } from './meeting-pack.js';
import { printCacheFor } from './print-cache.js';
import { renderPack } from './render-pack.js';
import { mapInOrder } from '../../map-in-order.js';

/**
 * Anlagen of at least this many bytes in a pack make it a big pack, written streamed (64 MB by
 * default: below that the in-memory pack is as fast and can be served from the print cache).
 * VORLAGENWERK_PACK_STREAM_MB sets another threshold, e.g. 0 to stream every pack.
 */
function streamThresholdBytes(): number {
  const mb = Number(process.env.VORLAGENWERK_PACK_STREAM_MB);
  return (process.env.VORLAGENWERK_PACK_STREAM_MB && Number.isFinite(mb) && mb >= 0 ? mb : 64) * 1024 * 1024;
}

/**
 * The bytes of the Anlagen a variant of the pack may contain: an upper bound (a non-public
 * Vorlage's public Anlagen are counted for the public variant too), from the stored sizes.
 */
async function packAnlagenBytes(ctx: AppContext, meetingId: number, variant: PackVariant): Promise<number> {
  let sum = 0;
  for (const item of await ctx.store.agenda.list(meetingId)) {
    if (!papersInPack(item, variant)) continue;
    for (const a of await ctx.store.attachments.forPaper(item.paperId)) if (variant === 'members' || a.public) sum += a.size;
  }
  return sum;
}

/**
 * Whether a TOP's Vorlage and Anlagen go into this variant of the pack. Non-public TOPs are not
 * even read for the public variant (composeMeetingPack filters again); an abgesetzt TOP stays
 * listed in the Tagesordnung, its papers are not in the pack.
 */
const papersInPack = (item: AgendaItem, variant: PackVariant): item is AgendaItem & { paperId: number } =>
  item.paperId !== null && !item.abgesetzt && (variant === 'members' || item.public);

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
  const { renderer, assembler, shortLived } = pdfServices(ctx);
  const committee = await store.committees.get(meeting.committeeId);
  if (!committee) throw notFound('Das Gremium der Sitzung');
  // A big pack (a Haushaltsplan of scans) is written straight to its file by the engine, its
  // Anlagen read from files (anlage-files.ts), so that memory stays far below the pack's size.
  const streamed = (await packAnlagenBytes(ctx, meeting.id, input.variant)) >= streamThresholdBytes();
  const composed = await composeStoredPack(ctx, meeting, input.variant, { readAnlagen: true, ...(streamed ? { streamed: { cacheEpoch } } : {}) });

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
    {
      renderer,
      assembler,
      transferInputs: true,
      cache,
      cacheEpoch,
      ...(shortLived ? { afterPrints: () => closeRendererNow(ctx) } : { background: (work: Promise<void>) => runInBackground(ctx, work) }),
      onProgress: (p) => onProgress({ step: p.step, done: p.done, total: p.total }),
      ...(streamed ? { outputPath: resolve(input.path) } : {}),
    },
  );
  warnings.push(...result.warnings.map((w) => ({ code: w.code, message: w.message })));

  onProgress({ step: 'write', done: 0, total: 1 });
  const target = { path: input.path, meetingId: meeting.id, format: 'pdf', variant: input.variant };
  const written = result.written ? await recordWrittenExport(ctx, result.written, target) : await writeExport(ctx, result.bytes, target);
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
 * that need only what is printed (print-on-save.ts). `streamed`: the Anlagen as files
 * (anlage-files.ts), for a pack the engine writes to its file; `cacheEpoch` as in renderPack.
 */
export async function composeStoredPack(
  ctx: AppContext,
  meeting: Meeting,
  variant: PackVariant,
  options: { readAnlagen: boolean; streamed?: { cacheEpoch: number } },
): Promise<ComposedMeetingPack> {
  const { store } = ctx;
  const models = new PrintModels(ctx);
  // The Einladung in the pack is the letter sent: dated on the day it went out, as exported alone.
  const dated = (await store.meetings.invitedOn(meeting.id)) ?? localIsoDate(ctx.now());
  const meetingModel = await models.meeting(meeting.id, dated);
  const agenda = await store.agenda.list(meeting.id);
  const membersOnly = variant === 'members';

  const items: MeetingPackItem[] = await mapInOrder(agenda, async (item, i) => {
    const printItem = meetingModel.items[i]!;
    if (!papersInPack(item, variant)) return { item: printItem, paper: null, attachments: [] };
    const paper = await models.paper(item.paperId, meeting.id);
    return {
      item: printItem,
      paper,
      attachments: await mapInOrder(await store.attachments.forPaper(item.paperId), async (a) => {
        const wanted = options.readAnlagen && (membersOnly || (a.public && paper.paper.public));
        const streamed = options.streamed;
        const current = () => printCacheFor(ctx.dataDir).epoch === streamed?.cacheEpoch;
        const file = wanted && streamed ? await anlageFile(ctx.dataDir, a.sha256, a.size, () => store.attachments.data(a.sha256), current) : null;
        if (file) return { title: a.title, fileName: a.fileName, public: a.public, data: { path: file }, sha256: a.sha256 };
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
