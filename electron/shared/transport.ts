import type { ApiResponse, ProgressEvent } from './contract.js';

/**
 * What travels between the renderer and an adapter (Electron main or the web server) on top of
 * the dispatcher's ApiResponse. Platform-free: the renderer, main and the server import it.
 */

/** Errors raised by an adapter itself (before the dispatcher runs), each with a German message. */
export type TransportErrorCode =
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'BAD_REQUEST'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'METHOD_NOT_ALLOWED'
  | 'NOT_FOUND'
  | 'UNAVAILABLE';

/** A file an adapter wrote on the renderer's behalf, addressed by an unguessable id. */
export interface OutputFile {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
}

export type TransportResponse<T = unknown> =
  | (Extract<ApiResponse<T>, { ok: true }> & { file?: OutputFile })
  | Extract<ApiResponse<T>, { ok: false }>
  | { ok: false; error: { code: TransportErrorCode; message: string } }
  /** The user closed a file dialog: nothing happened, nothing to report. */
  | { ok: false; cancelled: true; error: { code: 'CANCELLED'; message: string } };

/** One message of a streamed (NDJSON) HTTP response or an IPC progress push. */
export type StreamMessage = { type: 'progress'; progress: ProgressEvent } | { type: 'response'; response: TransportResponse };

/** "Vorlage-50-012-2025.docx" when the Vorlage is named by its number, else "Vorlage.docx". */
function paperFileName(params: Record<string, unknown>, extension: string): string {
  const ref = typeof params.ref === 'string' ? params.ref.trim().replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') : '';
  return ref ? `Vorlage-${ref}.${extension}` : `Vorlage.${extension}`;
}

/**
 * Methods whose input names a file the method WRITES. The renderer never chooses that path:
 * the adapter puts a fresh file of its own there and hands back an OutputFile, which the user
 * then previews and saves (save dialog in Electron, download in the browser).
 */
export const OUTPUT_PATH_PARAMS: Readonly<Record<string, { param: string; fileName: (params: Record<string, unknown>) => string; mediaType: (params: Record<string, unknown>) => string }>> = {
  'daten.export': { param: 'path', fileName: () => 'vorlagenwerk-export.json', mediaType: () => 'application/json' },
  'vorlagen.exportPdf': { param: 'path', fileName: (p) => paperFileName(p, 'pdf'), mediaType: () => 'application/pdf' },
  'vorlagen.exportDocx': { param: 'path', fileName: (p) => paperFileName(p, 'docx'), mediaType: () => 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  'vorlagen.previewFile': { param: 'path', fileName: () => 'Vorschau.html', mediaType: () => 'text/html' },
  'ergebnisse.exportPdf': { param: 'path', fileName: () => 'Beratungsergebnis.pdf', mediaType: () => 'application/pdf' },
  'vorlagen.exportHtml': { param: 'path', fileName: (p) => paperFileName(p, 'html'), mediaType: () => 'text/html' },
  'ergebnisse.exportDocx': { param: 'path', fileName: () => 'Beratungsergebnis.docx', mediaType: () => 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  'sitzungen.exportEinladungDocx': { param: 'path', fileName: (p) => (p.variant === 'public' ? 'Einladung-Tagesordnung-oeffentlich.docx' : 'Einladung-Tagesordnung.docx'), mediaType: () => 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  'niederschrift.export': { param: 'path', fileName: (p) => `Niederschrift${p.variant === 'public' ? '-oeffentlich' : ''}.${p.format === 'pdf' ? 'pdf' : 'docx'}`, mediaType: (p) => (p.format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') },
  'niederschrift.auszug': { param: 'path', fileName: (p) => `Auszug-TOP-${String(p.topNumber).replace(/[^A-Za-z0-9]+/g, '')}.${p.format === 'pdf' ? 'pdf' : 'docx'}`, mediaType: (p) => (p.format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') },
  'sitzungen.exportEinladung': {
    param: 'path',
    fileName: (p) => `Einladung-Tagesordnung${p.variant === 'public' ? '-oeffentlich' : ''}.${p.format === 'pdf' ? 'pdf' : 'docx'}`,
    mediaType: (p) => (p.format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
  },
  // The pack's answer names the file after Gremium and date (file-names.ts); this is the name until then.
  'sitzungen.pack': { param: 'path', fileName: (p) => (p.variant === 'members' ? 'Sitzungsmappe_Mitglieder.pdf' : 'Sitzungsmappe_oeffentlich.pdf'), mediaType: () => 'application/pdf' },
  'sitzungen.exportNachtrag': {
    param: 'path',
    fileName: (p) => `Nachtrag-Tagesordnung${p.variant === 'public' ? '-oeffentlich' : ''}.${p.format === 'pdf' ? 'pdf' : 'docx'}`,
    mediaType: (p) => (p.format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
  },
  'beschlusskontrolle.export': {
    param: 'path',
    fileName: (p) => `Beschlusskontrolle${p.variant === 'public' ? '-oeffentlich' : ''}.${p.format === 'pdf' ? 'pdf' : 'docx'}`,
    mediaType: (p) => (p.format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
  },
};

/**
 * Methods that write or read a whole folder (OParl export and import): the outbox hands out
 * single files, so there is nothing safe to hand the renderer. Adapters refuse them; the CLI
 * calls them directly.
 */
export const CLI_ONLY_METHODS: readonly string[] = ['daten.oparlExport', 'daten.oparlImport'];

/** Methods whose input names a file the method READS; adapters restrict where it may come from. */
export const INPUT_PATH_PARAMS: Readonly<Record<string, { param: string; source: 'backups' | 'dialog' }>> = {
  'sicherung.restore': { param: 'file', source: 'backups' },
  'daten.import': { param: 'path', source: 'dialog' },
};

/**
 * Adapter-level methods outside the core contract: they need the platform (dialogs, downloads).
 * Main validates their inputs itself; the renderer reaches them only through its api client.
 */
export const SHELL_METHODS = ['datei.speichern', 'datei.auswaehlen'] as const;
export type ShellMethod = (typeof SHELL_METHODS)[number];

export interface SaveFileInput {
  fileId: string;
}
export interface SaveFileOutput {
  saved: boolean;
  path: string | null;
}
export interface PickFileInput {
  /** Dialog filter, e.g. { name: 'PDF', extensions: ['pdf'] }. */
  filters?: { name: string; extensions: string[] }[];
}
export interface PickedFile {
  fileName: string;
  size: number;
  dataBase64: string;
}

export const API_TOKEN_HEADER = 'x-vorlagenwerk-token';
/** The one IPC channel: invoke (renderer → main) and progress pushes (main → renderer). */
export const IPC_CHANNEL = 'vorlagenwerk:api';
/** Scheme the desktop app serves its own files under (renderer and output files). */
export const APP_SCHEME = 'vorlagenwerk';
