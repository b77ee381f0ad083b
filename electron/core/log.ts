import fs from 'node:fs';
import path from 'node:path';

export interface Logger {
  error(message: string, error?: unknown): void;
  info(message: string): void;
}

/**
 * Internal details (stack traces, SQL errors) go to a log file in the data folder, never to the
 * user; support can ask for the file. Set VORLAGENWERK_DEBUG=1 to mirror them on stderr.
 */
export function fileLogger(dir: string): Logger {
  const file = path.join(dir, 'vorlagenwerk.log');
  const write = (level: string, message: string, error?: unknown) => {
    const detail = error instanceof Error ? `\n${error.stack ?? error.message}` : error === undefined ? '' : `\n${String(error)}`;
    const line = `${new Date().toISOString()} ${level} ${message}${detail}\n`;
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.appendFileSync(file, line);
    } catch {
      // Logging must never break the operation it describes.
    }
    if (process.env.VORLAGENWERK_DEBUG) process.stderr.write(line);
  };
  return { error: (m, e) => write('ERROR', m, e), info: (m) => write('INFO', m) };
}

export const silentLogger: Logger = { error() {}, info() {} };
