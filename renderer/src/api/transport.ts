import type { ProgressEvent } from '@shared/contract';
import type { OutputFile, PickFileInput, PickedFile, TransportResponse } from '@shared/transport';

/**
 * How the api client reaches the core: Electron IPC or HTTP. Only renderer/src/api/ knows the
 * implementations; everything else uses the typed client.
 */
export interface Transport {
  invoke(method: string, params: unknown, onProgress?: (event: ProgressEvent) => void): Promise<TransportResponse>;
  /** A URL the page can show in an iframe (PDF preview) or an <img>. */
  fileUrl(file: OutputFile): string;
  /** Lets the user keep a file: save dialog (desktop) or browser download (web). */
  saveFile(file: OutputFile): Promise<boolean>;
  /** Lets the user choose a file to read (Anlage, Hausvorlage); null when cancelled. */
  pickFile(options: PickFileInput): Promise<PickedFile | null>;
}
