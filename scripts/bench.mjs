#!/usr/bin/env node
// `npm run bench`: runs every tests/bench/*.bench.ts in its own process (so one benchmark's warm
// caches and memory never flatter another) and prints one JSON document with all results.
// Each benchmark prints exactly one JSON object as the last line of its stdout.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt } from './ensure-renderer.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'tests', 'bench');
const only = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
// The UI benchmark measures the built renderer: never a stale build.
if (files.some((f) => f.startsWith('ui')) && !ensureRendererBuilt()) process.exit(1);
const results = {};
let failed = false;
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  process.stderr.write(`Benchmark ${name} …\n`);
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(dir, file)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  try {
    results[name] = JSON.parse(last);
  } catch {
    results[name] = { error: `exit ${run.status}, no JSON result` };
    failed = true;
  }
  if (run.status !== 0) failed = true;
}
process.stdout.write(`${JSON.stringify({ node: process.version, benchmarks: results }, null, 2)}\n`);
process.exitCode = failed ? 1 : 0;
