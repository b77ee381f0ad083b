import { PageSizes, PDFName, PDFPage, type PDFDocument } from '../pdf/pdf-lib.js';
import { deflatedStream } from '../pdf/pdf-lib-fast.js';
import { num } from './page-geometry.js';
import { NOTE_ADVICE, NOTE_HEADING, reasonSentence, type NoteReason } from './notes.js';
import { BAND } from './stamp.js';
import type { EncodedText, StampFont } from './stamp-font.js';

const A4 = PageSizes.A4;
const MARGIN_X = 70;

/**
 * The page that stands in for an Anlage that could not be included: which Anlage, why, and
 * whom to ask. Same fonts as the stamps, so the note is embedded like everything else.
 */
export async function createNotePage(
  doc: PDFDocument,
  fonts: { regular: StampFont; bold: StampFont },
  info: { title: string; fileName: string; reason: NoteReason },
): Promise<{ page: PDFPage; replacedCharacters: boolean }> {
  const page = newPage(doc, A4);
  const [width, height] = A4;
  const ops: string[] = ['BT', '0 g'];
  let y = height - BAND - 80;
  let replaced = false;
  const line = (text: EncodedText, size: number, x = MARGIN_X) => {
    replaced ||= text.replaced;
    ops.push(`1 0 0 1 ${num(x)} ${num(y)} Tm`);
    for (const run of text.runs) ops.push(`/${run.resource} ${size} Tf`, `<${run.hex}> Tj`);
  };
  const paragraph = async (text: string, size: number, font: StampFont, label?: string) => {
    const indent = label ? 110 : 0;
    if (label) line(await fonts.bold.encode(label), size);
    for (const chunk of await wrap(font, text, width - 2 * MARGIN_X - indent, size)) {
      line(chunk, size, MARGIN_X + indent);
      y -= size * 1.45;
    }
    y -= size * 0.6;
  };

  await paragraph(NOTE_HEADING, 16, fonts.bold);
  y -= 10;
  await paragraph(info.title, 11, fonts.regular, 'Anlage:');
  await paragraph(info.fileName, 11, fonts.regular, 'Datei:');
  y -= 8;
  await paragraph(reasonSentence(info.reason), 11, fonts.regular);
  await paragraph(NOTE_ADVICE, 11, fonts.regular);
  ops.push('ET', '');

  page.node.set(PDFName.of('Contents'), doc.context.register(deflatedStream(doc.context, ops.join('\n'))));
  const resources = page.node.Resources()!;
  const fontDict = doc.context.obj({});
  for (const [name, ref] of [...fonts.regular.resources(), ...fonts.bold.resources()]) fontDict.set(name, ref);
  resources.set(PDFName.of('Font'), fontDict);
  return { page, replacedCharacters: replaced };
}

/** Greedy word wrap; a single word wider than the line is broken by characters. */
async function wrap(font: StampFont, text: string, maxWidth: number, size: number): Promise<EncodedText[]> {
  const lines: EncodedText[] = [];
  let current = '';
  const fits = async (candidate: string) => (await font.encode(candidate)).widthPerPoint * size <= maxWidth;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (await fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(await font.encode(current));
    current = '';
    let rest = word;
    while (!(await fits(rest))) {
      let cut = rest.length - 1;
      while (cut > 1 && !(await fits(rest.slice(0, cut)))) cut--;
      lines.push(await font.encode(rest.slice(0, cut)));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  if (current || lines.length === 0) lines.push(await font.encode(current));
  return lines;
}

/**
 * An image Anlage on its own A4 page, portrait or landscape to match the image, scaled to fit
 * between the stamp bands and never enlarged beyond 96 dpi so screenshots stay sharp.
 */
export async function createImagePage(doc: PDFDocument, format: 'png' | 'jpeg', bytes: Uint8Array): Promise<PDFPage> {
  const image = format === 'png' ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
  const landscape = image.width > image.height;
  const [width, height] = landscape ? [A4[1], A4[0]] : A4;
  const boxWidth = width - 2 * 42.5;
  const boxHeight = height - 2 * (BAND + 14);
  const scale = Math.min(boxWidth / image.width, boxHeight / image.height, 0.75);
  const w = image.width * scale;
  const h = image.height * scale;
  const page = newPage(doc, [width, height]);
  page.drawImage(image, { x: (width - w) / 2, y: (height - h) / 2, width: w, height: h });
  return page;
}

/** A page in the document's context but not yet in its page tree; the pack orders pages later. */
function newPage(doc: PDFDocument, size: [number, number]): PDFPage {
  const page = PDFPage.create(doc);
  page.setSize(size[0], size[1]);
  return page;
}
