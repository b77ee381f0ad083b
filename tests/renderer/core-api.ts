import { afterEach, beforeEach } from 'vitest';
import type { TransportResponse } from '../../electron/shared/transport';
import { setApi } from '../../renderer/src/api';
import { createApi } from '../../renderer/src/api/client';
import type { Transport } from '../../renderer/src/api/transport';
import { demoApp } from '../core/workflow/fixtures';
import type { TempApp } from '../helpers/temp-app';

/**
 * Points the renderer's api at a real core (a temp app) instead of a fake: the stores and views
 * then read and write what the core really holds. Dialogs answer "cancelled" unless overridden.
 */
export function useCoreApi(t: TempApp, platform: Partial<Omit<Transport, 'invoke'>> = {}): void {
  setApi(
    createApi({
      invoke: async (method, params) => (await t.dispatch(method, params)) as TransportResponse,
      fileUrl: () => '',
      saveFile: async () => false,
      pickFile: async () => null,
      ...platform,
    }),
  );
}

/**
 * A fresh Musterkreis demo core for each test of the file (clock on 01.03.2025 unless `now` is
 * given), behind the renderer's api; the page is emptied and the core closed after each test.
 * Returns the current test's core.
 */
export function useDemoCoreEach(now?: () => Date): () => TempApp {
  let t: TempApp | undefined;
  beforeEach(async () => {
    t = await demoApp(now);
    useCoreApi(t);
  });
  afterEach(async () => {
    setApi(null);
    document.body.innerHTML = '';
    await t?.close();
    t = undefined;
  });
  return () => t!;
}
