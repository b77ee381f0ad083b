// The `vorlagenwerk` command runs from an esbuild bundle of electron/cli/main.ts in out/cli, not
// from the TypeScript sources: compiling them at every start cost ~0.5 s before anything happened.
// bin/vorlagenwerk.mjs calls ensureCliBuilt() at every start. It compares every source file the
// last build read (esbuild's metafile, plus the SQL migrations, this script and package.json) with
// the mtime and size recorded then; any difference, a missing file or a missing output rebuilds
// first (~0.1 s). So the bundle is never stale, and the check itself costs a few stat calls.
// esbuild is imported only for a rebuild.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_OUT_DIR = path.join(root, 'out', 'cli');
const MANIFEST = path.join(CLI_OUT_DIR, 'build.json');
const ENTRY = 'electron/cli/main.ts';
const MIGRATIONS = 'electron/core/db/migrations';
/** Files that shape the build without being bundled. */
const EXTRA_INPUTS = ['scripts/build-cli.mjs', 'package.json'];

function fingerprint(rel) {
  try {
    const s = fs.statSync(path.join(root, rel));
    return [s.mtimeMs, s.size];
  } catch {
    return null;
  }
}

/** Why the bundle must be rebuilt, or null when it matches the sources exactly. */
export function staleReason() {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));
  } catch {
    return 'noch nicht gebaut';
  }
  for (const out of manifest.outputs) if (!fs.existsSync(path.join(CLI_OUT_DIR, out))) return `${out} fehlt`;
  for (const [rel, recorded] of Object.entries(manifest.inputs)) {
    const now = fingerprint(rel);
    if (!now || now[0] !== recorded[0] || now[1] !== recorded[1]) return `${rel} geändert`;
  }
  return null;
}

/** Writes a file so that a concurrent reader sees the old or the new content, never a part. */
function writeAtomic(file, contents) {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(tmp, contents);
  fs.renameSync(tmp, file);
}

/**
 * Bundles the CLI into out/cli: main.js, the pack worker beside it (PackAssembler starts it from
 * beside its own module), lazily loaded chunks and the SQL migrations (core reads them from
 * beside its module). Another CLI process may run from out/cli meanwhile: chunk names carry a
 * content hash, every file is replaced atomically and the entry points and the manifest last.
 */
export async function buildCli() {
  const { build } = await import('esbuild');
  const started = Date.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: ENTRY, 'pack-worker': 'electron/core/export/pack/pack-worker.ts', 'docx-worker': 'electron/core/document/docx-worker.ts' },
    outdir: CLI_OUT_DIR,
    bundle: true,
    // Lazy imports stay lazy chunks: the heavy libraries load only for the commands that use them.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    sourcemap: true,
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  fs.mkdirSync(CLI_OUT_DIR, { recursive: true });
  const entryNames = new Set(['main.js', 'pack-worker.js', 'docx-worker.js']);
  const outputs = result.outputFiles.map((f) => ({ rel: path.relative(CLI_OUT_DIR, f.path), contents: f.contents }));
  for (const o of outputs.filter((x) => !entryNames.has(x.rel))) writeAtomic(path.join(CLI_OUT_DIR, o.rel), o.contents);
  // One folder per engine (migrations/sqlite, migrations/postgres), as core reads them.
  const dialects = fs.readdirSync(path.join(root, MIGRATIONS), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const migrationFiles = dialects.flatMap((d) =>
    fs.readdirSync(path.join(root, MIGRATIONS, d)).filter((f) => f.endsWith('.sql')).map((f) => `${d}/${f}`),
  );
  for (const d of dialects) {
    const dir = path.join(CLI_OUT_DIR, 'migrations', d);
    fs.mkdirSync(dir, { recursive: true });
    // A migration renamed or removed in the sources must not linger here: core would see it twice.
    for (const f of fs.readdirSync(dir)) if (!migrationFiles.includes(`${d}/${f}`)) fs.rmSync(path.join(dir, f), { force: true });
  }
  for (const f of migrationFiles) writeAtomic(path.join(CLI_OUT_DIR, 'migrations', f), fs.readFileSync(path.join(root, MIGRATIONS, f)));
  for (const o of outputs.filter((x) => entryNames.has(x.rel))) writeAtomic(path.join(CLI_OUT_DIR, o.rel), o.contents);

  const inputs = {};
  const sources = [
    ...Object.keys(result.metafile.inputs).filter((p) => !p.startsWith('node_modules/')),
    // A folder's mtime changes when a migration is added or removed.
    MIGRATIONS,
    ...dialects.map((d) => `${MIGRATIONS}/${d}`),
    ...migrationFiles.map((f) => `${MIGRATIONS}/${f}`),
    ...EXTRA_INPUTS,
  ];
  for (const rel of sources) {
    const fp = fingerprint(rel);
    // Changed while esbuild ran: the bundle may hold the old text, so the next start rebuilds.
    if (fp) inputs[rel] = fp[0] >= started ? [0, 0] : fp;
  }
  const manifest = { inputs, outputs: [...outputs.map((o) => o.rel), ...migrationFiles.map((f) => `migrations/${f}`)] };
  writeAtomic(MANIFEST, JSON.stringify(manifest));
  pruneOldChunks(new Set([...manifest.outputs, 'build.json']));
  return path.join(CLI_OUT_DIR, 'main.js');
}

/**
 * Removes chunks of earlier builds. Only those an hour old: a CLI process started before this
 * build may still load one of them lazily.
 */
function pruneOldChunks(current) {
  const hourAgo = Date.now() - 3600_000;
  for (const name of fs.readdirSync(CLI_OUT_DIR)) {
    const file = path.join(CLI_OUT_DIR, name);
    if (current.has(name)) continue;
    try {
      const s = fs.statSync(file);
      if (s.isFile() && s.mtimeMs < hourAgo) fs.rmSync(file);
    } catch {
      // Removed meanwhile by another build.
    }
  }
}

/** The path of the CLI bundle, rebuilt first when any of its sources changed. */
export async function ensureCliBuilt() {
  if (staleReason() !== null) await buildCli();
  return path.join(CLI_OUT_DIR, 'main.js');
}
