import type { z } from 'zod';
import type { ProgressEvent } from '../../shared/contract.js';
import type { MethodDef } from '../../shared/api/define.js';
import type { SessionUser } from '../../shared/roles.js';
import type { AppContext } from '../app-context.js';

export interface HandlerContext extends AppContext {
  progress(event: ProgressEvent): void;
  /** The signed-in user on the team server; undefined for the local user (desktop, web mode, CLI). */
  user?: SessionUser;
}

/** Handlers of one feature: exactly the methods its contract file declares, typed from it. */
export type HandlerMap<T extends Record<string, MethodDef>> = {
  [K in keyof T]: (input: z.output<T[K]['input']>, ctx: HandlerContext) => z.input<T[K]['output']> | Promise<z.input<T[K]['output']>>;
};

export const defineHandlers = <T extends Record<string, MethodDef>>(_methods: T, handlers: HandlerMap<T>): HandlerMap<T> => handlers;
