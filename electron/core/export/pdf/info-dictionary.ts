import { PDFDict, PDFName, type PDFDocument } from './pdf-lib.js';
import type { PdfMetadata } from './types.js';

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
  // A document built again (a reused pack, kept-pack.ts) keeps nothing of its last metadata.
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  if (info instanceof PDFDict) {
    if (!meta.subject) info.delete(PDFName.of('Subject'));
    if (!meta.author) info.delete(PDFName.of('Author'));
    if (!meta.keywords?.length) info.delete(PDFName.of('Keywords'));
  }
  doc.setCreator(meta.creator ?? DEFAULT_CREATOR);
  doc.setProducer(PRODUCER);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage(meta.language ?? 'de-DE');
}
