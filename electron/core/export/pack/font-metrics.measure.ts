import { loadFontkit, type FontkitFont } from '../pdf/pdf-lib.js';
import { FONT_FACES, latinTrueType, winAnsiToUnicode, WIN_ANSI_FIRST, WIN_ANSI_LAST, type FontFace } from './embedded-fonts.js';

export interface FontMetrics {
  /** Advance widths in 1/1000 em for WinAnsi codes 32…255; 0 where the font has no glyph. */
  widths: number[];
  bbox: [number, number, number, number];
  ascent: number;
  descent: number;
  capHeight: number;
}

/**
 * Reads the metrics of the shipped font files with fontkit. Only `npm run fonts` and the test
 * that keeps font-metrics.generated.ts current call this: at run time the generated table is
 * used, so a pack does not load fontkit (~70 ms, ~20 MB) just to look up 224 widths.
 */
export function measureFontMetrics(): Record<FontFace, FontMetrics> {
  const fontkit = loadFontkit();
  const measure = (face: FontFace): FontMetrics => {
    const font = fontkit.create(latinTrueType(face)) as FontkitFont;
    const scale = 1000 / font.unitsPerEm;
    const widths: number[] = [];
    for (let code = WIN_ANSI_FIRST; code <= WIN_ANSI_LAST; code++) {
      const cp = winAnsiToUnicode(code);
      widths.push(cp && font.hasGlyphForCodePoint(cp) ? Math.round(font.glyphForCodePoint(cp).advanceWidth * scale) : 0);
    }
    const { bbox } = font;
    return {
      widths,
      bbox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => Math.round(v * scale)) as FontMetrics['bbox'],
      ascent: Math.round(font.ascent * scale),
      descent: Math.round(font.descent * scale),
      capHeight: Math.round(font.capHeight * scale),
    };
  };
  return Object.fromEntries(FONT_FACES.map((face) => [face, measure(face)])) as Record<FontFace, FontMetrics>;
}
