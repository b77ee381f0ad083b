import { freigabeMethods } from '../../../shared/api/freigabe.js';
import { APPROVAL_STEP_LABELS, type ApprovalStep } from '../../../shared/freigabe.js';
import { ApiError, invalid, notFound } from '../../../shared/errors.js';
import { exportFollowUpReport } from '../../export/follow-up/export.js';
import { exportNachtrag } from '../../export/meeting/nachtrag.js';
import { exportIcs } from '../../export/calendar/ics.js';
import { PdfRenderError, PdfRendererUnavailableError } from '../../export/pdf/types.js';
import { localIsoDate } from '../../domain/notice-period.js';
import { amend, approve, freigabeState, release, returnToAuthor, unreleasedOnAgenda, withdraw } from '../../services/freigabe.js';
import { isOverdue, listFollowUps, updateFollowUp } from '../../services/follow-ups.js';
import { audit } from '../../services/audit.js';
import { defineHandlers } from '../handler.js';

/** PDF engine failures carry German messages meant for the user. */
async function userFacing<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof PdfRendererUnavailableError || error instanceof PdfRenderError) throw new ApiError('INTERNAL', error.message);
    throw error;
  }
}

export const freigabeHandlers = defineHandlers(freigabeMethods, {
  'freigabe.config': (_input, ctx) => ctx.store.freigabe.config(),
  'freigabe.setConfig': (config, ctx) =>
    ctx.store.transaction(async () => {
      const previous = await ctx.store.freigabe.config();
      for (const [step, id] of Object.entries(config.signingDepartments)) {
        if (id !== undefined && !(await ctx.store.departments.get(id))) {
          throw invalid(`Das Amt für den Schritt „${APPROVAL_STEP_LABELS[step as ApprovalStep]}“ gibt es nicht (Nr. ${id}). Es wurde nichts gespeichert.`);
        }
      }
      await ctx.store.freigabe.saveConfig(config);
      await audit(ctx, 'freigabe.einstellungen', {}, { previous, config });
      return config;
    }),
  'freigabe.get': ({ ref }, ctx) => freigabeState(ctx, ref),
  'freigabe.approve': (input, ctx) => approve(ctx, input),
  'freigabe.release': (input, ctx) => release(ctx, input),
  'freigabe.withdraw': (input, ctx) => withdraw(ctx, input),
  'freigabe.return': (input, ctx) => returnToAuthor(ctx, input),
  'freigabe.amend': (input, ctx) => amend(ctx, input),
  'freigabe.blockers': async (_input, ctx) => {
    const today = localIsoDate(ctx.now());
    const upcoming = (await ctx.store.meetings.list({ from: today })).filter((m) => m.state !== 'abgesagt' && m.state !== 'durchgefuehrt');
    const out = [];
    for (const m of upcoming) {
      const papers = await unreleasedOnAgenda(ctx, m.id);
      if (papers.length > 0) out.push({ meetingId: m.id, committeeId: m.committeeId, start: m.start, papers });
    }
    return out;
  },
  'freigabe.unreleased': async ({ meetingId }, ctx) => {
    if (!(await ctx.store.meetings.get(meetingId))) throw notFound(`Die Sitzung ${meetingId}`);
    return unreleasedOnAgenda(ctx, meetingId);
  },
  'beschlusskontrolle.list': (filter, ctx) => listFollowUps(ctx, filter),
  'beschlusskontrolle.get': async ({ id }, ctx) => {
    const f = await ctx.store.followUps.get(id);
    if (!f) throw notFound(`Der Eintrag ${id} der Beschlusskontrolle`);
    return { ...f, overdue: isOverdue(f, localIsoDate(ctx.now())) };
  },
  'beschlusskontrolle.set': (input, ctx) => updateFollowUp(ctx, input),
  'beschlusskontrolle.export': (input, ctx) => userFacing(() => exportFollowUpReport(ctx, input)),
  'sitzungen.exportNachtrag': (input, ctx) => userFacing(() => exportNachtrag(ctx, input)),
  'sitzungen.ics': async (input, ctx) => {
    if (input.committeeId !== undefined && !(await ctx.store.committees.get(input.committeeId))) throw notFound(`Das Gremium ${input.committeeId}`);
    return exportIcs(ctx, input);
  },
});
