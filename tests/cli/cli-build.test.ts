/**
 * The `vorlagenwerk` command runs from an esbuild bundle (scripts/build-cli.mjs). These tests run
 * it in a copy of the repository, so they may change sources there: an edited source must show up
 * at the very next start (never a stale bundle), and the light commands must not load the heavy
 * libraries at all.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-app.js';

const repo = path.join(import.meta.dirname, '..', '..');
let copy: string;
let dataDir: string;

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [path.join(copy, 'bin', 'vorlagenwerk.mjs'), ...args], {
    cwd: tempDir('vw-cwd-'),
    encoding: 'utf8',
    env: { ...process.env, VORLAGENWERK_DATA_DIR: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Module URLs a CLI run resolved, recorded by a module hook loaded before the CLI. */
function modulesLoadedBy(args: string[]): string[] {
  const record = path.join(tempDir('vw-hook-'), 'loaded.txt');
  const hook = path.join(path.dirname(record), 'hook.mjs');
  fs.writeFileSync(
    hook,
    `import { registerHooks } from 'node:module';
import fs from 'node:fs';
const seen = new Set();
registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); seen.add(r.url); return r; } });
process.on('exit', () => fs.writeFileSync(${JSON.stringify(record)}, [...seen].join('\\n')));
`,
  );
  const r = spawnSync(process.execPath, ['--import', hook, path.join(copy, 'bin', 'vorlagenwerk.mjs'), ...args], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return fs.readFileSync(record, 'utf8').split('\n');
}

beforeAll(() => {
  copy = tempDir('vw-repo-');
  for (const p of ['bin', 'scripts', 'electron', 'templates', 'package.json']) fs.cpSync(path.join(repo, p), path.join(copy, p), { recursive: true });
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(copy, 'node_modules'));
  dataDir = tempDir('vw-data-');
  const demo = run(['--data-dir', dataDir, 'demo']);
  expect(demo.code, demo.stderr).toBe(0);
}, 60_000);

describe('the built CLI', () => {
  it('builds itself on the first start and runs from out/cli', () => {
    expect(fs.existsSync(path.join(copy, 'out', 'cli', 'main.js'))).toBe(true);
    expect(fs.existsSync(path.join(copy, 'out', 'cli', 'pack-worker.js'))).toBe(true);
    const list = run(['--data-dir', dataDir, '--json', 'vorlage', 'list']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).length).toBeGreaterThanOrEqual(15);
  });

  it('an edited source file takes effect at the next start', () => {
    const file = path.join(copy, 'electron', 'cli', 'main.ts');
    const before = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, before.replace('Vorlagen, Sitzungen und Sitzungsmappen', 'Vorlagen, Sitzungen und Sitzungsmappen (geändert)'));
    expect(run(['--help']).stdout).toContain('Sitzungsmappen (geändert)');
    // An older file put back (as `git checkout` or a copy with -p may do) counts as changed too.
    fs.writeFileSync(file, before);
    fs.utimesSync(file, new Date(2020, 0, 1), new Date(2020, 0, 1));
    expect(run(['--help']).stdout).not.toContain('(geändert)');
  });

  it('a new SQL migration reaches the bundle', () => {
    const dir = path.join(copy, 'electron', 'core', 'db', 'migrations', 'sqlite');
    const last = fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort().at(-1)!;
    const next = `${String(Number(last.slice(0, 3)) + 1).padStart(3, '0')}_test_marker.sql`;
    fs.writeFileSync(path.join(dir, next), 'CREATE TABLE test_marker (id INTEGER PRIMARY KEY);\n');
    try {
      expect(run(['--help']).code).toBe(0);
      expect(fs.existsSync(path.join(copy, 'out', 'cli', 'migrations', 'sqlite', next))).toBe(true);
    } finally {
      fs.rmSync(path.join(dir, next));
    }
    // Removed (or renamed) in the sources: gone from the bundle too, or core would count it twice.
    expect(run(['--help']).code).toBe(0);
    expect(fs.existsSync(path.join(copy, 'out', 'cli', 'migrations', 'sqlite', next))).toBe(false);
  });

  it('a deleted output is rebuilt', () => {
    fs.rmSync(path.join(copy, 'out', 'cli', 'pack-worker.js'));
    expect(run(['--help']).code).toBe(0);
    expect(fs.existsSync(path.join(copy, 'out', 'cli', 'pack-worker.js'))).toBe(true);
  });

  it('--help and vorlage list do not load the export libraries', () => {
    const heavy = /node_modules\/(docx|pdf-lib|@pdf-lib|playwright-core|mammoth|jszip|markdown-it|pg)\//;
    const help = modulesLoadedBy(['--help']);
    expect(help.some((u) => u.includes('/out/cli/main.js'))).toBe(true);
    expect(help.filter((u) => heavy.test(u))).toEqual([]);
    // Help and usage errors need no validation either: zod and its schemas cost a third of the start.
    expect(help.filter((u) => /better-sqlite3|node_modules\/zod\//.test(u))).toEqual([]);
    const list = modulesLoadedBy(['--data-dir', dataDir, 'vorlage', 'list', '--json']);
    expect(list.some((u) => /node_modules\/better-sqlite3\//.test(u))).toBe(true);
    expect(list.filter((u) => heavy.test(u))).toEqual([]);
    // A DOCX export does load docx: the check above is not blind.
    const out = path.join(tempDir('vw-out-'), 'v.docx');
    const docx = modulesLoadedBy(['--data-dir', dataDir, 'vorlage', 'export', `50/001/${new Date().getFullYear()}`, '--format', 'docx', '--out', out]);
    expect(docx.some((u) => /node_modules\/docx\//.test(u))).toBe(true);
  });
});
