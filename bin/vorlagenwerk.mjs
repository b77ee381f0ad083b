#!/usr/bin/env node
// Entry point of the `vorlagenwerk` command. It runs the CLI from its esbuild bundle in out/cli,
// which scripts/build-cli.mjs rebuilds first whenever a source changed, so it works right after
// `npm ci` without a build step and never runs stale code.
const { requireSupportedNode } = await import('../scripts/node-version.mjs');
requireSupportedNode();
// V8's compiled code of the bundle, kept between runs beside it (~10 % of every start). Where
// the folder cannot be written (a read-only install), Node simply runs without the cache.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.(new URL('../out/compile-cache', import.meta.url).pathname);
const { ensureCliBuilt } = await import('../scripts/build-cli.mjs');
let entry;
try {
  entry = await ensureCliBuilt();
} catch (error) {
  process.stderr.write(`Fehler: Das Kommandozeilenprogramm konnte nicht gebaut werden: ${error instanceof Error ? error.message.split('\n')[0] : error}\n`);
  process.exit(1);
}
const { pathToFileURL } = await import('node:url');
const { runCli, exitQuietlyOnClosedPipe } = await import(pathToFileURL(entry).href);
exitQuietlyOnClosedPipe();
process.exitCode = await runCli(process.argv.slice(2));
