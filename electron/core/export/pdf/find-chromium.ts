import { delimiter, join } from 'node:path';
import { isExecutable as fileIsExecutable } from '../../fs/is-executable.js';
import { PdfRendererUnavailableError } from './types.js';

const LINUX_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

const USUAL_PATHS: Record<string, string[]> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/usr/lib/chromium/chromium',
  ],
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files\\Chromium\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
  ],
};

export interface FindChromiumContext {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  isExecutable?: (path: string) => boolean;
}

/** Every place we look, in order; exported so the error and the tests can show the list. */
export function chromiumCandidates(ctx: FindChromiumContext = {}): string[] {
  const env = ctx.env ?? process.env;
  const platform = ctx.platform ?? process.platform;
  const fromPath =
    platform === 'linux'
      ? (env.PATH ?? '')
          .split(delimiter)
          .filter(Boolean)
          .flatMap((dir) => LINUX_NAMES.map((name) => join(dir, name)))
      : [];
  return [...new Set([...(USUAL_PATHS[platform] ?? []), ...fromPath])];
}

/**
 * The Chromium (or Chrome/Edge) binary to print with: CHROMIUM_PATH if set, else the first
 * usual install location. A wrong CHROMIUM_PATH is an error rather than a silent fallback,
 * so a misconfiguration is noticed.
 */
export function findChromium(ctx: FindChromiumContext = {}): string {
  const env = ctx.env ?? process.env;
  const platform = ctx.platform ?? process.platform;
  const isExecutable = ctx.isExecutable ?? fileIsExecutable;
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) {
    if (isExecutable(configured)) return configured;
    throw new PdfRendererUnavailableError(
      `CHROMIUM_PATH verweist auf „${configured}“, dort ist aber kein ausführbares Chromium. ` +
        'Bitte den Pfad korrigieren oder die Variable entfernen, damit die üblichen Orte durchsucht werden.',
    );
  }
  const candidates = chromiumCandidates({ env, platform });
  const found = candidates.find(isExecutable);
  if (found) return found;
  throw new PdfRendererUnavailableError(
    `Für den PDF-Export wird Chromium benötigt, es wurde aber keines gefunden. ${installHint(platform)} ` +
      'Alternativ die Umgebungsvariable CHROMIUM_PATH auf die Programmdatei von Chromium, Google Chrome oder Microsoft Edge setzen. ' +
      `Gesucht wurde in: ${candidates.join(', ')}.`,
  );
}

function installHint(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'linux':
      return 'Bitte Chromium installieren, z. B. unter Debian/Ubuntu mit „sudo apt install chromium“.';
    case 'darwin':
      return 'Bitte Google Chrome oder Chromium im Ordner „Programme“ installieren.';
    case 'win32':
      return 'Bitte Google Chrome installieren (Microsoft Edge wird ebenfalls erkannt).';
    default:
      return 'Bitte Chromium installieren.';
  }
}
