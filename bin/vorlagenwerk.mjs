#!/usr/bin/env node
// Entry point of `npx vorlagenwerk`: runs the TypeScript CLI through tsx, so it works right
// after `npm ci` without a build step.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`Vorlagenwerk braucht Node.js 22.12 oder neuer (gefunden: ${process.version}).\n`);
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
const { exitQuietlyOnClosedPipe } = await import('../electron/cli/closed-pipe.ts');
exitQuietlyOnClosedPipe();
const { runCli } = await import('../electron/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
