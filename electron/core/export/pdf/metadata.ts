import { loadFast, saveFast } from './pdf-lib-fast.js';
import type { PdfMetadata } from './types.js';
import { finishArchival } from './archival/finish.js';

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
