import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { woffToSfnt } from './woff.js';

/**
 * The fonts a pack embeds, shipped with the app through @fontsource: Arimo, Tinos and Cousine
 * have the metrics of Arial/Helvetica, Times New Roman/Times and Courier New/Courier. Arimo sets
 * our stamps; all three replace the unembedded standard fonts of Anlagen without moving a line.
 */
export type FontFamily = 'arimo' | 'tinos' | 'cousine';
export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';
/** One font file: family and style, e.g. "tinos-bold". */
export type FontFace = `${FontFamily}-${FontStyle}`;

const FAMILY_NAMES: Record<FontFamily, string> = { arimo: 'Arimo', tinos: 'Tinos', cousine: 'Cousine' };
const STYLE_FILES: Record<FontStyle, { weight: 400 | 700; slant: 'normal' | 'italic'; suffix: string }> = {
  regular: { weight: 400, slant: 'normal', suffix: '' },
  bold: { weight: 700, slant: 'normal', suffix: '-Bold' },
  italic: { weight: 400, slant: 'italic', suffix: '-Italic' },
  boldItalic: { weight: 700, slant: 'italic', suffix: '-BoldItalic' },
};
export const FONT_FAMILIES = Object.keys(FAMILY_NAMES) as FontFamily[];
export const FONT_STYLES = Object.keys(STYLE_FILES) as FontStyle[];
export const FONT_FACES: FontFace[] = FONT_FAMILIES.flatMap((family) => FONT_STYLES.map((style) => `${family}-${style}` as const));

export function faceInfo(face: FontFace): { family: FontFamily; style: FontStyle; postScriptName: string; italic: boolean; bold: boolean } {
  const [family, style] = face.split('-') as [FontFamily, FontStyle];
  const { weight, slant, suffix } = STYLE_FILES[style];
  return { family, style, postScriptName: `${FAMILY_NAMES[family]}${suffix}`, italic: slant === 'italic', bold: weight === 700 };
}

// Not named `require`: bundlers declare their own top-level `require` in ESM output.
const requireHere = createRequire(import.meta.url);
const ttfCache = new Map<string, Uint8Array>();

/**
 * A @fontsource WOFF file as plain TrueType, which PDF embeds as FontFile2. `slice` is the
 * package's unicode-range subset ("latin", "cyrillic", …).
 */
export function trueTypeFile(family: FontFamily, slice: string, weight: 400 | 700, slant: 'normal' | 'italic' = 'normal'): Uint8Array {
  const file = `@fontsource/${family}/files/${family}-${slice}-${weight}-${slant}.woff`;
  let ttf = ttfCache.get(file);
  if (!ttf) {
    ttf = woffToSfnt(new Uint8Array(readFileSync(requireHere.resolve(file))));
    ttfCache.set(file, ttf);
  }
  return ttf;
}

/** The latin slice of a face: every WinAnsi character lives there. */
export function latinTrueType(face: FontFace): Uint8Array {
  const { family, style } = faceInfo(face);
  const { weight, slant } = STYLE_FILES[style];
  return trueTypeFile(family, 'latin', weight, slant);
}

// WinAnsiEncoding codes 0x80–0x9F (the rest is Latin-1); 0 = unused.
const WIN_ANSI_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];
export const WIN_ANSI_FIRST = 32;
export const WIN_ANSI_LAST = 255;

/** The Unicode code point of a WinAnsi code, 0 where the encoding has none. */
export function winAnsiToUnicode(code: number): number {
  if (code < WIN_ANSI_FIRST || code > WIN_ANSI_LAST || code === 0x7f) return 0;
  return code >= 0x80 && code <= 0x9f ? WIN_ANSI_HIGH[code - 0x80]! : code;
}

const fromUnicode = new Map<number, number>();
for (let code = WIN_ANSI_FIRST; code <= WIN_ANSI_LAST; code++) {
  const cp = winAnsiToUnicode(code);
  if (cp) fromUnicode.set(cp, code);
}

/** The WinAnsi code of a code point, or undefined when the encoding cannot express it. */
export function unicodeToWinAnsi(cp: number): number | undefined {
  return fromUnicode.get(cp);
}
