#!/usr/bin/env node
// `npm start`: builds main, preload and renderer with electron-vite and starts the desktop app.
// Without the Electron binary (e.g. installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1) it explains
// the alternative, web mode, and exits non-zero.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * Where the electron package put its binary. Read from path.txt rather than require('electron'),
 * which would try to download a missing binary (no network here, and never silently).
 */
function electronBinary() {
  let dir;
  try {
    dir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'), fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (!binary) {
  console.error(
    [
      'Die Desktop-App kann nicht starten: Das Electron-Programm ist auf diesem Rechner nicht installiert',
      '(das npm-Paket „electron“ wurde ohne sein Programm installiert, z. B. mit ELECTRON_SKIP_BINARY_DOWNLOAD=1).',
      '',
      'Alternative ohne Electron – der Web-Modus im Browser, mit denselben Daten:',
      '  npm run web',
      'Er startet einen lokalen Server (nur auf diesem Rechner erreichbar) und öffnet Vorlagenwerk im Browser.',
      '',
      'Für die Desktop-App: Electron installieren (npm install ohne ELECTRON_SKIP_BINARY_DOWNLOAD) und erneut „npm start“.',
    ].join('\n'),
  );
  process.exit(1);
}

const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('Die Desktop-App konnte nicht gebaut werden.');
  process.exit(build.status ?? 1);
}
const child = spawn(binary, [root], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
