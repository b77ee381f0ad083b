import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router';
import { defineComponent, h } from 'vue';
import { createAppI18n } from '../../../renderer/src/i18n';
import { vorlagenRoutes } from '../../../renderer/src/views/vorlagen/routes';

/** Router, Pinia and the German texts as the app installs them, for mounting a view or component. */
export function appPlugins(extraRoutes: RouteRecordRaw[] = []) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const stub = defineComponent({ render: () => h('div', 'Sitzung') });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [...vorlagenRoutes, { path: '/sitzungen/:id', component: stub }, { path: '/', component: stub }, ...extraRoutes],
  });
  return { pinia, router, i18n: createAppI18n(), plugins: [pinia, router, createAppI18n()] as const };
}

/** Lets pending promises and Vue updates settle. */
export const settle = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
};
