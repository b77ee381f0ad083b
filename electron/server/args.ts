import path from 'node:path';
import { defaultDataDir } from '../core/paths.js';

export class UsageError extends Error {}

/**
 * Reads `--name value`, `--name=value` and flags; `valued` and `flags` list the options a mode
 * takes. Everything else is a German usage error; --help/-h is an empty one (print the usage).
 */
function readOptions(argv: string[], valued: readonly string[], flags: readonly string[], take: (name: string, value: string | true) => void): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name === '--help' || name === '-h') throw new UsageError('');
    if (valued.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${name} braucht einen Wert.`);
      take(name, value);
    } else if (flags.includes(name) && inline === undefined) take(name, true);
    else throw new UsageError(`Unbekannte Option: ${arg}`);
  }
}

function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`Ungültiger Port: ${value}`);
  return Number(value);
}

/** Only PostgreSQL URLs: anything else is a typo that must not silently fall back to SQLite. */
export function checkDatabaseUrl(url: string): string {
  if (!/^postgres(ql)?:\/\/./.test(url)) throw new UsageError(`Die Datenbank-Adresse muss mit postgres:// beginnen (z. B. postgres://benutzer:passwort@localhost/vorlagenwerk), nicht: ${url.replace(/:[^:@/]*@/, ':***@')}`);
  return url;
}

export interface WebArgs {
  dataDir: string;
  port: number;
  open: boolean;
  demo: boolean;
  /** postgres://… from --database-url or VORLAGENWERK_DATABASE_URL; unset: the data folder's SQLite file. */
  databaseUrl?: string;
}

export const USAGE = `Aufruf: npm run web -- [--data-dir ORDNER] [--database-url URL] [--port N] [--no-open] [--no-demo]

  --data-dir ORDNER  Datenordner (Standard: der Ordner der Desktop-App oder VORLAGENWERK_DATA_DIR)
  --database-url URL PostgreSQL-Datenbank postgres://… statt der SQLite-Datei (oder VORLAGENWERK_DATABASE_URL)
  --port N           Port auf 127.0.0.1 (Standard: ein freier Port)
  --no-open          keinen Browser öffnen
  --no-demo          eine leere Datenbank nicht mit den Musterkreis-Demodaten füllen`;

/** `npm run web`: one user on this machine. */
export function parseWebArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): WebArgs {
  const args: WebArgs = { dataDir: defaultDataDir(env), port: 0, open: !env.CI, demo: true };
  if (env.VORLAGENWERK_DATABASE_URL) args.databaseUrl = checkDatabaseUrl(env.VORLAGENWERK_DATABASE_URL);
  readOptions(argv, ['--data-dir', '--database-url', '--port'], ['--no-open', '--no-demo'], (name, value) => {
    if (name === '--data-dir') args.dataDir = path.resolve(value as string);
    else if (name === '--database-url') args.databaseUrl = checkDatabaseUrl(value as string);
    else if (name === '--port') args.port = parsePort(value as string);
    else if (name === '--no-open') args.open = false;
    else if (name === '--no-demo') args.demo = false;
  });
  return args;
}

export interface TeamArgs {
  /** postgres://… or null for the SQLite file in dataDir. */
  databaseUrl: string | null;
  dataDir: string | null;
  storageDir: string | null;
  host: string;
  port: number;
  trustProxy: boolean;
}

export const TEAM_USAGE = `Aufruf: npm run server -- --database-url URL [--host H] [--port N] [--trust-proxy] [--storage ORDNER]
       npm run server -- --data-dir ORDNER [--host H] [--port N] …   (SQLite-Datei im Ordner, für ein Büro)

  --database-url URL  postgres://BENUTZER:PASSWORT@HOST:PORT/DATENBANK oder sqlite:ORDNER
                      (Standard: Umgebungsvariable VORLAGENWERK_DATABASE_URL)
  --data-dir ORDNER   Datenordner (SQLite-Datei, Protokolle); bei PostgreSQL nur für Protokolle
  --storage ORDNER    von allen Instanzen geteilter Ordner: erzeugte Dateien (Exporte),
                      Hausvorlage und eigene Schablonen (Standard: Exporte im Ordner
                      „ausgabe“, Hausvorlage und Schablonen im Datenordner;
                      Umgebungsvariable VORLAGENWERK_STORAGE_DIR)
  --host H            Adresse, an der der Server lauscht (Standard: 127.0.0.1)
  --port N            Port (Standard: 8080)
  --trust-proxy       hinter einem Reverse Proxy: X-Forwarded-Proto/-For glauben (Secure-Cookie bei HTTPS)`;

/** `npm run server`: the team server. */
export function parseTeamArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): TeamArgs {
  const args: TeamArgs = { databaseUrl: env.VORLAGENWERK_DATABASE_URL || null, dataDir: null, storageDir: env.VORLAGENWERK_STORAGE_DIR ? path.resolve(env.VORLAGENWERK_STORAGE_DIR) : null, host: '127.0.0.1', port: 8080, trustProxy: false };
  readOptions(argv, ['--database-url', '--data-dir', '--storage', '--host', '--port'], ['--trust-proxy'], (name, value) => {
    if (name === '--database-url') args.databaseUrl = value as string;
    else if (name === '--data-dir') args.dataDir = path.resolve(value as string);
    else if (name === '--storage') args.storageDir = path.resolve(value as string);
    else if (name === '--host') args.host = value as string;
    else if (name === '--port') args.port = parsePort(value as string);
    else if (name === '--trust-proxy') args.trustProxy = true;
  });
  if (args.databaseUrl?.startsWith('sqlite:')) {
    args.dataDir = path.resolve(args.databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, ''));
    args.databaseUrl = null;
  }
  if (args.databaseUrl !== null && !/^postgres(ql)?:\/\//.test(args.databaseUrl)) throw new UsageError('--database-url muss mit postgres:// oder sqlite: beginnen.');
  if (args.databaseUrl === null && args.dataDir === null) throw new UsageError('Bitte --database-url URL oder --data-dir ORDNER angeben.');
  return args;
}
