import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Vorlagenwerk';

/**
 * The desktop app's data folder (same place Electron's app.getPath('userData') gives for our
 * productName), so the CLI and the app share one database by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.VORLAGENWERK_DATA_DIR) return path.resolve(env.VORLAGENWERK_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

export const databaseFile = (dataDir: string) => path.join(dataDir, 'vorlagenwerk.sqlite');
export const backupsDir = (dataDir: string) => path.join(dataDir, 'backups');
export const logsDir = (dataDir: string) => path.join(dataDir, 'logs');
export const exportsDir = (dataDir: string) => path.join(dataDir, 'exports');
/** Caches that only save time (printed documents, packs); deleting the folder loses nothing. */
export const cacheDir = (dataDir: string) => path.join(dataDir, 'cache');
/** Transient exports of web mode and the desktop app before download (see server/outbox.ts). */
export const outboxDir = (dataDir: string) => path.join(dataDir, 'ausgabe-temp');
