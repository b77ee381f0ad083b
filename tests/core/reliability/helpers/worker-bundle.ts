import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..', '..', '..', '..');

export interface WorkerBundle {
  /** Spawns the worker with arguments; stdout is a pipe of protocol lines. */
  spawn(args: string[], env?: NodeJS.ProcessEnv): ChildProcess;
  dispose(): void;
}

/**
 * Bundles a worker script once with esbuild, so that each of the many child processes the
 * torture tests start (and kill) pays ~0.1 s of startup instead of ~0.6 s through tsx.
 * The bundle sits two folders below the repository root because the core resolves
 * package.json and templates/ relative to its own file; migrations come via the env variable.
 */
export async function bundleWorker(entry: string): Promise<WorkerBundle> {
  // test-output/ is git-ignored, so a fresh clone does not have it yet.
  fs.mkdirSync(path.join(root, 'test-output'), { recursive: true });
  const outDir = fs.mkdtempSync(path.join(root, 'test-output', `vw-rel-${process.pid}-`));
  const outfile = path.join(outDir, `${path.basename(entry, '.ts')}.mjs`);
  let command: string[];
  try {
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      outfile,
      external: ['better-sqlite3', 'playwright-core', 'electron'],
      banner: { js: "import { createRequire as __vwCreateRequire } from 'node:module'; const require = __vwCreateRequire(import.meta.url);" },
      logLevel: 'silent',
    });
    command = [outfile];
  } catch {
    command = ['--import', 'tsx', entry];
  }
  const env = { ...process.env, VORLAGENWERK_MIGRATIONS_DIR: path.join(root, 'electron', 'core', 'db', 'migrations') };
  return {
    spawn: (args, extra = {}) => spawn(process.execPath, [...command, ...args], { cwd: root, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] }),
    dispose: () => fs.rmSync(outDir, { recursive: true, force: true }),
  };
}

/** Collects a child's stdout lines; resolves `exited` when it has ended (by itself or by a signal). */
export function watchLines(child: ChildProcess, onLine?: (line: string) => void) {
  const lines: string[] = [];
  let stderr = '';
  let buffer = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffer += chunk;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      lines.push(line);
      onLine?.(line);
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  return { lines, stderr: () => stderr, exited };
}
