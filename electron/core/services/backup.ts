import path from 'node:path';
import type { AppContext, BackupInfo } from '../context.js';
import { audit } from './audit.js';

/**
 * Backups as users and the app start them: the engine does the work (AppContext.maintenance),
 * this records who did it. Restore audits after the fact, into the database it brought back.
 */
export async function createBackup(ctx: AppContext, label = ''): Promise<BackupInfo> {
  const info = await ctx.maintenance.createBackup(label);
  await audit(ctx, 'sicherung.erstellt', {}, { file: path.basename(info.file), size: info.size });
  return info;
}

export async function restoreBackup(ctx: AppContext, file: string) {
  const result = await ctx.maintenance.restoreBackup(file);
  await audit(ctx, 'sicherung.wiederhergestellt', {}, { from: path.basename(result.restoredFrom), previous: path.basename(result.previousSavedAs) });
  return result;
}

/** The app backs up at start when the newest backup is older than a day (and there is something to keep). */
export async function backupIfDue(ctx: AppContext, maxAgeMs = 24 * 3600 * 1000): Promise<BackupInfo | null> {
  const newest = ctx.maintenance.listBackups()[0];
  if (newest && ctx.now().getTime() - Date.parse(newest.createdAt) < maxAgeMs) return null;
  if (await ctx.store.papers.count() === 0 && (await ctx.store.committees.list()).length === 0) return null;
  return createBackup(ctx, 'auto');
}
