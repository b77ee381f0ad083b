import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

/**
 * The renderer's sandbox: no Node, isolated preload world, Chromium's sandbox on, same-origin
 * policy on. The PDF viewer (plugins) shows packs before saving.
 */
export function secureWebPreferences(preload: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    // Middle-click would open links in a new window; window.open is denied anyway, this closes it earlier.
    disableBlinkFeatures: 'Auxclick',
    spellcheck: true,
    plugins: true,
  };
}

/** The page may never leave our own origin nor open new windows (links, drops, window.open). */
export function hardenWebContents(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * No camera, microphone, notifications, geolocation … for anyone; every response of our own
 * pages carries the CSP (in addition to what the protocol handler sends).
 */
export interface SessionPolicy {
  /** The CSP for a response of ours, or null for anything else. */
  csp(url: string): string | null;
  /** Whether a request may load at all. */
  allowRequest(url: string): boolean;
}

export function hardenSession(session: Session, policy: SessionPolicy): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    const csp = policy.csp(details.url);
    if (!csp) return callback({ responseHeaders: details.responseHeaders });
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    headers['Content-Security-Policy'] = [csp];
    headers['X-Content-Type-Options'] = ['nosniff'];
    callback({ responseHeaders: headers });
  });
  // The app makes no network calls (DSGVO): only our own scheme, the dev server and data/blob URLs load.
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !policy.allowRequest(details.url) });
  });
}
