import type { PackErrorCode } from './errors.js';
import type { PackJob, PackLayout, PackProgress, PackResult } from './types.js';

export type ToWorker =
  | { type: 'assemble'; id: number; job: PackJob; hasDeferredResolver: boolean }
  | { type: 'deferred'; id: number; source: string; bytes: Uint8Array }
  /** The main side could not produce the deferred parts; the worker drops the job. */
  | { type: 'deferred-failed'; id: number }
  /** Expected page counts of deferred parts (see ExpectPageCounts). */
  | { type: 'expect'; id: number; pageCounts: Record<string, number> }
  /** Data were erased: the kept last pack (kept-pack.ts) is let go, and no pack under way keeps its own. */
  | { type: 'forget' };

export type ToMain =
  /** Sent once, when the worker has loaded its modules and takes jobs. */
  | { type: 'ready' }
  | { type: 'progress'; id: number; progress: PackProgress }
  | { type: 'layout'; id: number; layout: PackLayout }
  | { type: 'done'; id: number; result: PackResult }
  | { type: 'failed'; id: number; error: { code: PackErrorCode; message: string; internal: boolean } };
