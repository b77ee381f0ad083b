import fontkit from '@pdf-lib/fontkit';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import { degrees, PDFDocument, PDFName, rgb } from 'pdf-lib';

const require = createRequire(import.meta.url);
const arimo = readFileSync(require.resolve('@fontsource/arimo/files/arimo-latin-400-normal.woff'));

export interface TextPageSpec {
  /** Lines drawn from the top margin down; the last one is also drawn at the very bottom. */
  lines: string[];
  size?: [number, number];
  rotate?: number;
  /** Keep 25 mm free at top and bottom, like our own print CSS does. */
  margins?: boolean;
}

/**
 * A PDF like an Anlage from an office program: embedded font, text from the very top to the very
 * bottom edge (so stamps would collide if the content were not shrunk).
 */
export async function textPdf(pages: TextPageSpec[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(arimo, { subset: true });
  for (const spec of pages) {
    const [w, h] = spec.size ?? [595.28, 841.89];
    const page = doc.addPage([w, h]);
    const top = spec.margins ? h - 71 : h - 14;
    spec.lines.forEach((line, i) => page.drawText(line, { x: 40, y: top - i * 16, size: 11, font }));
    if (!spec.margins) {
      page.drawText(`Fußzeile ${spec.lines[0] ?? ''}`, { x: 40, y: 4, size: 11, font });
      page.drawRectangle({ x: w - 60, y: h - 30, width: 50, height: 25, color: rgb(0.8, 0.8, 0.8) });
    }
    if (spec.rotate) page.setRotation(degrees(spec.rotate));
  }
  return doc.save();
}

/** n pages, each headed "<label> Seite i". */
export function simplePdf(label: string, n: number, size?: [number, number], margins = false): Promise<Uint8Array> {
  return textPdf(Array.from({ length: n }, (_, i) => ({ lines: [`${label} Seite ${i + 1}`], size, margins })));
}

/** A document with named destinations (as Chromium writes them) at the given 0-based pages. */
export async function withDestinations(pdf: Uint8Array, dests: Record<string, number>): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf);
  const pages = doc.getPages();
  const dict = doc.context.obj({});
  for (const [name, index] of Object.entries(dests)) {
    dict.set(PDFName.of(name), doc.context.obj([pages[index]!.ref, PDFName.of('XYZ'), 0, 800, null]));
  }
  doc.catalog.set(PDFName.of('Dests'), doc.context.register(dict));
  return doc.save();
}

/** A real PNG (grey gradient), written by hand: no image library needed. */
export function png(width: number, height: number): Uint8Array {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) raw.fill((x * 255) / width, row + 1 + x * 3, row + 4 + x * 3);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

/** A JPEG "scan" of a text page, made by poppler's pdftoppm (installed with poppler-utils). */
export async function jpeg(text: string): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'vw-jpeg-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), await simplePdf(text, 1));
    execFileSync('pdftoppm', ['-jpeg', '-r', '30', '-singlefile', join(dir, 'in.pdf'), join(dir, 'out')]);
    return new Uint8Array(readFileSync(join(dir, 'out.jpg')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Encrypts with qpdf: with a user password (cannot be opened) or only an owner password. */
export function encrypt(pdf: Uint8Array, userPassword: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'vw-enc-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('qpdf', ['--encrypt', userPassword, 'besitzer-geheim', '256', '--print=none', '--', join(dir, 'in.pdf'), join(dir, 'out.pdf')]);
    return new Uint8Array(readFileSync(join(dir, 'out.pdf')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const hasProgram = (name: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
