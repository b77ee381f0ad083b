/**
 * The README is true: every line of its CLI example block runs as shown on fresh demo data,
 * through a shell, with `vorlagenwerk` on the PATH as a global install puts it there; the web-mode
 * URL it shows has the real form; and it links only to files inside the repository.
 * The demo numbers its Vorlagen in the current year; the README's examples show 2026, so the
 * year is the one thing replaced (as the README says), besides /tmp/ becoming a temp folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-app.js';

const repo = path.join(import.meta.dirname, '..', '..');
const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
const year = new Date().getFullYear();

/** The shell block that follows the sentence promising that every line runs. */
function exampleLines(): string[] {
  const from = readme.indexOf('Every line below runs as shown on fresh demo data');
  expect(from).toBeGreaterThan(0);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(from))![1]!;
  return block.split('\n').filter((l) => l.trim() !== '');
}

let tmp: string;
let work: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  tmp = tempDir('vw-readme-');
  work = path.join(tmp, 'work');
  const bin = path.join(tmp, 'bin');
  fs.mkdirSync(work);
  fs.mkdirSync(bin);
  fs.symlinkSync(path.join(repo, 'bin', 'vorlagenwerk.mjs'), path.join(bin, 'vorlagenwerk'));
  env = { ...process.env, PATH: `${bin}:${path.dirname(process.execPath)}:${process.env.PATH}`, VORLAGENWERK_DATA_DIR: '', FORCE_COLOR: '0' };
});

describe('README', () => {
  it('every CLI example runs on fresh demo data and does what its line says', { timeout: 300_000 }, () => {
    const lines = exampleLines();
    expect(lines.length).toBeGreaterThanOrEqual(20);
    const outputs: string[] = [];
    for (const line of lines) {
      expect(line).toMatch(/^(vorlagenwerk |printf )/);
      const command = line
        .replaceAll('/tmp/', `${tmp}/`)
        .replaceAll('/2026', `/${year}`)
        .replace('--year 2027', `--year ${year + 1}`);
      const r = spawnSync('sh', ['-c', command], { cwd: work, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect({ line, code: r.status, stderr: r.stderr }).toEqual({ line, code: 0, stderr: '' });
      outputs.push(r.stdout);
    }
    const out = (fragment: string) => outputs[lines.findIndex((l) => l.includes(fragment))]!;
    expect(out(' demo ')).toContain('Demodaten geladen');
    expect(JSON.parse(out('vorlage list --json')).length).toBeGreaterThanOrEqual(15);
    expect(out('sitzung show 4')).toContain('Kommunales Integrationsmanagement');
    for (const [file, magic] of [
      ['sachstand.docx', 'PK'],
      ['sachstand.pdf', '%PDF-'],
      ['mappe.pdf', '%PDF-'],
      ['ergebnis.pdf', '%PDF-'],
    ] as const) {
      expect(fs.readFileSync(path.join(work, file)).subarray(0, magic.length).toString('latin1'), file).toBe(magic);
    }
    expect(out("top result")).toMatch(/^TOP 2 \(Beratungsangebote für Neuzugewanderte – Standorte\): Kenntnis genommen – Vorlage 50\/006\//);
    expect(out('carry-forward')).toContain(`/${year + 1}`);
    expect(out('--vorgaenger')).toMatch(new RegExp(`Vorlage 50/001/${year} gegenüber Vorgänger 50/001/${year - 1}`));
    expect(out('vorlage history')).toContain('Vorlage angelegt');
    expect(out('search')).toMatch(/Case Management/);
    expect(fs.existsSync(path.join(tmp, 'musterkreis.json'))).toBe(true);
    expect(out('--data-dir /tmp/other import')).not.toBe('');
    expect(fs.readdirSync(path.join(tmp, 'oparl')).length).toBeGreaterThan(0);
    expect(out('vw backup')).toContain(`${tmp}/vw/backups/`);
    expect(out('restore')).toContain('Wiederhergestellt aus');
  });

  it('shows the web-mode URL in the form web mode prints it', async () => {
    const example = /`(http:\/\/127\.0\.0\.1:\d+\/[^`]*)`/.exec(readme.slice(readme.indexOf('## Web mode')))![1]!;
    const pattern = new RegExp(`^${example.replace(/[.?/]/g, '\\$&').replace(/:\d+/, ':\\d+').replace('…', '[A-Za-z0-9_-]{20,}')}$`);
    const child = spawn(process.execPath, [path.join(repo, 'scripts', 'web.mjs'), '--no-open', '--data-dir', path.join(tmp, 'web')], {
      cwd: repo,
      env: { ...process.env, VORLAGENWERK_SKIP_BUILD: '1' },
    });
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`no URL: ${stdout}`)), 30_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /^http:\S+$/m.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(m[0]);
        }
      });
    });
    child.kill('SIGTERM');
    expect(url).toMatch(pattern);
  });

  it('links only to files inside the repository, and they exist', () => {
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !t.startsWith('#'));
    expect(targets.length).toBeGreaterThan(10);
    for (const target of targets) {
      expect(target, target).not.toMatch(/^[a-z]+:/i);
      const file = path.resolve(repo, target.split('#')[0]!);
      expect(file.startsWith(`${repo}${path.sep}`), target).toBe(true);
      expect(fs.existsSync(file), target).toBe(true);
    }
    expect(readme).not.toMatch(/\.\.\/[A-Za-z]/);
    expect(readme).not.toMatch(/npx vorlagenwerk (--|[a-z])/);
  });
});
