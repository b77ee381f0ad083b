import { spawn } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-app.js';

const root = path.join(import.meta.dirname, '..', '..');

/** Runs the CLI with its stdout read by nobody: the reader has gone before anything is written. */
function intoClosedPipe(...args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'vorlagenwerk.mjs'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, VORLAGENWERK_DATA_DIR: '', FORCE_COLOR: '0' },
  });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
}

let dir: string;
beforeAll(() => {
  dir = tempDir('vw-pipe-');
  expect(cli(dir, 'demo').code).toBe(0);
}, 60_000);

describe('CLI into a closed pipe (issue 12.12)', () => {
  it('exits quietly with status 0 when the work was done (like `| head`)', async () => {
    for (const args of [['--help'], ['--data-dir', dir, 'vorlage', 'list'], ['--data-dir', dir, '--json', 'vorlage', 'list']]) {
      const r = await intoClosedPipe(...args);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.signal).toBeNull();
      expect(r.code, args.join(' ')).toBe(0);
    }
  }, 60_000);

  it('keeps the exit code of a command that failed', async () => {
    const r = await intoClosedPipe('--data-dir', dir, 'vorlage', 'show', '99/999/1999');
    expect(r.stderr).toMatch(/^Fehler: /);
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(r.code).toBe(1);
  }, 60_000);
});
