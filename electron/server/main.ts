import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp } from '../core/app-context.js';
import { warmUpPdfServices } from '../core/export/pdf/pdf-services.js';
import { createDispatcher } from '../core/api/dispatcher.js';
import { PrintOnSave } from '../core/export/pack/print-on-save.js';
import { outboxDir } from '../core/paths.js';
import { USAGE, UsageError, parseWebArgs } from './args.js';
import { createFileGuardedDispatch } from '../host/file-policy.js';
import { openBrowser } from './open-browser.js';
import { Outbox } from '../host/outbox.js';
import { newToken } from './security.js';
import { createWebServer } from './server.js';
import { prepareData } from '../host/startup.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<number> {
  let args;
  try {
    args = parseWebArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) process.stderr.write(`${error.message}\n\n`);
    process.stderr.write(`${USAGE}\n`);
    return error.message ? 2 : 0;
  }

  const app = await openApp({ dataDir: args.dataDir, databaseUrl: args.databaseUrl });
  // A saved Vorlage is printed ahead for the next Sitzungsmappe (issue 16.7).
  const dispatch = createDispatcher(app, { afterChange: new PrintOnSave(app).afterChange });
  const report = await prepareData(app, dispatch, { demo: args.demo });
  const outbox = new Outbox(40, outboxDir(app.dataDir));
  const web = createWebServer({
    dispatch: createFileGuardedDispatch({ dispatch, outbox, dataDir: app.dataDir }),
    outbox,
    rendererDir: process.env.VORLAGENWERK_RENDERER_DIR ?? path.join(root, 'renderer', 'dist'),
    token: newToken(),
    log: (message) => app.log.error(message),
  });
  let listening;
  try {
    listening = await web.listen(args.port);
  } catch (error) {
    const code = (error as { code?: string }).code;
    process.stderr.write(code === 'EADDRINUSE' ? `Der Port ${args.port} ist schon belegt. Bitte einen anderen wählen (--port N) oder --port weglassen.\n` : `Der Web-Modus konnte nicht starten: ${(error as Error).message}\n`);
    outbox.close();
    await app.close();
    return 1;
  }

  if (report.demoLoaded) process.stderr.write('Die Datenbank war leer: Die Musterkreis-Demodaten wurden geladen.\n');
  if (report.backupFile) process.stderr.write(`Sicherung erstellt: ${report.backupFile}\n`);
  process.stderr.write(`Datenordner: ${app.dataDir}\n`);
  if (app.engine === 'postgres') process.stderr.write('Datenbank: PostgreSQL\n');
  process.stdout.write(`Vorlagenwerk (Web-Modus) läuft unter:\n${listening.url}\n`);
  process.stderr.write('Beenden mit Strg+C.\n');
  if (args.open) openBrowser(listening.url);
  warmUpPdfServices(app);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await web.close();
  outbox.close();
  await app.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`Der Web-Modus ist mit einem Fehler beendet worden: ${(error as Error)?.message ?? String(error)}\n`);
    process.exit(1);
  },
);
