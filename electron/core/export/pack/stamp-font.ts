import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { woffToSfnt } from './woff.js';
import { PDFName, type PDFDocument, type PDFFont, type PDFRef, fontkit, type FontkitFont as Font } from '../pdf/pdf-lib.js';

/**
 * Arimo (metric-compatible with Arial, shipped with the app) in the unicode-range slices of
 * @fontsource: latin first, further scripts only when a text needs them. Embedded as subsets,
 * so every font in a pack is embedded — PDF standard fonts never are.
 */
const SLICES = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext', 'vietnamese', 'hebrew'];
export type Weight = 400 | 700;

// Not named `require`: bundlers declare their own top-level `require` in ESM output.
const requireHere = createRequire(import.meta.url);
const fileCache = new Map<string, Uint8Array>();
const fontkitCache = new Map<string, Font>();

/** The font as plain TrueType: fontkit would otherwise inflate the WOFF tables in JS per pack. */
function fontFile(slice: string, weight: Weight): Uint8Array {
  const key = `${slice}-${weight}`;
  let bytes = fileCache.get(key);
  if (!bytes) {
    bytes = woffToSfnt(new Uint8Array(readFileSync(requireHere.resolve(`@fontsource/arimo/files/arimo-${slice}-${weight}-normal.woff`))));
    fileCache.set(key, bytes);
  }
  return bytes;
}

/** Parsed once per process, only to ask which slice has a glyph. */
function glyphProbe(slice: string, weight: Weight): Font {
  const key = `${slice}-${weight}`;
  let font = fontkitCache.get(key);
  if (!font) {
    font = fontkit.create(fontFile(slice, weight)) as Font;
    fontkitCache.set(key, font);
  }
  return font;
}

export interface EncodedRun {
  /** Resource name the run's font must be registered under on the page. */
  resource: string;
  /** Glyph ids as hex, ready for a `<…> Tj` operator. */
  hex: string;
}

export interface EncodedText {
  runs: EncodedRun[];
  /** Advance width in text space units per 1 pt font size. */
  widthPerPoint: number;
  /** True when some character exists in no slice and was replaced by "?". */
  replaced: boolean;
}

interface Glyph {
  slice: number;
  hex: string;
  width: number;
  replaced?: boolean;
}

/**
 * Encodes stamp and note texts for raw content streams. Per character results are cached, so
 * the ~1000 stamps of a pack cost one font layout per distinct character instead of per stamp.
 * Kerning is ignored on purpose: stamps are short and identical layout beats exact spacing.
 */
export class StampFont {
  private readonly embedded = new Map<number, PDFFont>();
  private readonly glyphs = new Map<string, Glyph>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly weight: Weight = 400,
    private readonly prefix = weight === 700 ? 'VwB' : 'VwR',
  ) {
    doc.registerFontkit(fontkit);
  }

  async encode(text: string): Promise<EncodedText> {
    const runs: EncodedRun[] = [];
    let widthPerPoint = 0;
    let replaced = false;
    for (const raw of text) {
      const ch = /[\u0000-\u001f\u007f-\u009f]/.test(raw) ? ' ' : raw;
      let glyph = this.glyphs.get(ch);
      if (!glyph) {
        glyph = (await this.resolve(ch)) ?? { ...(await this.resolve('?'))!, replaced: true };
        this.glyphs.set(ch, glyph);
      }
      replaced ||= glyph.replaced === true;
      widthPerPoint += glyph.width;
      const resource = this.resourceName(glyph.slice);
      const last = runs.at(-1);
      if (last?.resource === resource) last.hex += glyph.hex;
      else runs.push({ resource, hex: glyph.hex });
    }
    return { runs, widthPerPoint, replaced };
  }

  /** Fonts used so far, to be registered on every page that shows stamps. */
  resources(): [PDFName, PDFRef][] {
    return [...this.embedded].map(([slice, font]) => [PDFName.of(this.resourceName(slice)), font.ref]);
  }

  private resourceName(slice: number): string {
    return `${this.prefix}${slice}`;
  }

  private async resolve(ch: string): Promise<Glyph | undefined> {
    const cp = ch.codePointAt(0)!;
    for (let slice = 0; slice < SLICES.length; slice++) {
      if (!glyphProbe(SLICES[slice]!, this.weight).hasGlyphForCodePoint(cp)) continue;
      const font = await this.font(slice);
      const hex = font.encodeText(ch).asString();
      return { slice, hex, width: font.widthOfTextAtSize(ch, 1) };
    }
    return undefined;
  }

  private async font(slice: number): Promise<PDFFont> {
    let font = this.embedded.get(slice);
    if (!font) {
      font = await this.doc.embedFont(fontFile(SLICES[slice]!, this.weight), { subset: true });
      this.embedded.set(slice, font);
    }
    return font;
  }
}
