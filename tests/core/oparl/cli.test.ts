import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { localTimeInZone } from '../../../electron/shared/time-zone.js';
import { cli, cliIn } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-app.js';
import { readExport } from './read-export.js';

let dataDir: string;

beforeAll(() => {
  dataDir = tempDir('vw-oparl-cli-');
  expect(cli(dataDir, 'demo').code).toBe(0);
}, 60_000);

describe('vorlagenwerk oparl export', () => {
  it('writes the export with exit 0 and says what it wrote, in German; times in Berlin time also on a machine set to another zone (issue 15.2)', () => {
    const out = path.join(tempDir('vw-oparl-cli-out-'), 'ris');
    const zone = process.env.TZ;
    process.env.TZ = 'Pacific/Auckland';
    let r: ReturnType<typeof cli>;
    try {
      r = cli(dataDir, 'oparl', 'export', '--out', out);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OParl-Export geschrieben: .*ris\n\d+ Vorlagen, \d+ Sitzungen, \d+ öffentliche Tagesordnungspunkte, \d+ Dateien; Adressen unter https:\/\/ris\.example\.invalid\/oparl\/v1\/\n$/);
    const { system, lists } = readExport(out);
    expect(system.oparlVersion).toBe('https://schema.oparl.org/1.1/');
    expect(lists.papers.data.length).toBeGreaterThan(5);
    expect(fs.existsSync(path.join(out, 'SHA256SUMS'))).toBe(true);
    // The child ran in Auckland (+13:00 in December): Sitzung times and stamps still carry Berlin's offset of their date.
    const starts = lists.meetings.data.map((m) => String(m.start));
    expect(starts.length).toBeGreaterThan(5);
    for (const start of starts) expect(start).toBe(localTimeInZone(start.slice(0, 16), 'Europe/Berlin'));
    expect(String(system.modified)).toMatch(/\+0[12]:00$/);
  });

  it('--json prints the counts; --base-url sets the addresses', () => {
    const out = path.join(tempDir('vw-oparl-cli-json-'), 'ris');
    const r = cli(dataDir, '--json', 'oparl', 'export', '--out', out, '--base-url', 'https://ris.musterkreis.de/oparl/v1/');
    expect(r.code).toBe(0);
    const result = r.json<{ dir: string; baseUrl: string; papers: number; files: number; sha256: string }>();
    expect(result).toMatchObject({ dir: out, baseUrl: 'https://ris.musterkreis.de/oparl/v1/' });
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    const { lists } = readExport(out);
    expect(lists.papers.data.length).toBe(result.papers);
    expect(lists.papers.data.every((p) => p.id.startsWith('https://ris.musterkreis.de/oparl/v1/papers/'))).toBe(true);
  });

  it('without --out: usage error, exit 2, nothing written', () => {
    const cwd = tempDir('vw-oparl-cli-cwd-');
    const r = cliIn(cwd, dataDir, 'oparl', 'export');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Die Option --out fehlt/);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('a base URL that is no web address: user error, exit 1, German message, nothing written', () => {
    const out = path.join(tempDir('vw-oparl-cli-bad-'), 'ris');
    const r = cli(dataDir, 'oparl', 'export', '--out', out, '--base-url', 'ris.musterkreis.de');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/baseUrl: eine vollständige http\(s\)-Adresse/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('vorlagenwerk oparl import / einstellungen', () => {
  const fixture = path.resolve(__dirname, '../../fixtures/oparl/ris-beispielstadt');

  it('imports a folder with exit 0, lists the counts and the notes in German', () => {
    const fresh = tempDir('vw-oparl-cli-import-');
    const r = cli(fresh, 'oparl', 'import', fixture);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Gremien: 2 neu, 0 aktualisiert\nPersonen: 3 neu, 0 aktualisiert\nMitgliedschaften: 3 neu, 0 aktualisiert\nSitzungen: 3 neu, 0 aktualisiert\n');
    expect(r.stdout).toMatch(/^Hinweis: .*Fraktionen/m);
  });

  it('refuses an address outside the local network: exit 1, German message, no stack trace', () => {
    const r = cli(dataDir, 'oparl', 'import', 'http://8.8.8.8/oparl/system');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/liegt nicht im lokalen Netz/);
    expect(r.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it('shows and sets the time zone; an unknown one is refused in German', () => {
    expect(cli(dataDir, 'oparl', 'einstellungen').stdout).toMatch(/^Zeitzone: Europe\/Berlin$/m);
    const bad = cli(dataDir, 'oparl', 'einstellungen', '--zeitzone', 'Mars/Olympus');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unbekannte Zeitzone/);
    const ok = cli(dataDir, 'oparl', 'einstellungen', '--zeitzone', 'Europe/Vienna', '--lizenz', 'https://creativecommons.org/licenses/by/4.0/');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Zeitzone: Europe\/Vienna\nLizenz der Daten: https:\/\/creativecommons\.org\/licenses\/by\/4\.0\/$/m);
    expect(cli(dataDir, 'oparl', 'einstellungen', '--zeitzone', 'Europe/Berlin').code).toBe(0);
  });
});
