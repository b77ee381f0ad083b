import { z } from 'zod';
import { contract, isMethodName, type ApiResponse, type MethodName, type MethodOutput, type ProgressEvent } from '../../shared/contract.js';
import { fromZodError } from '../../shared/zod-german.js';
import { ApiError, forbidden } from '../../shared/errors.js';
import type { AppContext } from '../app-context.js';
import { ERASING_METHODS, forgetInWal } from '../db/forget-in-wal.js';
import { DocumentError } from '../document/errors.js';
import { postgresErrorPayload } from '../db/postgres-errors.js';
import { clearPrintCache } from '../export/pack/print-cache.js';
import { AtomicWriteError } from '../fs/atomic-write.js';
import type { MethodDef } from '../../shared/api/define.js';
import { OUTPUT_PATH_PARAMS } from '../../shared/transport.js';
import { AMT_BOUND_ROLES, ROLE_LABELS, type Role, type SessionUser } from '../../shared/roles.js';
import { AMT_SCOPE } from './amt-scope.js';
import type { HandlerContext } from './handler.js';
import { handlerFor } from './handlers/index.js';

export interface DispatchOptions {
  onProgress?: (event: ProgressEvent) => void;
  /**
   * The team server's signed-in user: the call is checked against the method's roles and runs
   * in that user's name. Without it (desktop, web mode, CLI) the local user has every right.
   */
  user?: SessionUser;
}

export type Dispatch = (method: string, params: unknown, options?: DispatchOptions) => Promise<ApiResponse>;

export interface DispatcherHooks {
  /**
   * After a call that changes data succeeded, with its input and result (e.g. to print a saved
   * Vorlage ahead, print-on-save.ts). Must return at once; what it throws is logged, never returned.
   */
  afterChange?: (method: MethodName, input: unknown, result: unknown) => void;
}

/**
 * The one entry point for IPC, HTTP and CLI: validates the input strictly, runs the handler,
 * checks the output against the contract, and turns every failure into a typed German error.
 */
export function createDispatcher(app: AppContext, hooks: DispatcherHooks = {}): Dispatch {
  return async (method, params, options = {}) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'VALIDATION', message: `Unbekannte Funktion: ${String(method).slice(0, 80)}` } };
    }
    const def = contract[method];
    const user = options.user;
    // Before the input is looked at: a caller without the role learns nothing about the method.
    if (user && !hasRole(method, user)) return { ok: false, error: roleRefused(user).toPayload() };
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
      ...(user ? { user, actor: actorName(user) } : {}),
    });
    try {
      if (user) await assertOwnAmt(method, parsed.data, user, ctx);
      const handler = (await handlerFor(method)) as (input: unknown, ctx: HandlerContext) => unknown;
      const raw = await handler(parsed.data, ctx);
      const out = (def.output as z.ZodType).safeParse(raw);
      if (!out.success) {
        app.log.error(`output of ${method} does not match the contract`, out.error);
        throw new Error(`invalid output of ${method}`);
      }
      // SQLite's WAL only; PostgreSQL's own files are its server's (docs/team.md, Datenschutz).
      if (ERASING_METHODS.has(method) && app.engine === 'sqlite' && !forgetInWal(app.db)) app.log.error(`${method}: the WAL could not be emptied (a reader was active)`);
      // Printed copies of what was erased must not outlive it in the print cache either.
      if (ERASING_METHODS.has(method) && !clearPrintCache(app.dataDir)) app.log.error(`${method}: the print cache could not be emptied`);
      if (hooks.afterChange && (def as MethodDef).mutates) {
        try {
          hooks.afterChange(method, parsed.data, out.data);
        } catch (error) {
          app.log.error(`${method}: after-change hook failed`, error);
        }
      }
      return { ok: true, result: out.data };
    } catch (error) {
      return { ok: false, error: toPayload(error, method, app) };
    }
  };
}

/** How revisions and audit events name a team user: the name for people, the login to tell namesakes apart. */
export const actorName = (user: SessionUser) => `${user.name} (${user.login})`;

/** The one place team roles are enforced (with assertOwnAmt): the method's roles from the contract. */
const hasRole = (method: MethodName, user: SessionUser) => (contract[method] as { roles: readonly Role[] }).roles.includes(user.role);

const roleRefused = (user: SessionUser) =>
  forbidden(`Ihre Rolle „${ROLE_LABELS[user.role]}“ darf diese Funktion nicht ausführen. Bitte wenden Sie sich an die Verwaltung Ihres Vorlagenwerks.`);

/** An Amt-bound role changes data only of its own Amt: every Amt the call touches must be the user's. */
async function assertOwnAmt(method: MethodName, input: unknown, user: SessionUser, ctx: AppContext): Promise<void> {
  const def: MethodDef = contract[method];
  // Exports write only a file for the caller, who may read everything anyway.
  if (!def.mutates || !AMT_BOUND_ROLES.includes(user.role) || OUTPUT_PATH_PARAMS[method]) return;
  const scope = AMT_SCOPE[method];
  const touched = scope ? await scope(input as Record<string, unknown>, ctx) : null;
  if (touched === null || user.departmentId === null || touched.some((id) => id !== user.departmentId)) {
    throw forbidden('Sie dürfen nur Vorlagen Ihres eigenen Amtes bearbeiten.');
  }
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
  const postgres = postgresErrorPayload(error);
  if (postgres) {
    app.log.error(`${method}: database error`, error);
    return postgres;
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
