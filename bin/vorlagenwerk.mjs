#!/usr/bin/env node
// Entry point of the `vorlagenwerk` command. It runs the CLI from its esbuild bundle in out/cli,
// which scripts/build-cli.mjs rebuilds first whenever a source changed, so it works right after
// `npm ci` without a build step and never runs stale code.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`Vorlagenwerk braucht Node.js 22.12 oder neuer (gefunden: ${process.version}).\n`);
  process.exit(1);
}
const { ensureCliBuilt } = await import('../scripts/build-cli.mjs');
let entry;
try {
  entry = await ensureCliBuilt();
} catch (error) {
  process.stderr.write(`Fehler: Das Kommandozeilenprogramm konnte nicht gebaut werden: ${error instanceof Error ? error.message.split('\n')[0] : error}\n`);
  process.exit(1);
}
const { pathToFileURL } = await import('node:url');
const { runCli } = await import(pathToFileURL(entry).href);
process.exitCode = await runCli(process.argv.slice(2));
