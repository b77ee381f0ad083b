import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, decodePDFRawStream } from 'pdf-lib';

export interface StructureSummary {
  /** Role of the single top-level element. */
  top: string;
  /** Role and title of each child of the top-level element, in order. */
  sections: { role: string; title: string }[];
  /** Per section: the (1-based) page its content starts on, from the first /Pg found depth-first. */
  sectionPages: (number | null)[];
  /** Per page (1-based index): whether its StructParents key resolves in the ParentTree. */
  pagesInTree: boolean[];
  /** Per page: its content streams, decoded, concatenated. */
  contents: string[];
}

/** Reads the structure tree of a pack with pdf-lib, the way a screen reader finds content. */
export async function readStructure(bytes: Uint8Array): Promise<StructureSummary | null> {
  const doc = await PDFDocument.load(bytes);
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const contents = doc.getPages().map((page) => {
    const raw = page.node.get(PDFName.of('Contents'));
    const value = raw instanceof PDFRef ? doc.context.lookup(raw) : raw;
    const streams = value instanceof PDFArray ? value.asArray().map((r) => doc.context.lookup(r)) : [value];
    return streams.map((s) => (s instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(s).decode()).toString('latin1') : '')).join('\n');
  });
  if (!root) return null;
  const document = root.lookup(PDFName.of('K'), PDFDict);
  const kids = document.lookup(PDFName.of('K'), PDFArray);
  const sections = kids.asArray().map((ref) => {
    const element = doc.context.lookup(ref, PDFDict);
    const title = element.lookup(PDFName.of('T'));
    return { role: element.get(PDFName.of('S'))!.toString().slice(1), title: title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '' };
  });
  const pageNumber = new Map(doc.getPages().map((page, i) => [page.ref, i + 1]));
  const firstPage = (value: unknown, depth = 0): number | null => {
    const element = value instanceof PDFRef ? doc.context.lookup(value) : value;
    if (depth > 64) return null;
    if (element instanceof PDFArray) {
      for (const item of element.asArray()) {
        const found = firstPage(item, depth + 1);
        if (found) return found;
      }
      return null;
    }
    if (!(element instanceof PDFDict)) return null;
    const page = element.get(PDFName.of('Pg'));
    if (page instanceof PDFRef) return pageNumber.get(page) ?? null;
    return firstPage(element.get(PDFName.of('K')), depth + 1);
  };
  const sectionPages = kids.asArray().map((ref) => firstPage(ref));
  const nums = root.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
  const keys = new Set<number>();
  for (let i = 0; i < nums.size(); i += 2) keys.add((nums.lookup(i) as PDFNumber).asNumber());
  const pagesInTree = doc.getPages().map((page) => {
    const key = page.node.get(PDFName.of('StructParents'));
    return key instanceof PDFNumber && keys.has(key.asNumber());
  });
  return { top: document.get(PDFName.of('S'))!.toString().slice(1), sections, sectionPages, pagesInTree, contents };
}
