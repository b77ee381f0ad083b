import { APP_SCHEME } from '../shared/transport.js';

export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const FILE_ORIGIN = `${APP_SCHEME}://datei`;

/**
 * The desktop page's CSP: only our own bundled scripts, styles and fonts; no inline code, no
 * eval, no network. Output files (PDF preview) come from vorlagenwerk://datei only.
 */
export const DESKTOP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  `frame-src ${FILE_ORIGIN}`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * During `electron-vite dev` the page comes from Vite's dev server, which needs its websocket
 * for hot reload; everything else stays as strict.
 */
export function devCsp(devUrl: string): string {
  const origin = new URL(devUrl).origin;
  const ws = origin.replace(/^http/, 'ws');
  return DESKTOP_CSP.replace("script-src 'self'", `script-src 'self' ${origin}`)
    .replace("connect-src 'self'", `connect-src 'self' ${origin} ${ws}`)
    .replace("style-src 'self'", `style-src 'self' ${origin} 'unsafe-inline'`);
}
