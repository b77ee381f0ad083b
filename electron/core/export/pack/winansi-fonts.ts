import { PDFName, type PDFDict, type PDFDocument, type PDFRef } from '../pdf/pdf-lib.js';
import { faceInfo, latinTrueType, winAnsiToUnicode, WIN_ANSI_FIRST, WIN_ANSI_LAST, type FontFace } from './embedded-fonts.js';
import { FONT_METRICS } from './font-metrics.generated.js';

/** Advance width in 1/1000 em of a WinAnsi code; 0 where the face has no glyph for it. */
export function winAnsiWidth(face: FontFace, code: number): number {
  return FONT_METRICS[face].widths[code - WIN_ANSI_FIRST] ?? 0;
}

/**
 * WinAnsi codes with a character that the face's embedded file (the latin slice) has no glyph
 * for: ƒ † ‡ ‰ Š Ž š ž Ÿ. A standard font is replaced only where its text avoids them.
 */
export function uncoveredCodes(face: FontFace): Set<number> {
  const codes = new Set<number>();
  for (let code = WIN_ANSI_FIRST; code <= WIN_ANSI_LAST; code++) {
    if (winAnsiToUnicode(code) !== 0 && winAnsiWidth(face, code) === 0) codes.add(code);
  }
  return codes;
}

/**
 * Our fonts as simple TrueType fonts with WinAnsiEncoding for one pack. Each face's font file
 * (the latin slice, 20–60 KB, embedded whole) and widths are written once, however many fonts
 * use them: our stamps and every replaced standard font of the Anlagen share them. Metrics come
 * from the generated table, so none of this needs fontkit.
 */
export class WinAnsiFonts {
  private readonly shared = new Map<FontFace, { descriptor: PDFRef; widths: PDFRef }>();
  private readonly own = new Map<FontFace, PDFRef>();

  constructor(private readonly doc: PDFDocument) {}

  /** A font of our own: WinAnsi codes as bytes, `<…> Tj` with one hex pair per character. */
  font(face: FontFace): PDFRef {
    let ref = this.own.get(face);
    if (!ref || !this.alive(ref)) {
      const dict = this.doc.context.obj({ Type: 'Font', Encoding: 'WinAnsiEncoding' });
      this.applyTo(dict, face);
      ref = this.doc.context.register(dict);
      this.own.set(face, ref);
    }
    return ref;
  }

  /** Turns a WinAnsi font dictionary into the embedded face; its encoding stays as it is. */
  applyTo(font: PDFDict, face: FontFace): void {
    const { descriptor, widths } = this.resources(face);
    font.set(PDFName.of('Subtype'), PDFName.of('TrueType'));
    font.set(PDFName.of('BaseFont'), PDFName.of(faceInfo(face).postScriptName));
    font.set(PDFName.of('FirstChar'), this.doc.context.obj(WIN_ANSI_FIRST));
    font.set(PDFName.of('LastChar'), this.doc.context.obj(WIN_ANSI_LAST));
    font.set(PDFName.of('Widths'), widths);
    font.set(PDFName.of('FontDescriptor'), descriptor);
  }

  /**
   * A reused pack (kept-pack.ts) deletes objects no page uses any more, ours included: those are
   * made again when a later pack needs them.
   */
  private alive(ref: PDFRef): boolean {
    return this.doc.context.lookup(ref) !== undefined;
  }

  private resources(face: FontFace): { descriptor: PDFRef; widths: PDFRef } {
    let entry = this.shared.get(face);
    if (entry && this.alive(entry.descriptor) && this.alive(entry.widths)) return entry;
    const { context } = this.doc;
    const { family, postScriptName, italic, bold } = faceInfo(face);
    const metrics = FONT_METRICS[face];
    const ttf = latinTrueType(face);
    entry = {
      widths: context.register(context.obj(metrics.widths)),
      descriptor: context.register(
        context.obj({
          Type: 'FontDescriptor',
          FontName: postScriptName,
          // 32 = non-symbolic (standard Latin character set), 2 = serif, 1 = fixed pitch, 64 = italic.
          Flags: 32 + (family === 'tinos' ? 2 : 0) + (family === 'cousine' ? 1 : 0) + (italic ? 64 : 0),
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
    this.shared.set(face, entry);
    return entry;
  }
}
