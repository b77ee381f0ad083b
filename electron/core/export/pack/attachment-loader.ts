import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import type { PDFDocument } from '../pdf/pdf-lib.js';
import { loadFast } from '../pdf/pdf-lib-fast.js';
import type { NoteReason } from './notes.js';
import { documentObjects, removeActiveContent, removeArchivalObstacles } from './inert-pdf.js';
import { convertOfficeToPdf } from './office-convert.js';
import { withoutOfficeFooters } from './office-footers.js';
import { externalReferences } from './office-references.js';
import { normalisePageBoxes } from './page-boxes.js';
import { visualFrame } from './page-geometry.js';
import { decryptWithoutPassword } from './qpdf-decrypt.js';
import { KIND_LABEL, kindFromFileName, sniffKind, SNIFF_BYTES } from './sniff.js';
import type { ReadBuffer } from './read-buffer.js';
import type { AttachmentPart, PackWarning } from './types.js';

export const DEFAULT_MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;
export const DEFAULT_MAX_IMAGE_PIXELS = 60_000_000;

export type PreparedAttachment =
  /**
   * pdfaBlockers: why this Anlage keeps the pack from claiming PDF/A (inert-pdf.ts); file: the
   * file it was parsed from and its bytes, for a pack that leaves large images there (streamed-save.ts).
   */
  | { type: 'pdf'; doc: PDFDocument; pdfaBlockers: string[]; file?: { path: string; bytes: Uint8Array; size: number; mtimeMs: number } }
  | { type: 'image'; format: 'png' | 'jpeg'; bytes: Uint8Array }
  | { type: 'note'; reason: NoteReason };

export interface LoadLimits {
  maxBytes: number;
  maxImagePixels: number;
  officeConversion: 'auto' | 'off';
  officeTimeoutSeconds: number;
  /** Remove what PDF/A forbids (see PackJob.archival). */
  archival: boolean;
}

/**
 * Decides how an Anlage enters the pack, judging the file by its content, not its name. Never
 * throws for bad files: every problem becomes a note reason, so one broken Anlage cannot stop
 * a pack that a Sitzung depends on.
 */
export async function prepareAttachment(
  part: AttachmentPart,
  limits: LoadLimits,
  warn: (warning: Omit<PackWarning, 'part'>) => void,
  readBuffer?: ReadBuffer,
): Promise<PreparedAttachment> {
  try {
    return await prepare(part, limits, warn, readBuffer);
  } catch (error) {
    // Last line of defence: pdf-lib throws plain TypeErrors on some malformed files.
    return note({ code: 'ATTACHMENT_BROKEN', detail: describe(error) });
  }
}

/**
 * With `readBuffer`, a file is read into that shared buffer: a PDF's `file.bytes` then lives only
 * until the next Anlage is read (the caller detaches the document first, see streamed-save.ts),
 * everything else returned is copied out of it.
 */
async function prepare(
  part: AttachmentPart,
  limits: LoadLimits,
  warn: (warning: Omit<PackWarning, 'part'>) => void,
  readBuffer: ReadBuffer | undefined,
): Promise<PreparedAttachment> {
  let bytes: Uint8Array;
  let file: { size: number; mtimeMs: number } | undefined;
  try {
    if ('path' in part.data) {
      // Synchronous on purpose: this runs in the pack worker, where waiting for the thread pool
      // twice per Anlage cost more than the reads themselves (~40 ms for 50 Anlagen).
      // Never through a link, never blocking on a FIFO: only a regular file is read.
      const fd = openSync(part.data.path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
      try {
        const stat = fstatSync(fd);
        if (!stat.isFile()) return note({ code: 'ATTACHMENT_UNREADABLE', detail: 'keine gewöhnliche Datei' });
        const size = stat.size;
        // Checked before reading, so a 300 MB scan never lands in memory.
        if (size > limits.maxBytes) return note({ code: 'ATTACHMENT_TOO_LARGE', bytes: size, limit: limits.maxBytes });
        bytes = readBuffer ? readBuffer.read(fd, size) : new Uint8Array(readFileSync(fd));
        file = { size, mtimeMs: stat.mtimeMs };
      } finally {
        closeSync(fd);
      }
    } else {
      bytes = part.data.bytes;
    }
  } catch (error) {
    return note({ code: 'ATTACHMENT_UNREADABLE', detail: error instanceof Error ? error.message : String(error) });
  }
  if (bytes.length > limits.maxBytes) return note({ code: 'ATTACHMENT_TOO_LARGE', bytes: bytes.length, limit: limits.maxBytes });

  const kind = sniffKind(bytes.subarray(0, SNIFF_BYTES));
  if (kind === 'empty') return note({ code: 'ATTACHMENT_EMPTY' });
  const claimed = kindFromFileName(part.fileName);
  const supported = kind === 'pdf' || kind === 'png' || kind === 'jpeg' || kind === 'office';
  if (supported && claimed && claimed !== kind) {
    warn({
      code: 'ATTACHMENT_TYPE_MISMATCH',
      message: `Anlage „${part.title}“ (${part.fileName}): Die Datei ist laut Inhalt ein ${KIND_LABEL[kind]}, obwohl der Name etwas anderes angibt. Sie wurde entsprechend ihrem Inhalt eingebunden.`,
    });
  }

  // Pictures and Office files keep their bytes (or convert them later): never the shared buffer's.
  if (readBuffer && file && kind !== 'pdf') bytes = bytes.slice();
  switch (kind) {
    case 'pdf': {
      const prepared = await preparePdf(part, bytes, warn, limits.archival);
      return prepared.type === 'pdf' && file && 'path' in part.data ? { ...prepared, file: { path: part.data.path, bytes, ...file } } : prepared;
    }
    case 'jpeg':
      return { type: 'image', format: 'jpeg', bytes };
    case 'png': {
      const pixels = pngPixels(bytes);
      if (pixels === null) return note({ code: 'ATTACHMENT_BROKEN', detail: 'PNG ohne gültigen Kopf' });
      if (pixels > limits.maxImagePixels) {
        return note({ code: 'ATTACHMENT_IMAGE_TOO_LARGE', pixels, limit: limits.maxImagePixels });
      }
      return { type: 'image', format: 'png', bytes };
    }
    case 'office': {
      if (limits.officeConversion === 'off') return note({ code: 'ATTACHMENT_OFFICE_UNAVAILABLE' });
      const references = await externalReferences(bytes);
      if (references.length) return note({ code: 'ATTACHMENT_OFFICE_EXTERNAL', references });
      const converted = await convertOfficeToPdf(await withoutOfficeFooters(bytes), part.fileName, limits.officeTimeoutSeconds);
      if (!converted.ok) {
        return converted.reason === 'unavailable'
          ? note({ code: 'ATTACHMENT_OFFICE_UNAVAILABLE' })
          : note({ code: 'ATTACHMENT_OFFICE_FAILED', detail: converted.detail });
      }
      return preparePdf(part, converted.pdf, warn, limits.archival);
    }
    default:
      return note({ code: 'ATTACHMENT_UNSUPPORTED', kind });
  }
}

async function preparePdf(
  part: AttachmentPart,
  bytes: Uint8Array,
  warn: (warning: Omit<PackWarning, 'part'>) => void,
  forArchive: boolean,
): Promise<PreparedAttachment> {
  let doc: PDFDocument;
  try {
    // Loaded with encryption ignored so that encryption is detected from the document itself
    // (pdf-lib's EncryptedPDFError is not reliably an instanceof match across its builds).
    doc = await loadFast(bytes, { ignoreEncryption: true });
  } catch (error) {
    return note({ code: 'ATTACHMENT_BROKEN', detail: describe(error) });
  }
  if (doc.isEncrypted) {
    const decrypted = await decryptWithoutPassword(bytes);
    if (!decrypted) return note({ code: 'ATTACHMENT_ENCRYPTED' });
    try {
      doc = await loadFast(decrypted);
    } catch {
      return note({ code: 'ATTACHMENT_ENCRYPTED' });
    }
    warn({
      code: 'ATTACHMENT_DECRYPTED',
      message: `Anlage „${part.title}“ (${part.fileName}): Die PDF-Datei war ohne Kennwort lesbar, aber mit Nutzungsbeschränkungen versehen; sie wurde ohne diese Beschränkungen eingebunden.`,
    });
  }
  let pages: number;
  try {
    pages = doc.getPageCount();
  } catch (error) {
    return note({ code: 'ATTACHMENT_BROKEN', detail: describe(error) });
  }
  if (pages === 0) return note({ code: 'ATTACHMENT_BROKEN', detail: 'keine Seiten' });

  const objects = documentObjects(doc);
  const removed = removeActiveContent(doc, objects);
  if (removed.length) {
    warn({
      code: 'ATTACHMENT_ACTIVE_CONTENT_REMOVED',
      message: `Anlage „${part.title}“ (${part.fileName}): Aktive Inhalte wurden entfernt: ${removed.join(', ')}. Sprünge innerhalb des Dokuments bleiben erhalten.`,
    });
  }
  const archival = forArchive ? removeArchivalObstacles(doc, objects) : { changed: [], blockers: [] };
  if (archival.changed.length) {
    warn({
      code: 'ATTACHMENT_ARCHIVAL_ADJUSTED',
      message: `Anlage „${part.title}“ (${part.fileName}): Für die Archivierung als PDF/A wurde entfernt oder vereinfacht: ${archival.changed.join(', ')}. Die Seiten sehen in üblichen PDF-Programmen unverändert aus.`,
    });
  }
  const docPages = doc.getPages();
  const repaired = normalisePageBoxes(docPages);
  if (repaired) {
    warn({
      code: 'ATTACHMENT_PAGE_SIZE_FIXED',
      message: `Anlage „${part.title}“ (${part.fileName}): ${repaired === 1 ? 'Eine Seite hatte' : `${repaired} Seiten hatten`} kein lesbares Seitenformat; es wurde durch A4 bzw. die Seitengröße ersetzt.`,
    });
  }
  // Measured here once as the stamper will: a page it cannot measure makes the Anlage a note
  // page, instead of failing the whole pack later.
  for (const page of docPages) {
    const frame = visualFrame(page.getCropBox(), page.getRotation().angle);
    if (!(frame.width > 0 && frame.height > 0)) return note({ code: 'ATTACHMENT_BROKEN', detail: 'Seitenformat unlesbar' });
  }
  return { type: 'pdf', doc, pdfaBlockers: archival.blockers };
}

/** Width × height from the IHDR chunk, or null when there is none. */
function pngPixels(bytes: Uint8Array): number | null {
  if (bytes.length < 24) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  return view.getUint32(16) * view.getUint32(20);
}

const note = (reason: NoteReason): PreparedAttachment => ({ type: 'note', reason });

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
