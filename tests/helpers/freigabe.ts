import type { TempApp } from './temp-app.js';

/**
 * Takes a Vorlage through its whole Mitzeichnung chain and the Freigabe, as the Amtsleitung and
 * the Kämmerei would: what a test needs before it builds a Sitzungsmappe with that Vorlage.
 */
export async function releasePaper(t: TempApp, ref: string | number, by = 'Test Amtsleitung'): Promise<void> {
  const state = await t.call('freigabe.get', { ref });
  if (state.released) return;
  for (const s of state.steps) if (!s.approval) await t.call('freigabe.approve', { ref, step: s.step, by });
  await t.call('freigabe.release', { ref, by });
}
