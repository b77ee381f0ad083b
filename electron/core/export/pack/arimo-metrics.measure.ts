import { loadFontkit, type FontkitFont } from '../pdf/pdf-lib.js';
import { ARIMO_STYLES, arimoTrueType, winAnsiToUnicode, WIN_ANSI_FIRST, WIN_ANSI_LAST, type ArimoStyle } from './arimo-fonts.js';

export interface ArimoMetrics {
  /** Advance widths in 1/1000 em for WinAnsi codes 32…255; 0 where the font has no glyph. */
  widths: number[];
  bbox: [number, number, number, number];
  ascent: number;
  descent: number;
  capHeight: number;
}

/**
 * Reads the metrics of the shipped Arimo files with fontkit. Only `npm run fonts` and the test
 * that keeps arimo-metrics.generated.ts current call this: at run time the generated table is
 * used, so a pack does not load fontkit (~70 ms, ~20 MB) just to look up 224 widths.
 */
export function measureArimoMetrics(): Record<ArimoStyle, ArimoMetrics> {
  const fontkit = loadFontkit();
  const measure = (style: ArimoStyle): ArimoMetrics => {
    const font = fontkit.create(arimoTrueType(ARIMO_STYLES[style].file)) as FontkitFont;
    const scale = 1000 / font.unitsPerEm;
    const widths: number[] = [];
    for (let code = WIN_ANSI_FIRST; code <= WIN_ANSI_LAST; code++) {
      const cp = winAnsiToUnicode(code);
      widths.push(cp && font.hasGlyphForCodePoint(cp) ? Math.round(font.glyphForCodePoint(cp).advanceWidth * scale) : 0);
    }
    const { bbox } = font;
    return {
      widths,
      bbox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => Math.round(v * scale)) as ArimoMetrics['bbox'],
      ascent: Math.round(font.ascent * scale),
      descent: Math.round(font.descent * scale),
      capHeight: Math.round(font.capHeight * scale),
    };
  };
  return { regular: measure('regular'), bold: measure('bold'), italic: measure('italic'), boldItalic: measure('boldItalic') };
}
