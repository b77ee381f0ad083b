import fs from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeFileName } from '../../../electron/core/files/safe-name.js';
import { builtinTemplatesDir } from '../../../electron/core/templates/loader.js';
import { docxPackageProblems } from '../export/docx/helpers.js';
import { pdfText, qdfBytes } from '../export/pdf/pdf-tools.js';
import { releasePaper } from '../../helpers/freigabe.js';
import { tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';

/**
 * Issue 8.5: what a user may type — markup, script URLs, template placeholders, bidi overrides,
 * 10 000-character words, NUL bytes — in titles, section text, committee names, TOPs and Anlage
 * file names is stored as typed, comes out inert in HTML, DOCX and PDF, and file names written
 * to disk are sanitised.
 *
 * NUL and other control characters: single-line fields (titles, names) refuse them with a clear
 * VALIDATION error (schemas.ts lineText) — accepted behaviour; multi-line section text accepts
 * them as typed, and every output must still be valid (no control characters in DOCX XML).
 */

const SCRIPT = '<script>alert("vw")</script>';
const IMG = '<img src=x onerror="alert(1)">';
const JS_URL = 'javascript:alert(document.cookie)';
const MUSTACHE = '{{betreff}} {{inhalt}} {{#each x}}{{/each}} ${process.env.HOME}';
const RTL = 'Bericht\u202Efdp.exe';
const XML = '</w:t></w:r><w:r><w:t>eingeschleust]]>&amp;';
const PDF_OPS = ') Tj /JavaScript << /S /JavaScript /JS (app.alert(1)) >> (';
const LONG_WORD = `Donaudampfschifffahrt${'x'.repeat(10_000 - 21)}`;
const PAYLOADS = [SCRIPT, IMG, JS_URL, MUSTACHE, RTL, XML, PDF_OPS];
const TITLE = `Sachstand ${SCRIPT} ${IMG} ${JS_URL} ${MUSTACHE} ${RTL} ${XML} ${PDF_OPS}`;

let t: TempApp;
let out: string;
let paper: { id: number; reference: string };
let meetingId: number;
let committeeName: string;
const doc = (...texts: string[]) => ({ type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });
const sections = { vorbemerkungen: doc('Die Verwaltung berichtet.'), erlaeuterungen: doc(...PAYLOADS, LONG_WORD, 'Mit NUL\u0000 und Glocke\u0007 im Text.') };

beforeAll(async () => {
  t = await tempApp({ demo: true });
  out = tempDir('vw-inject-');
  const department = (await t.call('aemter.list', {}))[0]!;
  const meeting = (await t.call('sitzungen.list', {})).find((m) => m.state === 'geplant' && m.start > new Date().toISOString().slice(0, 16))!;
  meetingId = meeting.id;
  const committee = (await t.call('gremien.list', {})).find((c) => c.id === meeting.committeeId)!;
  committeeName = `Ausschuss ${SCRIPT} {{betreff}} ${RTL}`.slice(0, 200);
  await t.call('gremien.save', { ...committee, name: committeeName, shortName: `SozA ${IMG}`.slice(0, 200), genitive: `des Ausschusses ${XML}`.slice(0, 200) });
  const created = await t.call('vorlagen.create', { template: 'mitteilungsvorlage', departmentId: department.id, public: true, title: TITLE, sections });
  paper = { id: created.id, reference: created.reference };
  await t.call('anlagen.add', { paperId: created.id, title: `Anlage ${SCRIPT} ${RTL}`, fileName: '../../..\\..\\evil\u202Efdp.exe', public: true, dataBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') });
  await t.call('beratungen.add', { paperId: created.id, committeeId: committee.id, role: 'kenntnisnahme', meetingId });
  // Only released Vorlagen go into a Sitzungsmappe.
  await releasePaper(t, created.id);
  await t.call('tagesordnung.add', { meetingId, title: `TOP ${SCRIPT} ${MUSTACHE} ${JS_URL}`, public: true });
});
afterAll(async () => {
  await t?.close();
});

describe('injection through user text', () => {
  it('stores titles, section text and committee names exactly as typed', async () => {
    const got = await t.call('vorlagen.get', { ref: paper.id });
    expect(got.title).toBe(TITLE);
    expect(got.sections).toEqual(sections);
    expect((await t.call('gremien.list', {})).map((c) => c.name)).toContain(committeeName);
    const top = (await t.call('sitzungen.get', { id: meetingId })).agenda.find((i) => i.title.startsWith('TOP '))!;
    expect(top.title).toBe(`TOP ${SCRIPT} ${MUSTACHE} ${JS_URL}`);
    // The 10 000-character word in the text is kept whole and is searchable by its start.
    expect(JSON.stringify(got.sections)).toContain(LONG_WORD);
  });

  it('refuses NUL and control characters in single-line fields with a clear German VALIDATION error', async () => {
    for (const [method, params] of [
      ['vorlagen.save', { id: paper.id, title: 'Titel mit NUL\u0000' }],
      ['tagesordnung.add', { meetingId, title: 'TOP\u0007' }],
      ['anlagen.update', { id: (await t.call('vorlagen.get', { ref: paper.id })).attachments[0]!.id, title: 'A\u001b[31m' }],
    ] as const) {
      const r = await t.dispatch(method, params);
      expect(r, method).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('unzulässige Steuerzeichen') } });
    }
    // Issue 12.11: line breaks, tabs, DEL, C1 and Unicode line separators too — a title with
    // "\nFehler: …" would otherwise print a fake error line in CLI output.
    const anlageId = (await t.call('vorlagen.get', { ref: paper.id })).attachments[0]!.id;
    const committee = (await t.call('gremien.list', {}))[0]!;
    for (const bad of ['Titel\nFehler: Datenbank gelöscht', 'Titel\r\nZeile', 'Titel\rZeile', 'Tab\tTitel', 'DEL\u007f', 'C1\u0085Zeile', 'LS\u2028Zeile', 'PS\u2029Zeile']) {
      for (const [method, params] of [
        ['vorlagen.save', { id: paper.id, title: bad }],
        ['tagesordnung.add', { meetingId, title: bad }],
        ['anlagen.update', { id: anlageId, title: bad }],
        ['gremien.save', { ...committee, name: bad }],
        ['suche.query', { query: bad }],
      ] as const) {
        const r = await t.dispatch(method, params);
        expect(r, `${method} ${JSON.stringify(bad)}`).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('unzulässige Steuerzeichen') } });
      }
    }
    expect((await t.call('vorlagen.get', { ref: paper.id })).title).toBe(TITLE);
    // A 10 000-character word is too long for a title: refused, and the message says so.
    const long = await t.dispatch('vorlagen.save', { id: paper.id, title: LONG_WORD });
    expect(long).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('zu lang (höchstens 1000 Zeichen)') } });
  });

  it('stores Anlage file names sanitised and writes only safe names to disk (bundle export)', async () => {
    const anlage = (await t.call('vorlagen.get', { ref: paper.id })).attachments[0]!;
    expect(anlage.fileName).toBe(safeFileName('../../..\\..\\evil\u202Efdp.exe'));
    expect(anlage.fileName).not.toMatch(/[\\/\u202a-\u202e\u2066-\u2069\u0000-\u001f]|^\.\./);
    const dir = path.join(out, 'bundle');
    fs.mkdirSync(dir);
    await t.call('daten.export', { path: path.join(dir, 'export.json'), publicOnly: false });
    const written = fs.readdirSync(dir, { recursive: true }).map(String);
    // Everything stays inside the export folder, with no bidi tricks or control characters.
    for (const rel of written) {
      expect(path.resolve(dir, rel).startsWith(dir + path.sep)).toBe(true);
      expect(rel).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u0000-\u001f<>:"|?*]/);
    }
    expect(fs.existsSync(path.join(out, 'evil'))).toBe(false);
    expect(fs.readdirSync(out)).toEqual(['bundle']);
    // safeFileName against the classics.
    for (const bad of ['../../x', '..\\..\\x', '/etc/passwd', 'CON', 'nul.txt', 'a\u0000b', '\u202Etxt.exe', ' . ', 'x'.repeat(400)]) {
      const safe = safeFileName(bad);
      expect(safe, bad).not.toMatch(/[\\/\u0000-\u001f\u202a-\u202e]|^\.|^(con|nul)(\..*)?$/i);
      expect(safe.length).toBeLessThanOrEqual(180);
    }
  });

  it('renders the payloads inert in HTML: escaped text, no script, no handler, no javascript: link, a CSP', async () => {
    const file = path.join(out, 'vorlage.html');
    await t.call('vorlagen.exportHtml', { ref: paper.id, meetingId, path: file });
    const html = fs.readFileSync(file, 'utf8');
    const window = new Window();
    window.document.write(html);
    const document = window.document;
    expect(document.querySelectorAll('script, iframe, object, embed').length).toBe(0);
    const handlers = [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name)).filter((n) => n.toLowerCase().startsWith('on'));
    expect(handlers).toEqual([]);
    expect([...document.querySelectorAll('[href], [src]')].map((el) => el.getAttribute('href') ?? el.getAttribute('src'))).not.toContainEqual(expect.stringMatching(/^\s*javascript:/i));
    // The typed text is visible as text.
    const text = document.body.textContent ?? '';
    for (const p of [SCRIPT, IMG, JS_URL, MUSTACHE, XML]) expect(text).toContain(p);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    await window.happyDOM.close();
  });

  it('writes valid DOCX with the payloads as plain text, also into the Hausvorlage (no placeholder injection)', async () => {
    for (const letterhead of [false, true]) {
      if (letterhead) {
        const bytes = fs.readFileSync(path.join(builtinTemplatesDir(), 'hausvorlage', 'musterkreis-briefkopf.docx'));
        await t.call('hausvorlage.set', { fileName: 'briefkopf.docx', dataBase64: bytes.toString('base64') });
      }
      const file = path.join(out, `vorlage-${letterhead}.docx`);
      const r = await t.call('vorlagen.exportDocx', { ref: paper.id, meetingId, path: file, letterhead });
      expect(r.letterhead).toBe(letterhead);
      const bytes = fs.readFileSync(file);
      expect(await docxPackageProblems(bytes)).toEqual([]);
      const zip = await JSZip.loadAsync(bytes);
      const xml = await zip.file('word/document.xml')!.async('string');
      const text = xml.replace(/<w:tab\/>/g, '\t').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
      // The placeholders the user typed are still there, literally: nothing was substituted into them.
      for (const p of [SCRIPT, IMG, JS_URL, '{{betreff}} {{inhalt}}', XML]) expect(text, `${p} (Hausvorlage: ${letterhead})`).toContain(p);
      expect(xml).not.toContain('<script>');
      expect(xml).not.toContain('<w:t>eingeschleust');
    }
    await t.call('hausvorlage.remove', {});
  });

  it('writes a PDF that shows the payloads as text and contains no JavaScript, actions or links', async () => {
    const file = path.join(out, 'vorlage.pdf');
    await t.call('vorlagen.exportPdf', { ref: paper.id, meetingId, path: file });
    const bytes = fs.readFileSync(file);
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    for (const p of ['<script>alert("vw")</script>', 'javascript:alert(document.cookie)', '{{betreff}}']) expect(text).toContain(p);
    const qdf = qdfBytes(bytes).toString('latin1');
    // The XMP packet (PDF/A) carries the title as XML text: there a payload is escaped character
    // data, never PDF syntax. Everything outside it must be free of actions.
    const xmp = /<\?xpacket begin[\s\S]*?<\?xpacket end[^>]*>/.exec(qdf)?.[0] ?? '';
    expect(xmp).toContain('&lt;script&gt;alert');
    expect(xmp).not.toContain('<script>');
    const raw = qdf.replace(xmp, '');
    expect(raw).not.toMatch(/\/(JavaScript|JS|Launch|OpenAction|AA|SubmitForm|ImportData)\b/);
    expect(raw).not.toMatch(/\/URI\s*\(\s*javascript:/i);
  }, 120_000);

  it('prints the Sitzungsmappe with committee name, TOP and Vorlage payloads as inert text', async () => {
    const file = path.join(out, 'mappe.pdf');
    await t.call('sitzungen.pack', { meetingId, variant: 'public', path: file });
    const bytes = fs.readFileSync(file);
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    expect(text).toContain('<script>alert("vw")</script>');
    expect(text).toContain('{{betreff}}');
    const raw = qdfBytes(bytes).toString('latin1');
    expect(raw).not.toMatch(/\/(JavaScript|JS|Launch|OpenAction|SubmitForm|ImportData)\b/);
    expect(raw).not.toMatch(/\/URI\s*\(\s*javascript:/i);
  }, 120_000);

  it('keeps the Einladung (DOCX) valid with a committee name full of markup', async () => {
    const file = path.join(out, 'einladung.docx');
    await t.call('sitzungen.exportEinladungDocx', { meetingId, variant: 'members', path: file });
    const bytes = fs.readFileSync(file);
    expect(await docxPackageProblems(bytes)).toEqual([]);
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    expect(xml).toContain('&lt;script&gt;');
    expect(xml).not.toContain('<script>');
  });
});
