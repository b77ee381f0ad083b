import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router';
import { defineComponent, h } from 'vue';
import { vi } from 'vitest';
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

/**
 * happy-dom does no layout: gives the list's scroll area (data-testid "vorlagen-scroller") the
 * 600 px it has on screen and every row 46 px. Call in beforeEach; vi.restoreAllMocks() undoes it.
 */
export function mockScrollerLayout(): void {
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    const height = this.dataset.testid === 'vorlagen-scroller' ? 600 : 46;
    return { x: 0, y: 0, top: 0, left: 0, bottom: height, right: 1000, width: 1000, height, toJSON: () => ({}) } as DOMRect;
  });
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this.dataset?.testid === 'vorlagen-scroller' ? 600 : 46;
  });
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1000);
}
