import type { RouteRecordRaw } from 'vue-router';

/**
 * Routes of the Vorlagen area (owned by the Vorlagen views). The router spreads this list, so
 * new Vorlagen pages are added here without touching renderer/src/router.ts.
 */
export const vorlagenRoutes: RouteRecordRaw[] = [
  { path: '/vorlagen', name: 'vorlagen', component: () => import('./VorlagenListView.vue'), meta: { title: 'common.nav.vorlagen' } },
  { path: '/vorlagen/:id(\\d+)', name: 'vorlage', component: () => import('./VorlageEditView.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { title: 'common.nav.vorlagen' } },
];
