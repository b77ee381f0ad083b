#!/usr/bin/env node
// `npm start`: starts the desktop app. Electron 45 no longer downloads its program on install; when
// it is missing, this runs the package's own installer (`install-electron`, with its progress bar)
// once. Where that download is impossible (offline, blocked), it starts the web mode instead,
// which opens the browser, and says why in one German sentence. Arguments go to the web mode
// (e.g. `npm start -- --no-open`).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { requireSupportedNode } from './node-version.mjs';

requireSupportedNode();
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The electron npm package's folder; a test points this at a stand-in with a stubbed installer. */
function electronPackageDir() {
  if (process.env.VORLAGENWERK_ELECTRON_PACKAGE_DIR) return process.env.VORLAGENWERK_ELECTRON_PACKAGE_DIR;
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * Where the electron package put its program. Read from path.txt rather than require('electron'),
 * which would start a download by itself, without saying so.
 */
function electronBinary(dir) {
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'), fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

/** Runs the electron package's installer (bin `install-electron`); true when the program is there afterwards. */
function installElectron(dir) {
  const installer = path.join(dir, JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).bin?.['install-electron'] ?? 'install.js');
  console.error('Das Electron-Programm für die Desktop-App fehlt noch und wird jetzt einmalig heruntergeladen (etwa 100 MB) …');
  // The installer shows its own progress bar (from the 30th second of a download on).
  const quiet = pathToFileURL(path.join(root, 'scripts', 'quiet-installer-errors.mjs')).href;
  const r = spawnSync(process.execPath, ['--import', quiet, installer], { cwd: dir, stdio: 'inherit' });
  return r.status === 0 && electronBinary(dir) !== null;
}

function startWeb(reason) {
  console.error(`${reason} – Vorlagenwerk startet deshalb im Web-Modus in Ihrem Browser, mit denselben Daten.`);
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'web.mjs'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startDesktop(binary) {
  if (process.env.VORLAGENWERK_SKIP_BUILD !== '1') {
    const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) {
      console.error('Die Desktop-App konnte nicht gebaut werden.');
      process.exit(build.status ?? 1);
    }
  }
  const child = spawn(binary, [root], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

const dir = electronPackageDir();
if (!dir) {
  startWeb('Das npm-Paket „electron“ ist nicht installiert');
} else {
  const present = electronBinary(dir);
  if (present) startDesktop(present);
  // Set where downloads are unwanted or impossible (CI, offline machines): no attempt at all.
  else if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) startWeb('Das Electron-Programm fehlt, und ELECTRON_SKIP_BINARY_DOWNLOAD verbietet es herunterzuladen');
  else if (installElectron(dir)) startDesktop(electronBinary(dir));
  else startWeb('Das Electron-Programm konnte nicht heruntergeladen werden (keine Verbindung zum Download-Server oder gesperrt)');
}
