import path from 'node:path';
import { defaultDataDir } from '../core/paths.js';

export interface WebArgs {
  dataDir: string;
  port: number;
  open: boolean;
  demo: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Aufruf: npm run web -- [--data-dir ORDNER] [--port N] [--no-open] [--no-demo]

  --data-dir ORDNER  Datenordner (Standard: der Ordner der Desktop-App oder VORLAGENWERK_DATA_DIR)
  --port N           Port auf 127.0.0.1 (Standard: ein freier Port)
  --no-open          keinen Browser öffnen
  --no-demo          eine leere Datenbank nicht mit den Musterkreis-Demodaten füllen`;

export function parseWebArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): WebArgs {
  const args: WebArgs = { dataDir: defaultDataDir(env), port: 0, open: !env.CI, demo: true };
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
