import { PDFArray, PDFName, PDFNumber, PDFRef, type PDFObject, type PDFPage } from '../pdf/pdf-lib.js';
import { normalizeRotation } from './page-geometry.js';

/** A4 portrait in points, for pages whose own size cannot be read. */
export const A4: [number, number, number, number] = [0, 0, 595.28, 841.89];
/** PDF's own bounds for a page side (ISO 32000, Annex C): 3 to 14 400 units. */
const MIN_SIDE = 3;
const MAX_SIDE = 14_400;

const name = PDFName.of;

/**
 * Makes the page boxes of an Anlage readable before anything measures or stamps them: a
 * MediaBox that is a string, a reference to a reference, [0 0 0 0] or a kilometre wide made
 * pdf-lib throw ("Expected instance of e") or wrote NaN into the stamps. Each box becomes a
 * direct array of four numbers; an unusable MediaBox becomes A4, an unusable CropBox (or one
 * outside the MediaBox) is dropped, a Rotate that is not a number becomes 0.
 * Returns how many pages had to be repaired.
 */
export function normalisePageBoxes(pages: PDFPage[]): number {
  let repaired = 0;
  for (const page of pages) {
    const { node } = page;
    const { context } = page.doc;
    let fixed = false;
    const media = readBox(page, node.getInheritableAttribute(name('MediaBox')));
    if (!media) fixed = true;
    const mediaBox = media ?? A4;
    node.set(name('MediaBox'), context.obj(mediaBox));

    const rawCrop = node.getInheritableAttribute(name('CropBox'));
    if (rawCrop !== undefined) {
      const crop = readBox(page, rawCrop);
      const clipped = crop && intersect(crop, mediaBox);
      if (clipped) node.set(name('CropBox'), context.obj(clipped));
      else {
        node.delete(name('CropBox'));
        fixed = true;
      }
    }
    // Not used by the pack, but readers and printers are: broken ones go.
    for (const key of ['BleedBox', 'TrimBox', 'ArtBox']) {
      const raw = node.get(name(key));
      if (raw !== undefined && !readBox(page, raw)) {
        node.delete(name(key));
        fixed = true;
      }
    }

    const rotate = deref(page, node.getInheritableAttribute(name('Rotate')));
    if (rotate !== undefined) {
      const angle = rotate instanceof PDFNumber ? rotate.asNumber() : Number.NaN;
      if (Number.isFinite(angle)) node.set(name('Rotate'), PDFNumber.of(normalizeRotation(angle)));
      else {
        node.set(name('Rotate'), PDFNumber.of(0));
        fixed = true;
      }
    }
    if (fixed) repaired += 1;
  }
  return repaired;
}

function deref(page: PDFPage, value: PDFObject | undefined): PDFObject | undefined {
  let current = value;
  // A chain of references (also a cycle) is followed a few steps only.
  for (let i = 0; i < 8 && current instanceof PDFRef; i++) current = page.doc.context.lookup(current);
  return current instanceof PDFRef ? undefined : current;
}

function readBox(page: PDFPage, raw: PDFObject | undefined): [number, number, number, number] | null {
  const value = deref(page, raw);
  if (!(value instanceof PDFArray) || value.size() !== 4) return null;
  const n = value.asArray().map((item) => {
    const v = deref(page, item);
    return v instanceof PDFNumber ? v.asNumber() : Number.NaN;
  });
  if (!n.every(Number.isFinite)) return null;
  const box: [number, number, number, number] = [Math.min(n[0]!, n[2]!), Math.min(n[1]!, n[3]!), Math.max(n[0]!, n[2]!), Math.max(n[1]!, n[3]!)];
  const width = box[2] - box[0];
  const height = box[3] - box[1];
  if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE) return null;
  return box;
}

function intersect(a: [number, number, number, number], b: [number, number, number, number]): [number, number, number, number] | null {
  const box: [number, number, number, number] = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return box[2] - box[0] >= MIN_SIDE && box[3] - box[1] >= MIN_SIDE ? box : null;
}
