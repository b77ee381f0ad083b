import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFDocument, type PDFPage, type PDFObject } from '../pdf/pdf-lib.js';
import { contentStreams, decodedContent, formXObjects } from './page-objects.js';
import type { FontFace, FontFamily, FontStyle } from './embedded-fonts.js';
import { uncoveredCodes, WinAnsiFonts } from './winansi-fonts.js';

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
    const candidates: { font: PDFDict; face: FontFace; name: string }[] = [];
    const contents: PDFStream[] = [];
    for (const page of pages) {
      const forms = formXObjects(page);
      contents.push(...contentStreams(page), ...forms);
      for (const resources of [page.node.Resources(), ...forms.map((form) => form.dict.lookupMaybe(PDFName.of('Resources'), PDFDict))]) {
        for (const [, value] of resources?.lookupMaybe(PDFName.of('Font'), PDFDict)?.entries() ?? []) {
          const font = this.doc.context.lookup(value);
          if (font instanceof PDFDict) this.classify(font, result, candidates);
        }
      }
    }
    if (candidates.length) {
      // Our font files lack a few WinAnsi characters (Š, ž, ‰, …); text using them keeps the
      // viewer's own font, which has them, rather than showing gaps.
      const uncovered = new Set(candidates.flatMap((c) => [...uncoveredCodes(c.face)]));
      const replace = !mayShowCodes(contents, uncovered);
      for (const { font, face, name } of candidates) {
        if (replace) this.winAnsi.applyTo(font, face);
        (replace ? result.replaced : result.unembedded).push(name);
      }
    }
    return { replaced: [...new Set(result.replaced)], unembedded: [...new Set(result.unembedded)] };
  }

  private classify(font: PDFDict, result: FontScanResult, candidates: { font: PDFDict; face: FontFace; name: string }[]): void {
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
    candidates.push({ font, face, name });
  }
}

/**
 * Whether content may show any of `codes`: as a byte in a literal string (or anywhere — inline
 * image data makes this err on the safe side) or inside a hex string. Undecodable content counts
 * as showing them.
 */
function mayShowCodes(streams: PDFStream[], codes: Set<number>): boolean {
  if (codes.size === 0) return false;
  for (const stream of streams) {
    const text = decodedContent(stream);
    if (text === null) return true;
    for (let i = 0; i < text.length; i++) if (codes.has(text.charCodeAt(i))) return true;
    for (const match of text.matchAll(/<([0-9A-Fa-f\s]+)>/g)) {
      const hex = match[1]!.replace(/\s/g, '');
      for (let i = 0; i + 1 < hex.length; i += 2) if (codes.has(parseInt(hex.slice(i, i + 2), 16))) return true;
    }
  }
  return false;
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
