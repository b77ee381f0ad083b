import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument, type PDFObject } from './pdf-lib.js';

/**
 * Page index (0-based) of every named destination in a document. Chromium writes one for each
 * element that an internal link (<a href="#id">) points to, which is how one HTML document
 * holding all Vorlagen of a pack is split back into per-Vorlage page ranges.
 */
export function readNamedDestinations(doc: PDFDocument): Map<string, number> {
  const pageIndex = new Map<string, number>();
  doc.getPages().forEach((page, index) => pageIndex.set(page.ref.toString(), index));
  const result = new Map<string, number>();
  const add = (name: string, dest: PDFObject | undefined) => {
    const index = destinationPage(doc, dest, pageIndex);
    if (index !== undefined && !result.has(name)) result.set(name, index);
  };

  // PDF 1.1 style, which Chromium uses: /Dests dictionary in the catalog.
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (dests) {
    for (const [key, value] of dests.entries()) add(key.decodeText(), value);
  }
  // PDF 1.2+ style: name tree under /Names /Dests.
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const tree = names?.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (tree) walkNameTree(doc, tree, add, 0);
  return result;
}

function walkNameTree(
  doc: PDFDocument,
  node: PDFDict,
  add: (name: string, dest: PDFObject | undefined) => void,
  depth: number,
): void {
  if (depth > 32) return; // malformed, cyclic trees
  const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
  if (names) {
    for (let i = 0; i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      if (key instanceof PDFString || key instanceof PDFHexString) add(key.decodeText(), names.get(i + 1));
    }
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  if (kids) {
    for (let i = 0; i < kids.size(); i++) {
      const kid = kids.lookup(i);
      if (kid instanceof PDFDict) walkNameTree(doc, kid, add, depth + 1);
    }
  }
}

function destinationPage(
  doc: PDFDocument,
  dest: PDFObject | undefined,
  pageIndex: Map<string, number>,
): number | undefined {
  let resolved = dest instanceof PDFRef ? doc.context.lookup(dest) : dest;
  // A destination may be wrapped in a dictionary with /D.
  if (resolved instanceof PDFDict) resolved = resolved.lookup(PDFName.of('D'));
  if (!(resolved instanceof PDFArray) || resolved.size() === 0) return undefined;
  const page = resolved.get(0);
  return page instanceof PDFRef ? pageIndex.get(page.toString()) : undefined;
}
