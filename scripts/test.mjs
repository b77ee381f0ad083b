#!/usr/bin/env node
// `npm test`: unit and integration tests (vitest), then the end-to-end tests in Chromium
// against web mode. Fails on the first failing stage.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireSupportedNode } from './node-version.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
requireSupportedNode();
const run = (cmd, args) => {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
run(bin('vitest'), ['run', ...process.argv.slice(2)]);
if (fs.existsSync(path.join(root, 'vitest.e2e.config.ts')) && process.argv.length <= 2) {
  run(bin('vite'), ['build', '--config', 'vite.renderer.config.ts']);
  run(bin('vitest'), ['run', '--config', 'vitest.e2e.config.ts']);
}
