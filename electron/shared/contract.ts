import type { z } from 'zod';
import type { ApiErrorPayload } from './errors.js';
import { appMethods } from './api/app.js';
import { beratungMethods } from './api/beratung.js';
import { datenMethods } from './api/daten.js';
import { dokumenteMethods } from './api/dokumente.js';
import { freigabeMethods } from './api/freigabe.js';
import { gremienMethods } from './api/gremien.js';
import { oparlMethods } from './api/oparl.js';
import { pdfExportMethods } from './api/pdf-export.js';
import { sucheMethods } from './api/suche.js';
import { vorlagenMethods } from './api/vorlagen.js';
import { niederschriftMethods } from './api/niederschrift.js';

/**
 * The API contract: every method the renderer, the web server and the CLI may call.
 * Feature files declare their methods; this is the only list of them.
 */
export const contract = {
  ...appMethods,
  ...gremienMethods,
  ...vorlagenMethods,
  ...datenMethods,
  ...dokumenteMethods,
  ...pdfExportMethods,
  ...beratungMethods,
  ...sucheMethods,
  ...oparlMethods,
  ...niederschriftMethods,
  ...freigabeMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract & string;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);

export interface ProgressEvent {
  step: string;
  done: number;
  total: number;
}

/** What travels over IPC and HTTP. */
export type ApiResponse<T = unknown> =
  | { ok: true; result: T }
  | { ok: false; error: ApiErrorPayload };
