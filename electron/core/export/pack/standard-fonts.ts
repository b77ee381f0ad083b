import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { woffToSfnt } from './woff.js';
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFDocument, type PDFPage, type PDFObject, fontkit, type FontkitFont as Font } from '../pdf/pdf-lib.js';

/**
 * Anlagen often use the PDF standard font Helvetica without embedding it (every library that
 * draws with "StandardFonts.Helvetica" does so). Such a pack is not self-contained: each viewer
 * substitutes its own font. Arimo has the same metrics as Helvetica/Arial, so those fonts are
 * replaced by an embedded Arimo with the same encoding — the text looks and flows the same.
 * Other unembedded fonts (Times, Courier, …) are reported instead, since we ship no match.
 */
// Not named `require`: bundlers declare their own top-level `require` in ESM output.
const requireHere = createRequire(import.meta.url);

type Style = 'regular' | 'bold' | 'italic' | 'boldItalic';
const STYLE_FILES: Record<Style, string> = {
  regular: 'arimo-latin-400-normal.woff',
  bold: 'arimo-latin-700-normal.woff',
  italic: 'arimo-latin-400-italic.woff',
  boldItalic: 'arimo-latin-700-italic.woff',
};
const STYLE_NAMES: Record<Style, string> = {
  regular: 'Arimo',
  bold: 'Arimo-Bold',
  italic: 'Arimo-Italic',
  boldItalic: 'Arimo-BoldItalic',
};

/** Helvetica and its metric twin Arial, in the spellings PDF producers use. */
export function helveticaStyle(baseFont: string): Style | null {
  const name = baseFont.replace(/^[A-Z]{6}\+/, '');
  const m = /^(Helvetica|Arial(?:MT)?)(?:[-,](Bold|Oblique|Italic|BoldOblique|BoldItalic|BoldMT|ItalicMT|BoldItalicMT))?$/.exec(name);
  if (!m) return null;
  const variant = (m[2] ?? '').replace(/MT$/, '');
  if (variant === 'Bold') return 'bold';
  if (variant === 'Oblique' || variant === 'Italic') return 'italic';
  if (variant === 'BoldOblique' || variant === 'BoldItalic') return 'boldItalic';
  return 'regular';
}

// WinAnsiEncoding codes 0x80–0x9F (the rest is Latin-1); 0 = unused.
const WIN_ANSI_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];
const winAnsiToUnicode = (code: number) => (code >= 0x80 && code <= 0x9f ? WIN_ANSI_HIGH[code - 0x80]! : code);

const fileCache = new Map<Style, { ttf: Uint8Array; font: Font }>();

function arimo(style: Style): { ttf: Uint8Array; font: Font } {
  let entry = fileCache.get(style);
  if (!entry) {
    const woff = readFileSync(requireHere.resolve(`@fontsource/arimo/files/${STYLE_FILES[style]}`));
    const ttf = woffToSfnt(new Uint8Array(woff));
    entry = { ttf, font: fontkit.create(ttf) as Font };
    fileCache.set(style, entry);
  }
  return entry;
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
  private readonly descriptors = new Map<Style, PDFRef>();
  private readonly done = new WeakSet<PDFDict>();

  constructor(private readonly doc: PDFDocument) {}

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
    const { font: metrics } = arimo(style);
    const scale = 1000 / metrics.unitsPerEm;
    const widths: number[] = [];
    for (let code = 32; code <= 255; code++) {
      const cp = winAnsiToUnicode(code);
      widths.push(cp && metrics.hasGlyphForCodePoint(cp) ? Math.round(metrics.glyphForCodePoint(cp).advanceWidth * scale) : 0);
    }
    const context = this.doc.context;
    font.set(PDFName.of('Subtype'), PDFName.of('TrueType'));
    font.set(PDFName.of('BaseFont'), PDFName.of(STYLE_NAMES[style]));
    font.set(PDFName.of('FirstChar'), context.obj(32));
    font.set(PDFName.of('LastChar'), context.obj(255));
    font.set(PDFName.of('Widths'), context.obj(widths));
    font.set(PDFName.of('FontDescriptor'), this.descriptor(style));
    result.replaced.push(name);
  }

  private descriptor(style: Style): PDFRef {
    let ref = this.descriptors.get(style);
    if (ref) return ref;
    const { ttf, font } = arimo(style);
    const context = this.doc.context;
    const file = context.flateStream(ttf, { Length1: ttf.length });
    const scale = 1000 / font.unitsPerEm;
    const italic = style === 'italic' || style === 'boldItalic';
    const bbox = font.bbox;
    ref = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: STYLE_NAMES[style],
        // 32 = non-symbolic (uses the standard Latin character set), 64 = italic.
        Flags: 32 + (italic ? 64 : 0),
        FontBBox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => Math.round(v * scale)),
        ItalicAngle: italic ? -12 : 0,
        Ascent: Math.round(font.ascent * scale),
        Descent: Math.round(font.descent * scale),
        CapHeight: Math.round(font.capHeight * scale),
        StemV: style === 'bold' || style === 'boldItalic' ? 140 : 80,
        FontFile2: context.register(file),
      }),
    );
    this.descriptors.set(style, ref);
    return ref;
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
