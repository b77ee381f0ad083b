/**
 * Generates the example Hausvorlage (Word letterhead) of the fictional Musterkreis:
 *   templates/hausvorlage/musterkreis-briefkopf.docx
 * Run: npx tsx scripts/make-example-letterhead.ts
 *
 * A Body's own letterhead works the same way: any .docx with these placeholders, each typed in
 * one go (Word may split a placeholder into several runs when it is edited piecemeal; docx's
 * patchDocument copes with that). Placeholders marked ¶ must stand alone in their paragraph,
 * because the whole paragraph is replaced by content (tables, several paragraphs):
 *   {{koerperschaft}} {{amt}} {{vorlage_nr}} {{datum}} {{art}} {{sitzungsteil}} {{top}} {{betreff}}
 *   {{schlusszeile}} ¶{{beratungsfolge}} ¶{{inhalt}} ¶{{unterzeichnung}} ¶{{anlagen}}
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';

const BLUE = '1F4E79';
const TEXT_WIDTH = 11906 - 1417 - 1020;

/** A small coat of arms for the fictional Musterkreis, drawn pixel by pixel (PNG, RGBA). */
function crestPng(width = 120, height = 140): Buffer {
  const px = Buffer.alloc(width * height * 4);
  const set = (x: number, y: number, [r, g, b, a]: number[]) => {
    const i = (y * width + x) * 4;
    px[i] = r!;
    px[i + 1] = g!;
    px[i + 2] = b!;
    px[i + 3] = a!;
  };
  const blue = [0x1f, 0x4e, 0x79, 255];
  const white = [255, 255, 255, 255];
  const gold = [0xe0, 0xb0, 0x30, 255];
  const cx = width / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Shield: straight top part, round bottom.
      const top = height * 0.45;
      const inside = y >= 4 && x >= 4 && x < width - 4 && (y < top || ((x - cx) / (cx - 4)) ** 2 + ((y - top) / (height - 4 - top)) ** 2 <= 1);
      if (!inside) {
        set(x, y, [0, 0, 0, 0]);
        continue;
      }
      const edge = x < 9 || x >= width - 9 || y < 9 || (y >= top && ((x - cx) / (cx - 9)) ** 2 + ((y - top) / (height - 9 - top)) ** 2 > 1);
      // A white wave across the middle, a golden sun above it.
      const wave = Math.abs(y - (height * 0.58 + Math.sin((x / width) * Math.PI * 3) * 6)) < 5;
      const sun = (x - cx) ** 2 + (y - height * 0.3) ** 2 < (width * 0.16) ** 2;
      set(x, y, edge ? gold : wave ? white : sun ? gold : blue);
    }
  }
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) px.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}


const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

function letterheadHeader(logo: Buffer): Header {
  return new Header({
    children: [
      new Table({
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        columnWidths: [TEXT_WIDTH - 1100, 1100],
        borders: { top: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE, bottom: { style: BorderStyle.SINGLE, size: 12, color: BLUE } },
        rows: [
          new TableRow({
            children: [
              new TableCell({
                width: { size: TEXT_WIDTH - 1100, type: WidthType.DXA },
                verticalAlign: VerticalAlignTable.BOTTOM,
                borders: { top: NONE, left: NONE, right: NONE, bottom: { style: BorderStyle.SINGLE, size: 12, color: BLUE } },
                children: [
                  new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text: 'Musterkreis', bold: true, size: 36, color: BLUE })] }),
                  new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text: 'Der Landrat', size: 20, color: '404040' })] }),
                ],
              }),
              new TableCell({
                width: { size: 1100, type: WidthType.DXA },
                borders: { top: NONE, left: NONE, right: NONE, bottom: { style: BorderStyle.SINGLE, size: 12, color: BLUE } },
                children: [
                  new Paragraph({
                    alignment: AlignmentType.RIGHT,
                    spacing: { after: 80 },
                    children: [new ImageRun({ type: 'png', data: logo, transformation: { width: 48, height: 56 }, altText: { name: 'Wappen', title: 'Wappen des Musterkreises', description: 'Wappen des Musterkreises' } })],
                  }),
                ],
              }),
            ],
          }),
        ],
      }),
      new Paragraph({ spacing: { after: 0 }, children: [] }),
    ],
  });
}

function letterheadFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: BLUE, space: 4 } },
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        spacing: { after: 0 },
        children: [
          new TextRun({ text: 'Musterkreis · Kreishaus · Musterstraße 1 · 12345 Musterstadt · www.musterkreis.example', size: 15, color: '606060' }),
          new TextRun({ children: ['\tSeite ', PageNumber.CURRENT, ' von ', PageNumber.TOTAL_PAGES], size: 15, color: '606060' }),
        ],
      }),
    ],
  });
}

const p = (text: string, run: Record<string, unknown> = {}, paragraph: Record<string, unknown> = {}) =>
  new Paragraph({ ...paragraph, children: [new TextRun({ text, ...run })] });

export async function makeExampleLetterhead(): Promise<Buffer> {
  const logo = crestPng();
  const rightTab = [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }];
  const doc = new Document({
    title: 'Hausvorlage Musterkreis',
    creator: 'Musterkreis',
    description: 'Beispiel-Briefkopf für Vorlagen mit Platzhaltern für Vorlagenwerk',
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 22, language: { value: 'de-DE' } }, paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } } },
        heading1: { run: { font: 'Arial', size: 22, bold: true, color: BLUE }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
        heading2: { run: { font: 'Arial', size: 22, bold: true, color: BLUE }, paragraph: { spacing: { before: 200, after: 60 }, keepNext: true } },
        heading3: { run: { font: 'Arial', size: 22, bold: true, italics: true, color: BLUE }, paragraph: { spacing: { before: 160, after: 60 }, keepNext: true } },
      },
    },
    hyphenation: { autoHyphenation: true },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2268, right: 1020, bottom: 1417, left: 1417, header: 567, footer: 567 } } },
        headers: { default: letterheadHeader(logo) },
        footers: { default: letterheadFooter() },
        children: [
          new Paragraph({
            tabStops: rightTab,
            spacing: { after: 0 },
            children: [new TextRun({ text: '{{amt}}', bold: true }), new TextRun({ text: '\tVorlage-Nr. ' }), new TextRun({ text: '{{vorlage_nr}}', bold: true })],
          }),
          new Paragraph({ tabStops: rightTab, spacing: { after: 480 }, children: [new TextRun({ text: '{{art}}', size: 18, color: '606060' }), new TextRun({ text: '\tDatum: {{datum}}', size: 20 })] }),
          p('Vorlage', { bold: true, size: 30, color: BLUE }, { spacing: { after: 0 } }),
          p('für den {{sitzungsteil}}', { bold: true }, { spacing: { after: 240 } }),
          p('{{beratungsfolge}}'),
          p('Tagesordnungspunkt {{top}}', { size: 18, color: '606060' }, { spacing: { before: 240, after: 0 } }),
          p('{{betreff}}', { bold: true, size: 26, color: BLUE }, { spacing: { after: 240 }, border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: BLUE, space: 4 } } }),
          p('{{inhalt}}'),
          p('{{schlusszeile}}', {}, { spacing: { before: 240 } }),
          p('{{unterzeichnung}}'),
          p('{{anlagen}}'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'templates', 'hausvorlage', 'musterkreis-briefkopf.docx');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await makeExampleLetterhead());
  console.log(`geschrieben: ${out}`);
}
