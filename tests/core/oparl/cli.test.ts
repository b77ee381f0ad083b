import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-app.js';
import { readExport } from './read-export.js';

let dataDir: string;

beforeAll(() => {
  dataDir = tempDir('vw-oparl-cli-');
  expect(cli(dataDir, 'demo').code).toBe(0);
}, 60_000);

describe('vorlagenwerk oparl export', () => {
  it('writes the export with exit 0 and says what it wrote, in German', () => {
    const out = path.join(tempDir('vw-oparl-cli-out-'), 'ris');
    const r = cli(dataDir, 'oparl', 'export', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OParl-Export geschrieben: .*ris\n\d+ Vorlagen, \d+ Sitzungen, \d+ öffentliche Tagesordnungspunkte, \d+ Anlagen; Adressen unter https:\/\/ris\.example\.invalid\/oparl\/v1\/\n$/);
    const { system, lists } = readExport(out);
    expect(system.oparlVersion).toBe('https://schema.oparl.org/1.1/');
    expect(lists.papers.data.length).toBeGreaterThan(5);
    expect(fs.existsSync(path.join(out, 'SHA256SUMS'))).toBe(true);
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
    const cwd = fs.readdirSync(process.cwd()).sort();
    const r = cli(dataDir, 'oparl', 'export');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Die Option --out fehlt/);
    expect(fs.readdirSync(process.cwd()).sort()).toEqual(cwd);
  });

  it('a base URL that is no web address: user error, exit 1, German message, nothing written', () => {
    const out = path.join(tempDir('vw-oparl-cli-bad-'), 'ris');
    const r = cli(dataDir, 'oparl', 'export', '--out', out, '--base-url', 'ris.musterkreis.de');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/baseUrl: eine vollständige http\(s\)-Adresse/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
