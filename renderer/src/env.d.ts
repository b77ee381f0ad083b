/// <reference types="vite/client" />
import type { PreloadApi } from './api/ipc-transport';

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

declare global {
  interface Window {
    /** Present only in the desktop app (electron/preload). */
    api?: PreloadApi;
  }
}

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title. */
    title?: string;
  }
}
