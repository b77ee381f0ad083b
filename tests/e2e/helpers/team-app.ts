import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { call, createDispatcher } from '../../../electron/core/api/dispatcher.js';
import { openApp } from '../../../electron/core/app-context.js';
import { silentLogger } from '../../../electron/core/log.js';
import { addUser } from '../../../electron/core/services/users.js';
// @ts-expect-error: a plain ES module of the launcher scripts, without type declarations.
import { buildTeamServer as buildTeamServerUntyped } from '../../../scripts/build-web.mjs';
import { createTestDatabase } from '../../helpers/postgres-test-db.js';
import { startTeamInstance } from '../../helpers/team-instance.js';
import { ROOT } from './web-app.js';

const buildTeamServer = buildTeamServerUntyped as () => Promise<string>;

export const TEAM_PASSWORD = 'ein-langes-Passwort-2026';

export interface TeamUserSpec {
  login: string;
  name: string;
  role: string;
  amt?: string;
}

export interface TeamApp {
  /** One base URL per server process; all share the database and the storage folder. */
  urls: string[];
  /** Draft Vorlagen (editable) of Amt 50, by id and title. */
  drafts: { id: number; title: string }[];
  stop(): Promise<void>;
}

/**
 * The team server as `npm run server` runs it (out/team), `instances` processes on one fresh
 * PostgreSQL database with the Musterkreis demo and the given users. Needs the renderer build.
 */
export async function startTeamApp(users: TeamUserSpec[], instances = 2): Promise<TeamApp> {
  if (!fs.existsSync(path.join(ROOT, 'renderer', 'dist', 'index.html'))) throw new Error('renderer/dist fehlt: bitte zuerst `npm run build` ausführen.');
  const entry = await buildTeamServer();
  const database = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vw-e2e-team-'));
  const storage = path.join(dataDir, 'ausgabe');
  fs.mkdirSync(storage, { recursive: true });
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const setup = await openApp({ dataDir, databaseUrl: database.url, log: silentLogger });
    const dispatch = createDispatcher(setup);
    await call(dispatch, 'daten.demo', {});
    for (const user of users) await addUser(setup, { ...user, password: TEAM_PASSWORD });
    const amt50 = (await setup.store.departments.list()).find((d) => d.code === '50')!;
    const papers = (await call(dispatch, 'vorlagen.list', {})) as { id: number; title: string; departmentId: number }[];
    const drafts: { id: number; title: string }[] = [];
    for (const p of papers.filter((x) => x.departmentId === amt50.id)) {
      // Released Vorlagen are read-only: a save of the unchanged title tells them apart.
      const saved = await call(dispatch, 'vorlagen.save', { id: p.id, title: p.title }).then(
        () => true,
        () => false,
      );
      if (saved) drafts.push({ id: p.id, title: p.title });
    }
    await setup.close();
    const urls: string[] = [];
    for (let i = 0; i < instances; i++) {
      const instance = await startTeamInstance(entry, ['--database-url', database.url, '--data-dir', dataDir, '--storage', storage]);
      children.push(instance.child);
      urls.push(instance.url);
    }
    return { urls, drafts, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
