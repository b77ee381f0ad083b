import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFObject, type PDFPage } from '../pdf/pdf-lib.js';

/** Reading what a page holds: its annotations, content streams and form XObjects. */

export function annotations(page: PDFPage): PDFDict[] {
  const annots = page.node.Annots();
  if (!annots) return [];
  return annots.asArray().map((a) => page.doc.context.lookup(a)).filter((a): a is PDFDict => a instanceof PDFDict);
}

/** The content streams of a page (its /Contents: one stream or an array of them). */
export function contentStreams(page: PDFPage): PDFStream[] {
  const { context } = page.doc;
  const raw = page.node.get(PDFName.of('Contents'));
  const value = raw instanceof PDFRef ? context.lookup(raw) : raw;
  const items = value instanceof PDFArray ? value.asArray().map((item) => (item instanceof PDFRef ? context.lookup(item) : item)) : [value];
  return items.filter((item): item is PDFStream => item instanceof PDFStream);
}

/** The form XObjects a page draws, nested ones included (each once). */
export function formXObjects(page: PDFPage): PDFStream[] {
  const { context } = page.doc;
  const found = new Set<PDFStream>();
  const visit = (resources: PDFObject | undefined, depth: number) => {
    const dict = resources instanceof PDFRef ? context.lookup(resources) : resources;
    if (!(dict instanceof PDFDict) || depth > 8) return;
    const xobjects = dict.get(PDFName.of('XObject'));
    const entries = xobjects instanceof PDFRef ? context.lookup(xobjects) : xobjects;
    if (!(entries instanceof PDFDict)) return;
    for (const [, value] of entries.entries()) {
      const form = value instanceof PDFRef ? context.lookup(value) : value;
      if (!(form instanceof PDFStream) || found.has(form) || form.dict.get(PDFName.of('Subtype'))?.toString() !== '/Form') continue;
      found.add(form);
      visit(form.dict.get(PDFName.of('Resources')), depth + 1);
    }
  };
  visit(page.node.get(PDFName.of('Resources')), 0);
  return [...found];
}

/** A content stream's operators as text (latin1), or null when its filter cannot be decoded. */
export function decodedContent(stream: PDFStream): string | null {
  try {
    const bytes = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  } catch {
    return null;
  }
}
