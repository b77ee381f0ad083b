import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDispatcher } from '../core/api/dispatcher.js';
import { PrintOnSave } from '../core/export/pack/print-on-save.js';
import { openApp } from '../core/app-context.js';
import { defaultDataDir } from '../core/paths.js';
import { createFileGuardedDispatch } from '../host/file-policy.js';
import { FolderOutbox } from '../host/folder-outbox.js';
import { TEAM_USAGE, UsageError, parseTeamArgs } from './args.js';
import { openChangeFeed } from './change-feed.js';
import { createTeamServer } from './team-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `npm run server`: the team server, one process of possibly several on the same database. */
async function main(): Promise<number> {
  let args;
  try {
    args = parseTeamArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) process.stderr.write(`${error.message}\n\n`);
    process.stderr.write(`${TEAM_USAGE}\n`);
    return error.message ? 2 : 0;
  }
  const dataDir = args.dataDir ?? defaultDataDir();
  // The storage folder is the one all instances share: the Hausvorlage and user templates live there too.
  const app = await openApp({ dataDir, ...(args.databaseUrl ? { databaseUrl: args.databaseUrl } : {}), ...(args.storageDir ? { sharedDir: args.storageDir } : {}) });
  const outbox = new FolderOutbox(args.storageDir ?? path.join(dataDir, 'ausgabe'));
  const changes = await openChangeFeed(args.databaseUrl, (error) => app.log.error('change feed', error));
  const server = await createTeamServer({
    app,
    changes,
    dispatch: createFileGuardedDispatch({ dispatch: createDispatcher(app, { afterChange: new PrintOnSave(app).afterChange }), outbox, dataDir: app.dataDir }),
    outbox,
    rendererDir: process.env.VORLAGENWERK_RENDERER_DIR ?? path.join(root, 'renderer', 'dist'),
    trustProxy: args.trustProxy,
  });
  let url: string;
  try {
    url = await server.listen({ host: args.host, port: args.port });
  } catch (error) {
    const code = (error as { code?: string }).code;
    process.stderr.write(code === 'EADDRINUSE' ? `Der Port ${args.port} ist schon belegt.\n` : `Der Teamserver konnte nicht starten: ${(error as Error).message}\n`);
    await changes.close();
    await app.close();
    return 1;
  }
  process.stdout.write(`Vorlagenwerk (Teamserver) läuft unter ${url}/\n`);
  // Without a shared folder each instance keeps exports, Hausvorlage and templates to itself: one
  // instance's upload would be missing on the others, with no error anywhere to say why.
  if (app.engine === 'postgres' && !args.storageDir) {
    process.stderr.write('Hinweis: Ohne --storage bleiben Exporte, Hausvorlage und eigene Schablonen im Datenordner dieser Instanz. Laufen mehrere Instanzen, geben Sie allen denselben Ordner mit --storage an.\n');
  }
  if ((await app.store.users.list()).length === 0) process.stderr.write('Es gibt noch keine Benutzer. Anlegen mit: vorlagenwerk user add LOGIN --name NAME --role admin --password-stdin\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.close();
  await changes.close();
  await app.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`Der Teamserver ist mit einem Fehler beendet worden: ${(error as Error)?.message ?? String(error)}\n`);
    process.exit(1);
  },
);
