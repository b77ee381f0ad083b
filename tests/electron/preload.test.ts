import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL } from '../../electron/shared/transport.js';

afterEach(() => {
  vi.doUnmock('electron');
  vi.resetModules();
});

async function loadPreload() {
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, (event: unknown, message: unknown) => void>();
  const invoke = vi.fn(async (_channel: string, _message: { id: string }): Promise<{ ok: boolean; result: unknown }> => ({ ok: true, result: 1 }));
  vi.resetModules();
  vi.doMock('electron', () => ({
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
    ipcRenderer: { invoke, on: (channel: string, fn: (event: unknown, message: unknown) => void) => listeners.set(channel, fn) },
  }));
  await import('../../electron/preload/index.js');
  return { exposed, listeners, invoke };
}

describe('preload', () => {
  it('exposes only window.api.invoke, on the one channel', async () => {
    const { exposed, listeners, invoke } = await loadPreload();
    expect([...exposed.keys()]).toEqual(['api']);
    const api = exposed.get('api') as Record<string, unknown>;
    expect(Object.keys(api)).toEqual(['invoke']);
    expect([...listeners.keys()]).toEqual([IPC_CHANNEL]);

    await (api.invoke as (m: string, p: unknown) => Promise<unknown>)('gremien.list', {});
    expect(invoke).toHaveBeenCalledWith(IPC_CHANNEL, { id: expect.any(String), method: 'gremien.list', params: {} });
  });

  it('delivers progress pushes only to the call they belong to', async () => {
    const { exposed, listeners, invoke } = await loadPreload();
    let release!: () => void;
    invoke.mockImplementation(() => new Promise((resolve) => (release = () => resolve({ ok: true, result: null }))));
    const api = exposed.get('api') as { invoke: (m: string, p: unknown, cb?: (e: unknown) => void) => Promise<unknown> };
    const seen: unknown[] = [];
    const call = api.invoke('export.pack', {}, (e) => seen.push(e));
    const id = invoke.mock.calls[0]![1].id;
    const push = listeners.get(IPC_CHANNEL)!;
    push({}, { id, progress: { step: 'Deckblatt', done: 1, total: 4 } });
    push({}, { id: 'other', progress: { step: 'fremd', done: 1, total: 1 } });
    release();
    await call;
    push({}, { id, progress: { step: 'zu spät', done: 2, total: 4 } });
    expect(seen).toEqual([{ step: 'Deckblatt', done: 1, total: 4 }]);
  });

  it('rejects a call without a method name', async () => {
    const { exposed } = await loadPreload();
    const api = exposed.get('api') as { invoke: (m: unknown, p: unknown) => Promise<unknown> };
    await expect(api.invoke(42, {})).rejects.toThrow();
  });
});
