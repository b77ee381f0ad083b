import type { MethodName } from '../../../shared/contract.js';
import { appMethods } from '../../../shared/api/app.js';
import { beratungMethods } from '../../../shared/api/beratung.js';
import { datenMethods } from '../../../shared/api/daten.js';
import { dokumenteMethods } from '../../../shared/api/dokumente.js';
import { gremienMethods } from '../../../shared/api/gremien.js';
import { oparlMethods } from '../../../shared/api/oparl.js';
import { pdfExportMethods } from '../../../shared/api/pdf-export.js';
import { sucheMethods } from '../../../shared/api/suche.js';
import { vorlagenMethods } from '../../../shared/api/vorlagen.js';
import { niederschriftMethods } from '../../../shared/api/niederschrift.js';
import { freigabeMethods } from '../../../shared/api/freigabe.js';
import type { HandlerContext } from '../handler.js';
import type { appHandlers } from './app.js';
import type { beratungHandlers } from './beratung.js';
import type { datenHandlers } from './daten.js';
import type { dokumenteHandlers } from './dokumente.js';
import type { gremienHandlers } from './gremien.js';
import type { oparlHandlers } from './oparl.js';
import type { pdfExportHandlers } from './pdf-export.js';
import type { sucheHandlers } from './suche.js';
import type { vorlagenHandlers } from './vorlagen.js';
import type { niederschriftHandlers } from './niederschrift.js';
import type { freigabeHandlers } from './freigabe.js';

export type Handler = (input: never, ctx: HandlerContext) => unknown;
type HandlerGroup = Record<string, Handler>;

/**
 * Each feature's handlers are loaded with the first call of one of its methods, so a process
 * that only lists Vorlagen (a CLI call) never loads docx, pdf-lib, mammoth or markdown-it.
 */
const groups: [methods: object, load: () => Promise<HandlerGroup>][] = [
  [appMethods, async () => (await import('./app.js')).appHandlers],
  [gremienMethods, async () => (await import('./gremien.js')).gremienHandlers],
  [vorlagenMethods, async () => (await import('./vorlagen.js')).vorlagenHandlers],
  [datenMethods, async () => (await import('./daten.js')).datenHandlers],
  [dokumenteMethods, async () => (await import('./dokumente.js')).dokumenteHandlers],
  [pdfExportMethods, async () => (await import('./pdf-export.js')).pdfExportHandlers],
  [beratungMethods, async () => (await import('./beratung.js')).beratungHandlers],
  [sucheMethods, async () => (await import('./suche.js')).sucheHandlers],
  [oparlMethods, async () => (await import('./oparl.js')).oparlHandlers],
  [niederschriftMethods, async () => (await import('./niederschrift.js')).niederschriftHandlers],
  [freigabeMethods, async () => (await import('./freigabe.js')).freigabeHandlers],
];

const loaderOf = new Map<string, () => Promise<HandlerGroup>>();
for (const [methods, load] of groups) for (const method of Object.keys(methods)) loaderOf.set(method, load);

/** Every method of the contract has exactly one handler; this type check enforces it. */
type AllHandlers = typeof appHandlers &
  typeof gremienHandlers &
  typeof vorlagenHandlers &
  typeof datenHandlers &
  typeof dokumenteHandlers &
  typeof pdfExportHandlers &
  typeof beratungHandlers &
  typeof sucheHandlers &
  typeof oparlHandlers &
  typeof niederschriftHandlers &
  typeof freigabeHandlers;
export const everyMethodHasAHandler: AllHandlers extends Record<MethodName, Handler> ? true : never = true;

/** The handler of `method`, loading its feature's module on first use. */
export async function handlerFor(method: MethodName): Promise<Handler> {
  const load = loaderOf.get(method);
  const handler = load ? (await load())[method] : undefined;
  if (!handler) throw new Error(`no handler for ${method}`);
  return handler;
}
