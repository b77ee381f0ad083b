import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Document, ExternalHyperlink, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assemblePack } from '../../../electron/core/export/pack/assemble.js';
import { convertOfficeToPdf } from '../../../electron/core/export/pack/office-convert.js';
import { externalReferences } from '../../../electron/core/export/pack/office-references.js';
import type { AttachmentPart } from '../../../electron/core/export/pack/types.js';
import { tempDir } from '../../helpers/temp-app.js';
import { hasProgram, png } from '../export/pack/fixtures.js';
import { pdfPagesText } from '../export/pdf/pdf-tools.js';
import { linkingDocx, linkingOdt, type Reach } from './helpers/hostile-office.js';

/**
 * Issue 12.3: converting an Office Anlage must not reach outside the file. Documents with linked
 * pictures, INCLUDEPICTURE/INCLUDETEXT fields or linked sections are refused (a note page with
 * a warning); the conversion itself runs with a fresh offline profile and without network, so
 * even a link the check missed fetches nothing: a local listener sees no request and no local
 * picture lands in the PDF.
 */

const requests: string[] = [];
let server: http.Server;
let reach: Reach;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(Buffer.from(png(20, 20)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dir = tempDir('vw-office-reach-');
  const localFile = path.join(dir, 'privat.png');
  fs.writeFileSync(localFile, png(31, 29));
  reach = { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, localFile };
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const part = (id: string, fileName: string, bytes: Uint8Array): AttachmentPart => ({ kind: 'attachment', id, title: `Anlage ${id}`, fileName, data: { bytes }, stamp: `Anlage ${id} zu TOP 2` });

/** Images in a PDF, by poppler's pdfimages (one line per image after the two header lines). */
function imageCount(pdf: Uint8Array): number {
  const file = path.join(tempDir('vw-office-img-'), 'x.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').length - 2;
}

describe('Office Anlagen that reach outside (issue 12.3)', () => {
  it('finds linked pictures, fields and linked sections in DOCX, ODT, RTF and binary Word files', async () => {
    expect(await externalReferences(await linkingDocx(reach))).toEqual(
      expect.arrayContaining(['verknüpftes Bild (image)', 'Feld INCLUDEPICTURE (verknüpftes Bild)', 'Feld INCLUDETEXT (Text aus einer anderen Datei)']),
    );
    expect(await externalReferences(await linkingOdt(reach))).toEqual(expect.arrayContaining(['verknüpfter Inhalt (draw:image)', 'verknüpfter Inhalt (text:section-source)']));
    const rtf = `{\\rtf1\\ansi {\\field{\\*\\fldinst { INCLUDEPICTURE "${reach.url}/rtf.png" \\\\d }}{\\fldrslt }}}`;
    expect(await externalReferences(new TextEncoder().encode(rtf))).toEqual(['Feld INCLUDEPICTURE (verknüpftes Bild)']);
    const doc = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(500), Buffer.from(`\u0013 INCLUDEPICTURE "${reach.url}/doc.png" \u0014`, 'utf16le')]);
    expect(await externalReferences(new Uint8Array(doc))).toEqual(['Feld INCLUDEPICTURE (verknüpftes Bild)']);
    // Controls: hyperlinks, a document template on a share and the word "LINK" in prose are no reach.
    const linked = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun('Siehe LINK unten und '), new ExternalHyperlink({ link: 'https://www.musterkreis.invalid', children: [new TextRun('die Website')] })] })] }] }),
    );
    expect(await externalReferences(new Uint8Array(linked))).toEqual([]);
    expect(await externalReferences(new TextEncoder().encode('{\\rtf1 Der LINK zur Seite steht unten.}'))).toEqual([]);
  });

  it('refuses such Anlagen in the pack: a note page with a warning, no request', async () => {
    const packed = await assemblePack({
      sources: [],
      parts: [part('docx', 'stellungnahme.docx', await linkingDocx(reach)), part('odt', 'bericht.odt', await linkingOdt(reach))],
      outline: [],
      metadata: { title: 't' },
    });
    expect(packed.warnings.map((w) => [w.part, w.code])).toEqual([
      ['docx', 'ATTACHMENT_OFFICE_EXTERNAL'],
      ['odt', 'ATTACHMENT_OFFICE_EXTERNAL'],
    ]);
    expect(packed.parts.docx!.replacedByNote).toBe(true);
    expect(pdfPagesText(packed.bytes)[0]!.replace(/\s+/g, ' ')).toContain('bindet Inhalte von außerhalb der Datei ein');
    expect(imageCount(packed.bytes)).toBe(0);
    expect(requests).toEqual([]);
  });

  it.skipIf(!hasProgram('soffice') || !hasProgram('pdfimages'))(
    'converts offline even when the check is bypassed: no request, no local picture in the PDF',
    async () => {
      for (const [name, bytes] of [
        ['stellungnahme.docx', await linkingDocx(reach, 'Umgehung DOCX')],
        ['bericht.odt', await linkingOdt(reach, 'Umgehung ODT')],
      ] as const) {
        const converted = await convertOfficeToPdf(bytes, name, 120);
        expect(converted.ok, name).toBe(true);
        if (!converted.ok) continue;
        expect(pdfPagesText(converted.pdf)[0]).toContain(name.endsWith('docx') ? 'Umgehung DOCX' : 'Umgehung ODT');
        expect(imageCount(converted.pdf), name).toBe(0);
      }
      expect(requests).toEqual([]);
    },
    180_000,
  );

  it.skipIf(!hasProgram('soffice'))(
    'still converts a document with plain hyperlinks (control)',
    async () => {
      const bytes = await Packer.toBuffer(
        new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun('Mit Verweis auf '), new ExternalHyperlink({ link: `${reach.url}/nur-ein-link`, children: [new TextRun('die Website')] })] })] }] }),
      );
      const packed = await assemblePack({ sources: [], parts: [part('ok', 'ok.docx', new Uint8Array(bytes))], outline: [], metadata: { title: 't' } });
      expect(packed.parts.ok!.replacedByNote).toBeUndefined();
      expect(pdfPagesText(packed.bytes)[0]).toContain('Mit Verweis auf die Website');
      // At most the link became text only (issue 12.4); nothing was fetched.
      expect(packed.warnings.filter((w) => w.code !== 'ATTACHMENT_ACTIVE_CONTENT_REMOVED')).toEqual([]);
      expect(requests).toEqual([]);
    },
    120_000,
  );
});
