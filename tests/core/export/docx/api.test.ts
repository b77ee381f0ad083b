import JSZip from 'jszip';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinTemplatesDir } from '../../../../electron/core/templates/loader.js';
import { createFileGuardedDispatch } from '../../../../electron/host/file-policy.js';
import { Outbox } from '../../../../electron/host/outbox.js';
import { cli } from '../../../helpers/cli.js';
import { databaseFingerprint, tempApp, tempDir, type TempApp } from '../../../helpers/temp-app.js';
import { docxPart } from './helpers.js';
import { writeMusterkreisBundle } from './musterkreis-bundle.js';
import { VARIANTS } from '../../../fixtures/word/word-variants.js';

let t: TempApp;
let soz: number;
const out = tempDir('vw-api-docx-');
const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

beforeAll(async () => {
  t = await tempApp();
  await t.call('daten.import', { path: writeMusterkreisBundle(tempDir('vw-bundle-')) });
  soz = (await t.call('sitzungen.list', {})).find((m) => m.start.startsWith('2025-03-12'))!.id;
});
afterAll(() => t?.close());

describe('templates', () => {
  it('lists built-in and user templates; a broken user template is reported, the rest still listed', async () => {
    mkdirSync(join(t.dir, 'templates'), { recursive: true });
    writeFileSync(
      join(t.dir, 'templates', 'integrationsrat.json'),
      JSON.stringify({
        id: 'integrationsrat',
        name: 'Vorlage für den Integrationsrat',
        defaultRole: 'vorberatung',
        sections: [{ key: 'sachverhalt', title: 'Sachverhalt', required: true }],
        closingLine: 'Zur Sitzung {{gremium.genitive}} am {{sitzung.datum}}.',
        signature: { greeting: 'Im Auftrag', signatory: '{{amt.unterzeichnung}}' },
        attachments: { singular: 'Anlage:', plural: 'Anlagen:' },
      }),
    );
    writeFileSync(join(t.dir, 'templates', 'kaputt.json'), JSON.stringify({ id: 'kaputt', name: 'X', closingLine: '{{gibtsnicht}}' }));
    const r = await t.call('vorlagen.templates', {});
    expect(r.templates.map((x) => `${x.id}:${x.source}`)).toEqual(
      expect.arrayContaining(['mitteilungsvorlage:builtin', 'beschlussvorlage:builtin', 'sachstandsbericht:builtin', 'integrationsrat:user']),
    );
    expect(r.errors.map((e) => `${e.file}: ${e.field}`)).toEqual(expect.arrayContaining(['kaputt.json: defaultRole', 'kaputt.json: sections']));
  });
});

describe('HTML export and preview', () => {
  it('writes the self-contained HTML, escapes user text, records the export', async () => {
    const paper = await t.call('vorlagen.get', { ref: '50/012/2025' });
    await t.call('vorlagen.save', { id: paper.id, title: 'Sachstand <script>alert(1)</script> {{jahr}}' });
    const path = join(out, 'vorlage.html');
    const r = await t.call('vorlagen.exportHtml', { ref: '50/012/2025', meetingId: soz, path });
    const html = readFileSync(path, 'utf8');
    expect(r.bytes).toBe(Buffer.byteLength(html));
    expect(html).toContain('Sachstand &lt;script&gt;alert(1)&lt;/script&gt; {{jahr}}');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Zur Sitzung des Ausschusses für Soziales und Integration am 12.03.2025.');
    const { events } = await t.call('vorlagen.history', { ref: '50/012/2025' });
    expect(events.some((e) => e.action === 'export' && (e.details as { format?: string }).format === 'html')).toBe(true);
    await t.call('vorlagen.save', { id: paper.id, title: 'Kommunales Integrationsmanagement – Aktueller Sachstand' });
  });

  it('an unknown Sitzung is NOT_FOUND', async () => {
    expect(await t.dispatch('vorlagen.exportHtml', { ref: '50/012/2025', meetingId: 999_999, path: join(out, 'x.html') })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('DOCX import', () => {
  it('creates a Vorlage from an exported Word file with the same sections and Betreff', async () => {
    const path = join(out, 'fuer-import.docx');
    await t.call('vorlagen.exportDocx', { ref: '50/012/2025', meetingId: soz, path });
    const original = await t.call('vorlagen.get', { ref: '50/012/2025' });
    const r = await t.call('vorlagen.importDocx', { fileName: 'fuer-import.docx', dataBase64: b64(readFileSync(path)), template: 'mitteilungsvorlage', departmentId: 1 });
    expect(r.paper.reference).not.toBe(original.reference);
    expect(r.paper.title).toBe(original.title);
    expect(r.paper.sections).toEqual(original.sections);
    // The printed "Anlage:" list comes back as titles to add (the files themselves are not in a .docx).
    expect(r.attachments).toEqual(original.attachments.map((a) => a.title));
    expect(r.notes).toEqual([`Das Dokument nennt 1 Anlage: „${original.attachments[0]!.title}“. Bitte die Dateien als Anlagen hinzufügen.`]);
    const { events } = await t.call('vorlagen.history', { ref: r.paper.id });
    expect(events.map((e) => e.action)).toContain('vorlage.importiert');
  });

  it('rejects unusable files with a German message and stores nothing', async () => {
    const before = await databaseFingerprint(t.app);
    const zip = new JSZip();
    zip.file('readme.txt', 'kein Word');
    const cases: [Uint8Array | string, RegExp][] = [
      ['', /leer \(0 Byte\)/],
      ['Das ist nur Text.', /kein Word-Dokument im DOCX-Format/],
      [Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512), Buffer.from('EncryptedPackage', 'utf16le')]), /verschlüsselt/],
      [await zip.generateAsync({ type: 'uint8array' }), /kein Word-Dokument \(word\/document\.xml fehlt\)/],
    ];
    for (const [bytes, message] of cases) {
      const r = await t.dispatch('vorlagen.importDocx', { fileName: 'x.docx', dataBase64: b64(bytes), template: 'mitteilungsvorlage', departmentId: 1 });
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(message) } });
    }
    const unknownTemplate = await t.dispatch('vorlagen.importDocx', { fileName: 'x.docx', dataBase64: b64('x'), template: 'gibtsnicht', departmentId: 1 });
    expect(unknownTemplate).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await databaseFingerprint(t.app)).toBe(before);
  });
});

describe('DOCX import: the Amt (issue 15.14)', () => {
  it('without an Amt, several Ämter are named and nothing is filed under the first', async () => {
    const path = join(out, 'ohne-amt.docx');
    await t.call('vorlagen.exportDocx', { ref: '50/012/2025', path });
    await t.call('aemter.save', { key: 'jugend', code: '51', name: '51 – Jugendamt', signatory: '' });
    const before = await databaseFingerprint(t.app);
    const departments = await t.call('aemter.list', {});
    expect(departments.length).toBeGreaterThan(1);
    const r = await t.dispatch('vorlagen.importDocx', { fileName: 'ohne-amt.docx', dataBase64: b64(readFileSync(path)), template: 'mitteilungsvorlage' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'departmentId' }] } });
    const message = (r as { error: { message: string } }).error.message;
    for (const d of departments) expect(message).toContain(`${d.id} = ${d.name}`);
    expect(await databaseFingerprint(t.app)).toBe(before);
    // Named, it is filed there.
    const last = departments.at(-1)!;
    const ok = await t.call('vorlagen.importDocx', { fileName: 'ohne-amt.docx', dataBase64: b64(readFileSync(path)), template: 'mitteilungsvorlage', departmentId: last.id });
    expect(ok.paper.departmentId).toBe(last.id);
  });
});

describe('DOCX import: notes instead of silent guesses (issue 15.12/15.13)', () => {
  it('a Betreff taken from the file name is said; tracked changes are refused until accepted', async () => {
    const noTitle = await t.call('vorlagen.importDocx', { fileName: 'Sprachfoerderung.docx', dataBase64: b64(await VARIANTS.withoutBetreff()), template: 'mitteilungsvorlage', departmentId: 1 });
    expect(noTitle.paper.title).toBe('Sprachfoerderung');
    expect(noTitle.notes).toContain('Im Dokument wurde kein Betreff erkannt; der Dateiname „Sprachfoerderung“ wurde als Betreff übernommen. Bitte prüfen.');

    const tracked = b64(await VARIANTS.trackedChanges());
    const before = await databaseFingerprint(t.app);
    const refused = await t.dispatch('vorlagen.importDocx', { fileName: 'aenderungen.docx', dataBase64: tracked, template: 'mitteilungsvorlage', departmentId: 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/^Das Word-Dokument enthält 2 nicht angenommene Änderungen/) } });
    expect(await databaseFingerprint(t.app)).toBe(before);
    const accepted = await t.call('vorlagen.importDocx', { fileName: 'aenderungen.docx', dataBase64: tracked, template: 'mitteilungsvorlage', departmentId: 1, trackedChanges: 'accept' });
    expect(accepted.notes[0]).toBe('2 nachverfolgte Änderungen wurden angenommen (Einfügungen übernommen, Löschungen entfernt).');
  });
});

describe('Beratungsergebnis and Einladung as DOCX', () => {
  it('exports the Beratungsergebnis of the TOP', async () => {
    const path = join(out, 'ergebnis.docx');
    await t.call('ergebnisse.exportDocx', { ref: '50/012/2025', meetingId: soz, path });
    const xml = await docxPart(readFileSync(path), 'word/document.xml');
    // The Beratungsergebnis is the Auszug aus der Niederschrift of the Vorlage's TOP (issue 17).
    for (const text of ['Auszug aus der Niederschrift', 'am 12.03.2025', 'Kommunales Integrationsmanagement – Aktueller Sachstand', 'Vorlage: 50/012/2025', 'Stellenbesetzung', 'nimmt die Vorlage Nr. 50/012/2025 zur Kenntnis.']) {
      expect(xml).toContain(text);
    }
    // A Kenntnisnahme is never labelled "Beschluss:".
    expect(xml).not.toContain('Beschluss:');
  });

  it('exports Einladung + Tagesordnung; the public variant has no non-public TOP', async () => {
    const members = join(out, 'einladung-mitglieder.docx');
    const pub = join(out, 'einladung-oeffentlich.docx');
    await t.call('sitzungen.exportEinladungDocx', { meetingId: soz, variant: 'members', path: members });
    await t.call('sitzungen.exportEinladungDocx', { meetingId: soz, variant: 'public', path: pub });
    const m = await docxPart(readFileSync(members), 'word/document.xml');
    const p = await docxPart(readFileSync(pub), 'word/document.xml');
    expect(m).toContain('Einladung zur 12. Sitzung des Ausschusses für Soziales und Integration');
    expect(m).toContain('B. Nichtöffentlicher Teil');
    expect(m).toContain('Vergabe von Sprachkursplätzen');
    expect(p).not.toContain('Nichtöffentlicher Teil');
    expect(p).not.toContain('Sprachkursplätzen');
  });
});

describe('Hausvorlage', () => {
  it('rejects an unusable letterhead, registers the example one, and the DOCX export then uses it', async () => {
    const bad = await t.dispatch('hausvorlage.set', { fileName: 'briefkopf.docx', dataBase64: b64('kein docx') });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.call('hausvorlage.get', {})).toMatchObject({ registered: false });

    const letterhead = readFileSync(join(builtinTemplatesDir(), 'hausvorlage', 'musterkreis-briefkopf.docx'));
    const info = await t.call('hausvorlage.set', { fileName: 'musterkreis-briefkopf.docx', dataBase64: b64(letterhead) });
    expect(info).toMatchObject({ registered: true, fileName: 'musterkreis-briefkopf.docx', placeholders: expect.arrayContaining(['inhalt', 'betreff']) });

    const withHouse = join(out, 'mit-hausvorlage.docx');
    const r = await t.call('vorlagen.exportDocx', { ref: '50/012/2025', meetingId: soz, path: withHouse });
    expect(r.letterhead).toBe(true);
    expect(await docxPart(readFileSync(withHouse), 'word/header1.xml')).toContain('Der Landrat');
    const plain = await t.call('vorlagen.exportDocx', { ref: '50/012/2025', meetingId: soz, path: join(out, 'ohne.docx'), letterhead: false });
    expect(plain.letterhead).toBe(false);

    expect(await t.call('hausvorlage.remove', {})).toEqual({ removed: true });
    expect(await t.dispatch('vorlagen.exportDocx', { ref: '50/012/2025', path: join(out, 'y.docx'), letterhead: true })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('keine Hausvorlage') },
    });
  });
});

describe('renderer access (guarded dispatch)', () => {
  it('never writes where the renderer says: every export of this feature goes to an outbox file', async () => {
    const outbox = new Outbox();
    try {
      const guarded = createFileGuardedDispatch({ dispatch: t.dispatch, outbox, dataDir: t.dir });
      const evil = join(out, 'vom-renderer-gewaehlt');
      const calls: [string, Record<string, unknown>, string][] = [
        ['vorlagen.exportDocx', { ref: '50/012/2025', path: `${evil}.docx` }, 'Vorlage-50-012-2025.docx'],
        ['vorlagen.exportHtml', { ref: '50/012/2025', path: `${evil}.html` }, 'Vorlage-50-012-2025.html'],
        ['ergebnisse.exportDocx', { ref: '50/012/2025', meetingId: soz, path: `${evil}-e.docx` }, 'Beratungsergebnis.docx'],
        ['sitzungen.exportEinladungDocx', { meetingId: soz, variant: 'public', path: `${evil}-s.docx` }, 'Einladung-Tagesordnung-oeffentlich.docx'],
      ];
      for (const [method, params, fileName] of calls) {
        const response = await guarded(method, params);
        expect(response.ok, method).toBe(true);
        expect(response.ok && 'file' in response && response.file?.fileName).toBe(fileName);
        expect(existsSync(params.path as string)).toBe(false);
      }
    } finally {
      outbox.close();
    }
  });
});

describe('CLI', () => {
  it('vorlage export / import-docx / result export / template list work end to end', async () => {
    const dir = tempDir('vw-cli-docx-');
    expect(cli(dir, 'import', writeMusterkreisBundle(tempDir('vw-bundle-'))).code).toBe(0);
    const meetings = JSON.parse(cli(dir, '--json', 'sitzung', 'list').stdout) as { id: number; start: string }[];
    const id = String(meetings.find((m) => m.start.startsWith('2025-03-12'))!.id);

    const docx = join(dir, 'vorlage.docx');
    const exported = cli(dir, 'vorlage', 'export', '50/012/2025', '--format', 'docx', '--out', docx, '--sitzung', id);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^Vorlage gespeichert: .*vorlage\.docx \(\d+ Byte, SHA-256 [0-9a-f]{64}\)/);

    const imported = cli(dir, 'vorlage', 'import-docx', docx, '--template', 'mitteilungsvorlage', '--amt', '1');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^Vorlage 50\/\d{3}\/\d{4} angelegt: Kommunales Integrationsmanagement – Aktueller Sachstand/);

    const empty = join(dir, 'leer.docx');
    writeFileSync(empty, '');
    const rejected = cli(dir, 'vorlage', 'import-docx', empty, '--template', 'mitteilungsvorlage', '--amt', '1');
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain('Die Datei ist leer (0 Byte).');

    const result = cli(dir, 'result', 'export', '50/012/2025', '--sitzung', id, '--format', 'docx', '--out', join(dir, 'ergebnis.docx'));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Beratungsergebnis gespeichert:/);

    const templates = cli(dir, 'template', 'list');
    expect(templates.code).toBe(0);
    expect(templates.stdout).toMatch(/mitteilungsvorlage\s+Mitteilungsvorlage\s+Kenntnisnahme\s+mitgeliefert\s+Vorbemerkungen, Erläuterungen/);
  }, 120_000);

  it('import-docx names the Ämter without --amt and refuses tracked changes without --aenderungen-annehmen (issue 15.12, 15.14)', async () => {
    // Issue 15.14: with several Ämter (the demo has three) the import names them instead of taking the first.
    const demo = tempDir('vw-cli-docx-demo-');
    expect(cli(demo, 'demo').code).toBe(0);
    const before = cli(demo, '--json', 'vorlage', 'list').json<unknown[]>().length;
    const docx = join(demo, 'vorlage.docx');
    writeFileSync(docx, await VARIANTS.numberedHeadings());
    const withoutAmt = cli(demo, 'vorlage', 'import-docx', docx, '--template', 'mitteilungsvorlage');
    expect(withoutAmt.code).toBe(1);
    expect(withoutAmt.stderr).toMatch(/^Fehler: Die Option --amt fehlt/);
    expect(withoutAmt.stderr).toMatch(/--amt 1 +50\.2 – Kommunales Integrationszentrum/);
    expect(withoutAmt.stderr).toMatch(/--amt 3 +20 – Kämmerei/);
    expect(cli(demo, '--json', 'vorlage', 'list').json<unknown[]>().length).toBe(before);
    expect(cli(demo, 'vorlage', 'import-docx', docx, '--template', 'mitteilungsvorlage', '--amt', '3').code).toBe(0);

    // Tracked changes: refused (exit 1) until --aenderungen-annehmen; every note is printed.
    const tracked = join(demo, 'aenderungen.docx');
    writeFileSync(tracked, await VARIANTS.trackedChanges());
    const refusedTracked = cli(demo, 'vorlage', 'import-docx', tracked, '--template', 'mitteilungsvorlage', '--amt', '1');
    expect(refusedTracked.code).toBe(1);
    expect(refusedTracked.stderr).toMatch(/^Fehler: Das Word-Dokument enthält 2 nicht angenommene Änderungen/);
    const acceptedTracked = cli(demo, 'vorlage', 'import-docx', tracked, '--template', 'mitteilungsvorlage', '--amt', '1', '--aenderungen-annehmen');
    expect(acceptedTracked.code).toBe(0);
    expect(acceptedTracked.stdout).toContain('Hinweis: 2 nachverfolgte Änderungen wurden angenommen');
    expect(acceptedTracked.stdout).toContain('Hinweis: Das Dokument nennt 1 Anlage: „Übersicht der Kindertagesstätten im Musterkreis“.');
  }, 240_000);
});
