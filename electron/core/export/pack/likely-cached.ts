import type { AppContext } from '../../app-context.js';
import { cacheKey, printCacheFor } from './print-cache.js';
import type { PackVariant } from './meeting-pack.js';

/**
 * Whether a Sitzungsmappe will probably come from the print cache: nothing was recorded in the
 * history (audit events: every save, Freigabe and export) since this Sitzung's pack of this
 * variant was last built. Only a guess, for starting Chromium ahead of a pack that will print
 * (the CLI): what a pack contains is decided by the print cache's keys alone. A wrong guess costs
 * time only — a browser started for nothing, or started when the first print needs it.
 */
export async function packLikelyCached(ctx: AppContext, meetingId: number, variant: PackVariant): Promise<boolean> {
  const entry = printCacheFor(ctx.dataDir).get(markerKey(meetingId, variant));
  const made = (entry?.meta as { lastEvent?: unknown } | undefined)?.lastEvent;
  return typeof made === 'number' && made === (await lastEvent(ctx));
}

/** After a pack was built and its export recorded: the history's state it was built in. */
export async function recordPackBuilt(ctx: AppContext, meetingId: number, variant: PackVariant, cacheEpoch: number): Promise<void> {
  await printCacheFor(ctx.dataDir).put(markerKey(meetingId, variant), { lastEvent: await lastEvent(ctx) }, new Uint8Array(0), cacheEpoch);
}

const markerKey = (meetingId: number, variant: PackVariant) => cacheKey('pack-built', String(meetingId), variant);

async function lastEvent(ctx: AppContext): Promise<number | null> {
  return (await ctx.store.audit.list({ limit: 1 }))[0]?.id ?? null;
}
