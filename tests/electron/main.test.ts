import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopApp } from '../../electron/main/app.js';
import { IPC_CHANNEL, type TransportResponse } from '../../electron/shared/transport.js';
import { createFakeElectron, type FakeElectron } from './fake-electron.js';

let fake: FakeElectron;
let dataDir: string;
let desktop: DesktopApp | null = null;
const rendererDir = path.join(os.tmpdir(), 'vw-electron-renderer');

async function start(configure?: (f: FakeElectron) => void) {
  fake = createFakeElectron();
  configure?.(fake);
  vi.resetModules();
  vi.doMock('electron', () => fake.electron);
  const { startDesktopApp } = await import('../../electron/main/app.js');
  desktop = await startDesktopApp({ rendererDir, preloadPath: '/app/out/preload/index.cjs' });
  return desktop;
}

/** What the renderer's window.api.invoke sends, as main receives it. */
async function invoke(method: string, params: unknown, frame?: { url: string; parent: unknown }): Promise<TransportResponse> {
  const handler = fake.state.ipcHandlers.get(IPC_CHANNEL)!;
  const win = fake.state.windows[0]!;
  const sender = win.webContents;
  return (await handler({ sender, senderFrame: frame ?? win.webContents.mainFrame }, { id: 'c1', method, params })) as TransportResponse;
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vw-electron-'));
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

describe('desktop window', () => {
  it('runs the renderer isolated, sandboxed, without Node and with web security', async () => {
    await start();
    expect(fake.state.windows).toHaveLength(1);
    const prefs = fake.state.windows[0]!.options.webPreferences!;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(fake.state.windows[0]!.loadedUrl).toBe('vorlagenwerk://app/index.html');
  });

  it('serves its page with a strict CSP and nothing outside the renderer folder', async () => {
    await start();
    const handle = fake.state.protocolHandlers.get('vorlagenwerk')!;
    const page = handle({ url: 'vorlagenwerk://app/index.html' });
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(handle({ url: 'vorlagenwerk://app/../../../etc/passwd' }).status).toBe(404);
    expect(handle({ url: 'vorlagenwerk://app/%2e%2e/%2e%2e/etc/passwd' }).status).toBe(404);
    expect(handle({ url: 'vorlagenwerk://datei/00000000000000000000000000000000' }).status).toBe(404);

    // The session adds the CSP to every response of our pages, and blocks the network.
    let headers: Record<string, string[]> | undefined;
    fake.state.headersHandler!({ url: 'vorlagenwerk://app/index.html', responseHeaders: { 'content-security-policy': ['default-src *'] } }, (r) => (headers = r.responseHeaders));
    expect(headers!['Content-Security-Policy']![0]).toContain("script-src 'self'");
    expect(headers!['content-security-policy']).toBeUndefined();
    let cancelled: boolean | undefined;
    fake.state.beforeRequestHandler!({ url: 'https://tracker.example.com/x.js' }, (r) => (cancelled = r.cancel));
    expect(cancelled).toBe(true);
    fake.state.beforeRequestHandler!({ url: 'vorlagenwerk://app/assets/index.js' }, (r) => (cancelled = r.cancel));
    expect(cancelled).toBe(false);
  });

  it('denies navigation away from the app and every window.open', async () => {
    await start();
    const contents = fake.state.windows[0]!.webContents;
    const away = { preventDefault: vi.fn() };
    contents.emit('will-navigate', away, 'https://example.org/');
    expect(away.preventDefault).toHaveBeenCalled();
    const fileUrl = { preventDefault: vi.fn() };
    contents.emit('will-navigate', fileUrl, 'file:///etc/passwd');
    expect(fileUrl.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    contents.emit('will-navigate', inside, 'vorlagenwerk://app/index.html#/gremien');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    expect(contents.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'vorlagenwerk://app/index.html' })).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check', async () => {
    await start();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal']) {
      const callback = vi.fn();
      fake.state.permissionRequestHandler!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(fake.state.permissionCheckHandler!({}, 'media', 'vorlagenwerk://app', {})).toBe(false);
  });

  it('keeps a single instance: a second start quits and the first window comes to the front', async () => {
    await start();
    const win = fake.state.windows[0]!;
    win.minimized = true;
    fake.electron.app.emit('second-instance');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    await desktop!.context.close();
    desktop = null;

    const second = await start((f) => (f.state.lock = false));
    expect(second).toBeNull();
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(0);
  });

  it('loads the demo data on first start and uses the shared data folder', async () => {
    const { context } = (await start())!;
    expect(context.dataDir).toBe(dataDir);
    const info = await invoke('app.info', {});
    expect(info.ok).toBe(true);
    if (info.ok) expect((info.result as { counts: { gremien: number } }).counts.gremien).toBeGreaterThan(0);
  });

  it('has a German menu', async () => {
    await start();
    const labels = (fake.state.menuTemplate as { label: string }[]).map((m) => m.label);
    expect(labels).toEqual(expect.arrayContaining(['Datei', 'Bearbeiten', 'Ansicht', 'Fenster', 'Hilfe']));
    const edit = (fake.state.menuTemplate as { label: string; submenu: { label?: string }[] }[]).find((m) => m.label === 'Bearbeiten')!;
    expect(edit.submenu.map((i) => i.label)).toEqual(expect.arrayContaining(['Rückgängig', 'Kopieren', 'Einfügen']));
  });

  it('remembers the window size and place', async () => {
    await start();
    fake.state.windows[0]!.emit('close');
    await desktop!.context.close();
    desktop = null;
    await start();
    expect(fake.state.windows[0]!.options).toMatchObject({ x: 40, y: 30, width: 1111, height: 777 });
  });
});

describe('the one IPC channel', () => {
  it('registers exactly one channel and answers calls from our own page', async () => {
    await start();
    expect([...fake.state.ipcHandlers.keys()]).toEqual([IPC_CHANNEL]);
    const response = await invoke('gremien.list', {});
    expect(response.ok).toBe(true);
  });

  it('refuses calls from a frame that is not our top-level page', async () => {
    await start();
    const foreign = await invoke('gremien.list', {}, { url: 'https://evil.example/', parent: null });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const preview = await invoke('gremien.list', {}, { url: 'vorlagenwerk://datei/abc', parent: {} });
    expect(preview).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses unknown methods and invalid params with German messages', async () => {
    await start();
    const unknown = await invoke('fs.writeFile', { path: '/etc/passwd' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!unknown.ok) expect(unknown.error.message).toMatch(/Unbekannte Funktion/);
    const bad = await invoke('sitzungen.get', { id: 'eins' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const handler = fake.state.ipcHandlers.get(IPC_CHANNEL)!;
    const win = fake.state.windows[0]!;
    const garbage = (await handler({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, 'not an object')) as TransportResponse;
    expect(garbage).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('never writes where the renderer says: output paths become files main chooses', async () => {
    await start();
    const target = path.join(dataDir, 'renderer-chose-this.json');
    const response = await invoke('daten.export', { path: target, publicOnly: true });
    expect(response.ok).toBe(true);
    expect(fs.existsSync(target)).toBe(false);
    if (!response.ok) return;
    expect(response.file).toMatchObject({ fileName: 'vorlagenwerk-export.json', mediaType: 'application/json' });
    expect(response.file!.size).toBeGreaterThan(100);

    // Saving goes through main's own dialog; the user picks the place.
    const chosen = path.join(dataDir, 'gespeichert.json');
    fake.state.saveDialogResult = { canceled: false, filePath: chosen };
    const saved = await invoke('datei.speichern', { fileId: response.file!.id });
    expect(saved).toMatchObject({ ok: true, result: { saved: true, path: chosen } });
    expect(JSON.parse(fs.readFileSync(chosen, 'utf8')).format).toBe('vorlagenwerk-bundle');

    fake.state.saveDialogResult = { canceled: true, filePath: undefined };
    expect(await invoke('datei.speichern', { fileId: response.file!.id })).toMatchObject({ ok: true, result: { saved: false } });
    expect(await invoke('datei.speichern', { fileId: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it("restores only from the listed backups and imports only what main's dialog chose", async () => {
    await start();
    const outside = path.join(dataDir, 'fremd.sqlite');
    fs.writeFileSync(outside, 'SQLite format 3\u0000');
    expect(await invoke('sicherung.restore', { file: outside })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    fake.state.openDialogResult = { canceled: true, filePaths: [] };
    const cancelled = await invoke('daten.import', { path: '/etc/passwd' });
    expect(cancelled).toMatchObject({ ok: false, cancelled: true });
    expect(fake.electron.dialog.showOpenDialog).toHaveBeenCalled();
  });

  it('pushes progress on the same channel, tagged with the call id', async () => {
    await start();
    const handler = fake.state.ipcHandlers.get(IPC_CHANNEL)!;
    const win = fake.state.windows[0]!;
    // sicherung.create has no progress; the push path is exercised with a fake dispatch below.
    const { handleApiMessage } = await import('../../electron/main/ipc.js');
    const pushed: unknown[] = [];
    const event = { sender: { send: (...args: unknown[]) => pushed.push(args), isDestroyed: () => false }, senderFrame: {} } as never;
    const response = await handleApiMessage(
      {
        ipcMain: { handle: vi.fn() },
        isTrustedFrame: () => true,
        dispatch: async (_m, _p, options) => {
          options?.onProgress?.({ step: 'Vorlagen', done: 1, total: 3 });
          return { ok: true, result: 'fertig' };
        },
        shell: { saveFile: vi.fn(), pickFile: vi.fn() },
      },
      event,
      { id: 'c7', method: 'app.info', params: {} },
    );
    expect(response).toEqual({ ok: true, result: 'fertig' });
    expect(pushed).toEqual([[IPC_CHANNEL, { id: 'c7', progress: { step: 'Vorlagen', done: 1, total: 3 } }]]);
    expect(handler).toBeTypeOf('function');
    expect(win).toBeDefined();
  });
});

describe('quitting', () => {
  const quitEvent = () => ({ preventDefault: vi.fn() });

  it('keeps the database open while the windows close, so the editor’s last save still arrives', async () => {
    await start();
    fake.electron.app.emit('before-quit', quitEvent());
    // The window unloads now; the editor sends what the autosave had not sent yet.
    // A draft of the demo: released Vorlagen are read-only.
    const drafts = await invoke('vorlagen.list', { status: 'entwurf' });
    const paper = await invoke('vorlagen.get', { ref: (drafts as { result: { id: number }[] }).result[0]!.id });
    expect(paper.ok).toBe(true);
    const { id, revision } = (paper as { result: { id: number; revision: number } }).result;
    const saved = await invoke('vorlagen.save', { id, expectedRevision: revision, title: 'Beim Beenden gespeichert' });
    expect(saved.ok).toBe(true);

    // The windows are gone: now the database closes, then the app really quits.
    const willQuit = quitEvent();
    fake.electron.app.emit('will-quit', willQuit);
    expect(willQuit.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.electron.app.quit).toHaveBeenCalled());
    expect(desktop!.context.db.open).toBe(false);
    const again = quitEvent();
    fake.electron.app.emit('will-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('still quits, and logs why, when closing the database fails', async () => {
    await start();
    desktop!.context.onClose(() => {
      throw new Error('PDF-Browser reagiert nicht');
    });
    fake.electron.app.emit('will-quit', quitEvent());
    await vi.waitFor(() => expect(fake.electron.app.quit).toHaveBeenCalled());
    const log = fs.readFileSync(path.join(dataDir, 'logs', 'vorlagenwerk.log'), 'utf8');
    expect(log).toContain('PDF-Browser reagiert nicht');
    // afterEach would run the failing closer again.
    if (desktop!.context.db.open) desktop!.context.db.close();
    desktop = null;
  });

  it('asks in German before closing over unsaved changes, and stays open on request', async () => {
    await start();
    const contents = fake.state.windows[0]!.webContents;
    const dialog = fake.electron.dialog.showMessageBoxSync;

    fake.state.messageBoxResponse = 1;
    const stay = quitEvent();
    contents.emit('will-prevent-unload', stay);
    expect(dialog).toHaveBeenCalledTimes(1);
    const options = dialog.mock.calls[0]![1] as { message: string; buttons: string[]; cancelId: number };
    expect(options.message).toBe('Es gibt ungespeicherte Änderungen. Trotzdem schließen?');
    expect(options.buttons).toEqual(['Schließen', 'Abbrechen']);
    expect(options.buttons[options.cancelId]).toBe('Abbrechen');
    expect(stay.preventDefault).not.toHaveBeenCalled();

    fake.state.messageBoxResponse = 0;
    const close = quitEvent();
    contents.emit('will-prevent-unload', close);
    // preventDefault here overrides the page's refusal: the window closes.
    expect(close.preventDefault).toHaveBeenCalled();
  });
});

describe('hostile files and faults take the same core paths in the desktop app (issue 12)', () => {
  it('keeps transient exports in the data folder, owner-only, and sweeps a killed run’s leftovers at start', async () => {
    const base = path.join(dataDir, 'ausgabe-temp');
    const leftover = path.join(base, 'vorlagenwerk-ausgabe-999999999-abc123');
    fs.mkdirSync(leftover, { recursive: true });
    fs.writeFileSync(path.join(leftover, 'mitglieder.pdf'), 'nichtöffentlich');
    await start();
    expect(fs.existsSync(leftover)).toBe(false);
    const [own] = fs.readdirSync(base);
    expect(own).toMatch(new RegExp(`^vorlagenwerk-ausgabe-${process.pid}-`));
    expect(fs.statSync(path.join(base, own!)).mode & 0o777).toBe(0o700);
    const response = await invoke('daten.export', { path: '/egal.json', publicOnly: true });
    expect(response.ok).toBe(true);
    expect(fs.readdirSync(path.join(base, own!))).toHaveLength(1);
  });

  it('refuses a bundle with a linked Anlage, deep documents, and empties the WAL after a delete', async () => {
    await start();
    const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vw-electron-bundle-'));
    fs.symlinkSync('/etc/passwd', path.join(bundleDir, 'passwd.pdf'));
    const bundle = path.join(bundleDir, 'b.json');
    fs.writeFileSync(
      bundle,
      JSON.stringify({
        format: 'vorlagenwerk-bundle',
        version: 1,
        body: { name: 'Musterkreis', numberPattern: '{nr:3}/{jahr}', agendaNumbering: 'durchgehend' },
        departments: [{ key: 'x50', code: '51', name: 'Anderes Amt', signatory: '' }],
        committees: [],
        meetings: [],
        papers: [{ key: 'hostile', template: 'mitteilungsvorlage', department: 'x50', title: 'T', public: true, sections: {}, attachments: [{ title: 'Passwörter', file: 'passwd.pdf', public: true }] }],
      }),
    );
    fake.state.openDialogResult = { canceled: false, filePaths: [bundle] };
    const imported = await invoke('daten.import', { path: bundle });
    expect(imported).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('symbolischer Verweis') } });

    let deep: unknown = { type: 'paragraph' };
    for (let i = 0; i < 300; i++) deep = { type: 'bulletList', content: [{ type: 'listItem', content: [deep] }] };
    const list = await invoke('vorlagen.list', {});
    const paper = (list.ok ? (list.result as { id: number }[]) : [])[0]!;
    expect(await invoke('vorlagen.save', { id: paper.id, sections: { erlaeuterungen: { type: 'doc', content: [deep] } } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('zu tief verschachtelt') },
    });

    expect(await invoke('vorlagen.delete', { id: paper.id })).toMatchObject({ ok: true });
    const wal = `${desktop!.context.dbFile}-wal`;
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
  });
});
