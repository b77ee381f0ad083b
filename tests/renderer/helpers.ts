import { mount, type ComponentMountingOptions } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { expect } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { Component } from 'vue';
import { createApi, type Api } from '../../renderer/src/api/client';
import { setApi } from '../../renderer/src/api';
import type { Transport } from '../../renderer/src/api/transport';
import { createAppI18n } from '../../renderer/src/i18n';
import type { TransportResponse } from '../../electron/shared/transport';

export type Handler = (params: Record<string, unknown>) => unknown;

/**
 * An api client over an in-memory transport: each method answers from `handlers`; a thrown
 * { code, message } becomes an error response, as the dispatcher would send it.
 */
export function fakeApi(handlers: Record<string, Handler>): { api: Api; calls: { method: string; params: Record<string, unknown> }[] } {
  const calls: { method: string; params: Record<string, unknown> }[] = [];
  const transport: Transport = {
    async invoke(method, params) {
      calls.push({ method, params: params as Record<string, unknown> });
      const handler = handlers[method];
      if (!handler) return { ok: false, error: { code: 'VALIDATION', message: `Unbekannte Funktion: ${method}` } };
      try {
        return { ok: true, result: await handler(params as Record<string, unknown>) } as TransportResponse;
      } catch (error) {
        const e = error as { code?: string; message: string };
        return { ok: false, error: { code: (e.code ?? 'INTERNAL') as 'INTERNAL', message: e.message } };
      }
    },
    fileUrl: (file) => `/files/${file.id}`,
    saveFile: async () => true,
    pickFile: async () => null,
  };
  const api = createApi(transport);
  setApi(api);
  return { api, calls };
}

export function mountWithApp<C extends Component>(component: C, options: ComponentMountingOptions<C> = {}) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] });
  return mount(component, {
    attachTo: document.body,
    ...options,
    global: { plugins: [pinia, createAppI18n(), router], ...(options.global ?? {}) },
  } as ComponentMountingOptions<C>);
}

export const flush = () => new Promise((r) => setTimeout(r, 0));

/** Waits until the core answered and Vue rendered (a real core takes real time); fails naming `what`. */
export async function until(check: () => boolean, what: string, tries = 300): Promise<void> {
  for (let i = 0; i < tries && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  await flush();
  expect(check(), what).toBe(true);
}
