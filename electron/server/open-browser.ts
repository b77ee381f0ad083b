import { spawn } from 'node:child_process';

/** Opens the URL in the user's default browser; failing to do so only costs a hint. */
export function openBrowser(url: string, platform: NodeJS.Platform = process.platform): void {
  const [cmd, args] =
    platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => process.stderr.write('Der Browser konnte nicht geöffnet werden. Bitte öffnen Sie die Adresse oben selbst.\n'));
    child.unref();
  } catch {
    process.stderr.write('Der Browser konnte nicht geöffnet werden. Bitte öffnen Sie die Adresse oben selbst.\n');
  }
}
