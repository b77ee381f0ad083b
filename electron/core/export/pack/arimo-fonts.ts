import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { woffToSfnt } from './woff.js';

/**
 * Arimo, shipped with the app through @fontsource: metric-compatible with Arial/Helvetica, so it
 * serves both our own stamps and the replacement of unembedded Helvetica in Anlagen.
 */
export type ArimoStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

export const ARIMO_STYLES: Record<ArimoStyle, { file: string; postScriptName: string; italic: boolean; bold: boolean }> = {
  regular: { file: 'arimo-latin-400-normal.woff', postScriptName: 'Arimo', italic: false, bold: false },
  bold: { file: 'arimo-latin-700-normal.woff', postScriptName: 'Arimo-Bold', italic: false, bold: true },
  italic: { file: 'arimo-latin-400-italic.woff', postScriptName: 'Arimo-Italic', italic: true, bold: false },
  boldItalic: { file: 'arimo-latin-700-italic.woff', postScriptName: 'Arimo-BoldItalic', italic: true, bold: true },
};

// Not named `require`: bundlers declare their own top-level `require` in ESM output.
const requireHere = createRequire(import.meta.url);
const ttfCache = new Map<string, Uint8Array>();

/** A @fontsource/arimo WOFF file as plain TrueType, which PDF embeds as FontFile2. */
export function arimoTrueType(file: string): Uint8Array {
  let ttf = ttfCache.get(file);
  if (!ttf) {
    ttf = woffToSfnt(new Uint8Array(readFileSync(requireHere.resolve(`@fontsource/arimo/files/${file}`))));
    ttfCache.set(file, ttf);
  }
  return ttf;
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
