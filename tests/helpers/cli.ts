import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..', '..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

/** Runs the real `vorlagenwerk` entry point (bin/vorlagenwerk.mjs) in a child process. */
export function cli(dataDir: string, ...args: string[]): CliResult {
  return cliIn(process.cwd(), dataDir, ...args);
}

/**
 * The same, run in the folder `cwd`: a test that checks nothing was written to the working folder
 * needs one of its own (other test files write into the repository's folder meanwhile).
 */
export function cliIn(cwd: string, dataDir: string, ...args: string[]): CliResult {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'vorlagenwerk.mjs'), '--data-dir', dataDir, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, VORLAGENWERK_DATA_DIR: '', VORLAGENWERK_STORAGE_DIR: '', FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json: <T>() => JSON.parse(r.stdout) as T };
}
