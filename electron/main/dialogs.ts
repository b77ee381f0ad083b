import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import { LIMITS } from '../shared/schemas.js';
import type { PickFileInput, PickedFile, SaveFileOutput } from '../shared/transport.js';
import { ApiError, notFound } from '../shared/errors.js';
import { produceFileAtomic } from '../core/fs/atomic-write.js';
import type { Outbox } from '../host/outbox.js';

type DialogApi = Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  'application/pdf': { name: 'PDF-Dokument', extensions: ['pdf'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { name: 'Word-Dokument', extensions: ['docx'] },
  'text/html': { name: 'HTML-Dokument', extensions: ['html'] },
  'application/json': { name: 'JSON-Datei', extensions: ['json'] },
};

/**
 * "Speichern unter …" for a file the app produced: the user chooses the target in main's own
 * dialog; the renderer only named the outbox id.
 */
export async function saveOutboxFile(dialog: DialogApi, win: BrowserWindow | null, outbox: Outbox, fileId: string, documentsDir: string): Promise<SaveFileOutput> {
  const entry = outbox.get(fileId);
  if (!entry) throw notFound('Die Datei');
  const filter = FILTERS[entry.mediaType.split(';')[0]!];
  const options = {
    title: 'Datei speichern',
    buttonLabel: 'Speichern',
    defaultPath: path.join(documentsDir, entry.fileName),
    filters: filter ? [filter, { name: 'Alle Dateien', extensions: ['*'] }] : [{ name: 'Alle Dateien', extensions: ['*'] }],
  };
  const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return { saved: false, path: null };
  // Through the atomic helper: overwriting an older export must never leave it half-written
  // (disk full, a viewer holding the file on Windows).
  await produceFileAtomic(result.filePath, (temp) => fs.promises.copyFile(entry.path, temp));
  outbox.downloaded(fileId);
  return { saved: true, path: result.filePath };
}

/** "Öffnen …" for an Anlage or a Hausvorlage: the chosen file's name and content, size-checked. */
export async function pickFile(dialog: DialogApi, win: BrowserWindow | null, input: PickFileInput): Promise<PickedFile | null> {
  const options = {
    title: 'Datei auswählen',
    buttonLabel: 'Auswählen',
    properties: ['openFile' as const],
    filters: [...(input.filters ?? []), { name: 'Alle Dateien', extensions: ['*'] }],
  };
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  const file = result.filePaths[0];
  if (result.canceled || !file) return null;
  const stat = await fs.promises.stat(file);
  if (stat.size > LIMITS.attachmentBytes) throw new ApiError('VALIDATION', `Die Datei ist zu groß (höchstens ${LIMITS.attachmentBytes / 1024 / 1024} MB).`);
  const data = await fs.promises.readFile(file);
  return { fileName: path.basename(file), size: data.length, dataBase64: data.toString('base64') };
}

/** "Importieren …": the bundle file to read, chosen in main's dialog. */
export async function chooseImportFile(dialog: DialogApi, win: BrowserWindow | null): Promise<string | null> {
  const options = { title: 'Bundle importieren', buttonLabel: 'Importieren', properties: ['openFile' as const], filters: [{ name: 'Vorlagenwerk-Bundle', extensions: ['json'] }] };
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
