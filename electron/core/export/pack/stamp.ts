import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFStream, type PDFDocument, type PDFObject, type PDFPage } from '../pdf/pdf-lib.js';
import { plainStream } from '../pdf/pdf-lib-fast.js';
import {
  apply,
  fitBetweenBands,
  formatMatrix,
  IDENTITY,
  num,
  visualFrame,
  type Matrix,
  type VisualFrame,
} from './page-geometry.js';
import { annotations } from './page-objects.js';
import type { EncodedText } from './stamp-font.js';

/**
 * Free band (pt) kept at the visual top and bottom of Anlage pages; stamps live inside it, but
 * at least ~5 mm from the edge, which office printers cannot print on.
 */
export const BAND = 28;
/** Distance (pt) of stamps from the right edge: 15 mm, inside every usual print margin. */
export const STAMP_RIGHT = 42.5;
export const FOOTER_BASELINE = 17;
export const HEADER_BASELINE_FROM_TOP = 22;
export const FOOTER_SIZE = 8;
export const HEADER_SIZE = 8.5;
/**
 * Running header of our own printed documents inside a pack, where their print CSS has it
 * standalone (html/page.ts: 25 mm left, 18 mm right, in the top margin), so a Vorlage's pages
 * look the same in the pack as printed alone.
 */
export const RUNNING_LEFT = 70.87;
export const RUNNING_RIGHT = 51.02;
export const RUNNING_BASELINE_FROM_TOP = 44;
/** Dark grey, so stamps read as added by the clerk and not as part of the document. */
const STAMP_GRAY = '0.2 g';

export interface PageStamp {
  footer: EncodedText;
  header?: EncodedText;
  /** Running header of a rendered document: left and right in its top margin. */
  running?: { left?: EncodedText; right?: EncodedText };
  /**
   * Shrink the page content into the area between the bands. For Anlagen, whose layout we do
   * not control; our own rendered pages leave these bands free through their print margins.
   */
  fit: boolean;
  /**
   * Wraps the page's own content in one marked-content sequence of this role and id, for pages
   * that come untagged into a tagged pack (see structure.ts).
   */
  mark?: { role: 'Div' | 'Figure'; mcid: number };
}

/**
 * Adds the stamps to one page as a single raw content stream (plus a shared "q [cm]" prefix),
 * far cheaper than pdf-lib's drawText. The page's own content is wrapped in q…Q so whatever
 * graphics state it leaves behind cannot move or recolour the stamps.
 */
export class PageStamper {
  private readonly prefixes = new Map<string, PDFRef>();
  /**
   * A page's own content streams and annotation rectangles, to start from when it is stamped
   * again. Resolved, never the page's own references to an array: stamping leaves those
   * unreferenced, and a reused pack (kept-pack.ts) deletes unreferenced objects before it saves.
   */
  private readonly originals = new WeakMap<PDFDict, { contents: PDFRef[] | undefined; rects: [PDFDict, PDFObject | undefined][]; stamp?: PDFRef }>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly fontResources: () => [PDFName, PDFRef][],
  ) {}

  /** Stamps a page; stamping it again (other numbers) replaces the earlier stamps. */
  stamp(page: PDFPage, stamp: PageStamp): void {
    this.restore(page);
    const frame = visualFrame(page.getCropBox(), page.getRotation().angle);
    const fit = stamp.fit ? fitBetweenBands(frame, BAND, BAND) : IDENTITY;
    // Stamps are pagination artifacts: read by no screen reader, outside the structure tree.
    const ops: string[] = [...(stamp.mark ? ['EMC'] : []), 'Q', 'q', `${formatMatrix(frame.toUser)} cm`, STAMP_GRAY, '/Artifact <</Type /Pagination>> BDC', 'BT'];
    ops.push(...textOps(stamp.footer, FOOTER_SIZE, frame, FOOTER_BASELINE));
    if (stamp.header) {
      ops.push(...textOps(stamp.header, HEADER_SIZE, frame, frame.height - HEADER_BASELINE_FROM_TOP));
    }
    if (stamp.running?.left) ops.push(...textOps(stamp.running.left, HEADER_SIZE, frame, frame.height - RUNNING_BASELINE_FROM_TOP, { left: RUNNING_LEFT }));
    if (stamp.running?.right) ops.push(...textOps(stamp.running.right, HEADER_SIZE, frame, frame.height - RUNNING_BASELINE_FROM_TOP, { right: RUNNING_RIGHT }));
    ops.push('ET', 'EMC', 'Q', '');
    const stampRef = this.doc.context.register(plainStream(this.doc.context, ops.join('\n')));
    this.originals.get(page.node)!.stamp = stampRef;

    const contents = [this.prefix(fit, stamp.mark), ...(this.originals.get(page.node)!.contents ?? []), stampRef];
    page.node.set(PDFName.of('Contents'), this.doc.context.obj(contents));
    this.registerFonts(page);
    if (fit !== IDENTITY) transformAnnotations(page, fit);
  }

  private restore(page: PDFPage): void {
    const saved = this.originals.get(page.node);
    if (!saved) {
      const rects = annotations(page).map((annot): [PDFDict, PDFObject | undefined] => [annot, annot.lookup(PDFName.of('Rect'))]);
      const contents = page.node.has(PDFName.of('Contents')) ? existingContents(this.doc, page) : undefined;
      this.originals.set(page.node, { contents, rects });
      return;
    }
    if (saved.contents) page.node.set(PDFName.of('Contents'), this.doc.context.obj(saved.contents));
    else page.node.delete(PDFName.of('Contents'));
    for (const [annot, rect] of saved.rects) if (rect) annot.set(PDFName.of('Rect'), rect);
    // The earlier stamps would otherwise stay in the file, unused.
    if (saved.stamp) this.doc.context.delete(saved.stamp);
  }

  private prefix(fit: Matrix, mark: PageStamp['mark']): PDFRef {
    const text = `q\n${fit === IDENTITY ? '' : `${formatMatrix(fit)} cm\n`}${mark ? `/${mark.role} <</MCID ${mark.mcid}>> BDC\n` : ''}`;
    let ref = this.prefixes.get(text);
    // Gone when no page of a reused pack used it any more (kept-pack.ts sweeps such objects).
    if (!ref || this.doc.context.lookup(ref) === undefined) {
      ref = this.doc.context.register(plainStream(this.doc.context, text));
      this.prefixes.set(text, ref);
    }
    return ref;
  }

  private registerFonts(page: PDFPage): void {
    const { context } = this.doc;
    let resources = page.node.Resources();
    if (!resources) {
      resources = context.obj({});
      page.node.set(PDFName.of('Resources'), resources);
    }
    let fonts = resources.lookupMaybe(PDFName.of('Font'), PDFDict);
    if (!fonts) {
      fonts = context.obj({});
      resources.set(PDFName.of('Font'), fonts);
    }
    for (const [name, ref] of this.fontResources()) fonts.set(name, ref);
  }
}

/** Right-aligned at `right` pt from the right edge (default: the stamps' place), or left-aligned at `left`. */
function textOps(text: EncodedText, size: number, frame: VisualFrame, baseline: number, at: { left?: number; right?: number } = {}): string[] {
  const right = at.right ?? STAMP_RIGHT;
  const room = at.left !== undefined ? frame.width / 2 - at.left : frame.width - 2 * right;
  const fitted = text.widthPerPoint * size > room ? room / text.widthPerPoint : size;
  const x = at.left ?? frame.width - right - text.widthPerPoint * fitted;
  const ops = [`1 0 0 1 ${num(x)} ${num(baseline)} Tm`];
  for (const run of text.runs) ops.push(`/${run.resource} ${num(fitted)} Tf`, `<${run.hex}> Tj`);
  return ops;
}

function existingContents(doc: PDFDocument, page: PDFPage): PDFRef[] {
  const raw = page.node.get(PDFName.of('Contents'));
  const value = raw instanceof PDFRef ? doc.context.lookup(raw) : raw;
  if (raw instanceof PDFRef && value instanceof PDFStream) return [raw];
  if (value instanceof PDFArray) {
    return value.asArray().flatMap((item) => {
      if (item instanceof PDFRef) return [item];
      return item instanceof PDFStream ? [doc.context.register(item)] : [];
    });
  }
  if (value instanceof PDFStream) return [doc.context.register(value)];
  return [];
}

/** Keeps link and form rectangles on the shrunk content instead of where it used to be. */
function transformAnnotations(page: PDFPage, m: Matrix): void {
  for (const annot of annotations(page)) {
    const rect = annot.lookupMaybe(PDFName.of('Rect'), PDFArray);
    if (!rect || rect.size() !== 4) continue;
    const n = rect.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : Number.NaN));
    if (n.some(Number.isNaN)) continue;
    const [x1, y1] = apply(m, n[0]!, n[1]!);
    const [x2, y2] = apply(m, n[2]!, n[3]!);
    annot.set(
      PDFName.of('Rect'),
      page.doc.context.obj([Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)]),
    );
  }
}
