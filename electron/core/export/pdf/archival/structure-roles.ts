import { PDFArray, PDFDict, PDFName, PDFRef, type PDFDocument, type PDFObject } from '../pdf-lib.js';

/** The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4), which PDF/UA-1 builds on. */
export const STANDARD_STRUCTURE_TYPES: ReadonlySet<string> = new Set([
  'Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct', 'Private',
  'P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'L', 'LI', 'Lbl', 'LBody',
  'Table', 'TR', 'TH', 'TD', 'THead', 'TBody', 'TFoot',
  'Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot', 'Ruby', 'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP',
  'Figure', 'Formula', 'Form',
]);

/**
 * Standard types for the PDF 2.0 and HTML-derived types Chromium and office programs write
 * (Chromium: Strong, Em for <b>/<strong>, <i>/<em>). Anything else unknown becomes NonStruct,
 * which keeps its content readable without claiming a meaning.
 */
const FALLBACK: Record<string, string> = {
  Strong: 'Span',
  Em: 'Span',
  Sub: 'Span',
  Sup: 'Span',
  Title: 'P',
  Aside: 'Div',
  FENote: 'Note',
  DocumentFragment: 'Div',
  Artifact: 'NonStruct',
};

const name = PDFName.of;
const S = name('S');
const K = name('K');
const MAX_CHAIN = 16;

/**
 * Makes every structure type in the tree standard or role-mapped to a standard type (PDF/UA-1
 * 7.1, Matterhorn 02-001…004): unknown types get a mapping, mappings of standard types (which
 * PDF/UA forbids) and chains ending nowhere or in a circle are replaced. Returns the types found,
 * as written in the elements (for tests and the pack's checks).
 */
export function completeRoleMap(doc: PDFDocument): Set<string> {
  const { context } = doc;
  const root = doc.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict);
  if (!root) return new Set();
  // Types as the (interned) names they are: a pack has thousands of elements of a dozen types,
  // and decoding each element's name was most of this walk.
  const types = new Set<PDFName>();
  const seen = new Set<PDFDict>();
  const stack: PDFObject[] = [root.get(K)].filter((k): k is PDFObject => k !== undefined);
  while (stack.length) {
    const item = stack.pop()!;
    const value = item instanceof PDFRef ? context.lookup(item) : item;
    if (value instanceof PDFArray) {
      for (const kid of value.asArray()) stack.push(kid);
      continue;
    }
    if (!(value instanceof PDFDict) || seen.has(value)) continue;
    seen.add(value);
    const type = value.get(S);
    if (!(type instanceof PDFName)) continue; // marked-content and object references
    types.add(type);
    const kids = value.get(K);
    if (kids) stack.push(kids);
  }
  const used = new Set([...types].map((type) => type.decodeText()));

  let map = root.lookupMaybe(name('RoleMap'), PDFDict);
  const mapped = (type: string): string | undefined => {
    let current = type;
    for (let i = 0; i < MAX_CHAIN; i++) {
      if (STANDARD_STRUCTURE_TYPES.has(current) && i > 0) return current;
      const next = map?.get(name(current));
      if (!(next instanceof PDFName)) return undefined;
      current = next.decodeText();
    }
    return undefined;
  };
  if (map) {
    for (const key of map.keys()) if (STANDARD_STRUCTURE_TYPES.has(key.decodeText())) map.delete(key);
  }
  for (const type of used) {
    if (STANDARD_STRUCTURE_TYPES.has(type) || mapped(type)) continue;
    if (!map) {
      map = context.obj({});
      root.set(name('RoleMap'), map);
    }
    map.set(name(type), name(FALLBACK[type] ?? 'NonStruct'));
  }
  return used;
}
