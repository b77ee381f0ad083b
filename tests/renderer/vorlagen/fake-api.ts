import type { TransportResponse } from '../../../electron/shared/transport';
import { createApi } from '../../../renderer/src/api/client';
import { setApi } from '../../../renderer/src/api';
import type { Transport } from '../../../renderer/src/api/transport';

export type Handler = (params: Record<string, unknown>) => unknown | Promise<unknown>;

export class FakeApiError {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

/**
 * The real api client over a fake transport: tests answer methods like the core would, and see
 * every call the UI made (method and parameters).
 */
export function installFakeApi(handlers: Record<string, Handler>) {
  const calls: { method: string; params: Record<string, unknown> }[] = [];
  const transport: Transport = {
    async invoke(method, params): Promise<TransportResponse> {
      const p = (params ?? {}) as Record<string, unknown>;
      calls.push({ method, params: JSON.parse(JSON.stringify(p)) });
      const handler = handlers[method];
      if (!handler) return { ok: false, error: { code: 'INTERNAL', message: `unerwarteter Aufruf ${method}` } };
      try {
        return { ok: true, result: await handler(p) } as TransportResponse;
      } catch (error) {
        if (error instanceof FakeApiError) return { ok: false, error: { code: error.code as 'CONFLICT', message: error.message } };
        throw error;
      }
    },
    fileUrl: (file) => `/files/${file.id}`,
    saveFile: async () => true,
    pickFile: async () => null,
  };
  setApi(createApi(transport));
  return { calls, of: (method: string) => calls.filter((c) => c.method === method) };
}

/** A promise the test resolves when it wants the "server" to answer. */
export function deferred<T = unknown>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
