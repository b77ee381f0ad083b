import path from 'node:path';
import { defineCommands, requireOption } from '../command.js';

export const oparlCommands = defineCommands([
  {
    name: 'oparl export',
    summary: 'Schreibt alle öffentlichen Daten als OParl-1.1-JSON (mit den öffentlichen Anlagen) in einen Ordner',
    usage: '--out DIR [--base-url URL]',
    options: { out: { type: 'string' }, 'base-url': { type: 'string' } },
    positionals: 0,
    run: (ctx, a) => {
      const baseUrl = a.values['base-url'];
      return ctx.call('daten.oparlExport', { dir: path.resolve(requireOption(a, 'out')), ...(typeof baseUrl === 'string' ? { baseUrl } : {}) });
    },
    print: (r: { dir: string; baseUrl: string; papers: number; meetings: number; agendaItems: number; files: number }, ctx) =>
      ctx.out(
        `OParl-Export geschrieben: ${r.dir}\n` +
          `${r.papers} Vorlagen, ${r.meetings} Sitzungen, ${r.agendaItems} öffentliche Tagesordnungspunkte, ${r.files} Anlagen; Adressen unter ${r.baseUrl}`,
      ),
  },
]);
