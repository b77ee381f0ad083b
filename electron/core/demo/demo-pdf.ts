import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

/** A small, real PDF for a demo Anlage: a title and a few lines of text on A4. */
export async function makeDemoPdf(title: string, lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setCreator('Vorlagenwerk (Demodaten)');
  // Fixed dates keep the demo files byte-identical between runs (stable SHA-256).
  doc.setCreationDate(new Date('2024-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2024-01-01T00:00:00Z'));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([595.28, 841.89]);
  page.drawText('Musterkreis', { x: 56, y: 780, size: 10, font, color: rgb(0.35, 0.35, 0.35) });
  page.drawText(title, { x: 56, y: 740, size: 16, font: bold });
  lines.forEach((line, i) => page.drawText(line, { x: 56, y: 700 - i * 18, size: 11, font }));
  return doc.save();
}
