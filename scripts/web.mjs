#!/usr/bin/env node
// `npm run web -- [--data-dir DIR] [--port N] [--no-open]`: builds the renderer when it is
// missing or older than its sources and bundles the server (scripts/build-web.mjs), then starts
// web mode (electron/server/main.ts) from that bundle.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt } from './ensure-renderer.mjs';
import { requireSupportedNode } from './node-version.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
requireSupportedNode();

if (!ensureRendererBuilt()) process.exit(1);
const { buildWeb } = await import('./build-web.mjs');
let entry;
try {
  entry = await buildWeb();
} catch (error) {
  console.error(`Der Webmodus konnte nicht gebaut werden: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

const child = spawn(process.execPath, ['--enable-source-maps', entry, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
