import { sucheMethods } from '../../../shared/api/suche.js';
import { audit } from '../../services/audit.js';
import { defineHandlers } from '../handler.js';

export const sucheHandlers = defineHandlers(sucheMethods, {
  'suche.query': async ({ query, limit, offset, kinds }, ctx) => {
    const { hits, hasMore } = await ctx.store.search.query({ query, limit, offset, kinds });
    return { query, hits, hasMore };
  },
  'suche.rebuild': (_input, ctx) =>
    ctx.store.transaction(async () => {
      const counts = await ctx.store.search.rebuild();
      await audit(ctx, 'suche.neu_aufgebaut', {}, { ...counts });
      return counts;
    }),
});
