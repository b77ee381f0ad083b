import { accessSync, constants, statSync } from 'node:fs';

/** A file we may start as a program (Windows has no execute bit, so existence is enough there). */
export function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
