import path from 'node:path';
import { UsageError } from './args.js';

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
  --storage ORDNER    Ordner für erzeugte Dateien (Exporte), von allen Instanzen geteilt
                      (Standard: ORDNER „ausgabe“ im Datenordner)
  --host H            Adresse, an der der Server lauscht (Standard: 127.0.0.1)
  --port N            Port (Standard: 8080)
  --trust-proxy       hinter einem Reverse Proxy: X-Forwarded-Proto/-For glauben (Secure-Cookie bei HTTPS)`;

export function parseTeamArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): TeamArgs {
  const args: TeamArgs = { databaseUrl: env.VORLAGENWERK_DATABASE_URL || null, dataDir: null, storageDir: null, host: '127.0.0.1', port: 8080, trustProxy: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${name} braucht einen Wert.`);
      return v;
    };
    switch (name) {
      case '--database-url':
        args.databaseUrl = value();
        break;
      case '--data-dir':
        args.dataDir = path.resolve(value());
        break;
      case '--storage':
        args.storageDir = path.resolve(value());
        break;
      case '--host':
        args.host = value();
        break;
      case '--port': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) > 65535) throw new UsageError(`Ungültiger Port: ${v}`);
        args.port = Number(v);
        break;
      }
      case '--trust-proxy':
        args.trustProxy = true;
        break;
      case '--help':
      case '-h':
        throw new UsageError('');
      default:
        throw new UsageError(`Unbekannte Option: ${arg}`);
    }
  }
  if (args.databaseUrl?.startsWith('sqlite:')) {
    args.dataDir = path.resolve(args.databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, ''));
    args.databaseUrl = null;
  }
  if (args.databaseUrl !== null && !/^postgres(ql)?:\/\//.test(args.databaseUrl)) throw new UsageError('--database-url muss mit postgres:// oder sqlite: beginnen.');
  if (args.databaseUrl === null && args.dataDir === null) throw new UsageError('Bitte --database-url URL oder --data-dir ORDNER angeben.');
  return args;
}
