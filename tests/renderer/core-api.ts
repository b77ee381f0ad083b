import type { TransportResponse } from '../../electron/shared/transport';
import { setApi } from '../../renderer/src/api';
import { createApi } from '../../renderer/src/api/client';
import type { Transport } from '../../renderer/src/api/transport';
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
