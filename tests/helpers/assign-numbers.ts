// Child process for the concurrency test: assigns N Vorlage numbers through its own connection.
import { openApp } from '../../electron/core/app-context.js';
import { silentLogger } from '../../electron/core/log.js';

const [dataDir, count, departmentId, databaseUrl] = process.argv.slice(2);
const app = await openApp({ dataDir: dataDir!, databaseUrl, log: silentLogger });
const out: string[] = [];
for (let i = 0; i < Number(count); i++) out.push(await app.store.papers.nextReference(Number(departmentId), 2025));
await app.close();
process.stdout.write(JSON.stringify(out));
