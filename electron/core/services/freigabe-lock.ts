import { conflict } from '../../shared/errors.js';
import type { AppContext } from '../app-context.js';
import { audit } from './audit.js';

/**
 * The content lock of a freigegeben Vorlage and the invalidation of signatures by a change:
 * kept apart from freigabe.ts so the save path (services/papers.ts) needs nothing else of it.
 */
export async function assertEditable(ctx: AppContext, paper: { id: number; reference: string }): Promise<void> {
  const release = await ctx.store.freigabe.release(paper.id);
  if (release) {
    throw conflict(
      `Die Vorlage ${paper.reference} ist freigegeben und kann nicht mehr geändert werden. ` +
        'Für eine Änderung zuerst die Freigabe zurücknehmen (nach einer Beratung: Ergänzungs- oder Änderungsvorlage anlegen).',
    );
  }
}

/**
 * A new revision voids every signature given to an older one: the signers did not see the new
 * text. They are marked (not deleted), and an audit event names them.
 */
export async function invalidateAfterChange(ctx: AppContext, paperId: number, revision: number): Promise<string[]> {
  const now = ctx.now().toISOString();
  const voided = (await ctx.store.freigabe.invalidateApprovals(paperId, `Inhalt geändert (Stand ${revision})`, now)).filter((a) => a.revision < revision);
  if (voided.length > 0) await audit(ctx, 'mitzeichnung.ungueltig', { paperId }, { revision, steps: voided.map((a) => a.step) });
  return voided.map((a) => a.step);
}
