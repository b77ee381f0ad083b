import path from 'node:path';
import { defineCommands, requireOption } from '../command.js';
import { countOf } from '../format.js';

export const datenCommands = defineCommands([
  {
    name: 'demo',
    summary: 'Lädt die Demodaten des Musterkreises (nur in eine leere Datenbank)',
    positionals: 0,
    run: (ctx) => ctx.call('daten.demo', {}),
    print: (r: { loaded: boolean; summary: { papers: number; meetings: number } | null }, ctx) =>
      ctx.out(r.loaded ? `Demodaten geladen: ${countOf(r.summary!.papers, 'Vorlage', 'Vorlagen')}, ${countOf(r.summary!.meetings, 'Sitzung', 'Sitzungen')}.` : 'Die Datenbank enthält bereits Daten; es wurde nichts geladen.'),
  },
  {
    name: 'import',
    summary: 'Importiert ein Bundle (alles oder nichts)',
    usage: 'BUNDLE.json',
    positionals: 1,
    run: (ctx, a) => ctx.call('daten.import', { path: path.resolve(a.positionals[0]!) }),
    print: (r: { papers: number; meetings: number; committees: number; attachments: number; warnings?: string[] }, ctx) => {
      ctx.out(`Importiert: ${countOf(r.committees, 'Gremium', 'Gremien')}, ${countOf(r.meetings, 'Sitzung', 'Sitzungen')}, ${countOf(r.papers, 'Vorlage', 'Vorlagen')}, ${countOf(r.attachments, 'Anlage', 'Anlagen')}.`);
      for (const w of r.warnings ?? []) ctx.out(`Warnung: ${w}`);
    },
  },
  {
    name: 'export-bundle',
    summary: 'Schreibt alle Daten als Bundle (Anlagen in einen Ordner daneben)',
    usage: '--out F [--public-only]',
    options: { out: { type: 'string' }, 'public-only': { type: 'boolean' } },
    positionals: 0,
    run: (ctx, a) => ctx.call('daten.export', { path: path.resolve(requireOption(a, 'out')), publicOnly: a.values['public-only'] === true }),
    print: (r: { path: string; papers: number; attachments: number }, ctx) => ctx.out(`Bundle geschrieben: ${r.path} (${countOf(r.papers, 'Vorlage', 'Vorlagen')}, ${countOf(r.attachments, 'Anlage', 'Anlagen')})`),
  },
  {
    name: 'backup',
    summary: 'Legt eine Sicherung der Datenbank an (die letzten 10 bleiben erhalten)',
    positionals: 0,
    run: (ctx) => ctx.call('sicherung.create', {}),
    print: (r: { file: string }, ctx) => ctx.out(`Sicherung angelegt: ${r.file}`),
  },
  {
    name: 'check',
    summary: 'Prüft die Datenbank (Integrität, Fremdschlüssel, Schema)',
    positionals: 0,
    run: async (ctx) => {
      const r = await ctx.call('sicherung.check', {});
      if (!r.ok) ctx.fail(1);
      return r;
    },
    print: (r: { ok: boolean; integrity: string[]; schemaVersion: number; foreignKeyErrors: number }, ctx) =>
      ctx.out(r.ok ? `Datenbank in Ordnung (Schema ${r.schemaVersion}).` : `Datenbank fehlerhaft: ${r.integrity.join('; ')}; Fremdschlüsselfehler: ${r.foreignKeyErrors}`),
  },
  {
    name: 'restore',
    summary: 'Stellt eine Sicherung wieder her (der aktuelle Stand wird vorher gesichert)',
    usage: 'FILE',
    positionals: 1,
    run: (ctx, a) => ctx.call('sicherung.restore', { file: path.resolve(a.positionals[0]!) }),
    print: (r: { restoredFrom: string; previousSavedAs: string }, ctx) =>
      ctx.out(`Wiederhergestellt aus ${r.restoredFrom}.\nDer vorherige Stand wurde gesichert: ${r.previousSavedAs}`),
  },
]);
