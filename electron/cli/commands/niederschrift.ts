import { resolve } from 'node:path';
import type { MethodOutput } from '../../shared/contract.js';
import { defineCommands, intArg, requireOption, UsageError, type CliContext, type ParsedArgs } from '../command.js';
import { countOf } from '../format.js';

function choice(args: ParsedArgs, name: string, allowed: string[], what: string): string {
  const value = requireOption(args, name);
  if (!allowed.includes(value)) throw new UsageError(`Unbekannte${what === 'Format' ? 's' : ''} ${what} „${value}“ (möglich: ${allowed.join(', ')}).`);
  return value;
}

const printWritten = (what: string) => (r: MethodOutput<'niederschrift.export'>, ctx: CliContext) => {
  const size = r.pages !== undefined ? countOf(r.pages, 'Seite', 'Seiten') : `${r.bytes} Byte`;
  ctx.out(`${what} gespeichert: ${r.path} (${size}, SHA-256 ${r.sha256})`);
  for (const w of r.warnings) ctx.out(`Hinweis: ${w.message}`);
};

/** The Niederschrift of a Sitzung and the Auszug of one TOP (issue 17). */
export const niederschriftCommands = defineCommands([
  {
    name: 'sitzung niederschrift',
    summary: 'Exportiert die Niederschrift einer Sitzung (öffentlich: nur der öffentliche Teil)',
    usage: 'ID --format docx|pdf --variant public|members --out F',
    options: { format: { type: 'string' }, variant: { type: 'string' }, out: { type: 'string' } },
    positionals: 1,
    run: (ctx, a) => {
      const format = choice(a, 'format', ['docx', 'pdf'], 'Format');
      const variant = choice(a, 'variant', ['public', 'members'], 'Variante');
      return ctx.call('niederschrift.export', { meetingId: intArg(a.positionals[0]!, 'Die Sitzungs-ID'), format, variant, path: resolve(requireOption(a, 'out')) });
    },
    print: printWritten('Niederschrift'),
  },
  {
    name: 'sitzung auszug',
    summary: 'Exportiert den „Auszug aus der Niederschrift“ für einen TOP (mit oder ohne Vorlage)',
    usage: 'ID TOP_NUMBER --format docx|pdf --out F',
    options: { format: { type: 'string' }, out: { type: 'string' } },
    positionals: 2,
    run: (ctx, a) => {
      const format = choice(a, 'format', ['docx', 'pdf'], 'Format');
      return ctx.call('niederschrift.auszug', { meetingId: intArg(a.positionals[0]!, 'Die Sitzungs-ID'), topNumber: a.positionals[1]!, format, path: resolve(requireOption(a, 'out')) });
    },
    print: printWritten('Auszug aus der Niederschrift'),
  },
]);
