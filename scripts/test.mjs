#!/usr/bin/env node
// `npm test`: unit and integration tests (vitest), the store-touching suites again on PostgreSQL
// (when a server answers), then the end-to-end tests in Chromium against web mode, and against
// the team server on PostgreSQL when a server answered. Fails on the first failing stage.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireSupportedNode } from './node-version.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
requireSupportedNode();
const run = (cmd, args, env = process.env) => {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
run(bin('vitest'), ['run', ...process.argv.slice(2)]);
/** Set when a PostgreSQL server answers: the E2E stage then runs the team server test on it too. */
let postgresUrl = null;
if (process.argv.length <= 2) {
  const url = process.env.VW_TEST_DATABASE_URL || 'postgres://vorlagenwerk:vorlagenwerk@127.0.0.1:5432/postgres';
  const shown = url.replace(/:[^:@/]*@/, ':***@');
  if (await postgresAnswers(url)) {
    postgresUrl = url;
    run(bin('vitest'), ['run', '--config', 'vitest.postgres.config.ts']);
  } else if (process.env.VW_TEST_DATABASE_URL) {
    console.error(`\nVW_TEST_DATABASE_URL ist gesetzt, aber unter ${shown} antwortet kein PostgreSQL-Server.`);
    process.exit(1);
  } else console.log(`\n>> PostgreSQL-Tests übersprungen: kein Server unter ${shown} (VW_TEST_DATABASE_URL setzen oder .ci/run verwenden).`);
}
if (fs.existsSync(path.join(root, 'vitest.e2e.config.ts')) && process.argv.length <= 2) {
  run(bin('vite'), ['build', '--config', 'vite.renderer.config.ts']);
  if (!postgresUrl) console.log('\n>> Team-E2E (tests/e2e/team.e2e.ts) übersprungen: kein PostgreSQL-Server.');
  run(bin('vitest'), ['run', '--config', 'vitest.e2e.config.ts'], postgresUrl ? { ...process.env, VW_TEST_DATABASE_URL: postgresUrl } : process.env);
}

/** Whether a PostgreSQL server accepts the test login (a bare TCP answer is not enough: wrong role, no tests). */
async function postgresAnswers(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
