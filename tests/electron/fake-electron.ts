import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * A recording stand-in for the parts of Electron the main process uses, so the window, session,
 * protocol and IPC configuration can be checked in plain Node (the Electron binary is not
 * installed here).
 */
export function createFakeElectron() {
  const state = {
    lock: true,
    paths: new Map<string, string>(),
    ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, (request: { url: string }) => Response>(),
    permissionRequestHandler: null as null | ((wc: unknown, permission: string, cb: (ok: boolean) => void, details?: unknown) => void),
    permissionCheckHandler: null as null | ((...args: unknown[]) => boolean),
    headersHandler: null as null | ((details: { url: string; responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void),
    beforeRequestHandler: null as null | ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
    windows: [] as FakeBrowserWindow[],
    menuTemplate: null as unknown,
    saveDialogResult: { canceled: true, filePath: undefined as string | undefined },
    openDialogResult: { canceled: true, filePaths: [] as string[] },
    errorBoxes: [] as string[],
    /** Index of the button the user clicks in a modal message box. */
    messageBoxResponse: 0,
  };

  const app = Object.assign(new EventEmitter(), {
    quit: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => state.lock),
    setPath: vi.fn((name: string, value: string) => state.paths.set(name, value)),
    getPath: vi.fn((name: string) => state.paths.get(name) ?? `/tmp/fake-${name}`),
    whenReady: vi.fn(async () => undefined),
  });

  class FakeWebContents extends EventEmitter {
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    mainFrame = { url: '', parent: null, name: 'main' };
    send = vi.fn();
    executeJavaScript = vi.fn(async () => undefined);
    setWindowOpenHandler(fn: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = fn;
    }
    isDestroyed() {
      return false;
    }
  }

  class FakeBrowserWindow extends EventEmitter {
    webContents = new FakeWebContents();
    loadedUrl = '';
    focus = vi.fn();
    show = vi.fn();
    restore = vi.fn();
    maximize = vi.fn();
    minimized = false;
    constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
      super();
      state.windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    async loadURL(url: string) {
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
    }
    async loadFile() {}
    isMinimized() {
      return this.minimized;
    }
    isMaximized() {
      return false;
    }
    isDestroyed() {
      return false;
    }
    getNormalBounds() {
      return { x: 40, y: 30, width: 1111, height: 777 };
    }
    destroy() {}
  }

  const fakeSession = {
    setPermissionRequestHandler: vi.fn((fn) => (state.permissionRequestHandler = fn)),
    setPermissionCheckHandler: vi.fn((fn) => (state.permissionCheckHandler = fn)),
    setDevicePermissionHandler: vi.fn(),
    webRequest: {
      onHeadersReceived: vi.fn((fn) => (state.headersHandler = fn)),
      onBeforeRequest: vi.fn((fn) => (state.beforeRequestHandler = fn)),
    },
  };

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: { handle: vi.fn((channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => state.ipcHandlers.set(channel, fn)) },
    protocol: {
      registerSchemesAsPrivileged: vi.fn((schemes: unknown[]) => state.privileged.push(...schemes)),
      handle: vi.fn((scheme: string, fn: (request: { url: string }) => Response) => state.protocolHandlers.set(scheme, fn)),
    },
    session: { defaultSession: fakeSession, fromPartition: vi.fn(() => fakeSession) },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown) => {
        state.menuTemplate = template;
        return { template };
      }),
      setApplicationMenu: vi.fn(),
    },
    dialog: {
      showSaveDialog: vi.fn(async () => state.saveDialogResult),
      showOpenDialog: vi.fn(async () => state.openDialogResult),
      showMessageBox: vi.fn(async () => ({ response: 0 })),
      showMessageBoxSync: vi.fn((..._args: unknown[]) => state.messageBoxResponse),
      showErrorBox: vi.fn((title: string, text: string) => state.errorBoxes.push(`${title}: ${text}`)),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    shell: { openPath: vi.fn(async () => '') },
  };
  return { electron, state, FakeBrowserWindow };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
