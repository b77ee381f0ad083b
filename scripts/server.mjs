#!/usr/bin/env node
// `npm run server -- --database-url URL [--host H] [--port N] [--trust-proxy]`: builds the renderer
// when needed, bundles the team server (scripts/build-web.mjs) and starts it (electron/server/team-main.ts).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt } from './ensure-renderer.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`Vorlagenwerk braucht Node.js 22.12 oder neuer (gefunden: ${process.version}).`);
  process.exit(1);
}

if (!ensureRendererBuilt()) process.exit(1);
const { buildTeamServer } = await import('./build-web.mjs');
let entry;
try {
  entry = await buildTeamServer();
} catch (error) {
  console.error(`Der Teamserver konnte nicht gebaut werden: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

const child = spawn(process.execPath, ['--enable-source-maps', entry, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
