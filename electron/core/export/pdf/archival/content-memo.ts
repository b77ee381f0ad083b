import { createHash } from 'node:crypto';
import { PDFName, PDFRawStream, PDFRef, type PDFStream } from '../pdf-lib.js';

const FILTER = PDFName.of('Filter');
const DECODE_PARMS = PDFName.of('DecodeParms');

/**
 * What the PDF/A work found or made for a content stream, remembered by the stream's content for
 * as long as the process (the pack worker) lives. A pack is rebuilt many times before a Sitzung
 * from the same Anlagen and mostly the same printed Vorlagen (the print cache hands out the same
 * bytes); inflating, scanning and deflating their ~50 KB of operators per page again each time
 * was most of what PDF/A cost on the 500-page pack (docs/pdf-archival.md, "Cost").
 *
 * Keys hash the stream's stored bytes together with its filter and decode parameters, which
 * determine the decoded content completely; SHA-256, because an Anlage is untrusted input and a
 * collision would carry one stream's verdict over to another.
 */
export class ContentMemo<T> {
  /** Map order is use order: the first entry is the least recently used. */
  private readonly entries = new Map<string, { value: T; bytes: number }>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** `bytes`: what keeping the value costs in memory, key included. */
  set(key: string, value: T, bytes: number): void {
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.bytes;
      this.entries.delete(key);
    }
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

/**
 * The content key of a stream as stored in the file, or null for a stream pdf-lib built in memory
 * (ours; not worth remembering).
 */
export function streamContentKey(stream: PDFStream): string | null {
  if (!(stream instanceof PDFRawStream)) return null;
  const { dict } = stream;
  const filter = dict.get(FILTER)?.toString() ?? '';
  const parms = dict.get(DECODE_PARMS)?.toString() ?? '';
  // Direct filter names and parameters serialise to what they are; a reference (e.g. JBIG2
  // globals) would only name an object whose content is not hashed, so such streams are not remembered.
  if (dict.get(FILTER) instanceof PDFRef || dict.get(DECODE_PARMS) instanceof PDFRef || / R\b/.test(parms)) return null;
  return createHash('sha256')
    .update(`${filter}|${parms}|`)
    .update(stream.getContents())
    .digest('base64');
}
