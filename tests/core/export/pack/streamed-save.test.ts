import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assemblePack } from '../../../../electron/core/export/pack/assemble.js';
import { leaveImageDataInFile, saveToFile } from '../../../../electron/core/export/pack/streamed-save.js';
import type { PackJob, PackResult } from '../../../../electron/core/export/pack/types.js';
import { loadFast } from '../../../../electron/core/export/pdf/pdf-lib-fast.js';
import { checkArchival } from '../pdf/archival-checker.js';
import { pdfPagesText, qpdfCheck } from '../pdf/pdf-tools.js';
import { simplePdf } from './fixtures.js';

/**
 * Issue 16.8: a pack written to its file by the engine, the scans' images copied from their files
 * (PackJob.outputPath), has the same pages as the pack built in memory.
 */
const dir = mkdtempSync(join(tmpdir(), 'vw-streamed-'));
let job: PackJob;
let inMemory: PackResult;
let streamed: Uint8Array;
let scanPath: string;

/** Scanned pages: three pages of text rendered to one JPEG each, large enough to be left in the file. */
function scanJpegs(pages: number): Promise<void> {
  return simplePdf('Haushaltsplan Seite', pages).then((pdf) => {
    writeFileSync(join(dir, 'text.pdf'), pdf);
    execFileSync('pdftoppm', ['-jpeg', '-jpegopt', 'quality=100', '-r', '300', join(dir, 'text.pdf'), join(dir, 'scan')]);
  });
}

/** A "scan" PDF of the given scanned pages (1-based), one JPEG per page, as a scanner writes it. */
async function scanPdf(pages: number[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const p of pages) {
    const image = await doc.embedJpg(readFileSync(join(dir, `scan-${p}.jpg`)));
    doc.addPage([595.28, 841.89]).drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return doc.save();
}

beforeAll(async () => {
  await scanJpegs(3);
  scanPath = join(dir, 'haushaltsplan.pdf');
  writeFileSync(scanPath, await scanPdf([1, 2, 3]));
  writeFileSync(join(dir, 'stellenplan.pdf'), await scanPdf([3, 2]));
  writeFileSync(join(dir, 'vermerk.pdf'), await simplePdf('Vermerk', 2));
  job = {
    sources: [],
    parts: [
      // The largest file first: the others are then read into the same buffer (read-buffer.ts),
      // so anything of the Haushaltsplan still pointing into that buffer would show their bytes.
      { kind: 'attachment', id: 'haushalt', title: 'Haushaltsplan 2026', fileName: 'haushaltsplan.pdf', data: { path: scanPath }, stamp: 'Anlage 1 zu TOP 4' },
      { kind: 'attachment', id: 'stellenplan', title: 'Stellenplan 2026', fileName: 'stellenplan.pdf', data: { path: join(dir, 'stellenplan.pdf') }, stamp: 'Anlage 2 zu TOP 4' },
      { kind: 'attachment', id: 'vermerk', title: 'Vermerk', fileName: 'vermerk.pdf', data: { path: join(dir, 'vermerk.pdf') }, stamp: 'Anlage 3 zu TOP 4' },
    ],
    outline: [{ title: 'Haushaltsplan', part: 'haushalt' }],
    metadata: { title: 'Kreistag', date: new Date('2026-12-16T10:00:00Z') },
  };
  inMemory = await assemblePack(job);
  const result = await assemblePack({ ...job, outputPath: join(dir, 'mappe.pdf') });
  expect(result.bytes.length).toBe(0);
  expect(result.pageCount).toBe(inMemory.pageCount);
  streamed = new Uint8Array(readFileSync(join(dir, 'mappe.pdf')));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a pack written to its file with the scans copied from theirs', () => {
  it('leaves the scan images in their file (the fixture is large enough to take that path)', async () => {
    const bytes = new Uint8Array(readFileSync(scanPath));
    expect(leaveImageDataInFile(await loadFast(bytes), bytes, scanPath, { size: bytes.length, mtimeMs: 0 })).toBeGreaterThan(3 * 64 * 1024);
  });

  it('fails with a German message when a scan is changed or gone before its images are copied', async () => {
    const bytes = new Uint8Array(readFileSync(scanPath));
    const attempt = async (damage: (path: string) => void) => {
      const copy = join(dir, `scan-copy-${Math.random().toString(36).slice(2)}.pdf`);
      writeFileSync(copy, bytes);
      const doc = await loadFast(bytes);
      leaveImageDataInFile(doc, bytes, copy, { size: bytes.length, mtimeMs: statSync(copy).mtimeMs });
      damage(copy);
      return saveToFile(doc, join(dir, 'kaputt.pdf')).catch((e: unknown) => e);
    };
    // Gone, as when the print cache holding the Anlagen's copies is cleared after an erasure.
    expect(await attempt((path) => rmSync(path))).toMatchObject({ name: 'PackError', message: expect.stringMatching(/^Eine Anlage war beim Schreiben der Sitzungsmappe nicht mehr vorhanden/) });
    expect(await attempt((path) => writeFileSync(path, 'anders'))).toMatchObject({ name: 'PackError', message: expect.stringMatching(/^Eine Anlage wurde geändert/) });
  });

  it('has the same pages, text and images as the pack built in memory, and is a sound PDF/A file', async () => {
    expect(pdfPagesText(streamed)).toEqual(pdfPagesText(inMemory.bytes));
    const images = (bytes: Uint8Array) => {
      const path = join(dir, `images-${bytes.length}.pdf`);
      writeFileSync(path, bytes);
      // page, type, size, colour, encoding: the same images on the same pages
      return execFileSync('pdfimages', ['-list', path]).toString('utf8').split('\n').slice(2).map((line) => line.trim().split(/\s+/).filter((_, i) => i !== 1).slice(0, 9).join(' '));
    };
    expect(images(streamed)).toEqual(images(inMemory.bytes));
    expect(images(streamed).filter((l) => l.includes('jpeg'))).toHaveLength(5);
    // What the pages look like, rendered small: the copied image data is the same.
    const rendered = (bytes: Uint8Array, name: string) => {
      writeFileSync(join(dir, `${name}.pdf`), bytes);
      execFileSync('pdftoppm', ['-gray', '-r', '20', join(dir, `${name}.pdf`), join(dir, name)]);
      return Array.from({ length: inMemory.pageCount }, (_, i) => readFileSync(join(dir, `${name}-${i + 1}.pgm`)).toString('base64'));
    };
    expect(rendered(streamed, 'gestreamt')).toEqual(rendered(inMemory.bytes, 'speicher'));
    expect(qpdfCheck(streamed)).toContain('No syntax or stream encoding errors');
    expect(await checkArchival(streamed)).toEqual([]);
  });
});
