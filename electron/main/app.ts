import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, screen, session, shell } from 'electron';
import type { AppContext } from '../core/app-context.js';
import { createDispatcher } from '../core/api/dispatcher.js';
import { PrintOnSave } from '../core/export/pack/print-on-save.js';
import { usePdfRenderer } from '../core/export/pdf/pdf-services.js';
import { defaultDataDir, outboxDir } from '../core/paths.js';
import { createBackup } from '../core/services/backup.js';
import { APP_VERSION } from '../core/version.js';
import { createFileGuardedDispatch } from '../host/file-policy.js';
import { Outbox } from '../host/outbox.js';
import { prepareData } from '../host/startup.js';
import { APP_SCHEME } from '../shared/transport.js';
import { APP_ORIGIN, DESKTOP_CSP, devCsp } from './csp.js';
import { chooseImportFile, pickFile, saveOutboxFile } from './dialogs.js';
import { openDataOrOfferRestore } from './open-data.js';
import { registerApiChannel } from './ipc.js';
import { buildMenuTemplate } from './menu.js';
import { ElectronPdfRenderer } from './pdf-renderer.js';
import { APP_SCHEME_PRIVILEGES, respondToAppRequest } from './protocol.js';
import { hardenSession, hardenWebContents, secureWebPreferences } from './security.js';
import { loadWindowState, saveWindowState, windowStateFile } from './window-state.js';

export interface DesktopOptions {
  /** Built renderer (out/renderer); default beside the bundled main. */
  rendererDir?: string;
  /** Bundled preload (out/preload/index.cjs). */
  preloadPath?: string;
  /** Vite dev server URL during `electron-vite dev`. */
  devUrl?: string;
}

export interface DesktopApp {
  window: BrowserWindow;
  context: AppContext;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The desktop app: one hardened window over the same dispatcher as web mode and the CLI.
 * Returns null when another instance already runs (that one gets focused instead).
 */
export async function startDesktopApp(options: DesktopOptions = {}): Promise<DesktopApp | null> {
  const rendererDir = options.rendererDir ?? path.join(here, '..', 'renderer');
  const preloadPath = options.preloadPath ?? path.join(here, '..', 'preload', 'index.cjs');
  const devUrl = options.devUrl;

  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  // Same folder as the CLI and web mode use by default, so all three share one database.
  app.setPath('userData', defaultDataDir());
  usePdfRenderer(() => new ElectronPdfRenderer());

  let win: BrowserWindow | null = null;
  const isAppUrl = (url: string) => url.startsWith(`${APP_ORIGIN}/`) || (!!devUrl && url.startsWith(devUrl));
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isAppUrl));
  app.on('window-all-closed', () => app.quit());

  await app.whenReady();

  const dataDir = app.getPath('userData');
  const opened = await openDataOrOfferRestore(dataDir, dialog);
  if (!opened) {
    app.quit();
    return null;
  }
  const context: AppContext = opened;
  // A saved Vorlage is printed ahead for the next Sitzungsmappe (issue 16.7).
  const dispatch = createDispatcher(context, { afterChange: new PrintOnSave(context).afterChange });
  await prepareData(context, dispatch).catch((error) => context.log.error('start-up data preparation failed', error));

  const outbox = new Outbox(40, outboxDir(dataDir));
  const guarded = createFileGuardedDispatch({ dispatch, outbox, dataDir, chooseInputFile: () => chooseImportFile(dialog, win) });

  hardenSession(session.defaultSession, {
    csp: (url) => (url.startsWith(`${APP_ORIGIN}/`) ? DESKTOP_CSP : devUrl && url.startsWith(devUrl) ? devCsp(devUrl) : null),
    allowRequest: (url) =>
      url.startsWith(`${APP_SCHEME}://`) || (!!devUrl && (url.startsWith(devUrl) || url.startsWith(devUrl.replace(/^http/, 'ws')))) || /^(data|blob|devtools|chrome-extension|chrome):/.test(url),
  });
  protocol.handle(APP_SCHEME, (request) => respondToAppRequest(request.url, { rendererDir, outbox }));

  registerApiChannel({
    ipcMain,
    dispatch: guarded,
    isTrustedFrame: (frame) => !!frame && !!win && !win.isDestroyed() && frame === win.webContents.mainFrame && isAppUrl(frame.url),
    shell: {
      saveFile: ({ fileId }) => saveOutboxFile(dialog, win, outbox, fileId, app.getPath('documents')),
      pickFile: (input) => pickFile(dialog, win, input),
    },
    log: (message, error) => context.log.error(message, error),
  });

  const navigate = (route: string) => void win?.webContents.executeJavaScript(`location.hash = ${JSON.stringify(`#${route}`)}`);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        navigate,
        backupNow: () => {
          createBackup(context).then(
            (b) => dialog.showMessageBox({ type: 'info', title: 'Sicherung', message: 'Die Sicherung wurde erstellt.', detail: b.file, buttons: ['OK'] }),
            (error) => dialog.showErrorBox('Sicherung fehlgeschlagen', (error as Error).message),
          );
        },
        openDataFolder: () => void shell.openPath(dataDir),
        about: () => void dialog.showMessageBox({ type: 'info', title: 'Über Vorlagenwerk', message: `Vorlagenwerk ${APP_VERSION}`, detail: `Vorlagen, Beratungsfolgen und Sitzungsmappen.\nDatenordner: ${dataDir}`, buttons: ['OK'] }),
        quit: () => app.quit(),
      }),
    ),
  );

  const stateFile = windowStateFile(dataDir);
  const state = loadWindowState(stateFile, screen.getAllDisplays().map((d) => d.workArea));
  win = new BrowserWindow({
    ...state,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Vorlagenwerk',
    backgroundColor: '#f4f4f1',
    webPreferences: secureWebPreferences(preloadPath),
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win?.show());
  win.on('close', () => {
    if (!win || win.isDestroyed()) return;
    saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
  });

  // The page refuses to unload while the editor holds text it could not save; without a
  // handler Electron cancels the close silently and the window seems stuck.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win!, {
      type: 'question',
      title: 'Vorlagenwerk',
      message: 'Es gibt ungespeicherte Änderungen. Trotzdem schließen?',
      buttons: ['Schließen', 'Abbrechen'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    if (choice === 0) event.preventDefault();
  });

  // Only once the windows are gone: until then an editor may still send its last save while
  // unloading, and a close the user cancels must leave a working app behind.
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    outbox.close();
    context
      .close()
      .catch((error) => context.log.error('closing the database on quit failed', error))
      .finally(() => app.quit());
  });

  await win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
  return { window: win, context };
}

