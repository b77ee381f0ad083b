import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/paths.js';
import { ApiError, DatabaseUnusableError } from '../shared/errors.js';
import { UsageError, type CliContext, type Command } from './command.js';
import { commands } from './commands/index.js';
export { exitQuietlyOnClosedPipe } from './closed-pipe.js';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  stdin?: () => Promise<string>;
}

const defaultIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stderr.isTTY),
  env: process.env,
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  },
};

function helpText(): string {
  const lines = commands.map((c) => `  ${`${c.name} ${c.usage ?? ''}`.trim().padEnd(58)} ${c.summary}`);
  return [
    'Vorlagenwerk – Vorlagen, Sitzungen und Sitzungsmappen',
    '',
    'Aufruf: vorlagenwerk [--data-dir DIR] [--database-url URL] [--storage DIR] [--json] <Befehl> [Argumente]',
    '',
    'Befehle:',
    ...lines,
    `  ${'migrate'.padEnd(58)} Legt das Schema der gewählten Datenbank an oder aktualisiert es`,
    '',
    'Optionen:',
    '  --data-dir DIR   Datenordner (Standard: Datenordner der Desktop-App; Umgebungsvariable VORLAGENWERK_DATA_DIR)',
    '  --database-url URL  PostgreSQL-Datenbank postgres://… statt der SQLite-Datei im Datenordner (Umgebungsvariable VORLAGENWERK_DATABASE_URL)',
    '  --storage DIR    geteilter Ablageordner der Teamserver (wie deren --storage): Hausvorlage und eigene Schablonen',
    '                   liegen dann dort statt im Datenordner (Umgebungsvariable VORLAGENWERK_STORAGE_DIR)',
    '  --json           Ergebnis als ein JSON-Dokument auf stdout',
    '  --help           diese Hilfe',
    '',
  ].join('\n');
}

/** Picks the command whose name matches the most leading words ("vorlage list" before "vorlage"). */
function findCommand(words: string[]): { command: Command; rest: string[] } | null {
  let best: { command: Command; rest: string[] } | null = null;
  for (const command of commands) {
    const parts = command.name.split(' ');
    if (parts.every((p, i) => words[i] === p) && (!best || parts.length > best.command.name.split(' ').length)) {
      best = { command, rest: words.slice(parts.length) };
    }
  }
  return best;
}

/** Runs one CLI invocation; returns the exit code (0 ok, 1 user error, 2 usage error). */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let globals;
  try {
    globals = parseArgs({
      args: argv,
      options: { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' }, storage: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: false,
    });
  } catch (error) {
    io.stderr(`Fehler: ${(error as Error).message}\n`);
    return 2;
  }
  // Global flags may stand anywhere; strip them before the command parses its own.
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json' || a === '--help' || a === '-h') continue;
    if (a === '--data-dir' || a === '--database-url' || a === '--storage') {
      i++;
      continue;
    }
    if (a.startsWith('--data-dir=') || a.startsWith('--database-url=') || a.startsWith('--storage=')) continue;
    rest.push(a);
  }
  const words = rest.filter((a) => !a.startsWith('-'));
  if (globals.values.help || words.length === 0) {
    io.stdout(helpText());
    return globals.values.help ? 0 : 2;
  }
  const dataDir = typeof globals.values['data-dir'] === 'string' ? globals.values['data-dir'] : defaultDataDir(io.env);
  const databaseUrl = typeof globals.values['database-url'] === 'string' ? globals.values['database-url'] : io.env.VORLAGENWERK_DATABASE_URL || undefined;
  const storage = typeof globals.values.storage === 'string' ? globals.values.storage : io.env.VORLAGENWERK_STORAGE_DIR || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/./.test(databaseUrl)) {
    io.stderr('Fehler: Die Datenbank-Adresse muss mit postgres:// beginnen (z. B. postgres://benutzer:passwort@localhost/vorlagenwerk).\n');
    return 2;
  }
  if (words[0] === 'migrate' && words.length === 1) {
    try {
      // Loaded only for this command: it brings both database engines.
      const { migrateText, runMigrate } = await import('./migrate.js');
      const report = await runMigrate(dataDir, databaseUrl);
      io.stdout(globals.values.json === true ? `${JSON.stringify(report, null, 2)}\n` : `${migrateText(report)}\n`);
      return 0;
    } catch (error) {
      io.stderr(`Fehler: ${error instanceof ApiError ? error.message : 'Die Datenbank konnte nicht aktualisiert werden; Details im Protokoll.'}\n`);
      return 1;
    }
  }
  const found = findCommand(rest);
  if (!found) {
    io.stderr(`Unbekannter Befehl: ${words.slice(0, 2).join(' ')}\n\n${helpText()}`);
    return 2;
  }
  const { command } = found;
  let args;
  try {
    const parsed = parseArgs({ args: found.rest, options: command.options ?? {}, allowPositionals: true, strict: true });
    args = { positionals: parsed.positionals, values: parsed.values as Record<string, string | boolean | undefined> };
    const [min, max] = typeof command.positionals === 'number' ? [command.positionals, command.positionals] : (command.positionals ?? [0, Infinity]);
    if (args.positionals.length < min || args.positionals.length > max) {
      throw new UsageError(`Falsche Anzahl von Argumenten. Aufruf: vorlagenwerk ${command.name} ${command.usage ?? ''}`.trim());
    }
  } catch (error) {
    io.stderr(`Fehler: ${germanParseError(error as Error)}\nAufruf: vorlagenwerk ${command.name} ${command.usage ?? ''}\n`);
    return 2;
  }

  const json = globals.values.json === true;
  // Loaded only now: `--help` and usage errors answer without the database and the API.
  const [{ openApp }, { call, createDispatcher }] = await Promise.all([import('../core/app-context.js'), import('../core/api/dispatcher.js')]);
  let app;
  try {
    app = await openApp({ dataDir, databaseUrl, ...(storage ? { sharedDir: path.resolve(storage) } : {}) });
  } catch (error) {
    // The remedy the message offers must work without the database it cannot open.
    if (command.name === 'restore' && !databaseUrl && error instanceof DatabaseUnusableError && error.reason !== 'read-only') return restoreOffline(dataDir, args.positionals[0]!, json, io);
    io.stderr(`Fehler: ${error instanceof ApiError ? error.message : (error as Error).message}\n`);
    return 1;
  }
  const dispatch = createDispatcher(app);
  let progressShown = false;
  let exitCode = 0;
  const ctx: CliContext = {
    app,
    call: (method, params, options) => call(dispatch, method, params, options),
    json,
    out: (text) => io.stdout(`${text}\n`),
    fail: (code) => {
      exitCode = code;
    },
    stdin: () => (io.stdin ?? defaultIo.stdin!)(),
    progress: (text) => {
      if (!io.isTTY || json) return;
      progressShown = true;
      io.stderr(`\r\u001b[2K${text}`);
    },
  };
  try {
    const result = await command.run(ctx, args);
    if (progressShown) io.stderr('\r\u001b[2K');
    if (json || !command.print) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else (command.print as (r: unknown, c: CliContext) => void)(result, ctx);
    return exitCode;
  } catch (error) {
    if (progressShown) io.stderr('\r\u001b[2K');
    if (error instanceof UsageError) {
      io.stderr(`Fehler: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ApiError) {
      io.stderr(`Fehler: ${error.message}\n`);
      if (json) io.stdout(`${JSON.stringify({ error: error.toPayload() })}\n`);
      return 1;
    }
    app.log.error(`cli ${command.name} failed`, error);
    io.stderr('Fehler: Ein interner Fehler ist aufgetreten. Details stehen in der Protokolldatei im Datenordner (logs/).\n');
    return 1;
  } finally {
    await app.close();
  }
}

function germanParseError(error: Error): string {
  const m = error.message;
  const unknown = /Unknown option '([^']+)'/.exec(m);
  if (unknown) return `Unbekannte Option ${unknown[1]}`;
  const missing = /Option '([^']+)' argument missing/.exec(m);
  if (missing) return `Der Option ${missing[1]} fehlt ein Wert`;
  return m;
}

async function restoreOffline(dataDir: string, file: string, json: boolean, io: CliIo): Promise<number> {
  try {
    const { restoreUnusableDatabase } = await import('../core/db/sqlite-backup.js');
    const r = await restoreUnusableDatabase(dataDir, path.resolve(file));
    if (json) io.stdout(`${JSON.stringify(r, null, 2)}\n`);
    else io.stdout(`Wiederhergestellt aus ${r.restoredFrom}.\n${r.previousSavedAs ? `Die unbrauchbare Datenbank wurde aufbewahrt: ${r.previousSavedAs}\n` : ''}`);
    return 0;
  } catch (error) {
    io.stderr(`Fehler: ${error instanceof ApiError ? error.message : 'Die Wiederherstellung ist fehlgeschlagen; die Datenbank ist unverändert.'}\n`);
    return 1;
  }
}
