import type { TransportResponse } from '../../../electron/shared/transport';
import { ApiCallError, setApi, useApi } from '../../../renderer/src/api';
import { createApi } from '../../../renderer/src/api/client';

/** What the dispatcher answers while another program holds the database (SQLITE_BUSY). */
export const BUSY: TransportResponse = {
  ok: false,
  error: { code: 'CONFLICT', retry: true, message: 'Die Datenbank wird gerade von einem anderen Programm verwendet. Bitte versuchen Sie es gleich noch einmal.' },
};

/**
 * Puts a transport in front of the installed fake api that answers the next `times` calls of
 * `method` as a busy database; everything else goes through, through the real api client.
 */
export function busyFor(method: string, times: number) {
  const inner = useApi();
  let left = times;
  setApi(
    createApi({
      async invoke(m, params): Promise<TransportResponse> {
        if (m === method && left > 0) {
          left--;
          return BUSY;
        }
        try {
          return { ok: true, result: await inner.call(m as never, params as never) };
        } catch (error) {
          const e = error as ApiCallError;
          return { ok: false, error: { code: e.code as 'CONFLICT', message: e.message } };
        }
      },
      fileUrl: (file) => `/files/${file.id}`,
      saveFile: async () => true,
      pickFile: async () => null,
    }),
  );
}
