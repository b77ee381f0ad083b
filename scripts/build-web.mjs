// Bundles web mode — electron/server/main.ts and the pack worker beside it — into out/web with
// esbuild. It takes ~0.1 s, so `npm run web` does it at every start and never runs a stale build.
// Plain Node then runs the bundle: no TypeScript loader in the server or in the pack worker,
// which makes the first Sitzungsmappe faster and the process ~25 MB smaller than under tsx.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_OUT_DIR = path.join(root, 'out', 'web');
/**
 * The team server has a folder of its own: its build splits into other shared chunks than web
 * mode's, and both rewrite the workers' fixed names (pack-worker.js), so one folder for both let
 * a starting server load a worker or chunk of the other build.
 */
export const TEAM_OUT_DIR = path.join(root, 'out', 'team');

/**
 * Bundles `entry` (a path relative to the repository) into `outdir` as web mode runs it, with the
 * pack worker as pack-worker.js and the Word import worker as docx-worker.js beside it (each is
 * started from beside the module that starts it).
 * The pack benchmark bundles itself with this too, so it measures what web mode runs.
 */
export async function bundleForNode(name, entry, outdir) {
  // Written over, never cleared first: a second web mode started meanwhile still finds the
  // chunks it loads lazily (their names carry a content hash, so unchanged code keeps its files).
  await build({
    absWorkingDir: root,
    entryPoints: {
      [name]: entry,
      'pack-worker': 'electron/core/export/pack/pack-worker.ts',
      // Word import parses in a worker with a heap limit (docx-isolated.ts), started from beside it.
      'docx-worker': 'electron/core/document/docx-worker.ts',
    },
    outdir,
    bundle: true,
    // Lazy imports stay lazy chunks: playwright-core loads with the first PDF, not at start.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  return path.join(outdir, `${name}.js`);
}

/** Core reads its SQL migrations from beside migrate.ts, i.e. beside the bundle, one folder per engine. */
function copyMigrations(outdir) {
  const migrations = path.join(root, 'electron', 'core', 'db', 'migrations');
  for (const dialect of fs.readdirSync(migrations)) {
    const to = path.join(outdir, 'migrations', dialect);
    fs.mkdirSync(to, { recursive: true });
    const files = fs.readdirSync(path.join(migrations, dialect)).filter((file) => file.endsWith('.sql'));
    // A migration renamed or removed in the sources must not linger in the bundle: core would see it twice.
    for (const file of fs.readdirSync(to)) if (!files.includes(file)) fs.rmSync(path.join(to, file), { force: true });
    for (const file of files) fs.copyFileSync(path.join(migrations, dialect, file), path.join(to, file));
  }
}

/** Builds out/web and returns the path of its entry point. */
export async function buildWeb() {
  const entry = await bundleForNode('main', 'electron/server/main.ts', WEB_OUT_DIR);
  copyMigrations(WEB_OUT_DIR);
  return entry;
}

/** Builds the team server (electron/server/team-main.ts) into outdir (default out/team) and returns its entry point. */
export async function buildTeamServer(outdir = TEAM_OUT_DIR) {
  const entry = await bundleForNode('team', 'electron/server/team-main.ts', outdir);
  copyMigrations(outdir);
  return entry;
}
