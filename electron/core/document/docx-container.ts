import JSZip from 'jszip';
import { isScannedPart, type DocxScan } from './docx-scan.js';
import { DocumentError } from './errors.js';

/**
 * Safety checks for a .docx before anything parses it (import, Hausvorlage). A .docx is a ZIP
 * package; we refuse empty files, other formats, encrypted documents (Office wraps those in an
 * OLE compound file) and ZIP bombs. Sizes are checked twice: the sizes the ZIP declares, then the
 * bytes actually inflated (a crafted ZIP can declare small sizes and inflate to gigabytes).
 * All messages are German and meant for the user.
 */
export interface DocxLimits {
  /** Largest accepted file. */
  maxFileBytes: number;
  /** Largest total size of all parts after decompression. */
  maxUncompressedBytes: number;
  /** Most parts (files) in the package. */
  maxEntries: number;
}

export const DEFAULT_DOCX_LIMITS: DocxLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxEntries: 5_000,
};

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const mb = (n: number) => `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`.replace('.', ',');

function containsUtf16(bytes: Uint8Array, ascii: string): boolean {
  const needle = Buffer.from(ascii, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

/**
 * Checks the bytes and returns the opened package; throws DocumentError with a German message.
 * With `scan`, the XML parts go through its streaming pass while they are unpacked (first, so an
 * oversized document is refused after its first megabytes).
 */
export async function openDocxSafely(bytes: Uint8Array, limits: DocxLimits = DEFAULT_DOCX_LIMITS, scan?: DocxScan): Promise<JSZip> {
  if (bytes.byteLength === 0) throw new DocumentError('Die Datei ist leer (0 Byte).');
  if (bytes.byteLength > limits.maxFileBytes) {
    throw new DocumentError(`Die Datei ist zu groß (${mb(bytes.byteLength)}; erlaubt sind höchstens ${mb(limits.maxFileBytes)}).`);
  }
  if (startsWith(bytes, OLE_MAGIC)) {
    if (containsUtf16(bytes, 'EncryptionInfo') || containsUtf16(bytes, 'EncryptedPackage')) {
      throw new DocumentError(
        'Die Datei ist verschlüsselt (kennwortgeschützt) und kann nicht gelesen werden. Bitte in Word ohne Kennwort als .docx speichern.',
      );
    }
    throw new DocumentError('Die Datei ist im alten Word-Format (.doc). Bitte in Word als .docx speichern und erneut importieren.');
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    const head = Buffer.from(bytes.subarray(0, 5)).toString('latin1');
    if (head.startsWith('%PDF')) throw new DocumentError('Die Datei ist ein PDF, kein Word-Dokument (.docx).');
    if (head.startsWith('{\\rtf')) throw new DocumentError('Die Datei ist im RTF-Format, kein Word-Dokument (.docx).');
    throw new DocumentError('Die Datei ist kein Word-Dokument im DOCX-Format.');
  }

  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (cause) {
    throw new DocumentError('Die Datei ist beschädigt oder kein Word-Dokument im DOCX-Format.', { cause });
  }

  const entries = Object.values(zip.files).filter((f) => !f.dir);
  if (entries.length > limits.maxEntries) {
    throw new DocumentError(`Die Datei enthält zu viele Bestandteile (${entries.length}) und wird abgelehnt.`);
  }
  const bomb = () =>
    new DocumentError(
      `Die Datei würde entpackt mehr als ${mb(limits.maxUncompressedBytes)} belegen und wird als mögliche „ZIP-Bombe“ abgelehnt.`,
    );
  if (!zip.file('[Content_Types].xml') || !zip.file('word/document.xml')) {
    throw new DocumentError('Die Datei ist ein ZIP-Archiv, aber kein Word-Dokument (word/document.xml fehlt).');
  }

  let declared = 0;
  for (const entry of entries) {
    // JSZip keeps the sizes from the central directory here (not part of its typed API).
    const size = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
    scan?.checkDeclared(entry.name, size);
    declared += size;
  }
  if (declared > limits.maxUncompressedBytes) throw bomb();

  let inflated = 0;
  const order = (name: string) => (name === 'word/document.xml' ? 0 : isScannedPart(name) ? 1 : 2);
  for (const entry of [...entries].sort((a, b) => order(a.name) - order(b.name))) {
    const part = scan?.part(entry.name);
    await new Promise<void>((resolve, reject) => {
      const stream = entry.nodeStream('nodebuffer');
      let done = false;
      const fail = (error: unknown) => {
        done = true;
        stream.pause();
        reject(error instanceof DocumentError ? error : new DocumentError('Die Datei ist beschädigt.', { cause: error }));
      };
      stream
        .on('data', (chunk: Buffer) => {
          if (done) return;
          inflated += chunk.byteLength;
          if (inflated > limits.maxUncompressedBytes) return fail(bomb());
          try {
            part?.write(chunk);
          } catch (error) {
            fail(error);
          }
        })
        .on('error', (cause: Error) => {
          if (done) return;
          done = true;
          reject(new DocumentError('Die Datei ist beschädigt (ein Bestandteil lässt sich nicht entpacken).', { cause }));
        })
        .on('end', () => {
          if (done) return;
          try {
            part?.end();
          } catch (error) {
            return fail(error);
          }
          done = true;
          resolve();
        });
    });
  }
  return zip;
}
