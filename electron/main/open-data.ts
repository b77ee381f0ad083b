import path from 'node:path';
import type { Dialog } from 'electron';
import { openApp, type AppContext } from '../core/app-context.js';
import { restoreUnusableDatabase } from '../core/db/sqlite-backup.js';
import { DatabaseUnusableError } from '../shared/errors.js';

type DialogApi = Pick<Dialog, 'showMessageBoxSync' | 'showErrorBox'>;

/**
 * Opens the data folder at start. A damaged database is never touched: the user is offered the
 * newest intact backup (the damaged file is kept in backups/), or quits. A database from a newer
 * version is not "repaired" with an older backup, which would lose the newer work.
 */
export async function openDataOrOfferRestore(dataDir: string, dialog: DialogApi): Promise<AppContext | null> {
  try {
    return await openApp({ dataDir });
  } catch (error) {
    if (error instanceof DatabaseUnusableError && error.reason === 'damaged' && error.newestBackup) {
      const choice = dialog.showMessageBoxSync({
        type: 'error',
        title: 'Vorlagenwerk kann nicht starten',
        message: 'Die Datenbank ist beschädigt und kann nicht geöffnet werden.',
        detail: `${error.message}\n\nNeueste intakte Sicherung: ${path.basename(error.newestBackup)}\nDie beschädigte Datei bleibt im Ordner „backups“ erhalten.`,
        buttons: ['Sicherung wiederherstellen', 'Beenden'],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      });
      if (choice !== 0) return null;
      try {
        await restoreUnusableDatabase(dataDir, error.newestBackup);
        return await openApp({ dataDir });
      } catch (restoreError) {
        dialog.showErrorBox('Wiederherstellung fehlgeschlagen', (restoreError as Error).message);
        return null;
      }
    }
    if (error instanceof DatabaseUnusableError && error.reason === 'read-only') {
      // The database is fine; only the folder cannot be written. A restore would not help.
      dialog.showErrorBox('Vorlagenwerk kann nicht starten', error.message);
      return null;
    }
    dialog.showErrorBox(
      'Vorlagenwerk kann nicht starten',
      `Die Datenbank in ${dataDir} konnte nicht geöffnet werden.\n\n${(error as Error).message}\n\n` +
        'Sie können eine Sicherung aus dem Unterordner „backups“ wiederherstellen (npx vorlagenwerk restore DATEI).',
    );
    return null;
  }
}
