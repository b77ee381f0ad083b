import { parentPort, workerData } from 'node:worker_threads';
import { assemblePack } from './assemble.js';
import { PackMemory } from './kept-pack.js';
import { PackError } from './errors.js';
import type { ExpectPageCounts, PackLayout } from './types.js';
import type { ToMain, ToWorker } from './worker-protocol.js';

/**
 * Worker thread around assemblePack: parsing and saving run without yielding (that is what
 * makes them fast), which would freeze the app's main thread for the length of a pack.
 */
const port = parentPort;
if (!port) throw new Error('pack-worker must run in a worker thread');

/** Per job and deferred source: settles when the main thread sends (or cannot produce) it. */
const waitingForDeferred = new Map<number, Map<string, { resolve: (bytes: Uint8Array) => void; reject: (e: Error) => void }>>();
/** Per job: where expected page counts from the main thread go. */
const expectations = new Map<number, ExpectPageCounts>();
const send = (message: ToMain, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
/** The last pack, for the next one to reuse its unchanged parts (see PackAssemblerOptions.reuseLastPack). */
const memory = (workerData as { reuseLastPack?: boolean } | undefined)?.reuseLastPack === false ? undefined : new PackMemory();

port.on('message', (message: ToWorker) => {
  if (message.type === 'deferred') {
    const waiting = waitingForDeferred.get(message.id);
    waiting?.get(message.source)?.resolve(message.bytes);
    waiting?.delete(message.source);
    return;
  }
  if (message.type === 'expect') {
    expectations.get(message.id)?.(message.pageCounts);
    return;
  }
  if (message.type === 'forget') {
    memory?.forget();
    return;
  }
  if (message.type === 'deferred-failed') {
    for (const entry of waitingForDeferred.get(message.id)?.values() ?? []) entry.reject(new Error('cancelled'));
    waitingForDeferred.delete(message.id);
    return;
  }
  const { id, job } = message;
  assemblePack(job, {
    onProgress: (progress) => send({ type: 'progress', id, progress }),
    resolveDeferred: message.hasDeferredResolver
      ? (layout: PackLayout, expect: ExpectPageCounts) => {
          expectations.set(id, expect);
          const waiting = new Map<string, { resolve: (bytes: Uint8Array) => void; reject: (e: Error) => void }>();
          const promises: Record<string, Promise<Uint8Array>> = {};
          for (const source of job.sources) {
            if ('bytes' in source) continue;
            promises[source.id] = new Promise<Uint8Array>((resolve, reject) => waiting.set(source.id, { resolve, reject }));
          }
          waitingForDeferred.set(id, waiting);
          send({ type: 'layout', id, layout });
          return promises;
        }
      : undefined,
  }, memory)
    .finally(() => {
      waitingForDeferred.delete(id);
      expectations.delete(id);
    })
    .then(
    (result) => {
      const whole = result.bytes.byteOffset === 0 && result.bytes.byteLength === result.bytes.buffer.byteLength;
      const bytes = whole ? result.bytes : result.bytes.slice();
      send({ type: 'done', id, result: { ...result, bytes } }, [bytes.buffer as ArrayBuffer]);
    },
    (error: unknown) => {
      send({
        type: 'failed',
        id,
        error: {
          code: error instanceof PackError ? error.code : 'PACK_FAILED',
          message: error instanceof Error ? error.message : String(error),
          internal: !(error instanceof PackError),
        },
      });
    },
  );
});

send({ type: 'ready' });
