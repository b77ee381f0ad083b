import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { MethodOutput } from '../../shared/contract.js';
import { invalid } from '../../shared/errors.js';
import { CONSULTATION_ROLE_LABELS } from '../../shared/labels.js';
import { defineCommands, intArg, requireOption, UsageError, type CliContext, type ParsedArgs, paperRef } from '../command.js';
import { countOf, table } from '../format.js';

/** Reads a file named on the command line, as base64 for the API; German error if unreadable. */
function readForApi(file: string): { fileName: string; dataBase64: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw invalid(code === 'ENOENT' ? `Die Datei „${file}“ wurde nicht gefunden.` : `Die Datei „${file}“ kann nicht gelesen werden (${code ?? 'Fehler'}).`);
  }
  return { fileName: basename(file), dataBase64: bytes.toString('base64') };
}

function formatOption(args: ParsedArgs, allowed: string[]): string {
  const value = requireOption(args, 'format');
  if (!allowed.includes(value)) throw new UsageError(`Unbekanntes Format „${value}“ (möglich: ${allowed.join(', ')}).`);
  return value;
}

const meetingOption = (args: ParsedArgs) => (typeof args.values.sitzung === 'string' ? intArg(args.values.sitzung, 'Die Sitzungs-ID') : undefined);

interface Written {
  path: string;
  bytes: number;
  sha256: string;
  pages?: number | null;
  letterhead?: boolean;
  warnings?: { message: string }[];
}

const printWritten = (what: string) => (r: Written, ctx: CliContext) => {
  const details = [r.pages != null ? countOf(r.pages, 'Seite', 'Seiten') : `${r.bytes} Byte`, r.letterhead ? 'mit Hausvorlage' : null, `SHA-256 ${r.sha256}`];
  ctx.out(`${what} gespeichert: ${r.path} (${details.filter(Boolean).join(', ')})`);
  for (const w of r.warnings ?? []) ctx.out(`Hinweis: ${w.message}`);
};

export const dokumenteCommands = defineCommands([
  {
    name: 'vorlage export',
    summary: 'Exportiert eine Vorlage als DOCX, PDF oder HTML (für eine Sitzung gedruckt, wenn angegeben)',
    usage: 'REF --format docx|pdf|html --out F [--sitzung ID] [--public-only] [--ohne-hausvorlage]',
    options: { format: { type: 'string' }, out: { type: 'string' }, sitzung: { type: 'string' }, 'public-only': { type: 'boolean' }, 'ohne-hausvorlage': { type: 'boolean' } },
    positionals: 1,
    run: async (ctx, a) => {
      const format = formatOption(a, ['docx', 'pdf', 'html']);
      const params = {
        ref: paperRef(a.positionals[0]!),
        meetingId: meetingOption(a),
        path: resolve(requireOption(a, 'out')),
        // The version for publishing: non-public Anlagen are not listed.
        ...(a.values['public-only'] ? { publicOnly: true } : {}),
      };
      // PDF: the PDF feature's method (pdf-export.ts); one command for every format.
      if (format === 'pdf') return ctx.call('vorlagen.exportPdf', params);
      if (format === 'html') return ctx.call('vorlagen.exportHtml', params);
      return ctx.call('vorlagen.exportDocx', { ...params, ...(a.values['ohne-hausvorlage'] ? { letterhead: false } : {}) });
    },
    print: printWritten('Vorlage'),
  },
  {
    name: 'result export',
    summary: 'Exportiert das Beratungsergebnis einer Vorlage in einer Sitzung als DOCX oder PDF',
    usage: 'REF --sitzung ID --format docx|pdf --out F',
    options: { format: { type: 'string' }, out: { type: 'string' }, sitzung: { type: 'string' } },
    positionals: 1,
    run: async (ctx, a) => {
      const format = formatOption(a, ['docx', 'pdf']);
      const params = { ref: paperRef(a.positionals[0]!), meetingId: intArg(requireOption(a, 'sitzung'), 'Die Sitzungs-ID'), path: resolve(requireOption(a, 'out')) };
      return format === 'pdf' ? ctx.call('ergebnisse.exportPdf', params) : ctx.call('ergebnisse.exportDocx', params);
    },
    print: printWritten('Beratungsergebnis'),
  },
  {
    name: 'sitzung einladung',
    summary: 'Exportiert Einladung und Tagesordnung einer Sitzung als DOCX oder PDF',
    usage: 'ID --format docx|pdf --out F [--variant public|members]',
    options: { format: { type: 'string' }, out: { type: 'string' }, variant: { type: 'string' } },
    positionals: 1,
    run: async (ctx, a) => {
      const format = formatOption(a, ['docx', 'pdf']);
      const variant = typeof a.values.variant === 'string' ? a.values.variant : 'members';
      if (variant !== 'public' && variant !== 'members') throw new UsageError(`Unbekannte Variante „${variant}“ (möglich: public, members).`);
      return ctx.call('sitzungen.exportEinladung', { meetingId: intArg(a.positionals[0]!, 'Die Sitzungs-ID'), format, variant, path: resolve(requireOption(a, 'out')) });
    },
    print: printWritten('Einladung und Tagesordnung'),
  },
  {
    name: 'vorlage import-docx',
    summary: 'Legt eine neue Vorlage aus einer Word-Datei (.docx) an',
    usage: 'FILE --template T --amt ID [--titel TEXT] [--nichtoeffentlich] [--aenderungen-annehmen]',
    options: { template: { type: 'string' }, amt: { type: 'string' }, titel: { type: 'string' }, nichtoeffentlich: { type: 'boolean' }, 'aenderungen-annehmen': { type: 'boolean' } },
    positionals: 1,
    run: async (ctx, a) => {
      const template = requireOption(a, 'template');
      if (typeof a.values.amt !== 'string') {
        // Never the first Amt by default (issue 15.14): name the choices, exit 1.
        const departments = await ctx.call('aemter.list', {});
        if (departments.length !== 1) {
          const choices = departments.map((d) => `  --amt ${d.id}   ${d.name}`).join('\n');
          throw invalid(departments.length ? `Die Option --amt fehlt: unter welchem Amt soll die Vorlage angelegt werden?\n${choices}` : 'Es gibt noch kein Amt; bitte zuerst ein Amt anlegen.');
        }
      }
      const file = readForApi(a.positionals[0]!);
      return ctx.call('vorlagen.importDocx', {
        ...file,
        template,
        ...(typeof a.values.amt === 'string' ? { departmentId: intArg(a.values.amt, 'Die Amts-ID') } : {}),
        ...(typeof a.values.titel === 'string' ? { title: a.values.titel } : {}),
        public: a.values.nichtoeffentlich !== true,
        // Pending tracked changes refuse the file unless the user accepts them here.
        trackedChanges: a.values['aenderungen-annehmen'] === true ? 'accept' : 'refuse',
      });
    },
    print: (r: MethodOutput<'vorlagen.importDocx'>, ctx) => {
      ctx.out(`Vorlage ${r.paper.reference} angelegt: ${r.paper.title}`);
      for (const [key, doc] of Object.entries(r.paper.sections)) ctx.out(`  Abschnitt ${key}: ${doc.content.length} Absätze/Blöcke`);
      for (const note of r.notes) ctx.out(`Hinweis: ${note}`);
    },
  },
  {
    name: 'template list',
    summary: 'Listet die Vorlagenarten (mitgeliefert und eigene aus dem Datenordner)',
    positionals: 0,
    run: (ctx) => ctx.call('vorlagen.templates', {}),
    print: (r: MethodOutput<'vorlagen.templates'>, ctx) => {
      ctx.out(
        table(
          ['ID', 'Name', 'Zuständigkeit', 'Herkunft', 'Abschnitte'],
          r.templates.map((t) => [t.id, t.name, CONSULTATION_ROLE_LABELS[t.defaultRole], t.source === 'builtin' ? 'mitgeliefert' : t.overridesBuiltin ? 'eigene (ersetzt mitgelieferte)' : 'eigene', t.sections.map((s) => s.title).join(', ')]),
        ),
      );
      for (const e of r.errors) ctx.out(`Fehler in ${[e.file, e.field].filter(Boolean).join(': ')}: ${e.message}`);
    },
  },
  {
    name: 'hausvorlage show',
    summary: 'Zeigt die hinterlegte Hausvorlage (Word-Briefkopf)',
    positionals: 0,
    run: (ctx) => ctx.call('hausvorlage.get', {}),
    print: (r: MethodOutput<'hausvorlage.get'>, ctx) =>
      ctx.out(r.registered ? `Hausvorlage: ${r.fileName} (${r.bytes} Byte, SHA-256 ${r.sha256})\nPlatzhalter: ${r.placeholders.map((p) => `{{${p}}}`).join(', ')}` : 'Es ist keine Hausvorlage hinterlegt.'),
  },
  {
    name: 'hausvorlage set',
    summary: 'Hinterlegt eine Word-Datei mit Platzhaltern als Hausvorlage für den DOCX-Export',
    usage: 'FILE',
    positionals: 1,
    run: (ctx, a) => ctx.call('hausvorlage.set', readForApi(a.positionals[0]!)),
    print: (r: MethodOutput<'hausvorlage.set'>, ctx) => ctx.out(`Hausvorlage hinterlegt: ${r.fileName} (Platzhalter: ${r.placeholders.map((p) => `{{${p}}}`).join(', ')})`),
  },
  {
    name: 'hausvorlage remove',
    summary: 'Entfernt die Hausvorlage; der DOCX-Export nutzt wieder das eingebaute Layout',
    positionals: 0,
    run: (ctx) => ctx.call('hausvorlage.remove', {}),
    print: (r: { removed: boolean }, ctx) => ctx.out(r.removed ? 'Hausvorlage entfernt.' : 'Es war keine Hausvorlage hinterlegt.'),
  },
]);
