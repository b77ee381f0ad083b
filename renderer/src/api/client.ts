import type { MethodInput, MethodName, MethodOutput, ProgressEvent } from '@shared/contract';
import type { OutputFile, PickFileInput, PickedFile, TransportResponse } from '@shared/transport';
import { ApiCallError } from './errors';
import type { Transport } from './transport';

export interface CallOptions {
  onProgress?: (event: ProgressEvent) => void;
}

/** Input of a file-writing method without its output path: the adapter chooses that. */
export type FileMethodInput<M extends MethodName> = MethodInput<M> extends infer I ? (I extends object ? Omit<I, 'path' | 'out'> : I) : never;

export interface Api {
  call<M extends MethodName>(method: M, params: MethodInput<M>, options?: CallOptions): Promise<MethodOutput<M>>;
  /** For methods that write a file (exports, packs): returns the result and the file to preview or save. */
  callForFile<M extends MethodName>(method: M, params: FileMethodInput<M>, options?: CallOptions): Promise<{ result: MethodOutput<M>; file: OutputFile }>;
  fileUrl(file: OutputFile): string;
  saveFile(file: OutputFile): Promise<boolean>;
  pickFile(options?: PickFileInput): Promise<PickedFile | null>;
}

function unwrap(response: TransportResponse): { result: unknown; file?: OutputFile } {
  if (response.ok) return { result: response.result, file: response.file };
  if ('cancelled' in response && response.cancelled) throw new ApiCallError('CANCELLED', response.error.message, [], true);
  const fields = 'fields' in response.error ? (response.error.fields ?? []) : [];
  const retry = 'retry' in response.error && response.error.retry === true;
  throw new ApiCallError(response.error.code, response.error.message, fields, false, retry);
}

export function createApi(transport: Transport): Api {
  return {
    async call(method, params, options = {}) {
      const { result } = unwrap(await transport.invoke(method, params, options.onProgress));
      return result as never;
    },
    async callForFile(method, params, options = {}) {
      const { result, file } = unwrap(await transport.invoke(method, params, options.onProgress));
      if (!file) throw new ApiCallError('INTERNAL', 'Die Datei wurde nicht erzeugt.');
      return { result: result as never, file };
    },
    fileUrl: (file) => transport.fileUrl(file),
    saveFile: (file) => transport.saveFile(file),
    pickFile: (options = {}) => transport.pickFile(options),
  };
}
