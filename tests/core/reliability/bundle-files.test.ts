import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBesideBundle } from '../../../electron/core/bundle/bundle-files.js';
import { databaseFingerprint, tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';
import { writeBundle } from './helpers/hostile-bundle.js';

/**
 * Issue 12.1 and 12.7: the Anlage files of a bundle are judged before a byte is read. Links (to
 * /etc/passwd, a key file, a symlinked folder, /dev/zero), FIFOs and devices are refused by name;
 * sizes come from the file system (a 2 GB sparse file is "zu groß", not "nicht gefunden", and
 * costs no memory), and all Anlagen of a bundle together are capped. Nothing is imported then.
 */

let t: TempApp;
let dir: string;
let outside: string;
const SECRET = 'GEHEIM-Schluessel-7f3a9c';

beforeAll(async () => {
  t = await tempApp();
  dir = tempDir('vw-bundle-files-');
  outside = tempDir('vw-outside-');
  fs.writeFileSync(path.join(outside, 'key.pem'), `-----BEGIN PRIVATE KEY-----\n${SECRET}\n-----END PRIVATE KEY-----\n`);
  fs.mkdirSync(path.join(dir, 'anlagen'));
  fs.writeFileSync(path.join(dir, 'anlagen', 'ok.pdf'), '%PDF-1.4\n%%EOF\n');
});
afterAll(async () => {
  await t?.close();
});

async function refused(name: string, file: string, message: RegExp): Promise<void> {
  const before = await databaseFingerprint(t.app);
  const bundle = writeBundle(dir, name, [{ title: 'Gut', file: 'anlagen/ok.pdf' }, { title: 'Böse', file }]);
  const started = Date.now();
  const r = await t.dispatch('daten.import', { path: bundle });
  expect(r, name).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(message) } });
  expect((r as { error: { message: string } }).error.message, name).toContain(`„${file}“`);
  expect(Date.now() - started, `${name} must not hang`).toBeLessThan(5_000);
  expect(await databaseFingerprint(t.app), name).toBe(before);
}

describe('Anlage files of a bundle (issue 12.1, 12.7)', () => {
  it('refuses links to files outside the bundle folder, also through a symlinked folder', async () => {
    fs.symlinkSync('/etc/passwd', path.join(dir, 'anlagen', 'passwd.pdf'));
    fs.symlinkSync(path.join(outside, 'key.pem'), path.join(dir, 'anlagen', 'schluessel.pdf'));
    fs.symlinkSync(outside, path.join(dir, 'anlagen', 'ordner'));
    fs.symlinkSync('/dev/zero', path.join(dir, 'anlagen', 'null.pdf'));
    // A relative link that stays inside the folder is refused too: a link is never an Anlage.
    fs.symlinkSync('ok.pdf', path.join(dir, 'anlagen', 'innen.pdf'));
    await refused('passwd', 'anlagen/passwd.pdf', /symbolischer Verweis/);
    await refused('key', 'anlagen/schluessel.pdf', /symbolischer Verweis/);
    await refused('folder', 'anlagen/ordner/key.pem', /symbolischer Verweis \(Link\) im Ordner „anlagen\/ordner“/);
    await refused('devzero', 'anlagen/null.pdf', /symbolischer Verweis/);
    await refused('inside', 'anlagen/innen.pdf', /symbolischer Verweis/);
  });

  it('refuses FIFOs, devices and folders by name, without hanging', async () => {
    execFileSync('mkfifo', [path.join(dir, 'anlagen', 'pipe.pdf')]);
    await refused('fifo', 'anlagen/pipe.pdf', /benannte Pipe \(FIFO\)/);
    await refused('dir', 'anlagen', /ein Ordner/);
    let device = false;
    try {
      execFileSync('mknod', [path.join(dir, 'anlagen', 'zero.pdf'), 'c', '1', '5'], { stdio: 'ignore' });
      device = true;
    } catch {
      // Not permitted here (no root): the link to /dev/zero above covers the case.
    }
    if (device) await refused('device', 'anlagen/zero.pdf', /Gerätedatei/);
  });

  it('reports a 2 GB file as too large without reading it (not "nicht gefunden")', async () => {
    const big = path.join(dir, 'anlagen', 'scan.pdf');
    fs.writeFileSync(big, '%PDF-1.4\n');
    fs.truncateSync(big, 2 * 1024 ** 3); // sparse: costs no disk
    const rss = process.memoryUsage().rss;
    await refused('huge', 'anlagen/scan.pdf', /mit 2,0 GB zu groß \(höchstens 100 MB\)/);
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 ** 2);
    fs.rmSync(big);
  });

  it('caps all Anlagen of a bundle together before reading any of them', async () => {
    const files = Array.from({ length: 12 }, (_, i) => `anlagen/teil-${i}.pdf`);
    for (const f of files) {
      fs.writeFileSync(path.join(dir, f), '%PDF-1.4\n');
      fs.truncateSync(path.join(dir, f), 99 * 1024 ** 2);
    }
    const before = await databaseFingerprint(t.app);
    const rss = process.memoryUsage().rss;
    const bundle = writeBundle(dir, 'many', files.map((file, i) => ({ title: `Teil ${i}`, file })));
    const r = await t.dispatch('daten.import', { path: bundle });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/zusammen 1,2 GB groß; in einem Import sind höchstens 500 MB möglich/) } });
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 ** 2);
    expect(await databaseFingerprint(t.app)).toBe(before);
    for (const f of files) fs.rmSync(path.join(dir, f));
  });

  it('reads a regular file exactly as stored, and a file swapped for a link after the check is refused', async () => {
    const bundle = path.join(dir, 'any.json');
    const read = readBesideBundle(bundle);
    expect(Buffer.from(read('anlagen/ok.pdf')).toString()).toBe('%PDF-1.4\n%%EOF\n');
    fs.writeFileSync(path.join(dir, 'anlagen', 'swap.pdf'), '%PDF-1.4\nharmlos\n');
    const racing = readBesideBundle(bundle);
    racing.checkAll!(['anlagen/swap.pdf']);
    fs.rmSync(path.join(dir, 'anlagen', 'swap.pdf'));
    fs.symlinkSync(path.join(outside, 'key.pem'), path.join(dir, 'anlagen', 'swap.pdf'));
    expect(() => racing('anlagen/swap.pdf')).toThrow(/symbolischer Verweis/);
  });

  it('imports a bundle of regular files (control)', async () => {
    const bundle = writeBundle(dir, 'gut', [{ title: 'Gut', file: 'anlagen/ok.pdf' }]);
    expect(await t.dispatch('daten.import', { path: bundle })).toMatchObject({ ok: true, result: { attachments: 1 } });
  });
});
