import { PDFName, type PDFDocument, type PDFFont, type PDFRef, loadFontkit, type FontkitFont as Font } from '../pdf/pdf-lib.js';
import { trueTypeFile, unicodeToWinAnsi, type FontFace } from './embedded-fonts.js';
import { winAnsiWidth, WinAnsiFonts } from './winansi-fonts.js';

/**
 * Arimo (metric-compatible with Arial, shipped with the app). Characters WinAnsi can express —
 * all of German and the other Western European languages — use the simple WinAnsi font, which
 * needs no font library. Anything else (Cyrillic, Greek, Polish, …) falls back to the
 * unicode-range slices of @fontsource, embedded as subsets through fontkit, loaded only then.
 * Either way every font in a pack is embedded — PDF standard fonts never are.
 */
const SLICES = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext', 'vietnamese', 'hebrew'];
export type Weight = 400 | 700;

const fontkitCache = new Map<string, Font>();

/** The font as plain TrueType: fontkit would otherwise inflate the WOFF tables in JS per pack. */
const fontFile = (slice: string, weight: Weight) => trueTypeFile('arimo', slice, weight);

/** Parsed once per process, only to ask which slice has a glyph. */
function glyphProbe(slice: string, weight: Weight): Font {
  const key = `${slice}-${weight}`;
  let font = fontkitCache.get(key);
  if (!font) {
    font = loadFontkit().create(fontFile(slice, weight)) as Font;
    fontkitCache.set(key, font);
  }
  return font;
}

export interface EncodedRun {
  /** Resource name the run's font must be registered under on the page. */
  resource: string;
  /** Character codes (WinAnsi bytes or glyph ids) as hex, ready for a `<…> Tj` operator. */
  hex: string;
}

export interface EncodedText {
  runs: EncodedRun[];
  /** Advance width in text space units per 1 pt font size. */
  widthPerPoint: number;
  /** True when some character exists in no slice and was replaced by "?". */
  replaced: boolean;
}

/** Where a character's glyph lives: the WinAnsi font, or a fontkit-embedded slice by index. */
type FontKey = 'winansi' | number;

interface Glyph {
  font: FontKey;
  hex: string;
  width: number;
  replaced?: boolean;
}

/**
 * Encodes stamp and note texts for raw content streams. Per character results are cached, so
 * the ~1000 stamps of a pack cost one lookup per distinct character instead of per stamp.
 * Kerning is ignored on purpose: stamps are short and identical layout beats exact spacing.
 */
export class StampFont {
  private readonly embedded = new Map<FontKey, PDFRef>();
  private readonly glyphs = new Map<string, Glyph>();
  private readonly sliceFonts = new Map<number, PDFFont>();
  private readonly face: FontFace;
  private readonly prefix: string;

  constructor(
    private readonly doc: PDFDocument,
    private readonly weight: Weight = 400,
    private readonly winAnsi = new WinAnsiFonts(doc),
  ) {
    this.face = weight === 700 ? 'arimo-bold' : 'arimo-regular';
    this.prefix = weight === 700 ? 'VwB' : 'VwR';
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
      const resource = this.resourceName(glyph.font);
      const last = runs.at(-1);
      if (last?.resource === resource) last.hex += glyph.hex;
      else runs.push({ resource, hex: glyph.hex });
    }
    return { runs, widthPerPoint, replaced };
  }

  /**
   * Whether a subset font was embedded (characters beyond WinAnsi). pdf-lib writes such a subset
   * with every glyph used so far, at every save.
   */
  hasSubsets(): boolean {
    return this.sliceFonts.size > 0;
  }

  /** Fonts used so far, to be registered on every page that shows stamps. */
  resources(): [PDFName, PDFRef][] {
    // The WinAnsi font asked for anew each time: a reused pack may have swept it (see WinAnsiFonts.font).
    return [...this.embedded].map(([key, ref]) => [PDFName.of(this.resourceName(key)), key === 'winansi' ? this.winAnsi.font(this.face) : ref]);
  }

  private resourceName(key: FontKey): string {
    return key === 'winansi' ? `${this.prefix}W` : `${this.prefix}${key}`;
  }

  private async resolve(ch: string): Promise<Glyph | undefined> {
    const cp = ch.codePointAt(0)!;
    const code = unicodeToWinAnsi(cp);
    const width = code === undefined ? 0 : winAnsiWidth(this.face, code);
    if (code !== undefined && width > 0) {
      if (!this.embedded.has('winansi')) this.embedded.set('winansi', this.winAnsi.font(this.face));
      return { font: 'winansi', hex: code.toString(16).padStart(2, '0'), width: width / 1000 };
    }
    for (let slice = 0; slice < SLICES.length; slice++) {
      if (!glyphProbe(SLICES[slice]!, this.weight).hasGlyphForCodePoint(cp)) continue;
      const font = await this.sliceFont(slice);
      return { font: slice, hex: font.encodeText(ch).asString(), width: font.widthOfTextAtSize(ch, 1) };
    }
    return undefined;
  }

  private async sliceFont(slice: number): Promise<PDFFont> {
    let font = this.sliceFonts.get(slice);
    if (!font) {
      this.doc.registerFontkit(loadFontkit());
      font = await this.doc.embedFont(fontFile(SLICES[slice]!, this.weight), { subset: true });
      this.sliceFonts.set(slice, font);
      this.embedded.set(slice, font.ref);
    }
    return font;
  }
}
