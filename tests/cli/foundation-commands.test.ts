import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-app.js';

const year = new Date().getFullYear();
let dir: string;

beforeAll(() => {
  dir = tempDir('vw-cli-');
  const r = cli(dir, 'demo');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('Demodaten geladen');
}, 60_000);

describe('vorlagenwerk CLI', () => {
  it('demo is idempotent', () => {
    const again = cli(dir, '--json', 'demo');
    expect(again.code).toBe(0);
    expect(again.json()).toEqual({ loaded: false, summary: null });
  });

  it('vorlage list --json shows the demo Vorlagen with their numbers', () => {
    const r = cli(dir, 'vorlage', 'list', '--json');
    expect(r.code).toBe(0);
    const papers = r.json<{ reference: string; title: string }[]>();
    expect(papers.length).toBeGreaterThanOrEqual(15);
    expect(papers.map((p) => p.reference)).toContain(`50/003/${year}`);
    expect(papers.filter((p) => p.title.startsWith('Kommunales Integrationsmanagement – Sachstand'))).toHaveLength(2);
  });

  it('gremium list, sitzung list and sitzung show print tables in German', () => {
    const gremien = cli(dir, 'gremium', 'list');
    expect(gremien.code).toBe(0);
    expect(gremien.stdout).toMatch(/Integrationsrat/);
    expect(gremien.stdout).toMatch(/Ausschuss für Ordnungsangelegenheiten und Verbraucherschutz/);
    const sitzungen = cli(dir, 'sitzung', 'list', '--gremium', 'Sozialausschuss', '--json');
    const list = sitzungen.json<{ id: number; committee: string; start: string }[]>();
    expect(list.length).toBe(4);
    expect(new Set(list.map((m) => m.committee))).toEqual(new Set(['Sozialausschuss']));
    const upcoming = list.find((m) => new Date(m.start) > new Date())!;
    const show = cli(dir, 'sitzung', 'show', String(upcoming.id));
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/A\. Öffentlicher Teil[\s\S]*B\. Nichtöffentlicher Teil/);
    expect(show.stdout).toMatch(/\d{2}\.\d{2}\.\d{4} 15:00 Uhr/);
  });

  it('vorlage show and vorlage history accept the Vorlage number', () => {
    const ref = `50/001/${year}`;
    const show = cli(dir, 'vorlage', 'show', ref);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`Vorlage ${ref}: Kommunales Integrationsmanagement – Sachstand ${year}`);
    const history = cli(dir, '--json', 'vorlage', 'history', ref);
    const h = history.json<{ revisions: { number: number; hash: string }[]; events: { action: string }[] }>();
    expect(h.revisions[0]).toMatchObject({ number: 1 });
    expect(h.revisions[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(h.events.map((e) => e.action)).toContain('vorlage.erstellt');
  });

  it('export-bundle and import move everything into another data folder', () => {
    const out = path.join(tempDir('vw-cli-out-'), 'musterkreis.json');
    const exp = cli(dir, 'export-bundle', '--out', out);
    expect(exp.code).toBe(0);
    expect(fs.existsSync(out)).toBe(true);
    const other = tempDir('vw-cli-other-');
    const imp = cli(other, '--json', 'import', out);
    expect(imp.code).toBe(0);
    expect(imp.json<{ papers: number }>().papers).toBeGreaterThanOrEqual(15);
    expect(cli(other, '--json', 'vorlage', 'list').json<unknown[]>()).toHaveLength(imp.json<{ papers: number }>().papers);
  });

  it('import of a bundle that deserves a look: done, exit 0, each point a German "Warnung:" line', () => {
    const file = path.join(tempDir('vw-cli-warn-'), 'bundle.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        format: 'vorlagenwerk-bundle',
        version: 1,
        body: { name: 'Musterkreis', numberPattern: '50/{nr:3}/{jahr}' },
        departments: [{ key: 'amt', code: '50', name: 'Amt' }],
        committees: [{ key: 'g', name: 'Ausschuss Warnung', shortName: 'AW', genitive: 'des Ausschusses Warnung' }],
        meetings: [{ key: 's', committee: 'g', start: '2026-03-12T15:00', end: '2026-03-12T14:00', agenda: [] }],
        papers: [{ key: 'u', department: 'amt', template: 'gibtsnicht', title: 'U' }],
      }),
    );
    const r = cli(tempDir('vw-cli-warn-data-'), 'import', file);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      'Importiert: 1 Gremium, 1 Sitzung, 1 Vorlage, 0 Anlagen.',
      'Warnung: Die Vorlage „u“ nennt die unbekannte Vorlagenart „gibtsnicht“; sie wurde so übernommen.',
      'Warnung: Die Sitzung „s“ endet (2026-03-12 14:00) vor ihrem Beginn (2026-03-12 15:00).',
    ]);
  });

  it('backup, check and restore bring back an earlier state and keep the current one', () => {
    const backup = cli(dir, '--json', 'backup');
    expect(backup.code).toBe(0);
    const file = backup.json<{ file: string }>().file;
    expect(fs.existsSync(file)).toBe(true);
    expect(cli(dir, 'check').stdout).toContain('Datenbank in Ordnung');

    const other = tempDir('vw-cli-restore-');
    expect(cli(other, 'vorlage', 'list', '--json').json<unknown[]>()).toHaveLength(0);
    const restore = cli(other, '--json', 'restore', file);
    expect(restore.code).toBe(0);
    expect(fs.existsSync(restore.json<{ previousSavedAs: string }>().previousSavedAs)).toBe(true);
    expect(cli(other, 'vorlage', 'list', '--json').json<unknown[]>().length).toBeGreaterThanOrEqual(15);
  });

  it('exit code 1 with a German message for user errors, nothing on stdout', () => {
    const missing = cli(dir, 'vorlage', 'show', '99/999/1999');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Die Vorlage 99\/999\/1999 wurde nicht gefunden/);
    expect(missing.stdout).toBe('');
    const badRestore = path.join(tempDir(), 'kaputt.sqlite');
    fs.writeFileSync(badRestore, 'kein SQLite');
    const restore = cli(dir, 'restore', badRestore);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(/keine Vorlagenwerk-Sicherung/);
    expect(cli(dir, 'check').code).toBe(0);
  });

  it('exit code 2 for usage errors', () => {
    expect(cli(dir, 'gibtsnicht').code).toBe(2);
    const missingArg = cli(dir, 'vorlage', 'show');
    expect(missingArg.code).toBe(2);
    expect(missingArg.stderr).toMatch(/Aufruf: vorlagenwerk vorlage show REF/);
    const unknownOption = cli(dir, 'vorlage', 'list', '--farbe', 'rot');
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/Unbekannte Option --farbe/);
    expect(cli(dir, 'export-bundle').code).toBe(2);
  });

  it('refuses a damaged database with a German message and leaves the file alone', () => {
    const broken = tempDir('vw-cli-broken-');
    const dbFile = path.join(broken, 'vorlagenwerk.sqlite');
    fs.writeFileSync(dbFile, 'Dies ist keine Datenbank.'.repeat(100));
    const r = cli(broken, 'vorlage', 'list');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/beschädigt oder keine Vorlagenwerk-Datenbank/);
    expect(r.stderr).toMatch(/restore/);
    expect(fs.readFileSync(dbFile, 'utf8')).toMatch(/^Dies ist keine Datenbank/);
  });
});
