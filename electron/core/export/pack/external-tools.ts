import { delimiter, join } from 'node:path';
import { isExecutable } from '../../fs/is-executable.js';

/**
 * Optional helper programs (LibreOffice, qpdf). The pack works without them; they only let more
 * Anlagen be included. Looked up once per process.
 */
const USUAL: Record<string, Partial<Record<NodeJS.Platform, string[]>>> = {
  soffice: {
    linux: ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice', '/snap/bin/libreoffice'],
    darwin: ['/Applications/LibreOffice.app/Contents/MacOS/soffice'],
    win32: ['C:\\Program Files\\LibreOffice\\program\\soffice.exe', 'C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe'],
  },
  qpdf: {
    linux: ['/usr/bin/qpdf', '/usr/local/bin/qpdf'],
    darwin: ['/opt/homebrew/bin/qpdf', '/usr/local/bin/qpdf'],
    win32: [],
  },
};
const ENV: Record<string, string> = { soffice: 'SOFFICE_PATH', qpdf: 'QPDF_PATH' };
const NAMES: Record<string, string[]> = { soffice: ['soffice', 'libreoffice'], qpdf: ['qpdf'] };

const cache = new Map<string, string | null>();

export function findTool(tool: 'soffice' | 'qpdf', env: NodeJS.ProcessEnv = process.env): string | null {
  if (env === process.env && cache.has(tool)) return cache.get(tool)!;
  const configured = env[ENV[tool]!]?.trim();
  const exe = process.platform === 'win32' ? '.exe' : '';
  const candidates = configured
    ? [configured]
    : [
        ...(USUAL[tool]![process.platform] ?? []),
        ...(env.PATH ?? '')
          .split(delimiter)
          .filter(Boolean)
          .flatMap((dir) => NAMES[tool]!.map((name) => join(dir, name + exe))),
      ];
  const found = candidates.find(isExecutable) ?? null;
  if (env === process.env) cache.set(tool, found);
  return found;
}
