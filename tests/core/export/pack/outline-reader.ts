import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument } from 'pdf-lib';

export interface Bookmark {
  title: string;
  /** 1-based page the bookmark opens. */
  page: number;
  children: Bookmark[];
}

/** Reads the outline back the way a viewer does: /First–/Next chains with /Dest page refs. */
export function readOutline(doc: PDFDocument): Bookmark[] {
  const pages = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  if (!root) return [];
  const walk = (first: PDFDict | undefined): Bookmark[] => {
    const items: Bookmark[] = [];
    for (let node = first; node; node = node.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const title = node.lookup(PDFName.of('Title'));
      const dest = node.lookup(PDFName.of('Dest'), PDFArray);
      const pageRef = dest.get(0) as PDFRef;
      items.push({
        title: title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : '',
        page: pages.get(pageRef.toString()) ?? -1,
        children: walk(node.lookupMaybe(PDFName.of('First'), PDFDict)),
      });
    }
    return items;
  };
  return walk(root.lookupMaybe(PDFName.of('First'), PDFDict));
}
