import { z } from 'zod';
import { contract, isMethodName, type ApiResponse, type MethodName, type MethodOutput, type ProgressEvent } from '../../shared/contract.js';
import { ApiError, fromZodError } from '../../shared/errors.js';
import type { AppContext } from '../app-context.js';
import { ERASING_METHODS, forgetInWal } from '../db/forget-in-wal.js';
import { DocumentError } from '../document/errors.js';
import { AtomicWriteError } from '../fs/atomic-write.js';
import type { HandlerContext } from './handler.js';
import { handlerFor } from './handlers/index.js';

export interface DispatchOptions {
  onProgress?: (event: ProgressEvent) => void;
}

export type Dispatch = (method: string, params: unknown, options?: DispatchOptions) => Promise<ApiResponse>;

/**
 * The one entry point for IPC, HTTP and CLI: validates the input strictly, runs the handler,
 * checks the output against the contract, and turns every failure into a typed German error.
 */
export function createDispatcher(app: AppContext): Dispatch {
  return async (method, params, options = {}) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'VALIDATION', message: `Unbekannte Funktion: ${String(method).slice(0, 80)}` } };
    }
    const def = contract[method];
    let parsed;
    try {
      parsed = def.input.safeParse(params ?? {});
    } catch (error) {
      // Only a recursion too deep for the stack gets here (the document limits stop known cases).
      if (!(error instanceof RangeError)) throw error;
      return { ok: false, error: { code: 'VALIDATION', message: 'Die Eingabe ist zu tief verschachtelt.' } };
    }
    if (!parsed.success) return { ok: false, error: fromZodError(parsed.error).toPayload() };
    const ctx: HandlerContext = Object.assign(Object.create(app) as AppContext, {
      progress: (event: ProgressEvent) => options.onProgress?.(event),
    });
    try {
      const handler = (await handlerFor(method)) as (input: unknown, ctx: HandlerContext) => unknown;
      const raw = await handler(parsed.data, ctx);
      const out = (def.output as z.ZodType).safeParse(raw);
      if (!out.success) {
        app.log.error(`output of ${method} does not match the contract`, out.error);
        throw new Error(`invalid output of ${method}`);
      }
      if (ERASING_METHODS.has(method) && !forgetInWal(app.db)) app.log.error(`${method}: the WAL could not be emptied (a reader was active)`);
      return { ok: true, result: out.data };
    } catch (error) {
      return { ok: false, error: toPayload(error, method, app) };
    }
  };
}

function toPayload(error: unknown, method: string, app: AppContext): ApiError['toPayload'] extends () => infer P ? P : never {
  if (error instanceof ApiError) return error.toPayload();
  if (error instanceof z.ZodError) return fromZodError(error).toPayload();
  // These carry messages written for the user; the cause still goes to the log.
  if (error instanceof DocumentError) return { code: 'VALIDATION', message: error.message };
  if (error instanceof AtomicWriteError) {
    app.log.error(`${method}: ${error.message}`, error.cause);
    return { code: 'INTERNAL', message: error.message };
  }
  const code = (error as { code?: string } | null)?.code;
  // Extended codes too (SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY, …): same meaning for the user.
  if (code !== undefined && /^SQLITE_(BUSY|LOCKED)/.test(code)) {
    return { code: 'CONFLICT', retry: true, message: 'Die Datenbank wird gerade von einem anderen Programm verwendet. Bitte versuchen Sie es gleich noch einmal.' };
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return { code: 'INTERNAL', message: 'Der Datenträger ist voll. Es wurde nichts gespeichert; bitte schaffen Sie Platz und versuchen Sie es erneut.' };
  }
  app.log.error(`${method} failed`, error);
  return { code: 'INTERNAL', message: 'Ein interner Fehler ist aufgetreten. Es wurde nichts verändert. Details stehen in der Protokolldatei.' };
}

/** Typed convenience for in-process callers (tests, CLI): throws the ApiError instead of returning it. */
export async function call<M extends MethodName>(dispatch: Dispatch, method: M, params: unknown, options?: DispatchOptions): Promise<MethodOutput<M>> {
  const response = await dispatch(method, params, options);
  if (!response.ok) throw new ApiError(response.error.code, response.error.message, response.error.fields);
  return response.result as MethodOutput<M>;
}
