import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { z } from 'zod';
import { isMethodName } from '../shared/contract.js';
import { ApiError } from '../shared/errors.js';
import { AtomicWriteError } from '../core/fs/atomic-write.js';
import { IPC_CHANNEL, SHELL_METHODS, type PickFileInput, type PickedFile, type SaveFileOutput, type ShellMethod, type TransportResponse } from '../shared/transport.js';
import type { GuardedDispatch } from '../host/file-policy.js';

const MessageSchema = z.strictObject({ id: z.string().min(1).max(64), method: z.string().min(1).max(100), params: z.unknown() });
const SaveFileSchema = z.strictObject({ fileId: z.string().regex(/^[0-9a-f]{32}$/) });
const PickFileSchema = z.strictObject({
  filters: z
    .array(z.strictObject({ name: z.string().min(1).max(60), extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9]{1,10})$/)).min(1).max(20) }))
    .max(10)
    .optional(),
});

export interface ShellHandlers {
  saveFile(input: { fileId: string }, event: IpcMainInvokeEvent): Promise<SaveFileOutput>;
  pickFile(input: PickFileInput, event: IpcMainInvokeEvent): Promise<PickedFile | null>;
}

export interface ApiChannelDeps {
  ipcMain: Pick<IpcMain, 'handle'>;
  dispatch: GuardedDispatch;
  /** Only our own top-level page may call; a frame (the PDF preview) or a foreign page may not. */
  isTrustedFrame(frame: WebFrameMain | null | undefined): boolean;
  shell: ShellHandlers;
  log?: (message: string, error?: unknown) => void;
}

const refused = (message: string): TransportResponse => ({ ok: false, error: { code: 'FORBIDDEN', message } });
const invalid = (message: string): TransportResponse => ({ ok: false, error: { code: 'VALIDATION', message } });

/** Validates one call from the renderer and runs it; never throws, never returns internals. */
export async function handleApiMessage(deps: ApiChannelDeps, event: IpcMainInvokeEvent, message: unknown): Promise<TransportResponse> {
  if (!deps.isTrustedFrame(event.senderFrame)) return refused('Diese Anfrage kommt nicht von der Vorlagenwerk-Oberfläche und wurde abgelehnt.');
  const parsed = MessageSchema.safeParse(message);
  if (!parsed.success) return invalid('Ungültige Anfrage.');
  const { id, method, params } = parsed.data;
  try {
    if ((SHELL_METHODS as readonly string[]).includes(method)) return await runShell(deps, event, method as ShellMethod, params);
    if (!isMethodName(method)) return invalid(`Unbekannte Funktion: ${method.slice(0, 80)}`);
    return await deps.dispatch(method, params, {
      onProgress: (progress) => {
        if (!event.sender.isDestroyed()) event.sender.send(IPC_CHANNEL, { id, progress });
      },
    });
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toPayload() };
    deps.log?.(`ipc ${method} failed`, error);
    // "Speichern unter" onto a full disk or a file held open: the German reason, not "internal".
    if (error instanceof AtomicWriteError) return { ok: false, error: { code: 'INTERNAL', message: error.message } };
    return { ok: false, error: { code: 'INTERNAL', message: 'Ein interner Fehler ist aufgetreten. Details stehen in der Protokolldatei.' } };
  }
}

async function runShell(deps: ApiChannelDeps, event: IpcMainInvokeEvent, method: ShellMethod, params: unknown): Promise<TransportResponse> {
  if (method === 'datei.speichern') {
    const input = SaveFileSchema.safeParse(params);
    if (!input.success) return invalid('Ungültige Datei-Kennung.');
    const result = await deps.shell.saveFile(input.data, event);
    return { ok: true, result };
  }
  const input = PickFileSchema.safeParse(params ?? {});
  if (!input.success) return invalid('Ungültiger Dateifilter.');
  return { ok: true, result: await deps.shell.pickFile(input.data, event) };
}

/** The one IPC channel: every call of window.api.invoke arrives here. */
export function registerApiChannel(deps: ApiChannelDeps): void {
  deps.ipcMain.handle(IPC_CHANNEL, (event, message) => handleApiMessage(deps, event, message));
}
