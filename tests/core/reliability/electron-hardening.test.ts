import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopApp } from '../../../electron/main/app.js';
import { APP_CSP } from '../../../electron/host/csp.js';
import { IPC_CHANNEL, type TransportResponse } from '../../../electron/shared/transport.js';
import { createFakeElectron, type FakeElectron } from '../../electron/fake-electron.js';

/**
 * Issue 8.8: Electron hardening. (1) @doyensec/electronegativity over the app's sources with 0
 * high/medium findings except the documented ones below; (2) with Electron mocked, what
 * tests/electron/main.test.ts does not already pin down: the hidden PDF print window, the whole
 * navigation/permission/request matrix, IPC from any other frame or window, and source rules
 * that keep it so (one channel, no Node in the page, no eval, strict CSP).
 */

const root = path.join(import.meta.dirname, '..', '..', '..');

/**
 * Findings accepted with a reason. Key: check id + file + the code it points at.
 * Electronegativity reads `new BrowserWindow({ webPreferences: … })` literally; the main window
 * takes its preferences from secureWebPreferences() (electron/main/security.ts), which the tool
 * does not follow. The values are asserted on the real options object below and in
 * tests/electron/main.test.ts.
 */
const ACCEPTED: Record<string, string> = {
  'CONTEXT_ISOLATION_JS_CHECK electron/main/app.ts win = new BrowserWindow({': 'contextIsolation: true via secureWebPreferences(); asserted below',
  'SANDBOX_JS_CHECK electron/main/app.ts win = new BrowserWindow({': 'sandbox: true via secureWebPreferences(); asserted below',
  'AUXCLICK_JS_CHECK electron/main/app.ts win = new BrowserWindow({': "disableBlinkFeatures: 'Auxclick' via secureWebPreferences(); window.open denied anyway; asserted below",
};

/** One CSV line: plain or double-quoted fields ("" inside quotes is a quote). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length && !(line[i] === '"' && line[i + 1] !== '"')) {
        value += line[i] === '"' ? '"' : line[i];
        i += line[i] === '"' ? 2 : 1;
      }
      fields.push(value);
      i += 2;
    } else {
      const end = line.indexOf(',', i);
      fields.push(line.slice(i, end < 0 ? line.length : end).trim());
      i = end < 0 ? line.length + 1 : end + 1;
    }
  }
  return fields;
}

describe('electronegativity', () => {
  it('finds no high or medium issue in the app beyond the documented, justified ones', () => {
    // The app's sources only (not tests, builds or node_modules), with package.json for the Electron version.
    const scan = fs.mkdtempSync(path.join(os.tmpdir(), 'vw-eneg-'));
    fs.copyFileSync(path.join(root, 'package.json'), path.join(scan, 'package.json'));
    fs.cpSync(path.join(root, 'electron'), path.join(scan, 'electron'), { recursive: true });
    fs.mkdirSync(path.join(scan, 'renderer'));
    fs.cpSync(path.join(root, 'renderer', 'src'), path.join(scan, 'renderer', 'src'), { recursive: true });
    if (fs.existsSync(path.join(root, 'renderer', 'index.html'))) fs.copyFileSync(path.join(root, 'renderer', 'index.html'), path.join(scan, 'renderer', 'index.html'));
    const csv = path.join(scan, 'befunde.csv');
    const cli = path.join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
    // AvailableSecurityFixesGlobalCheck downloads Electron's release list: not in an offline test.
    const r = spawnSync(process.execPath, [cli, '-i', scan, '-r', '-v', 'false', '-x', 'AvailableSecurityFixesGlobalCheck', '-o', csv], { encoding: 'utf8', timeout: 120_000 });
    expect(fs.existsSync(csv), `${r.stdout}\n${r.stderr}`).toBe(true);
    const rows = fs
      .readFileSync(csv, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [check, severity, confidence, file, location, sample] = csvFields(line);
        return { check: check!, severity: severity!, confidence: confidence!, file: file!, location: location!, sample: sample! };
      });
    fs.rmSync(scan, { recursive: true, force: true });
    const serious = rows.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
    const open = serious.filter((f) => !ACCEPTED[`${f.check} ${f.file} ${f.sample}`]);
    const bySeverity = rows.reduce<Record<string, number>>((acc, f) => ((acc[f.severity] = (acc[f.severity] ?? 0) + 1), acc), {});
    console.log(
      `[electronegativity] ${rows.length} findings ${JSON.stringify(bySeverity)}; high/medium: ${serious.length}, of which documented exceptions: ${serious.length - open.length}, open: ${open.length}`,
    );
    for (const f of serious.filter((x) => !open.includes(x))) console.log(`[electronegativity] accepted ${f.severity} ${f.check} ${f.file}:${f.location} — ${ACCEPTED[`${f.check} ${f.file} ${f.sample}`]}`);
    expect(open).toEqual([]);
    // Each exception is still needed (else remove it) — stale exceptions hide nothing but mislead.
    for (const key of Object.keys(ACCEPTED)) expect(serious.some((f) => `${f.check} ${f.file} ${f.sample}` === key), `stale exception: ${key}`).toBe(true);
  }, 180_000);
});

// ---------------------------------------------------------------------------------------------
// Electron mocked (the binary is not installed in CI): the configuration main applies.

let fake: FakeElectron;
let dataDir: string;
let desktop: DesktopApp | null = null;
const rendererDir = path.join(os.tmpdir(), 'vw-hardening-renderer');

async function start() {
  fake = createFakeElectron();
  vi.resetModules();
  vi.doMock('electron', () => fake.electron);
  const { startDesktopApp } = await import('../../../electron/main/app.js');
  desktop = await startDesktopApp({ rendererDir, preloadPath: '/app/out/preload/index.cjs' });
  return desktop!;
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vw-hardening-'));
  vi.stubEnv('VORLAGENWERK_DATA_DIR', dataDir);
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Vorlagenwerk</title>');
});
afterEach(async () => {
  await desktop?.context.close();
  desktop = null;
  vi.unstubAllEnvs();
  vi.doUnmock('electron');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const prevented = (emit: (event: { preventDefault: () => void }) => void) => {
  let stopped = false;
  emit({ preventDefault: () => (stopped = true) });
  return stopped;
};

const FOREIGN_URLS = [
  'https://evil.example/',
  'http://127.0.0.1:8080/',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vorlagenwerk://datei/0123456789abcdef0123456789abcdef',
  'vorlagenwerk://app.evil/index.html',
  'vorlagenwerk://evil/app/index.html',
  'about:blank',
  'chrome://settings',
];

describe('desktop shell (Electron mocked)', () => {
  it('main window: isolated, sandboxed, no Node anywhere, web security, no webview, no middle-click windows', async () => {
    await start();
    const prefs = fake.state.windows[0]!.options.webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(prefs).not.toHaveProperty('enableRemoteModule');
  });

  it('the hidden PDF print window: sandboxed, no JavaScript, own session that loads nothing but the document', async () => {
    await start();
    const { ElectronPdfRenderer } = await import('../../../electron/main/pdf-renderer.js');
    const renderer = new ElectronPdfRenderer();
    await renderer.warmUp();
    const print = fake.state.windows.at(-1)!;
    expect(print).not.toBe(fake.state.windows[0]);
    expect(print.options.show).toBe(false);
    expect(print.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true });
    expect(print.options.webPreferences).not.toHaveProperty('preload');
    // Its session refuses every request (no document is being printed right now).
    const decide = (url: string) => new Promise<boolean>((resolve) => fake.state.beforeRequestHandler!({ url }, (r) => resolve(r.cancel)));
    for (const url of ['https://evil.example/font.woff', 'file:///etc/passwd', 'http://127.0.0.1/']) expect(await decide(url), url).toBe(true);
    expect(await decide('data:font/woff2;base64,AAAA')).toBe(false);
    // And it got the same navigation and window.open lock as every web contents.
    expect(print.webContents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(prevented((e) => print.webContents.emit('will-navigate', e, 'https://evil.example/'))).toBe(true);
    await renderer.close();
  });

  it('denies every navigation and redirect away from the app, and every window.open (own URLs included)', async () => {
    await start();
    const contents = fake.state.windows[0]!.webContents;
    for (const url of FOREIGN_URLS) {
      expect(prevented((e) => contents.emit('will-navigate', e, url)), `navigate ${url}`).toBe(true);
      expect(prevented((e) => contents.emit('will-redirect', e, url)), `redirect ${url}`).toBe(true);
    }
    for (const url of [...FOREIGN_URLS, 'vorlagenwerk://app/index.html']) expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    expect(prevented((e) => contents.emit('will-navigate', e, 'vorlagenwerk://app/index.html#/vorlagen'))).toBe(false);
  });

  it('denies every permission, request and check', async () => {
    await start();
    const permissions = [
      'media', 'geolocation', 'notifications', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write',
      'display-capture', 'mediaKeySystem', 'window-management', 'idle-detection', 'hid', 'serial', 'usb', 'storage-access', 'top-level-storage-access', 'fileSystem', 'speaker-selection', 'unknown',
    ];
    for (const permission of permissions) {
      const granted = await new Promise<boolean>((resolve) => fake.state.permissionRequestHandler!({}, permission, resolve, { requestingUrl: 'vorlagenwerk://app/index.html' }));
      expect(granted, permission).toBe(false);
      expect(fake.state.permissionCheckHandler!({}, permission, 'vorlagenwerk://app', {}), permission).toBe(false);
    }
  });

  it('lets the page load nothing from the network and sends the strict CSP with every own page', async () => {
    await start();
    const decide = (url: string) => new Promise<boolean>((resolve) => fake.state.beforeRequestHandler!({ url }, (r) => resolve(r.cancel)));
    for (const url of ['https://fonts.example/x.woff2', 'http://127.0.0.1:8080/api/app.info', 'ws://evil.example/', 'file:///etc/passwd', 'ftp://x/']) expect(await decide(url), url).toBe(true);
    expect(await decide('vorlagenwerk://app/assets/index.js')).toBe(false);
    const headers = await new Promise<Record<string, string[]> | undefined>((resolve) =>
      fake.state.headersHandler!({ url: 'vorlagenwerk://app/index.html', responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-inline'"] } }, (r) => resolve(r.responseHeaders)),
    );
    const csp = Object.entries(headers ?? {}).filter(([k]) => k.toLowerCase() === 'content-security-policy').flatMap(([, v]) => v);
    expect(csp).toHaveLength(1);
    for (const policy of [csp[0]!, APP_CSP]) {
      expect(policy).toMatch(/default-src 'none'/);
      expect(policy).toMatch(/script-src 'self'(;|$)/);
      expect(policy).toMatch(/object-src 'none'/);
      expect(policy).toMatch(/frame-ancestors 'none'/);
      expect(policy).toMatch(/base-uri 'none'/);
      expect(policy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
    }
  });

  it('answers IPC only from its own top-level page: not from a subframe, another window or a page that navigated away', async () => {
    await start();
    const handler = fake.state.ipcHandlers.get(IPC_CHANNEL)!;
    const main = fake.state.windows[0]!;
    const call = (sender: unknown, senderFrame: unknown) => handler({ sender, senderFrame }, { id: 'c1', method: 'app.info', params: {} }) as Promise<TransportResponse>;
    expect((await call(main.webContents, main.webContents.mainFrame)).ok).toBe(true);
    const sub = { url: 'vorlagenwerk://app/index.html', parent: main.webContents.mainFrame, name: 'vorschau' };
    const other = new fake.FakeBrowserWindow({ webPreferences: {} });
    await other.loadURL('vorlagenwerk://app/index.html');
    for (const [sender, frame] of [
      [main.webContents, sub],
      [other.webContents, other.webContents.mainFrame],
      [main.webContents, null],
      [main.webContents, { ...main.webContents.mainFrame, url: 'https://evil.example/' }],
    ]) {
      const r = await call(sender, frame);
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // A page that navigated away (were it allowed) loses access at once.
    main.webContents.mainFrame.url = 'https://evil.example/';
    expect(await call(main.webContents, main.webContents.mainFrame)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Exactly one channel is registered.
    expect([...fake.state.ipcHandlers.keys()]).toEqual([IPC_CHANNEL]);
  });
});

describe('source rules that keep the shell hardened', () => {
  const files = (dir: string): string[] =>
    fs.existsSync(dir)
      ? fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, String(f))).filter((f) => /\.(ts|vue|mjs|js)$/.test(f) && fs.statSync(f).isFile())
      : [];
  const sources = [...files(path.join(root, 'electron')), ...files(path.join(root, 'renderer', 'src'))];
  const read = (f: string) => fs.readFileSync(f, 'utf8');
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');

  it('never weakens webPreferences, never evaluates strings, never opens external URLs', () => {
    const bad: string[] = [];
    for (const f of sources) {
      read(f)
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(\/\/|\*)/.test(line)) return;
          if (/nodeIntegration(InWorker|InSubFrames)?\s*:\s*true|contextIsolation\s*:\s*false|sandbox\s*:\s*false|webSecurity\s*:\s*false|allowRunningInsecureContent\s*:\s*true|webviewTag\s*:\s*true|enableRemoteModule|experimentalFeatures\s*:\s*true/.test(line)) bad.push(`${rel(f)}:${i + 1}: ${line.trim()}`);
          if (/\beval\s*\(|new Function\s*\(|executeJavaScriptInIsolatedWorld|insertCSS\(/.test(line)) bad.push(`${rel(f)}:${i + 1}: ${line.trim()}`);
          if (/openExternal\s*\(/.test(line)) bad.push(`${rel(f)}:${i + 1}: ${line.trim()}`);
          if (/\bv-html\b|innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML/.test(line)) bad.push(`${rel(f)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(bad).toEqual([]);
  });

  it('exposes one function on one channel: the preload and main use IPC_CHANNEL only', () => {
    const preload = read(path.join(root, 'electron', 'preload', 'index.ts'));
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toMatch(/exposeInMainWorld\('api', \{\s*invoke\(/);
    for (const m of preload.matchAll(/ipcRenderer\.(\w+)\(([^,)]+)/g)) {
      expect(['invoke', 'on'], m[0]).toContain(m[1]);
      expect(m[2]!.trim(), m[0]).toBe('IPC_CHANNEL');
    }
    const channels: string[] = [];
    for (const f of files(path.join(root, 'electron', 'main'))) {
      for (const m of read(f).matchAll(/ipcMain\.(handle|handleOnce|on|once)\(([^,)]+)/g)) channels.push(`${rel(f)}: ${m[2]!.trim()}`);
      for (const m of read(f).matchAll(/deps\.ipcMain\.(handle|handleOnce|on|once)\(([^,)]+)/g)) channels.push(`${rel(f)}: ${m[2]!.trim()}`);
    }
    expect(channels.every((c) => c.endsWith('IPC_CHANNEL'))).toBe(true);
    expect(channels.length).toBeGreaterThan(0);
  });
});
