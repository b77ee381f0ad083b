import { describe, expect, it } from 'vitest';
import { PDFDocument as WriterDocument, PDFName, PDFString } from 'pdf-lib';
import { removeArchivalObstacles, type ArchivalCleanup } from '../../../../electron/core/export/pack/inert-pdf.js';
import { PDFDocument } from '../../../../electron/core/export/pdf/pdf-lib.js';

/**
 * Issue 14: what PDF/A-2 forbids in an Anlage, found by the names in its dictionaries — also
 * when a producer wrote a name with #-escapes (/Device#43MYK is /DeviceCMYK), and never where a
 * name is allowed (/TR2 /Default, standard blend modes). The hostile pack of archival-pack.test.ts
 * covers the content operators; this covers the names.
 */

const CMYK = 'verwendet CMYK-Farben ohne Farbprofil';

/** An Anlage with one page whose resources hold `resources`; `edit` may rewrite its bytes. */
async function anlage(resources: (doc: WriterDocument) => Record<string, unknown>, edit: (pdf: string) => string = (pdf) => pdf): Promise<ArchivalCleanup> {
  const doc = await WriterDocument.create();
  const page = doc.addPage([200, 200]);
  const res = page.node.Resources()!;
  for (const [key, value] of Object.entries(resources(doc))) res.set(PDFName.of(key), doc.context.obj(value as never));
  const bytes = Buffer.from(await doc.save({ useObjectStreams: false })).toString('latin1');
  // Loaded as an Anlage is loaded for a pack (attachment-loader.ts), from the bytes.
  const loaded = await PDFDocument.load(Buffer.from(edit(bytes), 'latin1'), { updateMetadata: false });
  return removeArchivalObstacles(loaded);
}

describe('names that keep an Anlage from PDF/A', () => {
  it('a device CMYK colour space blocks the PDF/A claim, by name, in an array, and written with #-escapes', async () => {
    expect((await anlage(() => ({ ColorSpace: { CS0: 'DeviceCMYK' } }))).blockers).toEqual([CMYK]);
    expect((await anlage((d) => ({ ColorSpace: { CS0: ['Indexed', 'DeviceCMYK', 1, d.context.register(d.context.stream(new Uint8Array(8)))] } }))).blockers).toEqual([CMYK]);
    expect((await anlage(() => ({ ColorSpace: { CS0: 'DeviceCMYK' } }), (pdf) => pdf.replace('/DeviceCMYK', '/Device#43MYK'))).blockers).toEqual([CMYK]);
    expect(await anlage(() => ({ ColorSpace: { CS0: 'DeviceRGB' } }))).toEqual({ changed: [], blockers: [] });
  });

  it('transfer functions go, the /Default one stays; a non-standard blend mode becomes Normal, standard ones stay', async () => {
    expect(await anlage(() => ({ ExtGState: { G0: { Type: 'ExtGState', TR2: 'Default', BM: ['Multiply', 'Screen'] } } }))).toEqual({ changed: [], blockers: [] });
    expect(await anlage(() => ({ ExtGState: { G0: { Type: 'ExtGState', TR2: 'Identity', BM: 'Normal' } } }))).toEqual({ changed: ['Transferfunktionen'], blockers: [] });
    expect(await anlage(() => ({ ExtGState: { G0: { Type: 'ExtGState', BM: ['WildMix', 'Multiply'] } } }))).toEqual({ changed: ['nicht archivtaugliche Transparenz-Mischmodi'], blockers: [] });
    // Escaped in the file, still the standard mode.
    expect(await anlage(() => ({ ExtGState: { G0: { Type: 'ExtGState', BM: 'Multiply' } } }), (pdf) => pdf.replace('/Multiply', '/Multi#70ly'))).toEqual({ changed: [], blockers: [] });
  });

  it('references to other files go from forms and streams; an encrypted stream blocks the claim', async () => {
    const form = (d: WriterDocument) => d.context.register(d.context.stream(new Uint8Array(0), { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 1, 1], Ref: { F: PDFString.of('extern.pdf'), Page: 0 } }));
    expect(await anlage((d) => ({ XObject: { Fm0: form(d) } }))).toEqual({ changed: ['Verweise auf andere Dateien'], blockers: [] });
    const encrypted = (d: WriterDocument) => d.context.register(d.context.stream(new Uint8Array(4), { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 1, 1], Filter: ['Crypt'] }));
    expect((await anlage((d) => ({ XObject: { Fm0: encrypted(d) } }))).blockers).toEqual(['enthält verschlüsselte Datenströme']);
  });
});
