import type { PaperSummary } from '../../../electron/shared/schemas';
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

/** A Vorlage summary as the core lists it; `over` sets what a test cares about. */
export function summary(id: number, over: Partial<PaperSummary> = {}): PaperSummary {
  return {
    id,
    key: null,
    reference: `50/${String(id).padStart(3, '0')}/2025`,
    departmentId: 1,
    template: 'mitteilungsvorlage',
    title: `Vorlage ${id}`,
    public: true,
    year: 2025,
    status: 'entwurf',
    predecessorId: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    date: null,
    revision: 1,
    committeeIds: [],
    ...over,
  };
}

/**
 * 'vorlagen.page' as the core answers it: filters (the text as SQLite's LIKE: case-insensitive
 * for A–Z only), list order year desc / number desc, then offset and limit.
 */
export function fakePage(papers: PaperSummary[]): Handler {
  const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return (p) => {
    const text = typeof p.text === 'string' ? fold(p.text) : null;
    const list = papers
      .filter(
        (x) =>
          (p.status === undefined || x.status === p.status) &&
          (p.year === undefined || x.year === p.year) &&
          (p.departmentId === undefined || x.departmentId === p.departmentId) &&
          (p.committeeId === undefined || x.committeeIds.includes(p.committeeId as number)) &&
          (text === null || fold(x.title).includes(text) || fold(x.reference).includes(text)),
      )
      .sort((a, b) => b.year - a.year || (a.reference < b.reference ? 1 : a.reference > b.reference ? -1 : 0));
    const offset = Number(p.offset ?? 0);
    const limit = Number(p.limit ?? 100);
    return { total: list.length, items: list.slice(offset, offset + limit) };
  };
}
