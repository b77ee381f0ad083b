import { PDFArray as PDFArrayClass, PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts, cmyk, type PDFObject, type PDFRef } from 'pdf-lib';

/** Strings an attacker planted; none of them may appear in a pack (checked on the decompressed bytes). */
export const ATTACK = {
  openJs: 'app.alert("vw-open-js")',
  pageJs: 'app.launchURL("http://vw-page-aa.invalid")',
  linkJs: 'this.exportDataObject({cName:"vw-link-js"})',
  launch: 'vw-launch-calc.exe',
  submit: 'http://vw-submit.invalid/collect',
  uri: 'http://vw-uri.invalid/phish',
  widgetJs: 'event.value = "vw-widget-js"',
  embedded: 'vw-embedded-file-payload',
  parked: 'app.alert("vw-parked-js")',
};

/**
 * A PDF with every kind of active content: page-open JavaScript (catalog /OpenAction and
 * /Names/JavaScript), a page /AA, JavaScript/Launch/SubmitForm/URI links, a form field whose
 * widget has /AA, a file attachment, an unreferenced JavaScript action — and one internal
 * GoTo link to page 2, which must survive. The visible text names the web address.
 */
export async function activePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const p1 = doc.addPage([595.28, 841.89]);
  const p2 = doc.addPage([595.28, 841.89]);
  p1.drawText('Stellungnahme mit Verweis auf vw-uri.invalid/phish', { x: 50, y: 700, size: 12, font });
  p2.drawText('Zweite Seite', { x: 50, y: 700, size: 12, font });
  const ctx = doc.context;
  const js = (code: string) => ctx.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of(code) });
  const link = (y: number, action: PDFObject) =>
    ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [50, y, 300, y + 20], Border: [0, 0, 0], A: action }));

  doc.catalog.set(PDFName.of('OpenAction'), ctx.register(js(ATTACK.openJs)));
  const jsTree = ctx.obj({ Names: [PDFHexString.fromText('start'), ctx.register(js(ATTACK.openJs))] });
  const embedded = ctx.register(ctx.stream(new TextEncoder().encode(ATTACK.embedded), { Type: 'EmbeddedFile' }));
  const fileSpec = ctx.obj({ Type: 'Filespec', F: PDFString.of('payload.exe'), EF: { F: embedded } });
  doc.catalog.set(PDFName.of('Names'), ctx.obj({ JavaScript: jsTree, EmbeddedFiles: ctx.obj({ Names: [PDFHexString.fromText('payload.exe'), fileSpec] }) }));
  ctx.register(js(ATTACK.parked));

  p1.node.set(PDFName.of('AA'), ctx.obj({ O: js(ATTACK.pageJs), C: js(ATTACK.pageJs) }));
  const widget = ctx.register(
    ctx.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Tx',
      T: PDFString.of('feld'),
      Rect: [50, 400, 300, 420],
      AA: ctx.obj({ K: js(ATTACK.widgetJs), F: js(ATTACK.widgetJs) }),
      A: js(ATTACK.widgetJs),
    }),
  );
  const annots: PDFRef[] = [
    link(650, js(ATTACK.linkJs)),
    link(620, ctx.obj({ S: 'Launch', F: PDFString.of(ATTACK.launch), Win: ctx.obj({ F: PDFString.of(ATTACK.launch) }) })),
    link(590, ctx.obj({ S: 'SubmitForm', F: ctx.obj({ FS: 'URL', F: PDFString.of(ATTACK.submit) }), Flags: 4 })),
    link(560, ctx.obj({ S: 'URI', URI: PDFString.of(ATTACK.uri) })),
    link(530, ctx.obj({ S: 'GoTo', D: [p2.ref, PDFName.of('Fit')], Next: js(ATTACK.linkJs) })),
    widget,
    ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'FileAttachment', Rect: [50, 300, 70, 320], FS: fileSpec })),
  ];
  p1.node.set(PDFName.of('Annots'), ctx.obj(annots));
  doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: [widget], XFA: PDFString.of('<xdp>vw-xfa</xdp>') }));
  return doc.save({ useObjectStreams: false });
}

/** Page geometry an attacker (or a broken scanner driver) writes. */
export type BrokenGeometry = 'mediabox-string' | 'mediabox-ref-to-ref' | 'mediabox-zero' | 'mediabox-huge' | 'rotate-string' | 'cropbox-outside';

export async function brokenGeometryPdf(kind: BrokenGeometry): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  page.drawText(`Seite mit kaputtem Format (${kind})`, { x: 50, y: 700, size: 12, font });
  const ctx = doc.context;
  const set = (key: string, value: Parameters<typeof ctx.obj>[0]) => page.node.set(PDFName.of(key), ctx.obj(value));
  switch (kind) {
    case 'mediabox-string':
      page.node.set(PDFName.of('MediaBox'), PDFString.of('0 0 595 842'));
      break;
    case 'mediabox-ref-to-ref': {
      const inner = ctx.register(ctx.obj([0, 0, 595, 842]));
      page.node.set(PDFName.of('MediaBox'), ctx.register(inner));
      break;
    }
    case 'mediabox-zero':
      set('MediaBox', [0, 0, 0, 0]);
      break;
    case 'mediabox-huge':
      set('MediaBox', [0, 0, 1e9, 1e9]);
      break;
    case 'rotate-string':
      page.node.set(PDFName.of('Rotate'), PDFString.of('neunzig'));
      break;
    case 'cropbox-outside':
      set('CropBox', [5000, 5000, 6000, 6000]);
      break;
  }
  return doc.save({ useObjectStreams: false });
}

/**
 * LZW (PDF's LZWDecode, early change) of short data, one literal code per byte: valid, not
 * compressing. Enough for a fixture; data must stay under ~250 bytes, so codes stay 9 bits wide.
 */
function lzwLiteral(data: Uint8Array): Uint8Array {
  if (data.length > 250) throw new Error('lzwLiteral: data too long for 9-bit codes');
  const codes = [256, ...data, 257];
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const code of codes) {
    buffer = (buffer << 9) | code;
    bits += 9;
    while (bits >= 8) {
      out.push((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out.push((buffer << (8 - bits)) & 0xff);
  return new Uint8Array(out);
}

/**
 * What PDF/A-2 forbids besides actions (issue 14): transfer functions and a halftone phase, a
 * made-up blend mode, an image with Interpolate, Alternates and OPI, a PostScript XObject, a form
 * with /PS, an LZW-compressed content stream, a sticky note and a form field without appearance,
 * a hidden link with an internal jump, and a page drawn in plain RGB.
 */
export async function archivalHostilePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const p1 = doc.addPage([595.28, 841.89]);
  const p2 = doc.addPage([595.28, 841.89]);
  p1.drawText('Gutachten mit Sonderfunktionen', { x: 50, y: 760, size: 12, font });
  p2.drawText('Zweite Seite des Gutachtens', { x: 50, y: 760, size: 12, font });
  const ctx = doc.context;
  const gs = ctx.register(ctx.obj({ Type: 'ExtGState', TR: PDFName.of('Identity'), HTP: [0, 0], BM: PDFName.of('WildMix'), CA: 0.5 }));
  const image = ctx.register(
    ctx.stream(new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]), {
      Type: 'XObject', Subtype: 'Image', Width: 2, Height: 2, ColorSpace: 'DeviceRGB', BitsPerComponent: 8,
      Interpolate: true, Alternates: [], OPI: { '1.3': ctx.obj({ Type: 'OPI', F: PDFString.of('druck.tif') }) },
    }),
  );
  const postscript = ctx.register(ctx.stream(new TextEncoder().encode('/Helvetica findfont 12 scalefont setfont'), { Type: 'XObject', Subtype: 'PS' }));
  const form = ctx.register(ctx.stream(new TextEncoder().encode('0 0 1 rg 0 0 10 10 re f'), { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 10, 10], PS: ctx.register(ctx.stream(new Uint8Array(0))) }));
  const resources = p1.node.Resources()!;
  resources.set(PDFName.of('ExtGState'), ctx.obj({ GW: gs }));
  const xobjects = ctx.obj({ Im1: image, PS1: postscript, Fm1: form });
  resources.set(PDFName.of('XObject'), xobjects);
  const lzw = ctx.register(
    ctx.stream(lzwLiteral(new TextEncoder().encode('q /GW gs 100 0 0 100 50 500 cm /Im1 Do Q q 50 400 cm /Fm1 Do /PS1 Do Q')), { Filter: 'LZWDecode' }),
  );
  const contents = p1.node.get(PDFName.of('Contents'))!;
  p1.node.set(PDFName.of('Contents'), ctx.obj([...(contents instanceof PDFArrayClass ? contents.asArray() : [contents]), lzw]));
  p1.node.set(
    PDFName.of('Annots'),
    ctx.obj([
      ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Text', Rect: [400, 700, 420, 720], Contents: PDFHexString.fromText('Notiz der Gutachterin') })),
      ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Tx', T: PDFString.of('feld'), Rect: [50, 300, 300, 320] })),
      ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Link', F: 2, Rect: [50, 740, 300, 760], Border: [0, 0, 0], Dest: [p2.ref, PDFName.of('Fit')] })),
    ]),
  );
  return doc.save({ useObjectStreams: false });
}

/** A page drawn in device CMYK, which PDF/A cannot take with our sRGB output intent. */
export async function cmykPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  page.drawText('Flyer in Druckfarben', { x: 50, y: 760, size: 12, font, color: cmyk(0, 0.6, 1, 0.1) });
  return doc.save({ useObjectStreams: false });
}
