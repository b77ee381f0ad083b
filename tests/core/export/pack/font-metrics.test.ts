import { describe, expect, it } from 'vitest';
import { FONT_FACES, unicodeToWinAnsi, winAnsiToUnicode } from '../../../../electron/core/export/pack/embedded-fonts.js';
import { FONT_METRICS } from '../../../../electron/core/export/pack/font-metrics.generated.js';
import { measureFontMetrics } from '../../../../electron/core/export/pack/font-metrics.measure.js';
import { standardFontFace } from '../../../../electron/core/export/pack/standard-fonts.js';

describe('font metrics used without fontkit', () => {
  it('match the installed font files (run `npm run fonts` after updating @fontsource)', () => {
    expect(FONT_METRICS).toEqual(measureFontMetrics());
  });

  it('cover every character of German text in every face', () => {
    for (const ch of 'AZaz09ÄÖÜäöüß–—„“‚‘…€§/()-.,:') {
      const code = unicodeToWinAnsi(ch.codePointAt(0)!);
      expect(code, ch).toBeDefined();
      expect(winAnsiToUnicode(code!)).toBe(ch.codePointAt(0));
      for (const face of FONT_FACES) expect(FONT_METRICS[face].widths[code! - 32], `${face} ${ch}`).toBeGreaterThan(0);
    }
    expect(unicodeToWinAnsi('Ł'.codePointAt(0)!)).toBeUndefined();
  });

  it('Cousine is monospaced like Courier: every glyph 600/1000 em wide', () => {
    const widths = FONT_METRICS['cousine-regular'].widths.filter((w) => w > 0);
    expect(new Set(widths)).toEqual(new Set([600]));
  });
});

describe('standard font names producers write', () => {
  it.each([
    ['Helvetica', 'arimo-regular'],
    ['Helvetica-BoldOblique', 'arimo-boldItalic'],
    ['ArialMT', 'arimo-regular'],
    ['Arial,Bold', 'arimo-bold'],
    ['Arial-ItalicMT', 'arimo-italic'],
    ['Times-Roman', 'tinos-regular'],
    ['Times-BoldItalic', 'tinos-boldItalic'],
    ['TimesNewRomanPSMT', 'tinos-regular'],
    ['TimesNewRomanPS-BoldMT', 'tinos-bold'],
    ['TimesNewRoman,Italic', 'tinos-italic'],
    ['Courier', 'cousine-regular'],
    ['Courier-Oblique', 'cousine-italic'],
    ['CourierNewPS-BoldItalicMT', 'cousine-boldItalic'],
    ['ABCDEF+Helvetica', 'arimo-regular'],
  ])('%s → %s', (name, face) => expect(standardFontFace(name)).toBe(face));

  it.each(['Symbol', 'ZapfDingbats', 'Helvetica-Narrow', 'Calibri', 'TimesNewRomanBold', 'Verdana-Bold'])('%s has no match', (name) => {
    expect(standardFontFace(name)).toBeNull();
  });
});
