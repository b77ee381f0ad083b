import { PDFHexString, PDFName, PDFNull, type PDFDict, type PDFDocument, type PDFPage, type PDFRef } from '../pdf/pdf-lib.js';
import { apply, visualFrame } from './page-geometry.js';

export interface ResolvedOutlineItem {
  title: string;
  /** 0-based page index in the finished document. */
  pageIndex: number;
  children: ResolvedOutlineItem[];
  open: boolean;
}

/**
 * Writes the document outline (bookmarks) from our own data. Each bookmark opens the top of its
 * page at the reader's current zoom. Titles are UTF-16 text strings, so umlauts survive.
 */
export function writeOutline(doc: PDFDocument, items: ResolvedOutlineItem[]): void {
  if (items.length === 0) {
    // A reused pack (kept-pack.ts) may still have the outline of the last one.
    doc.catalog.delete(PDFName.of('Outlines'));
    doc.catalog.delete(PDFName.of('PageMode'));
    return;
  }
  const { context } = doc;
  const pages = doc.getPages();
  const rootRef = context.nextRef();
  const visible = writeLevel(doc, pages, items, rootRef);
  const root = context.obj({ Type: 'Outlines' }) as PDFDict;
  root.set(PDFName.of('First'), visible.first);
  root.set(PDFName.of('Last'), visible.last);
  root.set(PDFName.of('Count'), context.obj(visible.count));
  context.assign(rootRef, root);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** Writes siblings; returns first/last refs and how many entries are visible below the parent. */
function writeLevel(
  doc: PDFDocument,
  pages: PDFPage[],
  items: ResolvedOutlineItem[],
  parent: PDFRef,
): { first: PDFRef; last: PDFRef; count: number } {
  const { context } = doc;
  const refs = items.map(() => context.nextRef());
  let visible = 0;
  items.forEach((item, i) => {
    const page = pages[item.pageIndex];
    if (!page) throw new Error(`Lesezeichen „${item.title}“ verweist auf eine fehlende Seite.`);
    const dict = context.obj({}) as PDFDict;
    dict.set(PDFName.of('Title'), PDFHexString.fromText(item.title));
    dict.set(PDFName.of('Parent'), parent);
    if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < items.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
    dict.set(PDFName.of('Dest'), topOfPage(doc, page));
    visible += 1;
    if (item.children.length) {
      const kids = writeLevel(doc, pages, item.children, refs[i]!);
      dict.set(PDFName.of('First'), kids.first);
      dict.set(PDFName.of('Last'), kids.last);
      // Positive count = expanded; negative = collapsed with that many hidden entries.
      dict.set(PDFName.of('Count'), context.obj(item.open ? kids.count : -kids.count));
      if (item.open) visible += kids.count;
    }
    context.assign(refs[i]!, dict);
  });
  return { first: refs[0]!, last: refs.at(-1)!, count: visible };
}

function topOfPage(doc: PDFDocument, page: PDFPage) {
  const frame = visualFrame(page.getCropBox(), page.getRotation().angle);
  const [left, top] = apply(frame.toUser, 0, frame.height);
  // /XYZ with null zoom keeps the reader's zoom level, unlike /Fit.
  return doc.context.obj([page.ref, PDFName.of('XYZ'), left, top, PDFNull]);
}
