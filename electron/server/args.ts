import path from 'node:path';
import { defaultDataDir } from '../core/paths.js';

export interface WebArgs {
  dataDir: string;
  port: number;
  open: boolean;
  demo: boolean;
  /** postgres://… from --database-url or VORLAGENWERK_DATABASE_URL; unset: the data folder's SQLite file. */
  databaseUrl?: string;
}

export class UsageError extends Error {}

export const USAGE = `Aufruf: npm run web -- [--data-dir ORDNER] [--database-url URL] [--port N] [--no-open] [--no-demo]

  --data-dir ORDNER  Datenordner (Standard: der Ordner der Desktop-App oder VORLAGENWERK_DATA_DIR)
  --database-url URL PostgreSQL-Datenbank postgres://… statt der SQLite-Datei (oder VORLAGENWERK_DATABASE_URL)
  --port N           Port auf 127.0.0.1 (Standard: ein freier Port)
  --no-open          keinen Browser öffnen
  --no-demo          eine leere Datenbank nicht mit den Musterkreis-Demodaten füllen`;

export function parseWebArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): WebArgs {
  const args: WebArgs = { dataDir: defaultDataDir(env), port: 0, open: !env.CI, demo: true };
  if (env.VORLAGENWERK_DATABASE_URL) args.databaseUrl = checkDatabaseUrl(env.VORLAGENWERK_DATABASE_URL);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${name} braucht einen Wert.`);
      return v;
    };
    switch (name) {
      case '--data-dir':
        args.dataDir = path.resolve(value());
        break;
      case '--database-url':
        args.databaseUrl = checkDatabaseUrl(value());
        break;
      case '--port': {
        const v = value();
        const port = Number(v);
        if (!/^\d+$/.test(v) || port > 65535) throw new UsageError(`Ungültiger Port: ${v}`);
        args.port = port;
        break;
      }
      case '--no-open':
        args.open = false;
        break;
      case '--no-demo':
        args.demo = false;
        break;
      case '--help':
      case '-h':
        throw new UsageError('');
      default:
        throw new UsageError(`Unbekannte Option: ${arg}`);
    }
  }
  return args;
}

/** Only PostgreSQL URLs: anything else is a typo that must not silently fall back to SQLite. */
export function checkDatabaseUrl(url: string): string {
  if (!/^postgres(ql)?:\/\/./.test(url)) throw new UsageError(`Die Datenbank-Adresse muss mit postgres:// beginnen (z. B. postgres://benutzer:passwort@localhost/vorlagenwerk), nicht: ${url.replace(/:[^:@/]*@/, ':***@')}`);
  return url;
}
