/**
 * The first five minutes: `npm start` with and without the Electron program, an old Node.js at
 * `npm ci`, the lock file on a supported Node.js, and the CLI installed globally from the checkout.
 * The Electron download is never attempted for real here: a stand-in electron package with a
 * stubbed installer takes its place (VORLAGENWERK_ELECTRON_PACKAGE_DIR).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../scripts/node-version.mjs';
import { tempDir } from '../helpers/temp-app.js';

const repo = path.join(import.meta.dirname, '..', '..');
const npmCli = (() => {
  const r = spawnSync('npm', ['prefix', '-g'], { encoding: 'utf8' });
  const candidates = [path.join(r.stdout.trim(), 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'), '/usr/lib/node_modules/npm/bin/npm-cli.js'];
  return candidates.find((c) => fs.existsSync(c))!;
})();
/** An old Node.js, as a newcomer may have (Debian's is 20); the tests that need one say so when missing. */
const oldNode = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => {
  const r = spawnSync(p, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  return r.status === 0 && nodeVersionProblem(r.stdout.trim()) !== null;
});

/** A stand-in for node_modules/electron whose installer "downloads" a fake program, or fails like offline. */
function fakeElectronPackage(installer: 'works' | 'offline') {
  const dir = tempDir('vw-electron-');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1', bin: { electron: 'cli.js', 'install-electron': 'install.js' } }));
  const body =
    installer === 'works'
      ? `const fs = require('node:fs'); const path = require('node:path');
fs.writeFileSync(path.join(__dirname, 'installer-ran'), '');
fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), '#!/bin/sh\\necho "FAKE-ELECTRON $@"\\n', { mode: 0o755 });
fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');
console.log('Downloading electron-v45.4.1-linux-x64.zip: [====] 100%');`
      : `require('node:fs').writeFileSync(require('node:path').join(__dirname, 'installer-ran'), '');
// As electron's install.js ends a failed download: the error's stack, exit code 1.
Promise.reject(new TypeError('fetch failed')).catch((err) => { console.error(err.stack); process.exit(1); });`;
  fs.writeFileSync(path.join(dir, 'install.js'), body);
  return dir;
}

function npmStart(electronDir: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [path.join(repo, 'scripts', 'start-desktop.mjs')], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '', VORLAGENWERK_ELECTRON_PACKAGE_DIR: electronDir, VORLAGENWERK_SKIP_BUILD: '1', ...env },
  });
}

/** Starts `npm start` expecting web mode; resolves with everything it printed up to its URL. */
function npmStartUntilUrl(electronDir: string, env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(repo, 'scripts', 'start-desktop.mjs'), '--no-open', '--data-dir', tempDir('vw-data-')], {
    cwd: repo,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '', VORLAGENWERK_ELECTRON_PACKAGE_DIR: electronDir, VORLAGENWERK_SKIP_BUILD: '1', ...env },
  });
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`no URL within 30 s:\n${stdout}\n${stderr}`));
    }, 30_000);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (/http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(stdout)) {
        clearTimeout(timer);
        child.once('exit', () => resolve({ stdout, stderr }));
        child.kill('SIGTERM');
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!/token=/.test(stdout)) reject(new Error(`exited ${code}:\n${stdout}\n${stderr}`));
    });
  });
}

describe('npm start', () => {
  it('downloads the missing Electron program once with the package installer, then starts the app', () => {
    const dir = fakeElectronPackage('works');
    const first = npmStart(dir);
    expect(first.stderr).toContain('Das Electron-Programm für die Desktop-App fehlt noch und wird jetzt einmalig heruntergeladen');
    expect(first.stdout).toContain('Downloading electron-v45.4.1-linux-x64.zip');
    expect(first.stdout).toContain(`FAKE-ELECTRON ${repo}`);
    expect(first.status).toBe(0);

    fs.rmSync(path.join(dir, 'installer-ran'));
    const second = npmStart(dir);
    expect(second.stdout).toContain(`FAKE-ELECTRON ${repo}`);
    expect(second.stderr).not.toContain('heruntergeladen');
    expect(fs.existsSync(path.join(dir, 'installer-ran'))).toBe(false);
  });

  it('starts the web mode and says why in German when the download is impossible', async () => {
    const dir = fakeElectronPackage('offline');
    const { stdout, stderr } = await npmStartUntilUrl(dir);
    expect(fs.existsSync(path.join(dir, 'installer-ran'))).toBe(true);
    expect(stderr).toContain(
      'Das Electron-Programm konnte nicht heruntergeladen werden (keine Verbindung zum Download-Server oder gesperrt) – Vorlagenwerk startet deshalb im Web-Modus in Ihrem Browser, mit denselben Daten.',
    );
    expect(stdout).toMatch(/Vorlagenwerk \(Web-Modus\) läuft unter:\nhttp:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(`${stdout}${stderr}`).not.toMatch(/\n\s+at /);
  });

  it('does not even try to download where ELECTRON_SKIP_BINARY_DOWNLOAD is set', async () => {
    const dir = fakeElectronPackage('works');
    const { stderr } = await npmStartUntilUrl(dir, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(fs.existsSync(path.join(dir, 'installer-ran'))).toBe(false);
    expect(stderr).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD verbietet es herunterzuladen – Vorlagenwerk startet deshalb im Web-Modus');
  });
});

describe('Node.js version', () => {
  it('names the version needed and how to get it, in one German sentence', () => {
    expect(nodeVersionProblem('22.12.0')).toBeNull();
    expect(nodeVersionProblem('v24.1.0')).toBeNull();
    for (const old of ['20.20.2', 'v22.11.0', '18.19.1']) {
      const sentence = nodeVersionProblem(old)!;
      expect(sentence).toMatch(/^Vorlagenwerk braucht Node\.js 22\.12 oder neuer \(gefunden: v[\d.]+\) – bitte Node\.js 22 LTS .* installieren .* und den Befehl wiederholen\.$/);
      expect(sentence.match(/\. |\.$/g)).toHaveLength(1);
    }
  });

  it.skipIf(!oldNode)('the preinstall check and the CLI refuse an old Node.js with that sentence', () => {
    const check = spawnSync(oldNode!, [path.join(repo, 'scripts', 'check-node.mjs')], { encoding: 'utf8' });
    expect(check.status).toBe(1);
    expect(check.stderr.trim()).toMatch(/^Vorlagenwerk braucht Node\.js 22\.12 oder neuer \(gefunden: v\d+\.[\d.]+\) – bitte Node\.js 22 LTS/);
    expect(check.stderr.trim().split('\n')).toHaveLength(1);
    const cli = spawnSync(oldNode!, [path.join(repo, 'bin', 'vorlagenwerk.mjs'), '--help'], { encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toBe(check.stderr);
  });

  it.skipIf(!oldNode)('npm ci on an old Node.js stops at once, before installing anything', () => {
    const copy = tempDir('vw-oldnode-');
    for (const f of ['package.json', 'package-lock.json', '.npmrc']) fs.copyFileSync(path.join(repo, f), path.join(copy, f));
    const started = Date.now();
    const r = spawnSync(oldNode!, [npmCli, 'ci', '--offline'], { cwd: copy, encoding: 'utf8', env: { ...process.env, PATH: path.dirname(oldNode!) } });
    expect(r.status).not.toBe(0);
    // npm's own refusal, which runs no project code: the German sentence travels in `engines`,
    // whose whole content npm prints.
    expect(r.stderr).toMatch(/Required: \{"node":">=22\.12","hinweis":"Vorlagenwerk braucht Node\.js 22\.12 oder neuer: bitte Node\.js 22 LTS installieren \(https:\/\/nodejs\.org\/de\/download oder „nvm install 22“\) und den Befehl wiederholen\."\}/);
    expect(r.stderr).not.toMatch(/npm warn/);
    expect(fs.existsSync(path.join(copy, 'node_modules'))).toBe(false);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('npm install on a supported Node.js', () => {
  it('leaves the tracked package-lock.json as it is, without warnings', () => {
    const copy = tempDir('vw-lock-');
    for (const f of ['package.json', 'package-lock.json', '.npmrc']) fs.copyFileSync(path.join(repo, f), path.join(copy, f));
    const r = spawnSync(process.execPath, [npmCli, 'install', '--package-lock-only', '--ignore-scripts', '--offline'], { cwd: copy, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/npm warn/);
    expect(fs.readFileSync(path.join(copy, 'package-lock.json'), 'utf8')).toBe(fs.readFileSync(path.join(repo, 'package-lock.json'), 'utf8'));
  });
});

describe('package-lock.json', () => {
  // A real `npm install` records for each installed package whether it has an install step (a
  // script, or a binding.gyp that means `node-gyp rebuild`); where the lock lacks that, the first
  // `npm install` of a newcomer rewrites the tracked lock. --package-lock-only does not see it.
  it('marks exactly the installed packages with an install step as such', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const wrong: string[] = [];
    let checked = 0;
    for (const [where, entry] of Object.entries(lock.packages)) {
      const manifest = path.join(repo, where, 'package.json');
      if (!where.startsWith('node_modules/') || !fs.existsSync(manifest)) continue;
      const scripts = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
      const hasStep = ['preinstall', 'install', 'postinstall'].some((s) => s in scripts) || fs.existsSync(path.join(repo, where, 'binding.gyp'));
      if (hasStep !== (entry.hasInstallScript === true)) wrong.push(where);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(500);
    expect(wrong).toEqual([]);
  });
});

describe('CLI installed from the checkout', () => {
  it('npm install -g . puts a vorlagenwerk command on the PATH that runs this checkout from any folder', () => {
    const prefix = tempDir('vw-global-');
    const install = spawnSync(process.execPath, [npmCli, 'install', '-g', '--prefix', prefix, '--offline', repo], { encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    const command = path.join(prefix, 'bin', 'vorlagenwerk');
    expect(fs.realpathSync(command)).toBe(path.join(fs.realpathSync(repo), 'bin', 'vorlagenwerk.mjs'));
    const elsewhere = tempDir('vw-elsewhere-');
    const help = spawnSync(command, ['--help'], { cwd: elsewhere, encoding: 'utf8', env: { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` } });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Aufruf: vorlagenwerk \[--data-dir DIR\].*<Befehl> \[Argumente\]$/m);
    const data = tempDir('vw-data-');
    const demo = spawnSync(command, ['--data-dir', data, 'demo'], { cwd: elsewhere, encoding: 'utf8', env: { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` } });
    expect(demo.stdout).toContain('Demodaten geladen');
  });
});
