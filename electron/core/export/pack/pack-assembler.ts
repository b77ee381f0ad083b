import { Worker } from 'node:worker_threads';
import { PackError } from './errors.js';
import { deferredPromises, type PackHooks, type PackJob, type PackResult } from './types.js';
import type { ToMain, ToWorker } from './worker-protocol.js';

export interface PackAssemblerOptions {
  /** A pack taking longer is aborted (default 10 minutes). */
  timeoutMs?: number;
  /** Heap limit of the worker; a pathological PDF then fails the pack, not the app. */
  maxHeapMb?: number;
  /** A built pack-worker.js to run instead of the default next to this module (benchmarks). */
  workerUrl?: URL;
  /**
   * Keep the last pack in the worker so that the next one reuses its unchanged parts (default
   * true; kept-pack.ts). Off only to measure a pack built from scratch.
   */
  reuseLastPack?: boolean;
}

interface RunningJob {
  hooks: PackHooks;
  deferredIds: string[];
  resolve: (result: PackResult) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Runs assemblePack in one long-lived worker thread, reused for every pack of the process
 * (the first pack pays the worker start, later ones do not). Call `close()` at the end.
 */
export class PackAssembler {
  private worker: Worker | null = null;
  private ready: Promise<void> = Promise.resolve();
  private readonly jobs = new Map<number, RunningJob>();
  private nextId = 1;

  constructor(private readonly options: PackAssemblerOptions = {}) {}

  /**
   * Starts the worker ahead of the first pack, e.g. when a server has started; settles when it
   * has loaded its modules (never rejects: a failing worker fails the pack, not the warm-up).
   */
  warmUp(): Promise<void> {
    this.ensureWorker();
    return this.ready;
  }

  /**
   * With `transferInputs`, the bytes of sources and Anlagen move to the worker instead of being
   * copied (the caller's arrays are empty afterwards): a 60 MB scan set then exists once, not twice.
   */
  assemble(job: PackJob, hooks: PackHooks = {}, options: { transferInputs?: boolean } = {}): Promise<PackResult> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<PackResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.failAll(new PackError('PACK_TIMEOUT', 'Die Sitzungsmappe konnte nicht in angemessener Zeit erstellt werden.'));
      }, this.options.timeoutMs ?? 10 * 60_000);
      const deferredIds = job.sources.filter((s) => !('bytes' in s)).map((s) => s.id);
      this.jobs.set(id, { hooks, deferredIds, resolve, reject, timer });
      worker.ref();
      const message: ToWorker = { type: 'assemble', id, job, hasDeferredResolver: Boolean(hooks.resolveDeferred) };
      worker.postMessage(message, options.transferInputs ? transferables(job) : []);
    });
  }

  /**
   * Lets go of the last pack the worker keeps for reuse (kept-pack.ts), e.g. after data were
   * erased: no copy of them may outlive them, not even in memory. A pack under way is not kept.
   */
  forgetLastPack(): void {
    this.worker?.postMessage({ type: 'forget' } satisfies ToWorker);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll(new PackError('PACK_FAILED', 'Die Erstellung der Sitzungsmappe wurde beendet.'), false);
    await worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const fromSource = !this.options.workerUrl && import.meta.url.endsWith('.ts');
    // From TypeScript sources the worker needs tsx; a build ships pack-worker.js next to this file.
    const entry = this.options.workerUrl ?? new URL(fromSource ? './pack-worker.bootstrap.mjs' : './pack-worker.js', import.meta.url);
    const worker = new Worker(entry, {
      // Never the parent's flags: a `--import tsx` there would load tsx into a built worker too
      // (~100 ms at every start); from sources the bootstrap registers tsx itself.
      execArgv: [],
      workerData: { reuseLastPack: this.options.reuseLastPack !== false },
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.maxHeapMb ?? 2048,
        // Parsed Anlagen live for one pack only; a small young generation frees them in cheap
        // scavenges instead of letting them pile up (measured: −10 MB at the first pack, −100 MB
        // after six packs in a row, same speed).
        maxYoungGenerationSizeMb: 8,
      },
    });
    worker.unref();
    let markReady = () => undefined as void;
    this.ready = new Promise<void>((resolve) => (markReady = resolve));
    // Events of a worker that was already replaced (after a timeout) concern no current job.
    const current = () => this.worker === worker;
    worker.on('message', (message: ToMain) => {
      if (message.type === 'ready') markReady();
      else if (current()) this.onMessage(worker, message);
    });
    worker.on('error', (error) => {
      if (!current()) return;
      const oom = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.failAll(
        oom
          ? new PackError('PACK_OUT_OF_MEMORY', 'Für die Sitzungsmappe reichte der Arbeitsspeicher nicht. Bitte sehr große Anlagen verkleinern oder aufteilen.', { cause: error })
          : new PackError('PACK_FAILED', `Die Sitzungsmappe konnte nicht erstellt werden: ${error.message}`, { cause: error }),
      );
    });
    worker.on('exit', () => {
      markReady();
      if (!current()) return;
      this.worker = null;
      this.failAll(new PackError('PACK_FAILED', 'Die Erstellung der Sitzungsmappe wurde unerwartet beendet.'), false);
    });
    this.worker = worker;
    return worker;
  }

  private onMessage(worker: Worker, message: Exclude<ToMain, { type: 'ready' }>): void {
    const job = this.jobs.get(message.id);
    if (!job) return;
    switch (message.type) {
      case 'progress':
        job.hooks.onProgress?.(message.progress);
        return;
      case 'layout': {
        const deferredIds = job.deferredIds;
        let sources;
        try {
          const expect = (pageCounts: Record<string, number>) => worker.postMessage({ type: 'expect', id: message.id, pageCounts } satisfies ToWorker);
          sources = deferredPromises(job.hooks.resolveDeferred!(message.layout, expect), deferredIds);
        } catch (error) {
          sources = Object.fromEntries(deferredIds.map((id) => [id, Promise.reject(error)]));
        }
        for (const [source, promise] of Object.entries(sources)) {
          promise.then(
            (bytes) => worker.postMessage({ type: 'deferred', id: message.id, source, bytes } satisfies ToWorker),
            (error: unknown) => {
              worker.postMessage({ type: 'deferred-failed', id: message.id } satisfies ToWorker);
              this.finish(message.id, error instanceof Error ? error : new Error(String(error)));
            },
          );
        }
        return;
      }
      case 'done':
        this.finish(message.id, null, message.result);
        return;
      case 'failed': {
        const { code, message: text, internal } = message.error;
        this.finish(
          message.id,
          new PackError(code, internal ? `Die Sitzungsmappe konnte nicht erstellt werden: ${text}` : text),
        );
        return;
      }
    }
  }

  private finish(id: number, error: Error | null, result?: PackResult): void {
    const job = this.jobs.get(id);
    if (!job) return;
    this.jobs.delete(id);
    clearTimeout(job.timer);
    if (this.jobs.size === 0) this.worker?.unref();
    if (error) job.reject(error);
    else job.resolve(result!);
  }

  private failAll(error: PackError, terminate = true): void {
    const ids = [...this.jobs.keys()];
    for (const id of ids) this.finish(id, error);
    if (terminate && ids.length && this.worker) {
      const worker = this.worker;
      this.worker = null;
      void worker.terminate();
    }
  }
}

/** Whole, unshared ArrayBuffers of the job's inputs; views into pooled Node buffers stay copies. */
function transferables(job: PackJob): ArrayBuffer[] {
  const arrays = [
    ...job.sources.flatMap((s) => ('bytes' in s ? [s.bytes] : [])),
    ...job.parts.flatMap((p) => (p.kind === 'attachment' && 'bytes' in p.data ? [p.data.bytes] : [])),
  ];
  const seen = new Set<ArrayBuffer>();
  for (const a of arrays) {
    const buffer = a.buffer;
    if (buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === buffer.byteLength && buffer.byteLength > 0) seen.add(buffer);
  }
  return [...seen];
}
