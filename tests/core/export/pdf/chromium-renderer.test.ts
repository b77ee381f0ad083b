import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PDFDocument as CjsPDFDocument } from 'pdf-lib';
import { PDFDocument } from '../../../../electron/core/export/pdf/pdf-lib.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfRenderer } from '../../../../electron/core/export/pdf/chromium-renderer.js';
import { chromiumCandidates, findChromium } from '../../../../electron/core/export/pdf/find-chromium.js';
import { readNamedDestinations } from '../../../../electron/core/export/pdf/named-destinations.js';
import { PdfRendererUnavailableError } from '../../../../electron/core/export/pdf/types.js';
import { pdfFonts, pdfInfo, pdfText } from './pdf-tools.js';

const page = (body: string, title = 'Test') =>
  `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${title}</title>` +
  `<style>@page{size:A4;margin:20mm} section{break-before:page}</style></head><body>${body}</body></html>`;

describe('findChromium', () => {
  it('uses CHROMIUM_PATH when it points to a program', () => {
    const found = findChromium({
      env: { CHROMIUM_PATH: '/opt/chrome/chrome', PATH: '/usr/bin' },
      platform: 'linux',
      isExecutable: (p) => p === '/opt/chrome/chrome' || p === '/usr/bin/chromium',
    });
    expect(found).toBe('/opt/chrome/chrome');
  });

  it('refuses a CHROMIUM_PATH that points nowhere instead of silently using another browser', () => {
    expect(() =>
      findChromium({
        env: { CHROMIUM_PATH: '/nirgends/chromium' },
        platform: 'linux',
        isExecutable: (p) => p === '/usr/bin/chromium',
      }),
    ).toThrow(/CHROMIUM_PATH verweist auf „\/nirgends\/chromium“/);
  });

  it('falls back to the usual install paths in order', () => {
    const found = findChromium({
      env: { PATH: '' },
      platform: 'linux',
      isExecutable: (p) => p === '/usr/bin/google-chrome' || p === '/usr/bin/chromium-browser',
    });
    expect(found).toBe('/usr/bin/chromium-browser');
    expect(chromiumCandidates({ env: { PATH: '/opt/bin' }, platform: 'linux' })).toContain('/opt/bin/chromium');
  });

  it('names what to install, per platform, when nothing is found', () => {
    const none = () => false;
    const linux = captureError(() => findChromium({ env: { PATH: '/usr/bin' }, platform: 'linux', isExecutable: none }));
    expect(linux).toBeInstanceOf(PdfRendererUnavailableError);
    expect(linux.message).toContain('apt install chromium');
    expect(linux.message).toContain('CHROMIUM_PATH');
    expect(linux.message).toContain('/usr/bin/chromium');
    const windows = captureError(() => findChromium({ env: {}, platform: 'win32', isExecutable: none }));
    expect(windows.message).toContain('Google Chrome installieren');
  });
});

describe('ChromiumPdfRenderer (Debian Chromium)', () => {
  const renderer = new ChromiumPdfRenderer();
  let server: Server;
  let requests = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await renderer.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('prints German text with every font embedded', async () => {
    const pdf = await renderer.render(page('<h1>Sachstand Integration – Größe, Übersicht</h1><p>Äußerst schön.</p>'));
    expect(pdfText(pdf)).toContain('Sachstand Integration – Größe, Übersicht');
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
  });

  it('keeps the structure tree only when tagged output is requested', async () => {
    const html = page('<h1>Vorlage</h1><p>Text</p>');
    expect(pdfInfo(await renderer.render(html, { tagged: true })).Tagged).toBe('yes');
    expect(pdfInfo(await renderer.render(html)).Tagged).toBe('no');
  });

  it('writes our metadata and language instead of the browser defaults, keeping tags', async () => {
    const pdf = await renderer.render(page('<p>Inhalt</p>', 'HTML-Titel'), {
      tagged: true,
      metadata: {
        title: 'Vorlage 50/012/2025 – Sachstand',
        subject: 'Mitteilungsvorlage',
        author: 'Musterkreis',
        date: new Date('2025-03-01T10:00:00Z'),
      },
    });
    const info = pdfInfo(pdf);
    expect(info.Title).toBe('Vorlage 50/012/2025 – Sachstand');
    expect(info.Subject).toBe('Mitteilungsvorlage');
    expect(info.Author).toBe('Musterkreis');
    expect(info.Creator).toBe('Vorlagenwerk');
    expect(info.Tagged).toBe('yes');
    const doc = await CjsPDFDocument.load(pdf);
    expect(doc.catalog.get(doc.context.obj('Lang') as never)?.toString()).toBe('(de-DE)');
  });

  it('never contacts the network while printing', async () => {
    const { port } = server.address() as AddressInfo;
    const pdf = await renderer.render(
      page(`<p>Bild:</p><img src="http://127.0.0.1:${port}/bild.png"><link rel="stylesheet" href="http://127.0.0.1:${port}/a.css">`),
    );
    expect(pdfText(pdf)).toContain('Bild:');
    expect(requests).toBe(0);
  });

  it('renders many documents in parallel with one browser', async () => {
    const pdfs = await Promise.all(
      Array.from({ length: 5 }, (_, i) => renderer.render(page(`<p>Dokument Nummer ${i + 1}</p>`))),
    );
    pdfs.forEach((pdf, i) => expect(pdfText(pdf)).toContain(`Dokument Nummer ${i + 1}`));
  });

  it('marks where each section starts via named destinations of internal links', async () => {
    const sections = [1, 2, 3]
      .map((i) => `<section id="teil-${i}"><h1>Teil ${i}</h1>${'<p>Absatz mit etwas Text.</p>'.repeat(i * 40)}</section>`)
      .join('');
    const nav = '<nav style="display:none"><a href="#teil-1"></a><a href="#teil-2"></a><a href="#teil-3"></a></nav>';
    const pdf = await renderer.render(page(nav + sections));
    const doc = await PDFDocument.load(pdf);
    const dests = readNamedDestinations(doc);
    expect([...dests.keys()].sort()).toEqual(['teil-1', 'teil-2', 'teil-3']);
    for (const [name, index] of dests) {
      expect(pdfText(pdf, index + 1)).toContain(`Teil ${name.slice(-1)}`);
    }
    expect(dests.get('teil-1')).toBeLessThan(dests.get('teil-2')!);
    expect(dests.get('teil-2')).toBeLessThan(dests.get('teil-3')!);
  });

  it('refuses to render after close', async () => {
    const other = new ChromiumPdfRenderer();
    await other.render(page('<p>x</p>'));
    await other.close();
    await expect(other.render(page('<p>y</p>'))).rejects.toThrow('bereits geschlossen');
  });
});

function captureError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
