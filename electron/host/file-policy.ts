import path from 'node:path';
import { listBackups } from '../core/db/sqlite-backup.js';
import { CLI_ONLY_METHODS, INPUT_PATH_PARAMS, OUTPUT_PATH_PARAMS, type OutputFile, type TransportResponse } from '../shared/transport.js';
import type { Dispatch, DispatchOptions } from '../core/api/dispatcher.js';
import type { OutboxEntry } from './outbox.js';

/** Where output files go: the in-memory Outbox (desktop, web mode) or the team server's FolderOutbox. */
export interface OutputStore {
  reserve(fileName: string, mediaType: string, owner?: number | null): OutboxEntry;
  /** `fileName`: the name the method suggests once it knows its data (e.g. Gremium and date). */
  commit(id: string, fileName?: string): OutputFile | null;
  discard(id: string): void;
}

export interface FilePolicyOptions {
  dispatch: Dispatch;
  outbox: OutputStore;
  dataDir: string;
  /**
   * Lets the user choose a file to READ for methods like 'daten.import' (Electron's open
   * dialog). Without it (web mode) such methods are refused: a browser page must not name
   * files on this computer.
   */
  chooseInputFile?: (method: string) => Promise<string | null>;
}

const refused = (message: string): TransportResponse => ({ ok: false, error: { code: 'FORBIDDEN', message } });

/**
 * Wraps the dispatcher for callers that must not choose file paths (the renderer over IPC or
 * HTTP): output paths are replaced by outbox files, input paths must be known backups or come
 * from the adapter's own dialog. Everything else passes through unchanged.
 */
export function createFileGuardedDispatch(options: FilePolicyOptions) {
  return async (method: string, params: unknown, dispatchOptions: DispatchOptions = {}): Promise<TransportResponse> => {
    if (CLI_ONLY_METHODS.includes(method)) return refused('Diese Funktion steht nur über die Kommandozeile zur Verfügung (npx vorlagenwerk oparl export --out ORDNER).');
    const input: Record<string, unknown> = params && typeof params === 'object' && !Array.isArray(params) ? { ...(params as Record<string, unknown>) } : {};
    const inputRule = INPUT_PATH_PARAMS[method];
    if (inputRule) {
      if (inputRule.source === 'backups') {
        const requested = typeof input[inputRule.param] === 'string' ? path.resolve(input[inputRule.param] as string) : '';
        const known = listBackups(options.dataDir).some((b) => path.resolve(b.file) === requested);
        if (!known) return refused('Wiederherstellen ist nur aus einer Sicherung in der Liste der Sicherungen möglich.');
      } else {
        if (!options.chooseInputFile) return refused('Diese Funktion steht im Browser nicht zur Verfügung. Bitte verwenden Sie die Desktop-App oder die Kommandozeile (npx vorlagenwerk).');
        const chosen = await options.chooseInputFile(method);
        if (!chosen) return { ok: false, cancelled: true, error: { code: 'CANCELLED', message: 'Abgebrochen.' } };
        input[inputRule.param] = chosen;
      }
    }
    const outputRule = OUTPUT_PATH_PARAMS[method];
    if (!outputRule) return options.dispatch(method, inputRule ? input : params, dispatchOptions);

    const reserved = options.outbox.reserve(outputRule.fileName(input), outputRule.mediaType(input), dispatchOptions.user?.id ?? null);
    input[outputRule.param] = reserved.path;
    const response = await options.dispatch(method, input, dispatchOptions);
    if (!response.ok) {
      options.outbox.discard(reserved.id);
      return response;
    }
    const suggested = (response.result as { fileName?: unknown } | null)?.fileName;
    const file: OutputFile | null = options.outbox.commit(reserved.id, typeof suggested === 'string' ? suggested : undefined);
    if (!file) return { ok: false, error: { code: 'INTERNAL', message: 'Die Datei wurde nicht erzeugt. Bitte versuchen Sie es erneut.' } };
    return { ...response, file };
  };
}

export type GuardedDispatch = ReturnType<typeof createFileGuardedDispatch>;
