import { PDFName, PDFNumber, PDFRef, type PDFDict, type PDFDocument, type PDFPage } from './pdf-lib.js';

/** pdf-lib's document keeps its page list in fields it does not expose. */
interface DocumentInternals {
  pageCount: number | undefined;
  pageCache: { invalidate(): void };
  pageMap: Map<PDFDict, PDFPage>;
}

/**
 * Makes `pages` (of this document) its pages, in this order, in one flat page tree. pdf-lib adds
 * and removes one page at a time, walking the tree from its start each time: quadratic, about
 * 10 ms for the 500 pages of a pack, which a reused pack (kept-pack.ts) would pay for every build.
 */
export function setPages(doc: PDFDocument, pages: readonly PDFPage[]): void {
  const treeRef = doc.catalog.get(PDFName.of('Pages'));
  if (!(treeRef instanceof PDFRef)) throw new Error('Der Seitenbaum des Dokuments fehlt.');
  const tree = doc.catalog.Pages();
  tree.set(PDFName.of('Kids'), doc.context.obj(pages.map((page) => page.ref)));
  tree.set(PDFName.of('Count'), PDFNumber.of(pages.length));
  const internals = doc as unknown as DocumentInternals;
  for (const page of pages) {
    if (page.doc !== doc) throw new Error('Eine Seite gehört zu einem anderen Dokument.');
    page.node.setParent(treeRef);
    internals.pageMap.set(page.node, page);
  }
  internals.pageCount = pages.length;
  internals.pageCache.invalidate();
}

/** Lets pdf-lib forget pages taken out of the document for good (its page map would keep them alive). */
export function forgetPages(doc: PDFDocument, pages: readonly PDFPage[]): void {
  const { pageMap } = doc as unknown as DocumentInternals;
  for (const page of pages) pageMap.delete(page.node);
}
