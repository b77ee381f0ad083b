import { extname } from 'node:path';

/** What a file really is, judged by its first bytes, never by its name. */
export type FileKind =
  | 'empty'
  | 'pdf'
  | 'png'
  | 'jpeg'
  | 'office'
  | 'gif'
  | 'tiff'
  | 'bmp'
  | 'webp'
  | 'heic'
  | 'zip'
  | 'unknown';

/** How many leading bytes `sniffKind` needs. */
export const SNIFF_BYTES = 4096;

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => Buffer.from(b.buffer, b.byteOffset + from, Math.max(0, Math.min(to, b.length) - from)).toString('latin1');

export function sniffKind(head: Uint8Array): FileKind {
  if (head.length === 0) return 'empty';
  // The PDF header may be preceded by junk (mail gateways, some scanners); readers accept that
  // within the first KB, so do we.
  if (ascii(head, 0, 1024).includes('%PDF-')) return 'pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'office'; // .doc/.xls/.ppt
  if (ascii(head, 0, 5) === '{\\rtf') return 'office';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    // ZIP containers: OOXML names its parts in plain text in the local headers; ODF starts with
    // an uncompressed "mimetype" entry.
    const text = ascii(head, 0, head.length);
    if (/\[Content_Types\]\.xml|word\/|xl\/|ppt\//.test(text)) return 'office';
    if (text.includes('application/vnd.oasis.opendocument')) return 'office';
    return 'zip';
  }
  if (ascii(head, 0, 4) === 'GIF8') return 'gif';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (ascii(head, 0, 2) === 'BM' && head.length > 14) return 'bmp';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'webp';
  if (ascii(head, 4, 8) === 'ftyp' && /^(heic|heix|mif1|hevc|avif)/.test(ascii(head, 8, 12))) return 'heic';
  return 'unknown';
}

const EXTENSIONS: Record<string, FileKind> = {
  '.pdf': 'pdf',
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.jpe': 'jpeg',
  '.docx': 'office',
  '.doc': 'office',
  '.docm': 'office',
  '.odt': 'office',
  '.rtf': 'office',
  '.xlsx': 'office',
  '.xls': 'office',
  '.ods': 'office',
  '.pptx': 'office',
  '.ppt': 'office',
  '.odp': 'office',
  '.gif': 'gif',
  '.tif': 'tiff',
  '.tiff': 'tiff',
  '.bmp': 'bmp',
  '.webp': 'webp',
  '.heic': 'heic',
  '.zip': 'zip',
};

/** What the file name claims; undefined for names without a known extension. */
export function kindFromFileName(fileName: string): FileKind | undefined {
  return EXTENSIONS[extname(fileName).toLowerCase()];
}

/** Display names for notes and warnings. */
export const KIND_LABEL: Record<FileKind, string> = {
  empty: 'leere Datei',
  pdf: 'PDF-Dokument',
  png: 'PNG-Bild',
  jpeg: 'JPEG-Bild',
  office: 'Office-Dokument',
  gif: 'GIF-Bild',
  tiff: 'TIFF-Bild',
  bmp: 'BMP-Bild',
  webp: 'WebP-Bild',
  heic: 'HEIC-Bild',
  zip: 'ZIP-Archiv',
  unknown: 'unbekanntes Format',
};
