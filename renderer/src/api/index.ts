import { createApi, type Api } from './client';
import { createHttpTransport } from './http-transport';
import { createIpcTransport, type PreloadApi } from './ipc-transport';
import type { Transport } from './transport';

export type { Api, CallOptions } from './client';
export { ApiCallError, isCancelled, userMessage } from './errors';

const TOKEN_KEY = 'vorlagenwerk.token';

/**
 * Web mode prints http://127.0.0.1:PORT/?token=…; the token is kept for this tab (reloads)
 * and taken out of the address bar so it does not end up in screenshots or bookmarks.
 */
export function readWebToken(win: Window = window): string {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return win.sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** Desktop (preload API) or web mode (token): no sign-in. Otherwise the page may come from a team server. */
export function isLocalMode(win: Window & { api?: PreloadApi } = window): boolean {
  return Boolean(win.api && typeof win.api.invoke === 'function') || readWebToken(win) !== '';
}

export function detectTransport(win: Window & { api?: PreloadApi } = window): Transport {
  if (win.api && typeof win.api.invoke === 'function') return createIpcTransport(win.api);
  return createHttpTransport({ token: readWebToken(win) });
}

let instance: Api | null = null;

/** The one api client of the app. Tests replace it with setApi(createApi(fakeTransport)). */
export function useApi(): Api {
  instance ??= createApi(detectTransport());
  return instance;
}

export function setApi(api: Api | null): void {
  instance = api;
}
