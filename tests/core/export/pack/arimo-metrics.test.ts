import { describe, expect, it } from 'vitest';
import { unicodeToWinAnsi, winAnsiToUnicode } from '../../../../electron/core/export/pack/arimo-fonts.js';
import { ARIMO_METRICS } from '../../../../electron/core/export/pack/arimo-metrics.generated.js';
import { measureArimoMetrics } from '../../../../electron/core/export/pack/arimo-metrics.measure.js';

describe('Arimo metrics used for stamps without fontkit', () => {
  it('match the installed font files (run `npm run fonts` after updating @fontsource/arimo)', () => {
    expect(ARIMO_METRICS).toEqual(measureArimoMetrics());
  });

  it('cover every character of German stamps and notes', () => {
    for (const ch of 'AZaz09ÄÖÜäöüß–—„“‚‘…€§/()-.,:') {
      const code = unicodeToWinAnsi(ch.codePointAt(0)!);
      expect(code, ch).toBeDefined();
      expect(ARIMO_METRICS.regular.widths[code! - 32], ch).toBeGreaterThan(0);
      expect(ARIMO_METRICS.bold.widths[code! - 32], ch).toBeGreaterThan(0);
      expect(winAnsiToUnicode(code!)).toBe(ch.codePointAt(0));
    }
    expect(unicodeToWinAnsi('Ł'.codePointAt(0)!)).toBeUndefined();
  });
});
