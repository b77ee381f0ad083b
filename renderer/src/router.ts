import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import { vorlagenRoutes } from './views/vorlagen/routes';

/**
 * Hash history: the same URLs work from vorlagenwerk:// in Electron and from the web server
 * without server-side routing. Each area may add its routes from its own folder.
 */
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/uebersicht' },
  { path: '/uebersicht', name: 'uebersicht', component: () => import('./views/UebersichtView.vue'), meta: { title: 'common.nav.uebersicht' } },
  ...vorlagenRoutes,
  { path: '/gremien', name: 'gremien', component: () => import('./views/gremien/GremienView.vue'), meta: { title: 'common.nav.gremien' } },
  { path: '/gremien/:committeeId(\\d+)', name: 'gremium', component: () => import('./views/gremien/GremienView.vue'), props: (r) => ({ committeeId: Number(r.params.committeeId) }), meta: { title: 'common.nav.gremien' } },
  { path: '/sitzungen/:id(\\d+)', name: 'sitzung', component: () => import('./views/gremien/SitzungView.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { title: 'gremien.sitzung.seitentitel' } },
  { path: '/beschlusskontrolle', name: 'beschlusskontrolle', component: () => import('./views/beschlusskontrolle/BeschlusskontrolleView.vue'), meta: { title: 'common.nav.beschlusskontrolle' } },
  { path: '/personen', name: 'personen', component: () => import('./views/personen/PersonenView.vue'), meta: { title: 'common.nav.personen' } },
  { path: '/einstellungen', name: 'einstellungen', component: () => import('./views/einstellungen/EinstellungenView.vue'), meta: { title: 'common.nav.einstellungen' } },
  { path: '/:pathMatch(.*)*', name: 'nicht-gefunden', component: () => import('./views/NotFoundView.vue'), meta: { title: 'common.nichtGefunden.titel' } },
];

export function createAppRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}
