import { sucheMethods } from '../../../shared/api/suche.js';
import { rebuildSearchIndex } from '../../search/rebuild.js';
import { runSearch } from '../../search/search.js';
import { audit } from '../../services/audit.js';
import { defineHandlers } from '../handler.js';

export const sucheHandlers = defineHandlers(sucheMethods, {
  'suche.query': ({ query, limit, offset, kinds }, ctx) => {
    const { hits, hasMore } = runSearch(ctx.db, { query, limit, offset, kinds });
    return { query, hits, hasMore };
  },
  'suche.rebuild': (_input, ctx) =>
    ctx.store.transaction(() => {
      const counts = rebuildSearchIndex(ctx.db);
      audit(ctx, 'suche.neu_aufgebaut', {}, counts);
      return counts;
    }),
});
