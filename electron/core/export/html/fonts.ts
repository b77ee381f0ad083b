import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * @font-face rules for Arimo (metric-compatible with Arial), shipped with the app via
 * @fontsource/arimo and embedded as data: URLs, so an exported HTML file is self-contained and
 * prints identically on every machine — no system fonts involved. Latin and Latin Extended
 * (names from Turkish, Polish, … need the latter); regular, bold, italic, bold italic.
 */
const SUBSETS = {
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  'latin-ext':
    'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
} as const;

export const FONT_FAMILY = "Arimo, 'Liberation Sans', Arial, sans-serif";

let cached: string | undefined;

function fontsDir(): string {
  const require = createRequire(import.meta.url);
  // The package's main entry is its index.css, next to the files/ folder.
  return join(dirname(require.resolve('@fontsource/arimo')), 'files');
}

/** The @font-face CSS with embedded fonts (built once, then cached). */
export function embeddedFontCss(): string {
  if (cached !== undefined) return cached;
  const dir = fontsDir();
  const rules: string[] = [];
  for (const [subset, range] of Object.entries(SUBSETS)) {
    for (const weight of [400, 700]) {
      for (const style of ['normal', 'italic']) {
        const data = readFileSync(join(dir, `arimo-${subset}-${weight}-${style}.woff2`)).toString('base64');
        rules.push(
          `@font-face{font-family:'Arimo';font-style:${style};font-weight:${weight};font-display:block;` +
            `src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range}}`,
        );
      }
    }
  }
  cached = rules.join('\n');
  return cached;
}
