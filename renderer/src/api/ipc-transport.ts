import type { ProgressEvent } from '@shared/contract';
import { APP_SCHEME, type PickedFile, type SaveFileOutput, type TransportResponse } from '@shared/transport';
import type { Transport } from './transport';

/** What the preload exposes as window.api (see electron/preload). */
export interface PreloadApi {
  invoke(method: string, params: unknown, onProgress?: (event: ProgressEvent) => void): Promise<TransportResponse>;
}

/** Desktop: one IPC channel to the main process, which owns dialogs and file paths. */
export function createIpcTransport(bridge: PreloadApi): Transport {
  return {
    invoke: (method, params, onProgress) => bridge.invoke(method, params, onProgress),
    fileUrl: (file) => `${APP_SCHEME}://datei/${encodeURIComponent(file.id)}`,
    async saveFile(file) {
      const response = await bridge.invoke('datei.speichern', { fileId: file.id });
      return response.ok ? (response.result as SaveFileOutput).saved : false;
    },
    async pickFile(options) {
      const response = await bridge.invoke('datei.auswaehlen', options);
      return response.ok ? (response.result as PickedFile | null) : null;
    },
  };
}
