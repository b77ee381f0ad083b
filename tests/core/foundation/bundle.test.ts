import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFingerprint, tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';

const opened: TempApp[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close();
});
const app = async (demo = false) => {
  const t = await tempApp({ demo });
  opened.push(t);
  return t;
};

/** A bundle whose keys do not clash with the demo data, so bad-input tests can run on a full database. */
const minimal = () => ({
  format: 'vorlagenwerk-bundle',
  version: 1,
  body: { name: 'Musterkreis', numberPattern: '{amt}/{nr:3}/{jahr}' },
  departments: [{ key: 'ki', code: '50', name: '50.2 – Kommunales Integrationszentrum (KI)', signatory: '(Leitung)' }],
  committees: [{ key: 'soz', name: 'Ausschuss für Soziales und Integration', shortName: 'Sozialausschuss', genitive: 'des Ausschusses für Soziales und Integration', kind: 'ausschuss', noticePeriodDays: 7 }],
  meetings: [{ key: 'soz-1', committee: 'soz', start: '2025-03-12T15:00', location: 'Kreishaus, Saal 1', agenda: [{ number: '10', public: true, title: 'Sachstand KIM', paper: 'p1', result: 'Kenntnis genommen', minutes: 'Frau Beispiel berichtet.' }] }],
  papers: [{
    key: 'p1', reference: '50/012/2025', department: 'ki', template: 'mitteilungsvorlage', title: 'Sachstand KIM', public: true,
    sections: { vorbemerkungen: 'Ein **wichtiger** Satz.', erlaeuterungen: '1. eins\n2. zwei' },
    consultations: [{ meeting: 'soz-1', role: 'kenntnisnahme' }],
    attachments: [{ title: 'Geschäftsordnung', file: 'anlagen/go.pdf', public: true }],
  }],
});

function besideDemo() {
  const b = minimal();
  b.departments[0]!.key = 'ki-neu';
  b.papers[0]!.department = 'ki-neu';
  b.committees[0] = { ...b.committees[0]!, key: 'soz-neu', name: 'Neuer Ausschuss' };
  b.meetings[0]!.committee = 'soz-neu';
  b.meetings[0]!.key = 'soz-neu-1';
  b.papers[0]!.consultations = [{ meeting: 'soz-neu-1', role: 'kenntnisnahme' }];
  return b;
}

function writeBundle(bundle: unknown, files: Record<string, string | Buffer> = { 'anlagen/go.pdf': '%PDF-1.4\n%%EOF\n' }): string {
  const dir = tempDir('vw-bundle-');
  const file = path.join(dir, 'bundle.json');
  fs.writeFileSync(file, typeof bundle === 'string' ? bundle : JSON.stringify(bundle));
  for (const [rel, data] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), data);
  }
  return file;
}

describe('bundle import', () => {
  it('imports Markdown sections, links the TOP to its Beratung and keeps the given number', async () => {
    const t = await app();
    const summary = await t.call('daten.import', { path: writeBundle(minimal()) });
    expect(summary).toEqual({ departments: 1, committees: 1, meetings: 1, papers: 1, attachments: 1 });
    const paper = await t.call('vorlagen.get', { ref: '50/012/2025' });
    expect(paper.sections.vorbemerkungen!.content[0]).toMatchObject({ type: 'paragraph' });
    expect(JSON.stringify(paper.sections.vorbemerkungen)).toContain('"bold"');
    expect(paper.sections.erlaeuterungen!.content[0]).toMatchObject({ type: 'orderedList' });
    expect(paper.status).toBe('erledigt');
    const meeting = await t.call('sitzungen.get', { id: paper.consultations[0]!.meetingId! });
    expect(meeting.agenda[0]).toMatchObject({ number: '10', result: 'Kenntnis genommen', paperReference: '50/012/2025', consultationId: paper.consultations[0]!.id });
    expect(paper.attachments[0]).toMatchObject({ mediaType: 'application/pdf', fileName: 'go.pdf' });
  });

  const badCases: [string, (b: ReturnType<typeof minimal>) => unknown, RegExp, Record<string, string>?][] = [
    ['malformed JSON', () => '{"format": "vorlagenwerk-bundle", ', /kein gültiges JSON/],
    ['wrong format marker', (b) => ({ ...b, format: 'etwas-anderes' }), /ungültig.*format/],
    ['unknown committee key', (b) => ({ ...b, meetings: [{ ...b.meetings[0]!, committee: 'gibtsnicht' }] }), /unbekannte Gremium „gibtsnicht“/],
    ['duplicate Vorlage number', (b) => ({ ...b, papers: [b.papers[0]!, { ...b.papers[0]!, key: 'p2', consultations: [] }] }), /Vorlagennummer „50\/012\/2025“ kommt im Bundle doppelt vor/],
    ['wrong type', (b) => ({ ...b, committees: [{ ...b.committees[0]!, noticePeriodDays: 'sieben' }] }), /committees\.0\.noticePeriodDays: falscher Typ/],
    ['10 MB title', (b) => ({ ...b, papers: [{ ...b.papers[0]!, title: 'A'.repeat(10 * 1024 * 1024) }] }), /papers\.0\.title: zu lang/],
    ['missing Anlage file', (b) => b, /Anlage-Datei „anlagen\/go\.pdf“ .* nicht gefunden/, {}],
    ['unknown field', (b) => ({ ...b, extra: true }), /unbekannte Felder: extra/],
    ['path traversal in Anlage path', (b) => ({ ...b, papers: [{ ...b.papers[0]!, attachments: [{ title: 'x', file: '../../etc/passwd', public: true }] }] }), /relativ zur Bundle-Datei/],
    // Issue 15.2: a time the clock skips is refused at entry, the bundle included.
    ['a Sitzung at a time the clock skips', (b) => ({ ...b, meetings: [{ ...b.meetings[0]!, start: '2026-03-29T02:30' }] }), /Die Sitzung „soz-neu-1“ beginnt am 29\.03\.2026, 02:30 Uhr; diese Uhrzeit gibt es in der Zeitzone Europe\/Berlin nicht/],
    ['a Sitzung ending at a time the clock skips', (b) => ({ ...b, meetings: [{ ...b.meetings[0]!, start: '2026-03-29T01:00', end: '2026-03-29T02:15' }] }), /Die Sitzung „soz-neu-1“ endet am 29\.03\.2026, 02:15 Uhr; diese Uhrzeit gibt es/],
  ];
  for (const [name, mutate, message, files] of badCases) {
    it(`rejects a bundle with ${name} with a German message and changes nothing`, async () => {
      const t = await app(true);
      const before = await databaseFingerprint(t.app);
      const response = await t.dispatch('daten.import', { path: writeBundle(mutate(besideDemo()), files) });
      expect(response.ok).toBe(false);
      if (!response.ok) {
        expect(['VALIDATION', 'CONFLICT']).toContain(response.error.code);
        expect(response.error.message).toMatch(message);
        expect(response.error.message).not.toMatch(/at .*\.ts:\d+/);
      }
      expect(await databaseFingerprint(t.app)).toBe(before);
    });
  }

  it('into a new database, Sitzung times are checked in the time zone the bundle brings (issue 15.2)', async () => {
    const t = await app();
    const settings = { timeZone: 'America/New_York', license: '', systemLicense: '', legislativeTerms: [] };
    // 08.03.2026, 02:30 exists in Berlin; New York skips it (summer time starts that night).
    const skipped = { ...minimal(), oparl: { settings, published: [] } };
    skipped.meetings = [{ ...skipped.meetings[0]!, start: '2026-03-08T02:30' }];
    const before = await databaseFingerprint(t.app);
    const response = await t.dispatch('daten.import', { path: writeBundle(skipped) });
    expect(response).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('Die Sitzung „soz-1“ beginnt am 08.03.2026, 02:30 Uhr; diese Uhrzeit gibt es in der Zeitzone America/New_York nicht') } });
    expect(await databaseFingerprint(t.app)).toBe(before);
    // 29.03.2026, 02:30 exists in New York: the bundle's zone decides, not Berlin.
    const fine = { ...minimal(), oparl: { settings, published: [] } };
    fine.meetings = [{ ...fine.meetings[0]!, start: '2026-03-29T02:30' }];
    await t.call('daten.import', { path: writeBundle(fine) });
    expect((await t.call('sitzungen.list', {})).map((m) => m.start)).toEqual(['2026-03-29T02:30']);
    expect((await t.call('koerperschaft.veroeffentlichung', {})).timeZone).toBe('America/New_York');
  });

  it('rolls back everything when a conflict is found halfway (existing key)', async () => {
    const t = await app();
    await t.call('daten.import', { path: writeBundle(minimal()) });
    const before = await databaseFingerprint(t.app);
    const second = minimal();
    second.departments = [];
    second.committees = [];
    second.meetings = [{ ...second.meetings[0]!, key: 'soz-2' }];
    second.papers = [{ ...second.papers[0]!, key: 'p9', reference: '50/099/2025', consultations: [{ meeting: 'soz-2', role: 'kenntnisnahme' }] }, { ...second.papers[0]!, key: 'p1', reference: '50/098/2025', consultations: [] }];
    second.meetings[0]!.agenda = [];
    const response = await t.dispatch('daten.import', { path: writeBundle(second) });
    expect(response).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('„p1“') } });
    expect(await databaseFingerprint(t.app)).toBe(before);
  });
});

describe('bundle export', () => {
  it('round-trips exactly: export → import into an empty database → export gives the same JSON and files', async () => {
    const a = await app(true);
    const dir1 = tempDir('vw-rt1-');
    await a.call('daten.export', { path: path.join(dir1, 'alles.json') });
    const b = await app();
    await b.call('daten.import', { path: path.join(dir1, 'alles.json') });
    const dir2 = tempDir('vw-rt2-');
    await b.call('daten.export', { path: path.join(dir2, 'alles.json') });
    const first = fs.readFileSync(path.join(dir1, 'alles.json'), 'utf8');
    expect(fs.readFileSync(path.join(dir2, 'alles.json'), 'utf8')).toBe(first);
    const bundle = JSON.parse(first) as { papers: { attachments: { file: string }[] }[] };
    const files = bundle.papers.flatMap((p) => p.attachments.map((x) => x.file));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) expect(fs.readFileSync(path.join(dir2, f)).equals(fs.readFileSync(path.join(dir1, f)))).toBe(true);

    // Numbers stay computed after the trip: a TOP added later never repeats an existing number.
    const meeting = (await b.call('sitzungen.list', {})).find((m) => m.state === 'geplant')!;
    await b.call('tagesordnung.add', { meetingId: meeting.id, title: 'Neuer Punkt', public: true, position: 1 });
    const numbers = (await b.call('sitzungen.get', { id: meeting.id })).agenda.map((i) => i.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).toEqual(numbers.map((_, i) => String(i + 1)));
  });

  it('a link (issue 15) survives Markdown import, full and public export and re-import, and its text is found by the search', async () => {
    const a = await app();
    const bundle = minimal();
    bundle.papers[0]!.sections.vorbemerkungen = 'Näheres im [Integrationsportal](https://integration.musterkreis.example/kim) und bei [**Frau Beispiel**](mailto:beispiel@musterkreis.example).';
    bundle.papers[0]!.sections.erlaeuterungen = 'Die [Liste](ftp://daten.musterkreis.example/liste.csv) folgt.';
    const summary = await a.call('daten.import', { path: writeBundle(bundle) });
    // A Markdown link to an address we do not allow keeps its text, and the import says so.
    expect(summary.warnings).toEqual(['In der Vorlage „p1“ wurde ein Link als Text ohne Verknüpfung übernommen: „ftp://daten.musterkreis.example/liste.csv“ (Links sind nur zu Webseiten (http, https) und E-Mail-Adressen (mailto) möglich).']);
    expect((await a.call('vorlagen.get', { ref: '50/012/2025' })).sections.erlaeuterungen).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Die Liste folgt.' }] }] });
    const link = (href: string) => ({ type: 'link', attrs: { href } });
    const expected = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Näheres im ' },
            { type: 'text', text: 'Integrationsportal', marks: [link('https://integration.musterkreis.example/kim')] },
            { type: 'text', text: ' und bei ' },
            { type: 'text', text: 'Frau Beispiel', marks: [{ type: 'bold' }, link('mailto:beispiel@musterkreis.example')] },
            { type: 'text', text: '.' },
          ],
        },
      ],
    };
    expect((await a.call('vorlagen.get', { ref: '50/012/2025' })).sections.vorbemerkungen).toEqual(expected);
    expect((await a.call('suche.query', { query: 'Integrationsportal' })).hits.map((h) => h.title)).toEqual(['Sachstand KIM']);

    for (const publicOnly of [false, true]) {
      const dir = tempDir('vw-links-');
      await a.call('daten.export', { path: path.join(dir, 'b.json'), publicOnly });
      const exported = JSON.parse(fs.readFileSync(path.join(dir, 'b.json'), 'utf8')) as { papers: { sections: Record<string, unknown> }[] };
      expect(exported.papers[0]!.sections.vorbemerkungen).toEqual(expected);
      const b = await app();
      await b.call('daten.import', { path: path.join(dir, 'b.json') });
      expect((await b.call('vorlagen.get', { ref: '50/012/2025' })).sections.vorbemerkungen).toEqual(expected);
    }
  });

  it('refuses a bundle whose document holds a javascript: link, with a German message, and changes nothing', async () => {
    const t = await app();
    const bundle = minimal();
    (bundle.papers[0]!.sections as Record<string, unknown>).vorbemerkungen = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Klick', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }],
    };
    const before = await databaseFingerprint(t.app);
    const response = await t.dispatch('daten.import', { path: writeBundle(bundle) });
    expect(response).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!response.ok) expect(response.error.message).toMatch(/vorbemerkungen/);
    expect(await databaseFingerprint(t.app)).toBe(before);
  });

  it('leaves every non-public Vorlage, TOP and Anlage out of a public-only bundle', async () => {
    const a = await app(true);
    const dir = tempDir('vw-pub-');
    await a.call('daten.export', { path: path.join(dir, 'oeffentlich.json'), publicOnly: true });
    const text = fs.readFileSync(path.join(dir, 'oeffentlich.json'), 'utf8');
    for (const secret of ['Vergabe Sprachkursträger', 'Sprachschule Nordlicht', 'Personalkonzept', 'Personalangelegenheit', '"public": false']) {
      expect(text).not.toContain(secret);
    }
    const written = fs.readdirSync(path.join(dir, 'oeffentlich-anlagen'), { recursive: true }).map(String);
    expect(written.some((f) => /vertraulich/i.test(f))).toBe(false);
    expect(text).toContain('Kommunales Integrationsmanagement');
  });

  it('a public-only export over an earlier full one leaves no non-public Anlage in its folder (issue 15.11)', async () => {
    const a = await app(true);
    const dir = tempDir('vw-pub-over-full-');
    const target = path.join(dir, 'bundle.json');
    const listed = (file: string) =>
      (JSON.parse(fs.readFileSync(file, 'utf8')) as { papers: { attachments: { file: string; public: boolean }[] }[] }).papers.flatMap((p) => p.attachments);
    const onDisk = () => fs.readdirSync(path.join(dir, 'bundle-anlagen'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();

    await a.call('daten.export', { path: target, publicOnly: false });
    const full = listed(target);
    const secret = full.filter((x) => !x.public);
    expect(secret.length).toBeGreaterThan(0);
    expect(onDisk()).toEqual(full.map((x) => x.file).sort());

    await a.call('daten.export', { path: target, publicOnly: true });
    // Exactly the files the public bundle lists are left; each non-public one is gone.
    expect(onDisk()).toEqual(listed(target).map((x) => x.file).sort());
    for (const x of secret) expect(fs.existsSync(path.join(dir, x.file))).toBe(false);
    // Files beside the folder are not the bundle's and stay.
    fs.writeFileSync(path.join(dir, 'notiz.txt'), 'eigene Datei');
    await a.call('daten.export', { path: target, publicOnly: true });
    expect(fs.readFileSync(path.join(dir, 'notiz.txt'), 'utf8')).toBe('eigene Datei');
  });
});
