import { parentPort } from 'node:worker_threads';
import { assemblePack } from './assemble.js';
import { PackError } from './errors.js';
import type { PackLayout } from './types.js';
import type { ToMain, ToWorker } from './worker-protocol.js';

/**
 * Worker thread around assemblePack: parsing and saving run without yielding (that is what
 * makes them fast), which would freeze the app's main thread for the length of a pack.
 */
const port = parentPort;
if (!port) throw new Error('pack-worker must run in a worker thread');

const waitingForDeferred = new Map<number, { resolve: (parts: Record<string, Uint8Array>) => void; reject: (e: Error) => void }>();
const send = (message: ToMain, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

port.on('message', (message: ToWorker) => {
  if (message.type === 'deferred' || message.type === 'deferred-failed') {
    const waiting = waitingForDeferred.get(message.id);
    waitingForDeferred.delete(message.id);
    if (message.type === 'deferred') waiting?.resolve(message.parts);
    else waiting?.reject(new Error('cancelled'));
    return;
  }
  const { id, job } = message;
  assemblePack(job, {
    onProgress: (progress) => send({ type: 'progress', id, progress }),
    resolveDeferred: message.hasDeferredResolver
      ? (layout: PackLayout) =>
          new Promise((resolve, reject) => {
            waitingForDeferred.set(id, { resolve, reject });
            send({ type: 'layout', id, layout });
          })
      : undefined,
  }).then(
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
