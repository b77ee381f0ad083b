import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anlageFilesDir } from '../../../../electron/core/export/pack/anlage-files.js';
import { cli } from '../../../helpers/cli.js';
import { tempApp, tempDir } from '../../../helpers/temp-app.js';
import { pdfInfo, pdfPagesText, qpdfCheck } from '../pdf/pdf-tools.js';
import { simplePdf } from './fixtures.js';

/**
 * Issue 16.8: `sitzung pack` writes a big pack (Anlagen over VORLAGENWERK_PACK_STREAM_MB, here 0
 * instead of a 300 MB Haushaltsplan) straight to its file, the scan's images copied from a file
 * of the stored Anlage, and the pack has the same pages as the one built in memory.
 */
const dir = tempDir('vw-streamed-cli-');
const scanSha = { value: '' };
let meetingId: number;

/** Two scanned pages (one JPEG each, large enough to be left in the file). */
async function scanPdf(): Promise<Uint8Array> {
  writeFileSync(join(dir, 'text.pdf'), await simplePdf('Haushaltsplan 2026, gescannte Seite', 2));
  execFileSync('pdftoppm', ['-jpeg', '-r', '150', join(dir, 'text.pdf'), join(dir, 'scan')]);
  const doc = await PDFDocument.create();
  for (const p of [1, 2]) {
    const image = await doc.embedJpg(readFileSync(join(dir, `scan-${p}.jpg`)));
    doc.addPage([595.28, 841.89]).drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return doc.save();
}

/** The CLI process, with every pack streamed or (default threshold, small Anlagen) none. */
function pack(file: string, streamAll: boolean) {
  if (streamAll) process.env.VORLAGENWERK_PACK_STREAM_MB = '0';
  try {
    return cli(dir, 'sitzung', 'pack', String(meetingId), '--variant', 'members', '--out', file);
  } finally {
    delete process.env.VORLAGENWERK_PACK_STREAM_MB;
  }
}

beforeAll(async () => {
  const t = await tempApp({ demo: true, dataDir: dir });
  try {
    const soz = await t.call('gremien.get', { ref: 'Sozialausschuss' });
    meetingId = (await t.call('sitzungen.list', { committeeId: soz.id })).find((m) => m.state === 'geplant')!.id;
    const item = (await t.call('sitzungen.get', { id: meetingId })).agenda.find((i) => i.public && i.paperId)!;
    const scan = await scanPdf();
    scanSha.value = createHash('sha256').update(scan).digest('hex');
    await t.call('anlagen.add', { paperId: item.paperId!, title: 'Haushaltsplan 2026 (Scan)', fileName: 'haushaltsplan.pdf', public: true, dataBase64: Buffer.from(scan).toString('base64') });
  } finally {
    await t.close();
  }
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sitzung pack of a big pack', () => {
  it('writes the pack streamed with the same pages as in memory, a sound file with the SHA-256 it reports', () => {
    const inMemoryFile = join(dir, 'speicher.pdf');
    const streamedFile = join(dir, 'gestreamt.pdf');
    const inMemory = pack(inMemoryFile, false);
    expect(inMemory.code).toBe(0);
    // Below the default threshold: not streamed, so no file copy of the stored Anlage yet.
    expect(existsSync(join(anlageFilesDir(dir), `${scanSha.value}.pdf`))).toBe(false);

    const streamed = pack(streamedFile, true);
    expect(streamed.stderr).toBe('');
    expect(streamed.code).toBe(0);
    expect(existsSync(join(anlageFilesDir(dir), `${scanSha.value}.pdf`))).toBe(true);

    const a = new Uint8Array(readFileSync(inMemoryFile));
    const b = new Uint8Array(readFileSync(streamedFile));
    expect(pdfInfo(b).Pages).toBe(pdfInfo(a).Pages);
    const text = pdfPagesText(b);
    expect(text).toEqual(pdfPagesText(a));
    expect(text.some((page) => page.includes('Haushaltsplan 2026 (Scan)'))).toBe(true);
    expect(qpdfCheck(b)).toContain('No syntax or stream encoding errors');
    const jpegs = (file: string) => execFileSync('pdfimages', ['-list', file]).toString('utf8').split('\n').filter((line) => / jpeg /.test(line)).length;
    expect(jpegs(streamedFile)).toBe(2);
    expect(jpegs(streamedFile)).toBe(jpegs(inMemoryFile));
    const sha = /SHA-256 ([0-9a-f]{64})/.exec(streamed.stdout)![1];
    expect(sha).toBe(createHash('sha256').update(b).digest('hex'));
    expect(streamed.stdout.replace(/gestreamt\.pdf.*SHA-256 [0-9a-f]{64}/, '')).toBe(inMemory.stdout.replace(/speicher\.pdf.*SHA-256 [0-9a-f]{64}/, ''));
  }, 120_000);
});
