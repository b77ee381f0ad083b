import { beratungMethods } from '../../../shared/api/beratung.js';
import { notFound } from '../../../shared/errors.js';
import { addConsultation, beratungsfolge, removeConsultation, reorderConsultations, updateConsultation } from '../../services/consultations.js';
import { carryForward } from '../../services/carry-forward.js';
import { noticeReport } from '../../services/notice-report.js';
import { paperDetail, resolvePaperId } from '../../services/papers.js';
import { recordResult, resultText } from '../../services/results.js';
import { resendPaper } from '../../services/resend.js';
import { diffRevisions, diffWithPredecessor } from '../../services/revision-diff.js';
import { defineHandlers } from '../handler.js';

export const beratungHandlers = defineHandlers(beratungMethods, {
  'beratungen.list': async ({ ref }, ctx) => beratungsfolge(ctx, await resolvePaperId(ctx, ref)),
  'beratungen.add': (input, ctx) =>
    ctx.store.transaction(async () => {
      await addConsultation(ctx, input);
      return beratungsfolge(ctx, input.paperId);
    }),
  'beratungen.update': (input, ctx) =>
    ctx.store.transaction(async () => beratungsfolge(ctx, (await updateConsultation(ctx, input)).paperId)),
  'beratungen.remove': ({ id }, ctx) => ctx.store.transaction(async () => beratungsfolge(ctx, await removeConsultation(ctx, id))),
  'beratungen.reorder': ({ paperId, orderedIds }, ctx) =>
    ctx.store.transaction(async () => {
      await reorderConsultations(ctx, paperId, orderedIds);
      return beratungsfolge(ctx, paperId);
    }),
  'beratungen.resend': (input, ctx) => ctx.store.transaction(() => resendPaper(ctx, input)),

  'tagesordnung.result': (input, ctx) => ctx.store.transaction(() => recordResult(ctx, input)),
  'tagesordnung.resultText': ({ agendaItemId }, ctx) => resultText(ctx, agendaItemId),

  'sitzungen.ladungsfrist': async ({ id, dispatchDate }, ctx) => {
    const meeting = await ctx.store.meetings.get(id);
    if (!meeting) throw notFound(`Die Sitzung ${id}`);
    return noticeReport(ctx, meeting, (await ctx.store.committees.get(meeting.committeeId))!, dispatchDate);
  },
  'sitzungen.ladungsfristen': async (filter, ctx) => {
    const committees = new Map((await ctx.store.committees.list()).map((c) => [c.id, c]));
    return (await ctx.store.meetings.list(filter)).map((m) => noticeReport(ctx, m, committees.get(m.committeeId)!));
  },

  'vorlagen.carryForward': ({ ref, year }, ctx) => ctx.store.transaction(async () => paperDetail(ctx, await carryForward(ctx, ref, year))),
  'vorlagen.diff': ({ ref, from, to }, ctx) => diffRevisions(ctx, ref, from, to),
  'vorlagen.diffPredecessor': ({ ref }, ctx) => diffWithPredecessor(ctx, ref),
});
