import { appMethods } from '../../../shared/api/app.js';
import { conflict, notFound } from '../../../shared/errors.js';
import { currentSchemaVersion } from '../../db/migrate.js';
import { APP_VERSION } from '../../version.js';
import { defineHandlers } from '../handler.js';

export const appHandlers = defineHandlers(appMethods, {
  'app.info': (_input, ctx) => ({
    version: APP_VERSION,
    dataDir: ctx.dataDir,
    databaseFile: ctx.dbFile,
    schemaVersion: currentSchemaVersion(ctx.db),
    counts: {
      vorlagen: ctx.store.papers.count(),
      gremien: ctx.store.committees.list().length,
      sitzungen: ctx.store.meetings.list().length,
    },
    actor: ctx.actor,
  }),
  'app.activity': ({ limit }, ctx) => ctx.store.audit.list({ limit }),
  'koerperschaft.get': (_input, ctx) => ctx.store.body.get(),
  'koerperschaft.save': (body, ctx) => {
    ctx.store.body.save(body);
    return ctx.store.body.get()!;
  },
  'aemter.list': (_input, ctx) => ctx.store.departments.list(),
  'aemter.save': ({ id, ...fields }, ctx) =>
    ctx.store.transaction(() => {
      const sameKey = ctx.store.departments.byKey(fields.key);
      if (sameKey && sameKey.id !== id) throw conflict(`Es gibt bereits ein Amt mit dem Schlüssel „${fields.key}“.`);
      if (id === undefined) return ctx.store.departments.insert(fields);
      if (!ctx.store.departments.get(id)) throw notFound('Das Amt');
      return ctx.store.departments.update({ id, ...fields });
    }),
});
