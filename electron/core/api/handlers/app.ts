import { appMethods } from '../../../shared/api/app.js';
import { conflict, notFound } from '../../../shared/errors.js';
import { schemaVersion } from '../../db/migrate.js';
import { APP_VERSION } from '../../version.js';
import { defineHandlers } from '../handler.js';

export const appHandlers = defineHandlers(appMethods, {
  'app.info': async (_input, ctx) => ({
    version: APP_VERSION,
    dataDir: ctx.dataDir,
    databaseFile: ctx.dbFile,
    schemaVersion: await schemaVersion(ctx.store.sql),
    counts: {
      vorlagen: await ctx.store.papers.count(),
      gremien: (await ctx.store.committees.list()).length,
      sitzungen: (await ctx.store.meetings.list()).length,
    },
    actor: ctx.actor,
  }),
  'app.activity': ({ limit }, ctx) => ctx.store.audit.list({ limit }),
  'koerperschaft.get': (_input, ctx) => ctx.store.body.get(),
  'koerperschaft.save': async (body, ctx) => {
    await ctx.store.body.save(body);
    return (await ctx.store.body.get())!;
  },
  'aemter.list': (_input, ctx) => ctx.store.departments.list(),
  'aemter.save': ({ id, ...fields }, ctx) =>
    ctx.store.transaction(async () => {
      const sameKey = await ctx.store.departments.byKey(fields.key);
      if (sameKey && sameKey.id !== id) throw conflict(`Es gibt bereits ein Amt mit dem Schlüssel „${fields.key}“.`);
      if (id === undefined) return ctx.store.departments.insert(fields);
      if (!await ctx.store.departments.get(id)) throw notFound('Das Amt');
      return ctx.store.departments.update({ id, ...fields });
    }),
});
