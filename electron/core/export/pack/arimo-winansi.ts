import { PDFName, type PDFDict, type PDFDocument, type PDFRef } from '../pdf/pdf-lib.js';
import { ARIMO_STYLES, arimoTrueType, WIN_ANSI_FIRST, WIN_ANSI_LAST, type ArimoStyle } from './arimo-fonts.js';
import { ARIMO_METRICS } from './arimo-metrics.generated.js';

/** Advance width in 1/1000 em of a WinAnsi code in Arimo; 0 where Arimo has no glyph for it. */
export function arimoWidth(style: ArimoStyle, code: number): number {
  return ARIMO_METRICS[style].widths[code - WIN_ANSI_FIRST] ?? 0;
}

/**
 * Arimo as simple TrueType fonts with WinAnsiEncoding for one pack. Each style's font file (the
 * ~25 KB latin slice, embedded whole) and widths are written once, however many fonts use them:
 * our stamps and every unembedded Helvetica/Arial of the Anlagen share them. Metrics come from
 * the generated table, so none of this needs fontkit.
 */
export class ArimoWinAnsiFonts {
  private readonly shared = new Map<ArimoStyle, { descriptor: PDFRef; widths: PDFRef }>();
  private readonly own = new Map<ArimoStyle, PDFRef>();

  constructor(private readonly doc: PDFDocument) {}

  /** A font of our own: WinAnsi codes as bytes, `<…> Tj` with one hex pair per character. */
  font(style: ArimoStyle): PDFRef {
    let ref = this.own.get(style);
    if (!ref) {
      const dict = this.doc.context.obj({ Type: 'Font', Encoding: 'WinAnsiEncoding' });
      this.applyTo(dict, style);
      ref = this.doc.context.register(dict);
      this.own.set(style, ref);
    }
    return ref;
  }

  /** Turns a WinAnsi font dictionary into embedded Arimo; its encoding stays as it is. */
  applyTo(font: PDFDict, style: ArimoStyle): void {
    const { descriptor, widths } = this.resources(style);
    font.set(PDFName.of('Subtype'), PDFName.of('TrueType'));
    font.set(PDFName.of('BaseFont'), PDFName.of(ARIMO_STYLES[style].postScriptName));
    font.set(PDFName.of('FirstChar'), this.doc.context.obj(WIN_ANSI_FIRST));
    font.set(PDFName.of('LastChar'), this.doc.context.obj(WIN_ANSI_LAST));
    font.set(PDFName.of('Widths'), widths);
    font.set(PDFName.of('FontDescriptor'), descriptor);
  }

  private resources(style: ArimoStyle): { descriptor: PDFRef; widths: PDFRef } {
    let entry = this.shared.get(style);
    if (entry) return entry;
    const { context } = this.doc;
    const { file, postScriptName, italic, bold } = ARIMO_STYLES[style];
    const metrics = ARIMO_METRICS[style];
    const ttf = arimoTrueType(file);
    entry = {
      widths: context.register(context.obj(metrics.widths)),
      descriptor: context.register(
        context.obj({
          Type: 'FontDescriptor',
          FontName: postScriptName,
          // 32 = non-symbolic (uses the standard Latin character set), 64 = italic.
          Flags: 32 + (italic ? 64 : 0),
          FontBBox: metrics.bbox,
          ItalicAngle: italic ? -12 : 0,
          Ascent: metrics.ascent,
          Descent: metrics.descent,
          CapHeight: metrics.capHeight,
          StemV: bold ? 140 : 80,
          FontFile2: context.register(context.flateStream(ttf, { Length1: ttf.length })),
        }),
      ),
    };
    this.shared.set(style, entry);
    return entry;
  }
}
