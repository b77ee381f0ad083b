import { AlignmentType, Document, HeadingLevel, ImageRun, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import JSZip from 'jszip';
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { docxToDoc, IMAGE_NOTE } from '../../../electron/core/document/docx-import.js';
import { openDocxSafely } from '../../../electron/core/document/docx-container.js';
import { DocumentError } from '../../../electron/core/document/errors.js';
import { docToPlainText } from '../../../electron/shared/plain-text.js';

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function sampleDocx(): Promise<Buffer> {
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'num',
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
        },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({ text: 'Ausblick', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: 'Unterpunkt', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({
            children: [
              new TextRun('Normal, '),
              new TextRun({ text: 'fett', bold: true }),
              new TextRun(', '),
              new TextRun({ text: 'kursiv', italics: true }),
              new TextRun(', '),
              new TextRun({ text: 'unterstrichen', underline: {} }),
              new TextRun(' & <script>{{jahr}}</script>'),
            ],
          }),
          new Paragraph({ text: 'Eins', numbering: { reference: 'num', level: 0 } }),
          new Paragraph({ text: 'Zwei', numbering: { reference: 'num', level: 0 } }),
          new Paragraph({ text: 'Punkt', bullet: { level: 0 } }),
          new Table({
            rows: [
              new TableRow({ tableHeader: true, children: [new TableCell({ children: [new Paragraph('Kommune')] }), new TableCell({ children: [new Paragraph('Stellen')] })] }),
              new TableRow({ children: [new TableCell({ children: [new Paragraph('Musterstadt')] }), new TableCell({ children: [new Paragraph('1,5')] })] }),
            ],
          }),
          new Paragraph({ children: [new ImageRun({ type: 'png', data: PNG, transformation: { width: 10, height: 10 } })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

describe('docxToDoc', () => {
  it('imports headings, marks, numbered and bullet lists and tables; drops images with a note', async () => {
    const { doc, notes } = await docxToDoc(await sampleDocx());
    expect(doc.content.map((b) => b.type)).toEqual(['heading', 'heading', 'paragraph', 'orderedList', 'bulletList', 'table', 'paragraph']);
    expect(doc.content[0]).toEqual({ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Ausblick' }] });
    expect(doc.content[1]).toMatchObject({ type: 'heading', attrs: { level: 2 } });
    expect(doc.content[2]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Normal, ' },
        { type: 'text', text: 'fett', marks: [{ type: 'bold' }] },
        { type: 'text', text: ', ' },
        { type: 'text', text: 'kursiv', marks: [{ type: 'italic' }] },
        { type: 'text', text: ', ' },
        { type: 'text', text: 'unterstrichen', marks: [{ type: 'underline' }] },
        { type: 'text', text: ' & <script>{{jahr}}</script>' },
      ],
    });
    expect(docToPlainText(doc)).toContain('1. Eins\n2. Zwei');
    expect(docToPlainText(doc)).toContain('- Punkt');
    const table = doc.content[5];
    expect(table?.type).toBe('table');
    if (table?.type === 'table') {
      expect(table.content[0]?.content[0]?.type).toBe('tableHeader');
      expect(table.content[1]?.content.map((c) => docToPlainText({ type: 'doc', content: c.content }))).toEqual(['Musterstadt', '1,5']);
    }
    expect(doc.content[6]).toEqual({ type: 'paragraph', content: [{ type: 'text', text: IMAGE_NOTE, marks: [{ type: 'italic' }] }] });
    expect(notes).toEqual(['1 Abbildung wurde nicht übernommen.']);
  });
});

describe('what the conversion skips is a German note (issue 15.12)', () => {
  it('a Word element it cannot read is named, so the user compares with the original', async () => {
    const zip = await JSZip.loadAsync(await sampleDocx());
    zip.file(
      'word/document.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
        '<w:p><w:r><w:t xml:space="preserve">Sitz des Musterkreises: </w:t></w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>Aussprache</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>Musterstadt</w:t></w:r></w:rubyBase></w:ruby></w:p>' +
        '<w:p><w:fldSimple w:instr=" DATE "><w:r><w:t>16.03.2025</w:t></w:r></w:fldSimple><w:fldSimple w:instr=" PAGE "/></w:p>' +
        '<w:sectPr/></w:body></w:document>',
    );
    const { doc, notes } = await docxToDoc(await zip.generateAsync({ type: 'uint8array' }));
    expect(docToPlainText(doc)).not.toContain('Musterstadt');
    expect(notes).toEqual([
      // The PAGE field showed nothing: nothing to name.
      '1 Word-Feld wurde ohne seinen Text übernommen: „16.03.2025“. Bitte den Text an seiner Stelle nachtragen.',
      'Einige Bestandteile des Word-Dokuments konnten nicht gelesen werden (w:ruby); ihr Text fehlt möglicherweise. Bitte mit dem Original vergleichen.',
    ]);
  });
});

describe('openDocxSafely (bad input, German errors)', () => {
  const rejects = async (bytes: Uint8Array, message: RegExp, limits?: Parameters<typeof openDocxSafely>[1]) => {
    const error = await openDocxSafely(bytes, limits).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as Error).message).toMatch(message);
  };

  it('rejects an empty file', () => rejects(new Uint8Array(), /leer \(0 Byte\)/));

  it('rejects other formats', async () => {
    await rejects(Buffer.from('Hallo, ich bin kein Word-Dokument'), /kein Word-Dokument im DOCX-Format/);
    await rejects(Buffer.from('%PDF-1.7\n…'), /ein PDF/);
    await rejects(Buffer.from('{\\rtf1\\ansi …}'), /RTF/);
  });

  it('rejects a ZIP that is not a DOCX, and a truncated DOCX', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', 'hallo');
    await rejects(await zip.generateAsync({ type: 'uint8array' }), /word\/document\.xml fehlt/);
    const docx = await sampleDocx();
    await rejects(docx.subarray(0, 200), /beschädigt/);
  });

  it('rejects encrypted documents and legacy .doc files (OLE compound files)', async () => {
    const ole = (extra: string) =>
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from(extra, 'utf16le')]);
    await rejects(ole('EncryptionInfo'), /verschlüsselt/);
    await rejects(ole('WordDocument'), /alten Word-Format \(\.doc\)/);
  });

  it('rejects a ZIP bomb by its declared size', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', Buffer.alloc(3 * 1024 * 1024, 0x20));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(bytes.byteLength).toBeLessThan(20_000);
    await rejects(bytes, /ZIP-Bombe/, { maxFileBytes: 1e6, maxUncompressedBytes: 1024 * 1024, maxEntries: 10 });
  });

  it('rejects a ZIP bomb that lies about its size, while inflating', async () => {
    // Hand-made ZIP whose headers claim 100 bytes for a 3 MB entry.
    const entries = [
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.alloc(3 * 1024 * 1024, 0x20), claimed: 100 },
    ];
    const bytes = lyingZip(entries);
    await rejects(bytes, /ZIP-Bombe/, { maxFileBytes: 1e6, maxUncompressedBytes: 1024 * 1024, maxEntries: 10 });
  });

  it('rejects files above the size limit', () => rejects(Buffer.alloc(2048, 0x50), /zu groß/, { maxFileBytes: 1024, maxUncompressedBytes: 1e6, maxEntries: 10 }));

  it('docxToDoc passes the same errors on', async () => {
    await expect(docxToDoc(new Uint8Array())).rejects.toThrow(/leer/);
  });
});

/** Builds a DEFLATE ZIP whose headers declare `claimed` (if given) as an entry's uncompressed size. */
function lyingZip(entries: { name: string; data: Buffer; claimed?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data, claimed } of entries) {
    const claimedSize = claimed ?? data.length;
    const compressed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(claimedSize, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(claimedSize, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + compressed.length;
  }
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDir, end]);
}
