import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFDocument, type PDFPage, type PDFObject } from '../pdf/pdf-lib.js';
import type { ArimoStyle } from './arimo-fonts.js';
import { ArimoWinAnsiFonts } from './arimo-winansi.js';

/**
 * Anlagen often use the PDF standard font Helvetica without embedding it (every library that
 * draws with "StandardFonts.Helvetica" does so). Such a pack is not self-contained: each viewer
 * substitutes its own font. Arimo has the same metrics as Helvetica/Arial, so those fonts are
 * replaced by an embedded Arimo with the same encoding — the text looks and flows the same.
 * Other unembedded fonts (Times, Courier, …) are reported instead, since we ship no match.
 */
/** Helvetica and its metric twin Arial, in the spellings PDF producers use. */
export function helveticaStyle(baseFont: string): ArimoStyle | null {
  const name = baseFont.replace(/^[A-Z]{6}\+/, '');
  const m = /^(Helvetica|Arial(?:MT)?)(?:[-,](Bold|Oblique|Italic|BoldOblique|BoldItalic|BoldMT|ItalicMT|BoldItalicMT))?$/.exec(name);
  if (!m) return null;
  const variant = (m[2] ?? '').replace(/MT$/, '');
  if (variant === 'Bold') return 'bold';
  if (variant === 'Oblique' || variant === 'Italic') return 'italic';
  if (variant === 'BoldOblique' || variant === 'BoldItalic') return 'boldItalic';
  return 'regular';
}

export interface FontScanResult {
  /** BaseFont names replaced by embedded Arimo. */
  replaced: string[];
  /** BaseFont names that stay unembedded. */
  unembedded: string[];
}

/**
 * Embeds substitutes for unembedded Helvetica/Arial fonts used on the given pages (also inside
 * form XObjects) and lists the unembedded fonts it cannot replace.
 */
export class StandardFontEmbedder {
  private readonly done = new WeakSet<PDFDict>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly arimo = new ArimoWinAnsiFonts(doc),
  ) {}

  process(pages: PDFPage[]): FontScanResult {
    const result: FontScanResult = { replaced: [], unembedded: [] };
    const seenResources = new Set<PDFDict>();
    const visitResources = (resources: PDFDict | undefined, depth: number) => {
      if (!resources || seenResources.has(resources) || depth > 8) return;
      seenResources.add(resources);
      const fonts = resources.lookupMaybe(PDFName.of('Font'), PDFDict);
      for (const [, value] of fonts?.entries() ?? []) {
        const font = this.doc.context.lookup(value);
        if (font instanceof PDFDict) this.processFont(font, result);
      }
      const xobjects = resources.lookupMaybe(PDFName.of('XObject'), PDFDict);
      for (const [, value] of xobjects?.entries() ?? []) {
        const xobject = this.doc.context.lookup(value);
        if (xobject instanceof PDFStream && xobject.dict.get(PDFName.of('Subtype'))?.toString() === '/Form') {
          visitResources(xobject.dict.lookupMaybe(PDFName.of('Resources'), PDFDict), depth + 1);
        }
      }
    };
    for (const page of pages) visitResources(page.node.Resources(), 0);
    return { replaced: [...new Set(result.replaced)], unembedded: [...new Set(result.unembedded)] };
  }

  private processFont(font: PDFDict, result: FontScanResult): void {
    if (this.done.has(font)) return;
    this.done.add(font);
    const subtype = font.get(PDFName.of('Subtype'))?.toString();
    if (subtype === '/Type0') {
      const descendants = font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray);
      const cid = descendants?.lookup(0);
      if (cid instanceof PDFDict && !isEmbedded(cid, this.doc)) result.unembedded.push(baseFont(font));
      return;
    }
    if (subtype === '/Type3' || isEmbedded(font, this.doc)) return;
    const name = baseFont(font);
    const style = helveticaStyle(name);
    const encoding = font.get(PDFName.of('Encoding'));
    // Only WinAnsi is mapped (what virtually every producer writes for Helvetica); anything
    // else would need glyph-name tables and stays as it is.
    if (!style || encoding?.toString() !== '/WinAnsiEncoding' || (subtype !== '/Type1' && subtype !== '/TrueType')) {
      result.unembedded.push(name);
      return;
    }
    this.arimo.applyTo(font, style);
    result.replaced.push(name);
  }
}

function baseFont(font: PDFDict): string {
  return font.get(PDFName.of('BaseFont'))?.toString().replace(/^\//, '') ?? 'unbenannt';
}

function isEmbedded(font: PDFDict, doc: PDFDocument): boolean {
  const descriptor = font.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
  if (!descriptor) return false;
  return ['FontFile', 'FontFile2', 'FontFile3'].some((key) => {
    const value: PDFObject | undefined = descriptor.get(PDFName.of(key));
    const resolved = value instanceof PDFRef ? doc.context.lookup(value) : value;
    return resolved instanceof PDFStream || resolved instanceof PDFRawStream;
  });
}
