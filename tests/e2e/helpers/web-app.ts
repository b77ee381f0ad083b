import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface WebApp {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  process: ChildProcess;
  /** Calls the API like the renderer does (for setup and checks). */
  call<T = unknown>(method: string, params?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** An existing data folder (e.g. a prepared benchmark database); default a fresh temp folder. */
  dataDir?: string;
  demo?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts web mode (out/web, bundled from electron/server/main.ts) on a fresh data folder, with
 * the Musterkreis demo loaded on first start, and waits for the URL it prints. The renderer must
 * have been built (npm test does that; or `npm run build`).
 */
export async function startWebApp(options: StartOptions = {}): Promise<WebApp> {
  if (!fs.existsSync(path.join(ROOT, 'renderer', 'dist', 'index.html'))) {
    throw new Error('renderer/dist fehlt: bitte zuerst `npm run build` ausführen.');
  }
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vw-e2e-'));
  // The bundle `npm run web` runs (built once per test run in the global setup).
  const args = ['--enable-source-maps', path.join(ROOT, 'out', 'web', 'main.js'), '--data-dir', dataDir, '--no-open'];
  if (options.demo === false) args.push('--no-demo');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, CI: '1', VORLAGENWERK_USER: 'e2e', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`web mode did not start in time:\n${stderr}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web mode exited with ${code}:\n${stderr}`));
    });
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token')!;
  const origin = parsed.origin;
  return {
    url,
    origin,
    token,
    dataDir,
    process: child,
    async call<T>(method: string, params: unknown = {}) {
      const res = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-vorlagenwerk-token': token },
        body: JSON.stringify(params),
      });
      const body = (await res.json()) as { ok: boolean; result?: T; error?: { message: string } };
      if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
      return body.result as T;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
