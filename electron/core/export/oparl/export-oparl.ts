import path from 'node:path';
import { invalid } from '../../../shared/errors.js';
import type { AppContext } from '../../app-context.js';
import { recordExport } from '../../services/audit.js';
import { loadTemplates, userTemplatesDir } from '../../templates/index.js';
import { buildOParl } from './build.js';
import { planMeetingFiles, printMeetingFiles } from './meeting-files.js';
import { selectPublic } from './select-public.js';
import { DEFAULT_OPARL_BASE_URL } from './urls.js';
import { validateOParl } from './validate.js';
import { writeOParlFolder } from './write-folder.js';

/**
 * The OParl export as a whole: select what is public, build and validate every object (all in
 * memory, so a problem stops it before anything is written), print the public Einladung and the
 * approved Niederschrift of each Sitzung, write the folder, record the export.
 */
export async function exportOParl(ctx: AppContext, input: { dir: string; baseUrl?: string }) {
  if (!(await ctx.store.body.get())) throw invalid('Die Datenbank ist leer; es gibt nichts zu exportieren.');
  const dir = path.resolve(input.dir);
  const baseUrl = input.baseUrl ?? DEFAULT_OPARL_BASE_URL;
  const templates = loadTemplates({ userDir: userTemplatesDir(ctx.dataDir) }).templates;
  // One read transaction: the lists agree with each other even if the app saves meanwhile.
  const { selection, plans } = await ctx.store.transaction(async () => {
    const selection = await selectPublic(ctx.store);
    return { selection, plans: await planMeetingFiles(ctx, selection) };
  });
  // Printing takes a while: outside the transaction, from the HTML read inside it.
  const meetingPdfs = await printMeetingFiles(ctx, plans);
  const docs = await buildOParl(selection, {
    baseUrl,
    paperTypeOf: (id) => templates.find((t) => t.id === id)?.name ?? id,
    readBlob: (sha256) => ctx.store.attachments.data(sha256),
    meetingPdfs,
  });
  validateOParl(docs);
  const manifest = await writeOParlFolder(dir, docs);
  await recordExport(ctx, { format: 'oparl', variant: 'public', path: dir, sha256: manifest.sha256, bytes: manifest.bytes });
  return { ...docs.counts, dir, baseUrl, sha256: manifest.sha256 };
}
