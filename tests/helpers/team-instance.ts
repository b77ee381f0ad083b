import { spawn, type ChildProcess } from 'node:child_process';

export interface TeamInstance {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
}

/** Starts a built team server (`entry`) on a free loopback port; resolves with the URL it prints. */
export async function startTeamInstance(entry: string, args: string[]): Promise<TeamInstance> {
  const child = spawn(process.execPath, [entry, ...args, '--host', '127.0.0.1', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VORLAGENWERK_DATABASE_URL: '', VORLAGENWERK_STORAGE_DIR: '' } });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`team server did not start: ${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /läuft unter (http:\/\/\S+?)\/?\n/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`team server exited with ${code}: ${output}`)));
  });
  return { child, url, output: () => output };
}

/** Ends the instances that were started (SIGTERM) and waits until each has exited. */
export async function stopTeamInstances(instances: Iterable<TeamInstance | undefined>): Promise<void> {
  for (const instance of new Set(instances)) {
    if (!instance || instance.child.exitCode !== null) continue;
    const exited = new Promise((resolve) => instance.child.once('exit', resolve));
    instance.child.kill('SIGTERM');
    await exited;
  }
}
