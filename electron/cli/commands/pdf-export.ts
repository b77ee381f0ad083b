import { resolve } from 'node:path';
import type { MethodOutput } from '../../shared/contract.js';
import { packFileName } from '../../shared/file-names.js';
import type { ProgressEvent } from '../../shared/contract.js';
import { defineCommands, intArg, requireOption, UsageError } from '../command.js';

const STEP_LABELS: Record<string, string> = {
  render: 'Dokumente drucken',
  load: 'Anlagen einlesen',
  merge: 'Zusammenfügen',
  stamp: 'Seitenzahlen und Stempel',
  save: 'PDF erzeugen',
  write: 'Datei schreiben',
};

export const progressLine = (label: string) => (p: ProgressEvent) => {
  const width = 20;
  const filled = p.total > 0 ? Math.round((p.done / p.total) * width) : 0;
  return `${label}: [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${STEP_LABELS[p.step] ?? p.step} ${p.done}/${p.total}`;
};

/** `vorlage export` and `result export` (all formats, PDF included) are in dokumente.ts. */
export const pdfExportCommands = defineCommands([
  {
    name: 'sitzung pack',
    summary: 'Erstellt die Sitzungsmappe (öffentlich oder für Mitglieder) als ein PDF',
    usage: 'ID --variant public|members [--out F.pdf]',
    options: { variant: { type: 'string' }, out: { type: 'string' } },
    positionals: 1,
    run: async (ctx, a) => {
      const variant = requireOption(a, 'variant');
      if (variant !== 'public' && variant !== 'members') throw new UsageError(`Unbekannte Variante „${variant}“ (möglich: public, members).`);
      const line = progressLine('Sitzungsmappe');
      // Chromium and the pack worker are not started ahead: a pack unchanged since the last one
      // comes from the data folder's print cache without either (issue 16.7); renderPack starts
      // them the moment it needs them. The process ends with this command: no prints in the
      // background, and the browser closes while the pack is still assembled.
      const { endsAfterCommand } = await import('../../core/export/pdf/pdf-services.js');
      endsAfterCommand(ctx.app);
      const meetingId = intArg(a.positionals[0]!, 'Die Sitzungs-ID');
      let out = typeof a.values.out === 'string' && a.values.out !== '' ? a.values.out : null;
      if (out === null) {
        // Without --out: the name a download gets, in the current folder.
        const { meeting, committee } = await ctx.call('sitzungen.get', { id: meetingId });
        out = packFileName({ committee: committee.shortName || committee.name, start: meeting.start, variant });
      }
      return ctx.call(
        'sitzungen.pack',
        { meetingId, variant, path: resolve(out) },
        { onProgress: (p) => ctx.progress(line(p)) },
      );
    },
    print: (r: MethodOutput<'sitzungen.pack'>, ctx) => {
      const label = r.variant === 'public' ? 'öffentlich' : 'für Mitglieder';
      ctx.out(`Sitzungsmappe (${label}) gespeichert: ${r.path} (${r.pages} Seiten, SHA-256 ${r.sha256})`);
      for (const top of r.tops) if (top.page !== null) ctx.out(`  TOP ${top.number.padEnd(4)} ab Seite ${String(top.page).padStart(3)}  ${top.title}`);
      for (const w of r.warnings) ctx.out(`Hinweis: ${w.message}`);
    },
  },
]);
