import { afterAll, beforeAll, expect, it } from 'vitest';
import { packLikelyCached, recordPackBuilt } from '../../../../electron/core/export/pack/likely-cached.js';
import { printCacheFor } from '../../../../electron/core/export/pack/print-cache.js';
import { tempApp, type TempApp } from '../../../helpers/temp-app.js';

/**
 * `sitzung pack` starts Chromium ahead unless the pack will probably come from the print cache
 * (likely-cached.ts). The guess decides only when the browser starts, never what is in a pack.
 */
let t: TempApp;
beforeAll(async () => {
  t = await tempApp({ demo: true });
}, 60_000);
afterAll(() => t.close());

it('guesses a pack comes from the cache only while nothing was recorded since it was built, per Sitzung and variant', async () => {
  const { id: meetingId } = (await t.call('sitzungen.list', {}))[0]!;
  expect(await packLikelyCached(t.app, meetingId, 'public')).toBe(false);
  await recordPackBuilt(t.app, meetingId, 'public', printCacheFor(t.dir).epoch);
  expect(await packLikelyCached(t.app, meetingId, 'public')).toBe(true);
  expect(await packLikelyCached(t.app, meetingId, 'members')).toBe(false);
  expect(await packLikelyCached(t.app, meetingId + 1, 'public')).toBe(false);
  // A released Vorlage taken back to be changed, as a clerk does before the next pack.
  let withdrawn = false;
  for (const { id } of await t.call('vorlagen.list', {})) {
    if (withdrawn || !(await t.call('freigabe.get', { ref: id })).released) continue;
    // Not every released Vorlage may be taken back (one already consulted may not).
    withdrawn = await t.call('freigabe.withdraw', { ref: id, reason: 'Zahlen aktualisieren' }).then(() => true, () => false);
  }
  expect(withdrawn).toBe(true);
  expect(await packLikelyCached(t.app, meetingId, 'public')).toBe(false);
});

it('remembers nothing built before the print cache was cleared (an erasure)', async () => {
  const { id: meetingId } = (await t.call('sitzungen.list', {}))[0]!;
  const cache = printCacheFor(t.dir);
  const epoch = cache.epoch;
  cache.clear();
  await recordPackBuilt(t.app, meetingId, 'members', epoch);
  expect(await packLikelyCached(t.app, meetingId, 'members')).toBe(false);
});
