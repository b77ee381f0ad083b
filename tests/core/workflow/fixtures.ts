import { tempApp, type TempApp } from '../../helpers/temp-app.js';

/**
 * The Musterkreis demo on a fixed clock: Saturday 1 March 2025, 10:00 local time. Demo Sitzungen
 * lie relative to it (Sozialausschuss next on 13.03., Ordnungsausschuss on 27.03., …).
 */
export const DEMO_NOW = new Date(2025, 2, 1, 10, 0);

export async function demoApp(now: () => Date = () => DEMO_NOW): Promise<TempApp> {
  return tempApp({ demo: true, now });
}

export async function paperByKey(t: TempApp, key: string) {
  const p = await t.app.store.papers.byKey(key);
  if (!p) throw new Error(`demo paper ${key} missing`);
  return p;
}

export async function meetingByKey(t: TempApp, key: string) {
  const m = await t.app.store.meetings.byKey(key);
  if (!m) throw new Error(`demo meeting ${key} missing`);
  return m;
}

export async function committeeByKey(t: TempApp, key: string) {
  const c = await t.app.store.committees.find(key);
  if (!c) throw new Error(`demo committee ${key} missing`);
  return c;
}

/** Runs a call that must fail; returns the error code and message. */
export async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
  throw new Error('expected the call to fail');
}
