import { PDFDocument, PDFHexString, PDFString, PDFName, PDFDict, PDFArray, PDFRawStream } from 'pdf-lib';
import { pdfText, qdfBytes } from '../pdf/pdf-tools.js';
import { readOutline, type Bookmark } from './outline-reader.js';

/**
 * Where a string could hide in a PDF: the extracted text, the raw decompressed bytes (in plain,
 * UTF-16BE and hex form, as PDF strings may be written), the outline and the metadata.
 */
export async function findStrings(pdf: Uint8Array, needles: string[]): Promise<Record<string, string[]>> {
  const text = pdfText(pdf);
  const raw = qdfBytes(pdf);
  const rawLatin1 = raw.toString('latin1');
  const rawLower = rawLatin1.toLowerCase();
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const outlineTitles = flatten(readOutline(doc)).join('\n');
  const meta = [doc.getTitle(), doc.getSubject(), doc.getAuthor(), doc.getKeywords(), doc.getCreator(), doc.getProducer()].join('\n');
  const strings = allDecodedStrings(doc).join('\n');

  const found: Record<string, string[]> = {};
  for (const needle of needles) {
    const where: string[] = [];
    const utf16 = Buffer.from(needle, 'utf16le').swap16();
    if (normalize(text).includes(normalize(needle))) where.push('text');
    if (raw.includes(Buffer.from(needle, 'utf8')) || raw.includes(Buffer.from(needle, 'latin1'))) where.push('raw');
    if (raw.includes(utf16)) where.push('raw-utf16');
    if (rawLower.includes(Buffer.from(needle, 'utf8').toString('hex')) || rawLower.includes(utf16.toString('hex'))) where.push('raw-hex');
    if (outlineTitles.includes(needle)) where.push('outline');
    if (meta.includes(needle)) where.push('metadata');
    if (strings.includes(needle)) where.push('pdf-strings');
    if (where.length) found[needle] = where;
  }
  return found;
}

const normalize = (s: string) => s.replace(/\s+/g, ' ');

function flatten(items: Bookmark[]): string[] {
  return items.flatMap((b) => [b.title, ...flatten(b.children)]);
}

/** Every string object and name in the file, decoded (catches e.g. names of destinations). */
function allDecodedStrings(doc: PDFDocument): string[] {
  const out: string[] = [];
  const visit = (obj: unknown, depth: number) => {
    if (depth > 50) return;
    if (obj instanceof PDFString || obj instanceof PDFHexString) out.push(obj.decodeText());
    else if (obj instanceof PDFName) out.push(obj.decodeText());
    else if (obj instanceof PDFArray) obj.asArray().forEach((o) => visit(o, depth + 1));
    else if (obj instanceof PDFDict) {
      for (const [k, v] of obj.entries()) {
        visit(k, depth + 1);
        visit(v, depth + 1);
      }
    }
    else if (obj instanceof PDFRawStream) visit(obj.dict, depth + 1);
  };
  for (const [, obj] of doc.context.enumerateIndirectObjects()) visit(obj, 0);
  visit(doc.context.trailerInfo.Info, 0);
  return out;
}
