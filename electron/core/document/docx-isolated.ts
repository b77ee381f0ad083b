import { Worker } from 'node:worker_threads';
import { DEFAULT_DOCX_LIMITS, type DocxLimits } from './docx-container.js';
import type { DocxImportOptions, DocxImportResult } from './docx-import.js';
import { DocumentError } from './errors.js';

/** What the worker does with the file: import it as a Vorlage, or check it as a Hausvorlage. */
export type DocxTask = 'import' | 'letterhead';
export interface DocxWorkerInput {
  task: DocxTask;
  bytes: Uint8Array;
  limits: DocxLimits;
  importOptions?: DocxImportOptions;
}
interface TaskResult {
  import: DocxImportResult;
  letterhead: string[];
}
export type DocxWorkerOutput = { ok: true; result: unknown } | { ok: false; message: string | null; detail: string };

export interface IsolationOptions {
  /** Heap of the worker that parses; a file that needs more fails alone (default 1 GB). */
  maxHeapMb?: number;
  /** A parse taking longer is stopped (default 2 minutes). */
  timeoutMs?: number;
  limits?: DocxLimits;
  /** For the import: tracked changes and content limits (see docxToDoc). */
  importOptions?: DocxImportOptions;
}

const TOO_BIG =
  'Das Word-Dokument ist zu umfangreich, um es zu lesen (der Arbeitsspeicher zum Lesen reichte nicht). Bitte das Dokument aufteilen oder Inhalte (z. B. sehr lange Tabellen) entfernen.';

/**
 * docxToDoc in a worker thread of its own with a heap limit: a .docx whose document.xml unpacks
 * to 190 MB made mammoth use gigabytes and took the CLI (rc 134) and web mode down with it. Now
 * only the worker dies, and the caller gets a German DocumentError for this one file.
 */
export function docxToDocIsolated(bytes: Uint8Array, options: IsolationOptions = {}): Promise<DocxImportResult> {
  return runIsolated('import', bytes, options);
}

/** checkLetterhead (Hausvorlage upload) the same way: the docx library parses the whole file too. */
export function checkLetterheadIsolated(bytes: Uint8Array, options: IsolationOptions = {}): Promise<string[]> {
  return runIsolated('letterhead', bytes, options);
}

function runIsolated<T extends DocxTask>(task: T, bytes: Uint8Array, options: IsolationOptions): Promise<TaskResult[T]> {
  const fromSource = import.meta.url.endsWith('.ts');
  // From TypeScript sources the worker needs tsx; a build ships docx-worker.js beside its main.
  const entry = new URL(fromSource ? './docx-worker.bootstrap.mjs' : './docx-worker.js', import.meta.url);
  const input: DocxWorkerInput = { task, bytes, limits: options.limits ?? DEFAULT_DOCX_LIMITS, ...(options.importOptions ? { importOptions: options.importOptions } : {}) };
  return new Promise<TaskResult[T]>((resolve, reject) => {
    const worker = new Worker(entry, {
      workerData: input,
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 1024, maxYoungGenerationSizeMb: 32 },
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => settle(() => reject(new DocumentError('Das Word-Dokument konnte nicht in angemessener Zeit gelesen werden; es ist zu umfangreich oder beschädigt.'))),
      options.timeoutMs ?? 120_000,
    );
    worker.on('message', (message: DocxWorkerOutput) =>
      settle(() => {
        if (message.ok) resolve(message.result as TaskResult[T]);
        else reject(new DocumentError(message.message ?? 'Der Inhalt des Word-Dokuments konnte nicht gelesen werden (beschädigte DOCX-Datei).', { cause: new Error(message.detail) }));
      }),
    );
    worker.on('error', (error) =>
      settle(() => {
        const oom = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
        reject(new DocumentError(oom ? TOO_BIG : 'Der Inhalt des Word-Dokuments konnte nicht gelesen werden.', { cause: error }));
      }),
    );
    worker.on('exit', (code) => settle(() => reject(new DocumentError(TOO_BIG, { cause: new Error(`docx worker exited with ${code}`) }))));
  });
}
