// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi } from '../../renderer/src/api/client';
import { ApiCallError, userMessage } from '../../renderer/src/api/errors';
import { createHttpTransport } from '../../renderer/src/api/http-transport';
import { detectTransport, readWebToken } from '../../renderer/src/api';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  delete (window as { api?: unknown }).api;
  sessionStorage.clear();
});

describe('api client over HTTP (web mode)', () => {
  it('posts JSON with the token and returns the typed result', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => json({ ok: true, result: [{ id: 1, shortName: 'Sozialausschuss' }] }));
    const api = createApi(createHttpTransport({ token: 'tok', fetch }));
    const committees = await api.call('gremien.list', {});
    expect(committees[0]!.shortName).toBe('Sozialausschuss');
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/gremien.list');
    expect(init!.method).toBe('POST');
    expect((init!.headers as Record<string, string>)['x-vorlagenwerk-token']).toBe('tok');
    expect((init!.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(JSON.parse(init!.body as string)).toEqual({});
  });

  it('throws the server’s German error with the fields for inline display', async () => {
    const fetch = vi.fn(async () => json({ ok: false, error: { code: 'VALIDATION', message: 'Ungültige Eingabe: name: darf nicht leer sein', fields: [{ path: 'name', message: 'darf nicht leer sein' }] } }, 422));
    const api = createApi(createHttpTransport({ token: 't', fetch }));
    const error = await api.call('gremien.save', {} as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).code).toBe('VALIDATION');
    expect((error as ApiCallError).fieldMessage('name')).toBe('darf nicht leer sein');
    expect(userMessage(error)).toBe('Ungültige Eingabe: name: darf nicht leer sein');
  });

  it('keeps the core’s hint that a busy database is worth another try, unlike an edit conflict', async () => {
    const busy = { code: 'CONFLICT', retry: true, message: 'Die Datenbank wird gerade von einem anderen Programm verwendet. Bitte versuchen Sie es gleich noch einmal.' };
    const edited = { code: 'CONFLICT', message: 'Die Vorlage 50/012/2025 wurde inzwischen anderweitig geändert.' };
    const fetch = vi.fn(async () => json({ ok: false, error: busy }, 409));
    const api = createApi(createHttpTransport({ token: 't', fetch }));
    const e1 = (await api.call('gremien.list', {}).catch((e: unknown) => e)) as ApiCallError;
    expect(e1.code).toBe('CONFLICT');
    expect(e1.retry).toBe(true);
    fetch.mockImplementation(async () => json({ ok: false, error: edited }, 409));
    const e2 = (await api.call('gremien.list', {}).catch((e: unknown) => e)) as ApiCallError;
    expect(e2.retry).toBe(false);
    // The same over IPC (desktop).
    const ipc = createApi(detectTransport({ api: { invoke: vi.fn(async () => ({ ok: false, error: busy })) } } as never));
    expect(((await ipc.call('gremien.list', {}).catch((e: unknown) => e)) as ApiCallError).retry).toBe(true);
  });

  it('turns a dead server or a garbled answer into a German sentence', async () => {
    const offline = createApi(createHttpTransport({ token: 't', fetch: vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))) }));
    const e1 = await offline.call('gremien.list', {}).catch((e: unknown) => e);
    expect((e1 as ApiCallError).code).toBe('UNAVAILABLE');
    expect(userMessage(e1)).toMatch(/Keine Verbindung zu Vorlagenwerk/);
    const garbled = createApi(createHttpTransport({ token: 't', fetch: vi.fn(async () => new Response('<html>502</html>', { status: 502 })) }));
    const e2 = await garbled.call('gremien.list', {}).catch((e: unknown) => e);
    expect(userMessage(e2)).toMatch(/unvollständig/);
  });

  it('never shows a stack trace for unexpected errors', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(userMessage(bug)).toBe('Die Aktion ist fehlgeschlagen. Bitte versuchen Sie es erneut.');
    expect(userMessage(bug)).not.toContain('undefined');
  });

  it('reads streamed progress and the final answer', async () => {
    const lines = [
      { type: 'progress', progress: { step: 'Deckblatt', done: 1, total: 3 } },
      { type: 'progress', progress: { step: 'Vorlagen', done: 2, total: 3 } },
      { type: 'response', response: { ok: true, result: { pages: 9 }, file: { id: 'f'.repeat(32), fileName: 'mappe.pdf', mediaType: 'application/pdf', size: 10 } } },
    ];
    // Split mid-line to check the reader joins chunks.
    const text = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(text);
        controller.enqueue(bytes.slice(0, 25));
        controller.enqueue(bytes.slice(25, 90));
        controller.enqueue(bytes.slice(90));
        controller.close();
      },
    });
    const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      expect((init!.headers as Record<string, string>).accept).toBe('application/x-ndjson');
      return new Response(body, { headers: { 'content-type': 'application/x-ndjson' } });
    });
    const api = createApi(createHttpTransport({ token: 't', fetch }));
    const seen: string[] = [];
    const { result, file } = await api.callForFile('daten.export', { publicOnly: false }, { onProgress: (p) => seen.push(`${p.step} ${p.done}/${p.total}`) });
    expect(seen).toEqual(['Deckblatt 1/3', 'Vorlagen 2/3']);
    expect(result).toEqual({ pages: 9 });
    expect(file.fileName).toBe('mappe.pdf');
  });

  it('builds token-protected file URLs for preview and download', () => {
    const transport = createHttpTransport({ token: 'a b', fetch: vi.fn() });
    expect(transport.fileUrl({ id: 'abc', fileName: 'x.pdf', mediaType: 'application/pdf', size: 1 })).toBe('/files/abc?token=a%20b');
  });
});

describe('transport selection', () => {
  it('uses IPC when the preload is present, and nothing else knows', async () => {
    const invoke = vi.fn(async () => ({ ok: true, result: { version: '1' } }));
    (window as { api?: unknown }).api = { invoke };
    const api = createApi(detectTransport(window as never));
    await api.call('app.info', {});
    expect(invoke).toHaveBeenCalledWith('app.info', {}, undefined);
    expect(detectTransport(window as never).fileUrl({ id: 'abc', fileName: 'x', mediaType: 'application/pdf', size: 1 })).toBe('vorlagenwerk://datei/abc');
  });

  it('takes the web token from the address, keeps it for the tab and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/?token=geheim123#/gremien');
    expect(readWebToken(window)).toBe('geheim123');
    expect(window.location.search).toBe('');
    expect(window.location.hash).toBe('#/gremien');
    expect(readWebToken(window)).toBe('geheim123');
  });

  it('treats a closed file dialog as cancelled, not as an error', async () => {
    const invoke = vi.fn(async () => ({ ok: false, cancelled: true, error: { code: 'CANCELLED', message: 'Abgebrochen.' } }));
    const api = createApi(detectTransport({ api: { invoke } } as never));
    const error = (await api.call('daten.import', { path: 'x' }).catch((e: unknown) => e)) as ApiCallError;
    expect(error.cancelled).toBe(true);
  });
});
