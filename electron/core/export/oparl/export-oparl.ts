import path from 'node:path';
import { invalid } from '../../../shared/errors.js';
import type { AppContext } from '../../app-context.js';
import { recordExport } from '../../services/audit.js';
import { loadTemplates, userTemplatesDir } from '../../templates/index.js';
import { buildOParl } from './build.js';
import { planGeneratedFiles, printGeneratedFiles } from './generated-files.js';
import { selectPublic } from './select-public.js';
import { stampOParl } from './stamp.js';
import { DEFAULT_OPARL_BASE_URL } from './urls.js';
import { validateOParl } from './validate.js';
import { writeOParlFolder } from './write-folder.js';

/**
 * The OParl export as a whole: select what is public, print the documents OParl links (Einladung,
 * Niederschrift, Vorlage, Auszug), build, stamp (times, created/modified, tombstones) and validate
 * every object — all in memory, so a problem stops it before anything is written — then write
 * the folder, remember what was published (the ledger) and record the export.
 */
export async function exportOParl(ctx: AppContext, input: { dir: string; baseUrl?: string }) {
  if (!(await ctx.store.body.get())) throw invalid('Die Datenbank ist leer; es gibt nichts zu exportieren.');
  const dir = path.resolve(input.dir);
  const baseUrl = input.baseUrl ?? DEFAULT_OPARL_BASE_URL;
  const templates = loadTemplates({ userDir: userTemplatesDir(ctx.sharedDir) }).templates;
  // One read transaction: the lists agree with each other even if the app saves meanwhile.
  const { selection, plans, settings, ledger } = await ctx.store.transaction(async () => {
    const selection = await selectPublic(ctx.store);
    return { selection, plans: await planGeneratedFiles(ctx, selection), settings: await ctx.store.oparl.settings(), ledger: await ctx.store.oparl.ledger() };
  });
  // Printing takes a while: outside the transaction, from the HTML read inside it.
  const generated = await printGeneratedFiles(ctx, plans);
  const docs = await buildOParl(selection, {
    baseUrl,
    paperTypeOf: (id) => templates.find((t) => t.id === id)?.name ?? id,
    readBlob: (sha256) => ctx.store.attachments.data(sha256),
    generated,
    settings,
  });
  const { objects, ledgerChanges } = stampOParl(docs, { baseUrl, timeZone: settings.timeZone, now: ctx.now(), ledger });
  validateOParl(docs, objects);
  const manifest = await writeOParlFolder(dir, docs, objects);
  await ctx.store.transaction(() => ctx.store.oparl.saveLedger(ledgerChanges));
  await recordExport(ctx, { format: 'oparl', variant: 'public', path: dir, sha256: manifest.sha256, bytes: manifest.bytes });
  return { ...docs.counts, dir, baseUrl, sha256: manifest.sha256 };
}
