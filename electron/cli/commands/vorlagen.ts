import type { MethodOutput } from '../../shared/contract.js';
import { auditActionLabel } from '../../shared/audit-labels.js';
import { CONSULTATION_ROLE_LABELS } from '../../shared/labels.js';
import type { PaperSummary } from '../../shared/schemas.js';
import { STATUS_LABELS } from '../../core/domain/status.js';
import { UsageError, defineCommands, paperRef } from '../command.js';
import { deDate, deDateTime, deTimestamp, table } from '../format.js';
import { freigabeLines } from './freigabe.js';

/** REF is a Vorlage number ("50/012/2025") or an id. */
export const vorlagenCommands = defineCommands([
  {
    name: 'vorlage list',
    summary: 'Listet die Vorlagen',
    usage: '[--jahr YYYY] [--gremium G]',
    options: { jahr: { type: 'string' }, gremium: { type: 'string' } },
    positionals: 0,
    run: async (ctx, a) => {
      const committeeId = typeof a.values.gremium === 'string' ? (await ctx.call('gremien.get', { ref: a.values.gremium })).id : undefined;
      const year = typeof a.values.jahr === 'string' ? Number(a.values.jahr) : undefined;
      return ctx.call('vorlagen.list', { committeeId, year });
    },
    print: (rows: PaperSummary[], ctx) =>
      ctx.out(table(['Nummer', 'Titel', 'Status', 'Stand'], rows.map((p) => [p.reference, p.title, STATUS_LABELS[p.status], p.revision]))),
  },
  {
    name: 'vorlage show',
    summary: 'Zeigt eine Vorlage mit Beratungsfolge und Anlagen',
    usage: 'REF',
    positionals: 1,
    run: async (ctx, a) => {
      const paper = await ctx.call('vorlagen.get', { ref: paperRef(a.positionals[0]!) });
      const { templates } = await ctx.call('vorlagen.templates', {});
      return {
        ...paper,
        beratungsfolge: await ctx.call('beratungen.list', { ref: paper.id }),
        templateName: templates.find((t) => t.id === paper.template)?.name ?? paper.template,
        freigabe: await ctx.call('freigabe.get', { ref: paper.id }),
      };
    },
    print: (p: MethodOutput<'vorlagen.get'> & { beratungsfolge: MethodOutput<'beratungen.list'>; templateName: string; freigabe: MethodOutput<'freigabe.get'> }, ctx) => {
      ctx.out(
        [
          `Vorlage ${p.reference}: ${p.title}`,
          `Status: ${STATUS_LABELS[p.status]}, ${p.public ? 'öffentlich' : 'nichtöffentlich'}, Vorlagenart: ${p.templateName}, Stand ${p.revision}`,
          `Datum: ${p.date ? deDate(p.date) : '– (wird mit der Freigabe gesetzt)'}`,
          `Beratungsfolge: ${p.beratungsfolge.length === 0 ? '–' : ''}`,
          ...p.beratungsfolge.map(
            (c) =>
              `  ${c.committeeShortName}, ${CONSULTATION_ROLE_LABELS[c.role]}${c.meetingStart ? `, Sitzung am ${deDateTime(c.meetingStart)}${c.agendaNumber ? `, TOP ${c.agendaNumber}` : ''}` : ', noch keine Sitzung'}${c.result ? ` → ${c.result}` : ''}`,
          ),
          `Anlagen: ${p.attachments.length === 0 ? '–' : ''}`,
          ...p.attachments.map((a, i) => `  ${i + 1}. ${a.title} (${a.fileName}${a.public ? '' : ', nichtöffentlich'})`),
          ...freigabeLines(p.freigabe),
        ].join('\n'),
      );
    },
  },
  {
    name: 'vorlage datum',
    summary: 'Setzt das Datum einer Vorlage (steht in ihrem Kopf; ohne Angabe setzt es die Freigabe)',
    usage: 'REF JJJJ-MM-TT|--leer',
    options: { leer: { type: 'boolean' } },
    positionals: [1, 2],
    run: async (ctx, a) => {
      const date = a.values.leer ? null : a.positionals[1];
      if (date === undefined) throw new UsageError('Bitte ein Datum (JJJJ-MM-TT) angeben oder --leer.');
      const id = (await ctx.call('vorlagen.get', { ref: paperRef(a.positionals[0]!) })).id;
      await ctx.call('vorlagen.save', { id, date });
      return ctx.call('vorlagen.get', { ref: id });
    },
    print: (p: PaperSummary, ctx) => ctx.out(`Vorlage ${p.reference}: Datum ${p.date ? deDate(p.date) : '– (wird mit der Freigabe gesetzt)'}`),
  },
  {
    name: 'vorlage history',
    summary: 'Zeigt den Verlauf einer Vorlage (Stände und Ereignisse)',
    usage: 'REF',
    positionals: 1,
    run: (ctx, a) => ctx.call('vorlagen.history', { ref: paperRef(a.positionals[0]!) }),
    print: (h: MethodOutput<'vorlagen.history'>, ctx) => {
      ctx.out(table(['Stand', 'Zeit', 'Von', 'Prüfsumme'], h.revisions.map((r) => [r.number, deTimestamp(r.createdAt), r.author, r.hash.slice(0, 12)])));
      if (h.events.length) {
        ctx.out('\nEreignisse:');
        ctx.out(table(['Zeit', 'Von', 'Ereignis'], h.events.map((e) => [deTimestamp(e.at), e.actor, auditActionLabel(e.action)])));
      }
    },
  },
]);
