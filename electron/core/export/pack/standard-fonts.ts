import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFDocument, type PDFPage, type PDFObject } from '../pdf/pdf-lib.js';
import type { FontFace, FontFamily, FontStyle } from './embedded-fonts.js';
import { WinAnsiFonts } from './winansi-fonts.js';

/**
 * Anlagen often use PDF standard fonts without embedding them (every library that draws with
 * "StandardFonts.Helvetica" does so, old office exports use Times). Such a pack is not
 * self-contained: each viewer substitutes its own font. Arimo, Tinos and Cousine have the metrics
 * of Helvetica/Arial, Times/Times New Roman and Courier/Courier New, so those fonts are replaced
 * by the embedded match with the same encoding — the text looks and flows the same. Other
 * unembedded fonts (Symbol, ZapfDingbats, arbitrary TrueType names) are reported instead.
 */
const FAMILY_OF: Record<string, FontFamily> = {
  Helvetica: 'arimo',
  Arial: 'arimo',
  Times: 'tinos',
  TimesNewRoman: 'tinos',
  Courier: 'cousine',
  CourierNew: 'cousine',
};
const STYLE_OF: Record<string, FontStyle> = {
  '': 'regular',
  Roman: 'regular',
  Regular: 'regular',
  Bold: 'bold',
  Italic: 'italic',
  Oblique: 'italic',
  BoldItalic: 'boldItalic',
  BoldOblique: 'boldItalic',
};

/**
 * The embedded face matching a standard font name in the spellings producers use: "Times-Roman",
 * "Arial,Bold", "TimesNewRomanPS-BoldItalicMT", "CourierNewPSMT", "ABCDEF+Helvetica-Oblique", …
 */
export function standardFontFace(baseFont: string): FontFace | null {
  const name = baseFont.replace(/^[A-Z]{6}\+/, '');
  const at = name.search(/[-,]/);
  const family = FAMILY_OF[(at < 0 ? name : name.slice(0, at)).replace(/(PS)?(MT)?$/, '')];
  const style = STYLE_OF[at < 0 ? '' : name.slice(at + 1).replace(/MT$/, '')];
  return family && style ? `${family}-${style}` : null;
}

export interface FontScanResult {
  /** BaseFont names replaced by an embedded match. */
  replaced: string[];
  /** BaseFont names that stay unembedded. */
  unembedded: string[];
}

/**
 * Embeds substitutes for the unembedded standard fonts used on the given pages (also inside
 * form XObjects) and lists the unembedded fonts it cannot replace.
 */
export class StandardFontEmbedder {
  private readonly done = new WeakSet<PDFDict>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly winAnsi = new WinAnsiFonts(doc),
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
    const face = standardFontFace(name);
    const encoding = font.get(PDFName.of('Encoding'));
    // Only WinAnsi is mapped (what virtually every producer writes for standard fonts); anything
    // else would need glyph-name tables and stays as it is.
    if (!face || encoding?.toString() !== '/WinAnsiEncoding' || (subtype !== '/Type1' && subtype !== '/TrueType')) {
      result.unembedded.push(name);
      return;
    }
    this.winAnsi.applyTo(font, face);
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
