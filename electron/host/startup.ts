import type { AppContext } from '../core/app-context.js';
import { call, type Dispatch } from '../core/api/dispatcher.js';
import { backupIfDue } from '../core/services/backup.js';

export interface StartupReport {
  demoLoaded: boolean;
  backupFile: string | null;
}

/**
 * What both the desktop app and web mode do when they start: an empty database gets the
 * Musterkreis demo so a first-time user sees a working example; a database whose newest backup
 * is older than a day is backed up before anyone edits it.
 */
export async function prepareData(app: AppContext, dispatch: Dispatch, options: { demo?: boolean } = {}): Promise<StartupReport> {
  let demoLoaded = false;
  if (options.demo !== false && await app.store.papers.count() === 0 && (await app.store.committees.list()).length === 0) {
    demoLoaded = (await call(dispatch, 'daten.demo', {})).loaded;
  }
  let backupFile: string | null = null;
  // On PostgreSQL backups are the database server's job (pg_dump, docs/team.md).
  if (app.engine === 'sqlite') {
    try {
      backupFile = (await backupIfDue(app))?.file ?? null;
    } catch (error) {
      // A failed backup must not keep the user from working; it is logged and retried next start.
      app.log.error('backup at start failed', error);
    }
  }
  return { demoLoaded, backupFile };
}
