import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { PackError } from './errors.js';
import {
  PDFCrossRefSection,
  PDFHeader,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFTrailer,
  PDFTrailerDict,
  type PDFDocument,
} from '../pdf/pdf-lib.js';

/**
 * Big packs (issue 16.8: a Haushaltsplan of 300 MB of scans) written without holding the scans in
 * memory: an Anlage's large image streams stay in its file after parsing and are copied from
 * there, in pieces, when the pack is written object by object to its file. pdf-lib alone holds
 * every input and the whole output in memory at once (60 MB of scans: 218 MB peak).
 */

/** Image streams at least this large are copied from their file when the pack is written. */
export const STREAM_FROM_FILE_BYTES = 64 * 1024;

interface FileRange {
  path: string;
  offset: number;
  length: number;
  /** The file as it was parsed; a file changed since is refused rather than copied half. */
  size: number;
  mtimeMs: number;
}

/** Stream objects whose data is still in their file (the objects move into the pack unchanged). */
const inFile = new WeakMap<PDFRawStream, FileRange>();
const EMPTY = new Uint8Array(0);
const name = PDFName.of;

/**
 * Detaches an Anlage parsed from `bytes` (the content of `path`) from those bytes: large image
 * streams are left in the file, every other stream that points into the buffer gets its own copy
 * (the parser shares the buffer, see pdf-lib-fast.ts), so the buffer can be collected after the
 * Anlage is placed. Returns the number of bytes left in the file.
 */
export function leaveImageDataInFile(doc: PDFDocument, bytes: Uint8Array, path: string, file: { size: number; mtimeMs: number }): number {
  let left = 0;
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const contents = object.contents;
    if (contents.buffer !== bytes.buffer || contents.length === 0) continue;
    const mutable = object as unknown as { contents: Uint8Array };
    if (contents.length >= STREAM_FROM_FILE_BYTES && object.dict.get(name('Subtype'))?.toString() === '/Image') {
      inFile.set(object, { path, offset: contents.byteOffset - bytes.byteOffset, length: contents.length, ...file });
      mutable.contents = EMPTY;
      left += contents.length;
    } else {
      // A copy whatever the array is (Buffer#slice would share the memory).
      mutable.contents = new Uint8Array(contents);
    }
  }
  return left;
}

type Serialisable = { sizeInBytes(): number; copyBytesInto(buffer: Uint8Array, offset: number): number };

/**
 * Collects the pack into large writes: objects serialise straight into its buffer and image data
 * is read from its file straight into it (no copy per object, no piece buffer in between).
 */
class FileWriter {
  private readonly buffer = Buffer.allocUnsafe(8 * 1024 * 1024);
  private used = 0;
  offset = 0;
  /** The export is recorded with its SHA-256: hashed on the way out, not read back afterwards. */
  readonly hash = createHash('sha256');
  constructor(private readonly fd: number) {}

  /** Room for `length` more bytes in the buffer, flushing first when needed. */
  private room(length: number): boolean {
    if (this.used + length > this.buffer.length) this.flush();
    return length <= this.buffer.length;
  }

  object(object: Serialisable): void {
    const size = object.sizeInBytes();
    if (this.room(size)) {
      object.copyBytesInto(this.buffer, this.used);
      this.used += size;
    } else {
      // Larger than the buffer (a big stream kept in memory): on its own.
      const bytes = new Uint8Array(size);
      object.copyBytesInto(bytes, 0);
      this.hash.update(bytes);
      writeAll(this.fd, bytes);
    }
    this.offset += size;
  }

  text(s: string): void {
    this.room(s.length);
    this.used += this.buffer.write(s, this.used, 'latin1');
    this.offset += s.length;
  }

  /** `length` bytes of the open file `source` from `position` on, read into the buffer. */
  copy(source: number, position: number, length: number): void {
    for (let done = 0; done < length; ) {
      if (this.used === this.buffer.length) this.flush();
      const n = readSync(source, this.buffer, this.used, Math.min(this.buffer.length - this.used, length - done), position + done);
      if (n <= 0) throw new PackError('PACK_FAILED', 'Eine Anlage ließ sich beim Schreiben der Sitzungsmappe nicht mehr vollständig lesen.');
      this.used += n;
      done += n;
    }
    this.offset += length;
  }

  flush(): void {
    this.hash.update(this.buffer.subarray(0, this.used));
    writeAll(this.fd, this.buffer.subarray(0, this.used));
    this.used = 0;
  }
}

/**
 * An Anlage's file, opened when its images are copied. It may be gone by then: the print cache
 * (which holds the stored Anlagen's copies) is cleared when data are erased.
 */
function openAnlage(path: string): number {
  try {
    return openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (cause) {
    throw new PackError('PACK_FAILED', 'Eine Anlage war beim Schreiben der Sitzungsmappe nicht mehr vorhanden (z. B. weil der Druck-Zwischenspeicher geleert wurde). Bitte die Sitzungsmappe erneut erstellen.', { cause });
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

/**
 * Writes the document to `path` (the temp file of produceFileAtomic, see assemble.ts) object by object (classic cross-reference table), copying the
 * streams left in their files (leaveImageDataInFile). Returns the file's size and SHA-256.
 */
export async function saveToFile(doc: PDFDocument, path: string): Promise<{ bytes: number; sha256: string }> {
  const header = PDFHeader.forVersion(1, 7);
  // What pdf-lib's save does first: embedded fonts and images become objects.
  await doc.flush();
  const { context } = doc;
  const fd = openSync(path, 'w');
  const sources = new Map<string, number>();
  try {
    const out = new FileWriter(fd);
    out.object(header);
    out.text('\n\n');
    const xref = PDFCrossRefSection.create();
    for (const [ref, object] of context.enumerateIndirectObjects()) {
      xref.addEntry(ref, out.offset);
      out.text(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
      const stream = object instanceof PDFRawStream ? object : undefined;
      const range = stream && inFile.get(stream);
      if (stream && range) {
        stream.dict.set(name('Length'), PDFNumber.of(range.length));
        out.object(stream.dict);
        out.text('\nstream\n');
        let source = sources.get(range.path);
        if (source === undefined) {
          source = openAnlage(range.path);
          sources.set(range.path, source);
          const stat = fstatSync(source);
          if (!stat.isFile() || stat.size !== range.size || stat.mtimeMs !== range.mtimeMs) {
            throw new PackError('PACK_FAILED', 'Eine Anlage wurde geändert, während die Sitzungsmappe erstellt wurde. Bitte erneut erstellen.');
          }
        }
        out.copy(source, range.offset, range.length);
        out.text('\nendstream');
      } else {
        out.object(object);
      }
      out.text('\nendobj\n\n');
    }
    const xrefOffset = out.offset;
    out.object(xref);
    out.text('\n');
    const { Root, Encrypt, Info, ID } = context.trailerInfo;
    out.object(PDFTrailerDict.of(context.obj({ Size: context.largestObjectNumber + 1, Root, Encrypt, Info, ID })));
    out.text('\n\n');
    out.object(PDFTrailer.forLastCrossRefSectionOffset(xrefOffset));
    out.flush();
    return { bytes: out.offset, sha256: out.hash.digest('hex') };
  } finally {
    for (const source of sources.values()) closeSync(source);
    closeSync(fd);
  }
}
