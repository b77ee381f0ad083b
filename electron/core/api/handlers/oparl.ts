import { oparlMethods } from '../../../shared/api/oparl.js';
import { exportOParl } from '../../export/oparl/export-oparl.js';
import { defineHandlers } from '../handler.js';

export const oparlHandlers = defineHandlers(oparlMethods, {
  'daten.oparlExport': (input, ctx) => exportOParl(ctx, input),
});
