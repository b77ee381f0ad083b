import path from 'node:path';
import type { OParlImportSummary } from '../../shared/api/oparl.js';
import type { BodySettings } from '../../shared/publication.js';
import { defineCommands, requireOption } from '../command.js';

const counts = (label: string, c: { created: number; updated: number }) => `${label}: ${c.created} neu, ${c.updated} aktualisiert`;

export const oparlCommands = defineCommands([
  {
    name: 'oparl export',
    summary: 'Schreibt alle öffentlichen Daten als OParl-1.1-Ordner, der so auf einen Webserver kopiert werden kann',
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
          `${r.papers} Vorlagen, ${r.meetings} Sitzungen, ${r.agendaItems} öffentliche Tagesordnungspunkte, ${r.files} Dateien; Adressen unter ${r.baseUrl}`,
      ),
  },
  {
    name: 'oparl import',
    summary: 'Übernimmt Gremien, Personen, Mitgliedschaften und Sitzungen aus einem OParl-Export (Ordner oder Server im lokalen Netz)',
    usage: 'ORDNER|URL',
    options: {},
    positionals: 1,
    run: (ctx, a) => {
      const source = a.positionals[0]!;
      return ctx.call('daten.oparlImport', { source: /^https?:\/\//i.test(source) ? source : path.resolve(source) });
    },
    print: (r: OParlImportSummary, ctx) =>
      ctx.out(
        [
          `OParl-Import aus ${r.source} („${r.body}“):`,
          counts('Gremien', r.committees),
          counts('Personen', r.persons),
          counts('Mitgliedschaften', r.memberships),
          counts('Sitzungen', r.meetings),
          ...r.notes.map((n) => `Hinweis: ${n}`),
        ].join('\n'),
      ),
  },
  {
    name: 'oparl einstellungen',
    summary: 'Zeigt oder ändert Zeitzone und Lizenzen der Veröffentlichung',
    usage: '[--zeitzone NAME] [--lizenz URL] [--system-lizenz URL]',
    options: { zeitzone: { type: 'string' }, lizenz: { type: 'string' }, 'system-lizenz': { type: 'string' } },
    positionals: 0,
    run: async (ctx, a) => {
      const current = await ctx.call('koerperschaft.veroeffentlichung', {});
      const { zeitzone, lizenz } = a.values;
      const systemLizenz = a.values['system-lizenz'];
      if (typeof zeitzone !== 'string' && typeof lizenz !== 'string' && typeof systemLizenz !== 'string') return current;
      return ctx.call('koerperschaft.setVeroeffentlichung', {
        ...current,
        ...(typeof zeitzone === 'string' ? { timeZone: zeitzone } : {}),
        ...(typeof lizenz === 'string' ? { license: lizenz } : {}),
        ...(typeof systemLizenz === 'string' ? { systemLicense: systemLizenz } : {}),
      });
    },
    print: (r: BodySettings, ctx) =>
      ctx.out(
        [
          `Zeitzone: ${r.timeZone}`,
          `Lizenz der Daten: ${r.license || '(keine angegeben)'}`,
          `Lizenz des Systems: ${r.systemLicense || '(keine angegeben)'}`,
          `Wahlperioden: ${r.legislativeTerms.length ? r.legislativeTerms.map((t) => t.name).join(', ') : '(keine)'}`,
        ].join('\n'),
      ),
  },
]);
