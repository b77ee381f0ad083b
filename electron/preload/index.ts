import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL } from '../shared/transport.js';

/**
 * The renderer's only door to the app: window.api.invoke(method, params, onProgress?) on one
 * IPC channel. Progress pushes come back on the same channel, tagged with the call's id.
 * Nothing of ipcRenderer itself is handed to the page.
 */
type Progress = { step: string; done: number; total: number };
const listeners = new Map<string, (event: Progress) => void>();
let counter = 0;

ipcRenderer.on(IPC_CHANNEL, (_event, message: { id?: unknown; progress?: Progress }) => {
  if (message && typeof message.id === 'string' && message.progress) listeners.get(message.id)?.(message.progress);
});

contextBridge.exposeInMainWorld('api', {
  invoke(method: string, params?: unknown, onProgress?: (event: Progress) => void): Promise<unknown> {
    if (typeof method !== 'string') return Promise.reject(new TypeError('method must be a string'));
    counter += 1;
    const id = `c${counter}`;
    if (typeof onProgress === 'function') listeners.set(id, onProgress);
    return ipcRenderer.invoke(IPC_CHANNEL, { id, method, params: params ?? {} }).finally(() => listeners.delete(id));
  },
});
