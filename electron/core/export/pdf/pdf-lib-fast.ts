import { deflateSync } from 'node:zlib';
import {
  ParseSpeeds,
  PDFContext,
  PDFDocument,
  PDFFlateStream,
  PDFName,
  PDFObjectParser,
  PDFRawStream,
  PDFStream,
  type LoadOptions,
  type SaveOptions,
} from './pdf-lib.js';

/**
 * pdf-lib compresses with its bundled pure-JS pako and yields to the event loop every 50
 * objects. Measured on a 500-page pack, both together made `save()` about 2.5× slower than
 * necessary. Node's zlib produces the same deflate format natively, so we route pdf-lib's two
 * compression paths through it. The patch is process-wide and output-compatible, which is why it
 * is safe to apply on import.
 */
interface CacheLike {
  getValue(): Uint8Array | undefined;
  value: Uint8Array | undefined;
  access(): Uint8Array;
}
interface FlateStreamInternals {
  encode: boolean;
  contentsCache: CacheLike;
  getUnencodedContents(): Uint8Array;
  getContents(): Uint8Array;
}

const PATCHED = Symbol.for('vorlagenwerk.pdf-lib.zlib');

function patchPdfLib(): void {
  const flateProto = PDFFlateStream.prototype as unknown as FlateStreamInternals & Record<symbol, boolean>;
  if (flateProto[PATCHED]) return;
  flateProto[PATCHED] = true;
  flateProto.getContents = function getContents(this: FlateStreamInternals): Uint8Array {
    // Fill pdf-lib's own cache so its invalidation (cross-reference streams) keeps working.
    if (!this.contentsCache.getValue()) {
      const raw = this.getUnencodedContents();
      this.contentsCache.value = this.encode ? deflate(raw) : raw;
    }
    return this.contentsCache.access();
  };
  (flateProto as unknown as { getContentsSize(): number }).getContentsSize = function (this: FlateStreamInternals) {
    return this.getContents().length;
  };
  PDFContext.prototype.flateStream = function flateStream(this: PDFContext, contents, dict = {}) {
    const bytes = typeof contents === 'string' ? new TextEncoder().encode(contents) : contents;
    return this.stream(deflate(bytes), { ...dict, Filter: 'FlateDecode' });
  } as PDFContext['flateStream'];

  // Stream data is never modified in place, yet pdf-lib copies it twice: when parsing (slice of
  // the file) and when copying pages into the pack (clone). Sharing instead keeps a 60 MB scan
  // set at 60 MB in memory rather than 180 MB, and saves the copying time.
  const parser = PDFObjectParser.forBytes(new Uint8Array(1), PDFContext.create()) as unknown as { bytes: object };
  const byteStreamProto = Object.getPrototypeOf(parser.bytes) as { slice(start: number, end: number): Uint8Array };
  byteStreamProto.slice = function slice(this: { bytes: Uint8Array }, start: number, end: number) {
    return this.bytes.subarray(start, end);
  };
  // pdf-lib writes stream data byte by byte in a JS loop; for image-heavy Anlagen that loop was
  // most of save(). TypedArray.set copies the same bytes natively.
  const STREAM = new TextEncoder().encode('\nstream\n');
  const ENDSTREAM = new TextEncoder().encode('\nendstream');
  PDFStream.prototype.copyBytesInto = function copyBytesInto(this: PDFStream, buffer: Uint8Array, offset: number): number {
    (this as unknown as { updateDict(): void }).updateDict();
    const initial = offset;
    offset += this.dict.copyBytesInto(buffer, offset);
    buffer.set(STREAM, offset);
    offset += STREAM.length;
    const contents = this.getContents();
    buffer.set(contents, offset);
    offset += contents.length;
    buffer.set(ENDSTREAM, offset);
    offset += ENDSTREAM.length;
    return offset - initial;
  };
  PDFRawStream.prototype.clone = function clone(this: PDFRawStream, context?: PDFContext) {
    return PDFRawStream.of(this.dict.clone(context), this.contents);
  };
}

function deflate(bytes: Uint8Array): Uint8Array {
  const out = deflateSync(bytes, { level: 6 });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

patchPdfLib();

/**
 * A content stream of a few operators, stored as it is: for ~200 bytes of stamps per page,
 * compressing cost more time (~10 ms per 500 pages) than the 1–2 % of file size it saves.
 */
export function plainStream(context: PDFContext, contents: string): PDFRawStream {
  return PDFRawStream.of(context.obj({}), Buffer.from(contents, 'latin1'));
}

/** A deflated raw stream, e.g. a page's text, without pdf-lib's operator objects. */
export function deflatedStream(context: PDFContext, contents: string): PDFRawStream {
  const dict = context.obj({ Filter: PDFName.of('FlateDecode') });
  return PDFRawStream.of(dict, deflate(Buffer.from(contents, 'latin1')));
}

/** Loads without yielding to the event loop: callers run this in a worker or on small files. */
export function loadFast(bytes: Uint8Array, options: LoadOptions = {}): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { parseSpeed: ParseSpeeds.Fastest, updateMetadata: false, ...options });
}

export function saveFast(doc: PDFDocument, options: SaveOptions = {}): Promise<Uint8Array> {
  return doc.save({ objectsPerTick: Infinity, addDefaultPage: false, updateFieldAppearances: false, ...options });
}
