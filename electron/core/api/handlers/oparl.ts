import { oparlMethods } from '../../../shared/api/oparl.js';
import { exportOParl } from '../../export/oparl/export-oparl.js';
import { importOParl } from '../../oparl-import/import-oparl.js';
import { audit } from '../../services/audit.js';
import { assertLocalTimesExist } from '../../services/meeting-times.js';
import { defineHandlers } from '../handler.js';

export const oparlHandlers = defineHandlers(oparlMethods, {
  'daten.oparlExport': (input, ctx) => exportOParl(ctx, input),
  'daten.oparlImport': (input, ctx) => importOParl(ctx, input),
  'koerperschaft.veroeffentlichung': (_input, ctx) => ctx.store.oparl.settings(),
  'koerperschaft.setVeroeffentlichung': (settings, ctx) =>
    ctx.store.transaction(async () => {
      const previous = await ctx.store.oparl.settings();
      if (settings.timeZone !== previous.timeZone) {
        for (const m of await ctx.store.meetings.list()) assertLocalTimesExist(m, settings.timeZone, `Die Sitzung „${m.key}“`);
      }
      await ctx.store.oparl.saveSettings(settings);
      await audit(ctx, 'koerperschaft.veroeffentlichung', {}, { previous, settings });
      return settings;
    }),
});
