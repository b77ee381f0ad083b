// Builds the renderer (renderer/dist) when it is missing or older than its sources, so web mode
// and the UI benchmark never serve a stale build. Returns false when the build failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p)) {
    if (entry === 'dist' || entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

export function ensureRendererBuilt() {
  const built = path.join(root, 'renderer', 'dist', 'index.html');
  const sources = ['renderer', 'electron/shared', 'vite.renderer.config.ts', 'package-lock.json'].map((p) => path.join(root, p));
  const stale = !fs.existsSync(built) || Math.max(...sources.map(newestMtime)) > fs.statSync(built).mtimeMs;
  if (!stale || process.env.VORLAGENWERK_SKIP_BUILD) return true;
  console.error('Die Oberfläche wird gebaut …');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) console.error('Die Oberfläche konnte nicht gebaut werden.');
  return r.status === 0;
}
