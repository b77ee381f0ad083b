import { meetingStateLabel } from '../../shared/labels.js';
import type { Committee, Meeting } from '../../shared/schemas.js';
import type { MethodOutput } from '../../shared/contract.js';
import { defineCommands, intArg } from '../command.js';
import { deDate, deDateTime, table } from '../format.js';

export const gremienCommands = defineCommands([
  {
    name: 'gremium list',
    summary: 'Listet die Gremien',
    positionals: 0,
    run: (ctx) => ctx.call('gremien.list', {}),
    print: (rows: Committee[], ctx) =>
      ctx.out(table(['ID', 'Kürzel', 'Name', 'Kurzname', 'Ladungsfrist'], rows.map((c) => [c.id, c.key, c.name, c.shortName, `${c.noticePeriodDays} Tage`]))),
  },
  {
    name: 'sitzung list',
    summary: 'Listet die Sitzungen, optional eines Gremiums',
    usage: '[--gremium G]',
    options: { gremium: { type: 'string' } },
    positionals: 0,
    run: async (ctx, a) => {
      const committeeId = typeof a.values.gremium === 'string' ? (await ctx.call('gremien.get', { ref: a.values.gremium })).id : undefined;
      const [meetings, committees] = await Promise.all([ctx.call('sitzungen.list', { committeeId }), ctx.call('gremien.list', {})]);
      const names = new Map(committees.map((c) => [c.id, c.shortName]));
      return meetings.map((m) => ({ ...m, committee: names.get(m.committeeId) ?? '' }));
    },
    print: (rows: (Meeting & { committee: string; minutesApproved: boolean })[], ctx) =>
      ctx.out(table(['ID', 'Gremium', 'Beginn', 'Ort', 'Status'], rows.map((m) => [m.id, m.committee, deDateTime(m.start), m.location, meetingStateLabel(m)]))),
  },
  {
    name: 'sitzung show',
    summary: 'Zeigt eine Sitzung mit Tagesordnung',
    usage: 'ID',
    positionals: 1,
    run: (ctx, a) => ctx.call('sitzungen.get', { id: intArg(a.positionals[0]!, 'Die Sitzungs-ID') }),
    print: (r: MethodOutput<'sitzungen.get'>, ctx) => {
      const parts = [
        `${r.meeting.number ? `${r.meeting.number}. ` : ''}Sitzung ${r.committee.genitive}`,
        `${deDateTime(r.meeting.start)}, ${r.meeting.location}`,
        ...(r.invitedOn ? [`Einladung versandt am ${deDate(r.invitedOn)}`] : []),
        '',
        'A. Öffentlicher Teil',
        ...r.agenda.filter((i) => i.public).map(line),
        '',
        'B. Nichtöffentlicher Teil',
        ...r.agenda.filter((i) => !i.public).map(line),
      ];
      ctx.out(parts.join('\n'));
    },
  },
  {
    name: 'sitzung versandt',
    summary: 'Hält fest, dass die Einladung versandt ist (danach aufgenommene TOPs sind Nachträge)',
    usage: 'ID [--datum JJJJ-MM-TT]',
    options: { datum: { type: 'string' } },
    positionals: 1,
    run: (ctx, a) =>
      ctx.call('sitzungen.einladungVersandt', { meetingId: intArg(a.positionals[0]!, 'Die Sitzungs-ID'), ...(typeof a.values.datum === 'string' ? { date: a.values.datum } : {}) }),
    print: (r: MethodOutput<'sitzungen.einladungVersandt'>, ctx) =>
      ctx.out([`Einladung zur Sitzung am ${deDateTime(r.meeting.start)} versandt am ${deDate(r.invitedOn)}.`, ...r.warnings.map((w) => `Warnung: ${w}`)].join('\n')),
  },
]);

const line = (i: MethodOutput<'sitzungen.get'>['agenda'][number]) =>
  `  ${i.number.padEnd(5)} ${i.title}${i.tischvorlage ? ' (Tischvorlage)' : i.supplement ? ' (Nachtrag)' : ''}${i.abgesetzt ? ' (abgesetzt)' : ''}${i.paperReference ? `  (Vorlage ${i.paperReference})` : ''}${i.result ? `  → ${i.result}` : ''}`;
