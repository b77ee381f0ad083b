import { parentPort, workerData } from 'node:worker_threads';
import { checkLetterhead } from '../export/docx/letterhead.js';
import { docxToDoc } from './docx-import.js';
import { DocumentError } from './errors.js';
import type { DocxWorkerInput, DocxWorkerOutput } from './docx-isolated.js';

/**
 * Worker thread around docxToDoc and checkLetterhead (see docx-isolated.ts): one document per
 * worker, whose heap limit is what a crafted file runs into instead of the app's.
 */
const port = parentPort;
if (!port) throw new Error('docx-worker must run in a worker thread');
const { task, bytes, limits, importOptions } = workerData as DocxWorkerInput;

(task === 'letterhead' ? checkLetterhead(bytes, limits) : docxToDoc(bytes, limits, importOptions)).then(
  (result) => port.postMessage({ ok: true, result } satisfies DocxWorkerOutput),
  (error: unknown) =>
    port.postMessage({
      ok: false,
      // Only our own German messages travel; anything else is described by the caller.
      message: error instanceof DocumentError ? error.message : null,
      detail: error instanceof Error ? error.message : String(error),
    } satisfies DocxWorkerOutput),
);
