import type { ProgressEvent } from '@shared/contract';
import { API_TOKEN_HEADER, type OutputFile, type PickFileInput, type PickedFile, type StreamMessage, type TransportResponse } from '@shared/transport';
import { CSRF_HEADER, currentCsrfToken, notifyUnauthorized } from './team-auth';
import type { Transport } from './transport';

const OFFLINE: TransportResponse = {
  ok: false,
  error: { code: 'UNAVAILABLE', message: 'Keine Verbindung zu Vorlagenwerk. Läuft der Web-Modus noch (npm run web)? Laden Sie die Seite danach neu.' },
};
const GARBLED: TransportResponse = {
  ok: false,
  error: { code: 'UNAVAILABLE', message: 'Die Antwort von Vorlagenwerk war unvollständig. Bitte versuchen Sie es erneut.' },
};

export interface HttpTransportOptions {
  /** Web mode's per-start token; empty on the team server, where a session cookie and the CSRF token stand in. */
  token: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  document?: Document;
}

/** Web mode: POST /api/<method> with the per-start token; progress arrives as NDJSON lines. */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const doc = () => options.document ?? document;

  async function invoke(method: string, params: unknown, onProgress?: (event: ProgressEvent) => void): Promise<TransportResponse> {
    let response: Response;
    try {
      response = await doFetch(`${base}/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: onProgress ? 'application/x-ndjson' : 'application/json',
          ...(options.token ? { [API_TOKEN_HEADER]: options.token } : { [CSRF_HEADER]: currentCsrfToken() }),
        },
        body: JSON.stringify(params ?? {}),
      });
    } catch {
      return OFFLINE;
    }
    if (response.status === 401 && !options.token) notifyUnauthorized();
    const type = response.headers.get('content-type') ?? '';
    if (type.startsWith('application/x-ndjson') && response.body) return readStream(response.body, onProgress);
    try {
      return (await response.json()) as TransportResponse;
    } catch {
      return GARBLED;
    }
  }

  // On the team server the session cookie authorises file downloads: no token in the URL.
  const fileUrl = (file: OutputFile, download = false) => {
    const query = [options.token ? `token=${encodeURIComponent(options.token)}` : '', download ? 'download=1' : ''].filter(Boolean).join('&');
    return `${base}/files/${encodeURIComponent(file.id)}${query ? `?${query}` : ''}`;
  };

  return {
    invoke,
    fileUrl: (file) => fileUrl(file),
    async saveFile(file) {
      const a = doc().createElement('a');
      a.href = fileUrl(file, true);
      a.download = file.fileName;
      a.rel = 'noopener';
      doc().body.appendChild(a);
      a.click();
      a.remove();
      return true;
    },
    pickFile: (pick) => pickWithInput(doc(), pick),
  };
}

async function readStream(body: ReadableStream<Uint8Array>, onProgress?: (event: ProgressEvent) => void): Promise<TransportResponse> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  let final: TransportResponse | null = null;
  const handle = (line: string) => {
    if (!line.trim()) return;
    const message = JSON.parse(line) as StreamMessage;
    if (message.type === 'progress') onProgress?.(message.progress);
    else final = message.response;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        handle(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
      }
    }
    handle(buffered + decoder.decode());
  } catch {
    return final ?? OFFLINE;
  }
  return final ?? GARBLED;
}

/** The browser's own file chooser; reads the chosen file as base64 for the API. */
function pickWithInput(doc: Document, options: PickFileInput): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = doc.createElement('input');
    input.type = 'file';
    const extensions = (options.filters ?? []).flatMap((f) => f.extensions).filter((e) => e !== '*');
    if (extensions.length) input.accept = extensions.map((e) => `.${e}`).join(',');
    input.addEventListener('cancel', () => resolve(null));
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return resolve(null);
      const reader = new FileReader();
      reader.onerror = () => reject(new Error('read failed'));
      reader.onload = () => {
        const url = String(reader.result);
        resolve({ fileName: file.name, size: file.size, dataBase64: url.slice(url.indexOf(',') + 1) });
      };
      reader.readAsDataURL(file);
    });
    input.click();
  });
}
