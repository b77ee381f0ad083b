import { PDFDocument } from './pdf-lib.js';
import { loadFast, saveFast } from './pdf-lib-fast.js';
import type { PdfMetadata } from './types.js';
import { finishArchival } from './archival/finish.js';

export const DEFAULT_CREATOR = 'Vorlagenwerk';
export const PRODUCER = 'Vorlagenwerk (Chromium, pdf-lib)';

/** Sets Title, Subject, Author, Keywords, Creator, Producer, dates and the document language. */
export function setPdfMetadata(doc: PDFDocument, meta: PdfMetadata): void {
  const date = meta.date ?? new Date();
  // Viewers then show the title instead of the file name, which PDF/UA also asks for.
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.subject) doc.setSubject(meta.subject);
  if (meta.author) doc.setAuthor(meta.author);
  if (meta.keywords?.length) doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator ?? DEFAULT_CREATOR);
  doc.setProducer(PRODUCER);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage(meta.language ?? 'de-DE');
}

/**
 * Replaces the engine's document properties (Chromium writes its user agent as Creator and the
 * HTML <title>) and completes the file to PDF/A-2a and PDF/UA-1 (archival/finish.ts), keeping
 * everything else, including the structure tree of tagged output.
 */
export async function applyPdfMetadata(bytes: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  const doc = await loadFast(bytes);
  finishArchival(doc, meta);
  return saveFast(doc);
}
