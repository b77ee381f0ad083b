import type { MethodName } from '../../../shared/contract.js';
import type { HandlerContext } from '../handler.js';
import { appHandlers } from './app.js';
import { beratungHandlers } from './beratung.js';
import { datenHandlers } from './daten.js';
import { dokumenteHandlers } from './dokumente.js';
import { freigabeHandlers } from './freigabe.js';
import { gremienHandlers } from './gremien.js';
import { oparlHandlers } from './oparl.js';
import { pdfExportHandlers } from './pdf-export.js';
import { sucheHandlers } from './suche.js';
import { vorlagenHandlers } from './vorlagen.js';

/** Every method of the contract has exactly one handler; the type below enforces it. */
export const handlers: Record<MethodName, (input: never, ctx: HandlerContext) => unknown> = {
  ...appHandlers,
  ...gremienHandlers,
  ...vorlagenHandlers,
  ...datenHandlers,
  ...dokumenteHandlers,
  ...pdfExportHandlers,
  ...beratungHandlers,
  ...sucheHandlers,
  ...oparlHandlers,
  ...freigabeHandlers,
};
