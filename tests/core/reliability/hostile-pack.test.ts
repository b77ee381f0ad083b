import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFingerprint, tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';
import { png } from '../export/pack/fixtures.js';
import { findStrings } from '../export/pack/leak-check.js';
import { writeBundle, type BundleAnlage } from './helpers/hostile-bundle.js';
import { linkingDocx, linkingOdt } from './helpers/hostile-office.js';
import { activePdf, ATTACK, brokenGeometryPdf } from './helpers/hostile-pdfs.js';

/**
 * Issue 12, done-when: one bundle holding every hostile file of the red-team pass. The import
 * refuses it whole (links, FIFO, 2 GB file, line break in a title, too deep a document) and
 * stores nothing. Without those, it imports, and the public Sitzungsmappe built from it
 * completes with a warning per hostile Anlage — and contains none of the attackers' bytes: no
 * script, launch or submit target, no web address as a link, no local file, nothing fetched.
 */

const SECRET = 'GEHEIM-privater-Schluessel-4711';
const requests: string[] = [];
let server: http.Server;
let t: TempApp;
let dir: string;
let url: string;
let localFile: string;

/** Files the import refuses, by how they are made. */
const REFUSED: [string, (abs: string, outside: string) => void][] = [
  ['passwd.pdf', (abs) => fs.symlinkSync('/etc/passwd', abs)],
  ['schluessel.pdf', (abs, outside) => fs.symlinkSync(path.join(outside, 'key.pem'), abs)],
  ['ordner', (abs, outside) => fs.symlinkSync(outside, abs)],
  ['null.pdf', (abs) => fs.symlinkSync('/dev/zero', abs)],
  ['pipe.pdf', (abs) => execFileSync('mkfifo', [abs])],
  [
    'scan.pdf',
    (abs) => {
      fs.writeFileSync(abs, '%PDF-1.4\n');
      fs.truncateSync(abs, 2 * 1024 ** 3);
    },
  ],
];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(Buffer.from(png(20, 20)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  t = await tempApp();
  dir = tempDir('vw-hostile-pack-');
  const outside = tempDir('vw-hostile-outside-');
  fs.writeFileSync(path.join(outside, 'key.pem'), `-----BEGIN PRIVATE KEY-----\n${SECRET}\n-----END PRIVATE KEY-----\n`);
  localFile = path.join(outside, 'privat.png');
  fs.writeFileSync(localFile, png(37, 23));
  const anlagen = path.join(dir, 'anlagen');
  fs.mkdirSync(anlagen);
  for (const [name, make] of REFUSED) make(path.join(anlagen, name), outside);
  fs.writeFileSync(path.join(anlagen, 'aktiv.pdf'), await activePdf());
  for (const kind of ['mediabox-string', 'mediabox-ref-to-ref', 'mediabox-zero', 'rotate-string'] as const) {
    fs.writeFileSync(path.join(anlagen, `${kind}.pdf`), await brokenGeometryPdf(kind));
  }
  fs.writeFileSync(path.join(anlagen, 'verknuepft.docx'), await linkingDocx({ url, localFile }));
  fs.writeFileSync(path.join(anlagen, 'verknuepft.odt'), await linkingOdt({ url, localFile }));
  fs.writeFileSync(path.join(anlagen, 'kaputt.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\nMüll\n');
}, 60_000);
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const PACKABLE: BundleAnlage[] = [
  { title: 'Stellungnahme mit Skripten', file: 'anlagen/aktiv.pdf' },
  { title: 'Format als Text', file: 'anlagen/mediabox-string.pdf' },
  { title: 'Format über Verweise', file: 'anlagen/mediabox-ref-to-ref.pdf' },
  { title: 'Format null', file: 'anlagen/mediabox-zero.pdf' },
  { title: 'Drehung als Text', file: 'anlagen/rotate-string.pdf' },
  { title: 'Word mit verknüpften Bildern', file: 'anlagen/verknuepft.docx' },
  { title: 'ODF mit verknüpften Bildern', file: 'anlagen/verknuepft.odt' },
  { title: 'Kaputtes PDF', file: 'anlagen/kaputt.pdf' },
];

describe('a bundle holding every hostile file (issue 12)', () => {
  it('is refused whole by the import, with nothing stored', async () => {
    const everything = [...PACKABLE, ...REFUSED.map(([name]) => ({ title: `Böse ${name}`, file: name === 'ordner' ? 'anlagen/ordner/key.pem' : `anlagen/${name}` }))];
    const before = await databaseFingerprint(t.app);
    const bundle = writeBundle(dir, 'alles', everything);
    const r = await t.dispatch('daten.import', { path: bundle });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // Each refused file is refused alone, too, by name.
    for (const [name] of REFUSED) {
      const file = name === 'ordner' ? 'anlagen/ordner/key.pem' : `anlagen/${name}`;
      const single = await t.dispatch('daten.import', { path: writeBundle(dir, `einzeln-${name.replace(/\W/g, '')}`, [...PACKABLE, { title: 'Böse', file }]) });
      expect(single, name).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining(`„${file}“`) } });
    }
    // A title that fakes an error line, a document 300 levels deep.
    const json = JSON.parse(fs.readFileSync(writeBundle(dir, 'text', PACKABLE), 'utf8'));
    json.papers[0].title = 'Bericht\nFehler: Datenbank gelöscht';
    fs.writeFileSync(path.join(dir, 'titel.json'), JSON.stringify(json));
    expect(await t.dispatch('daten.import', { path: path.join(dir, 'titel.json') })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('Steuerzeichen') } });
    json.papers[0].title = 'Bericht';
    let deep: unknown = { type: 'paragraph' };
    for (let i = 0; i < 300; i++) deep = { type: 'bulletList', content: [{ type: 'listItem', content: [deep] }] };
    json.papers[0].sections = { erlaeuterungen: { type: 'doc', content: [deep] } };
    fs.writeFileSync(path.join(dir, 'tief.json'), JSON.stringify(json));
    expect(await t.dispatch('daten.import', { path: path.join(dir, 'tief.json') })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('zu tief verschachtelt') } });
    expect(await databaseFingerprint(t.app)).toBe(before);
  }, 60_000);

  it('without the refused files: the public Sitzungsmappe completes with warnings and none of the attackers’ bytes', async () => {
    const imported = await t.call('daten.import', { path: writeBundle(dir, 'packbar', PACKABLE) });
    expect(imported.attachments).toBe(PACKABLE.length);
    const meeting = (await t.call('sitzungen.list', {}))[0]!;
    const file = path.join(tempDir('vw-hostile-out-'), 'mappe.pdf');
    const packed = await t.call('sitzungen.pack', { meetingId: meeting.id, variant: 'public', path: file });
    const codes = packed.warnings.map((w) => w.code).sort();
    expect(codes).toEqual(
      expect.arrayContaining(['ATTACHMENT_ACTIVE_CONTENT_REMOVED', 'ATTACHMENT_PAGE_SIZE_FIXED', 'ATTACHMENT_OFFICE_EXTERNAL', 'ATTACHMENT_BROKEN']),
    );
    expect(codes.filter((c) => c === 'ATTACHMENT_OFFICE_EXTERNAL')).toHaveLength(2);
    const pdf = fs.readFileSync(file);
    const needles = [...Object.values(ATTACK), SECRET, 'root:x:0:0', 'vw-xfa', url, localFile];
    expect(await findStrings(pdf, needles)).toEqual({});
    // No picture came in through a link: the pack's only images would be the linked ones.
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').length - 2;
    expect(images).toBe(0);
    expect(requests).toEqual([]);
    console.log(`[hostile-pack] ${packed.pages} pages, warnings: ${JSON.stringify(codes)}`);
  }, 240_000);
});
