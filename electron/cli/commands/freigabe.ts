import { resolve } from 'node:path';
import type { MethodOutput } from '../../shared/contract.js';
import type { FreigabeState } from '../../shared/freigabe.js';
import { APPROVAL_STEP_LABELS, FOLLOW_UP_STAND_LABELS, WORKFLOW_STATUS_LABELS } from '../../shared/labels.js';
import { UsageError, defineCommands, intArg, oneOf, requireOption, paperRef } from '../command.js';
import type { CliContext, ParsedArgs } from '../command.js';
import { countOf, deDate, table } from '../format.js';

const time = (iso: string) => `${deDate(iso)} ${iso.slice(11, 16)}`;

/** The Freigabe lines of `vorlage show` and of the approve/release commands. */
export function freigabeLines(s: FreigabeState): string[] {
  return [
    `Freigabe: ${WORKFLOW_STATUS_LABELS[s.status]}${s.locked ? ' (Inhalt gesperrt)' : ''}`,
    ...s.steps.map(
      (step) =>
        `  ${step.label}: ${step.approval ? `mitgezeichnet von ${step.approval.by}${step.approval.function ? ` (${step.approval.function})` : ''} am ${time(step.approval.at)}, Stand ${step.approval.revision}, SHA-256 ${step.approval.revisionHash.slice(0, 12)}` : 'fehlt'}`,
    ),
    ...(s.released ? [`  Freigegeben von ${s.released.by} am ${time(s.released.at)}, Stand ${s.released.revision}`] : []),
    ...s.approvals.filter((a) => a.invalidatedAt).map((a) => `  ungültig: ${a.step} von ${a.by} (Stand ${a.revision}) – ${a.invalidatedReason ?? ''}`),
    ...(s.returned ? [`  Zurück an Sachbearbeitung (${s.returned.by}, ${time(s.returned.at)}): ${s.returned.comment}`] : []),
    ...(s.amends ? [`  ${s.amends.kind === 'aenderung' ? 'Änderungsvorlage' : 'Ergänzungsvorlage'} zu ${s.amends.reference}`] : []),
  ];
}

function stepOption(value: string) {
  return oneOf(APPROVAL_STEP_LABELS, value.toLowerCase().replace('ä', 'ae'), (possible) => `Unbekannter Schritt „${value}“ (möglich: ${possible}).`);
}

function standOption(value: string | boolean | undefined) {
  if (typeof value !== 'string') return undefined;
  const normalized = value.toLowerCase().replace(/ü/g, 'ue').replace(/\s+/g, '_');
  return oneOf(FOLLOW_UP_STAND_LABELS, normalized, (possible) => `Unbekannter Stand „${value}“ (möglich: ${possible}).`);
}

const printState = (s: FreigabeState, ctx: CliContext) => ctx.out([`Vorlage ${s.reference}`, ...freigabeLines(s)].join('\n'));
const signer = (a: ParsedArgs) => ({
  by: requireOption(a, 'by'),
  ...(typeof a.values.funktion === 'string' ? { function: a.values.funktion } : {}),
});

async function committeeIdOf(ctx: CliContext, ref: string | boolean | undefined) {
  return typeof ref === 'string' ? (await ctx.call('gremien.get', { ref })).id : undefined;
}

export const freigabeCommands = defineCommands([
  {
    name: 'vorlage approve',
    summary: 'Zeichnet eine Vorlage in einem Schritt mit (amtsleitung, dezernat, kaemmerei, rechtsamt)',
    usage: 'REF --step STEP --by NAME [--funktion TEXT]',
    options: { step: { type: 'string' }, by: { type: 'string' }, funktion: { type: 'string' } },
    positionals: 1,
    run: (ctx, a) => ctx.call('freigabe.approve', { ref: paperRef(a.positionals[0]!), step: stepOption(requireOption(a, 'step')), ...signer(a) }),
    print: printState,
  },
  {
    name: 'vorlage release',
    summary: 'Gibt eine Vorlage frei (alle Mitzeichnungen nötig)',
    usage: 'REF --by NAME [--funktion TEXT]',
    options: { by: { type: 'string' }, funktion: { type: 'string' } },
    positionals: 1,
    run: (ctx, a) => ctx.call('freigabe.release', { ref: paperRef(a.positionals[0]!), ...signer(a) }),
    print: printState,
  },
  {
    name: 'vorlage withdraw',
    summary: 'Nimmt die Freigabe einer Vorlage zurück (nur vor der ersten Beratung)',
    usage: 'REF [--grund TEXT]',
    options: { grund: { type: 'string' } },
    positionals: 1,
    run: (ctx, a) => ctx.call('freigabe.withdraw', { ref: paperRef(a.positionals[0]!), ...(typeof a.values.grund === 'string' ? { reason: a.values.grund } : {}) }),
    print: printState,
  },
  {
    name: 'vorlage return',
    summary: 'Gibt eine Vorlage mit Kommentar an die Sachbearbeitung zurück (Mitzeichnungen werden ungültig)',
    usage: 'REF --kommentar TEXT',
    options: { kommentar: { type: 'string' } },
    positionals: 1,
    run: (ctx, a) => ctx.call('freigabe.return', { ref: paperRef(a.positionals[0]!), comment: requireOption(a, 'kommentar') }),
    print: printState,
  },
  {
    name: 'vorlage amend',
    summary: 'Legt eine Ergänzungs- oder Änderungsvorlage zu einer freigegebenen Vorlage an',
    usage: 'REF --art ergaenzung|aenderung [--titel TEXT]',
    options: { art: { type: 'string' }, titel: { type: 'string' } },
    positionals: 1,
    run: (ctx, a) => {
      const kind = requireOption(a, 'art').toLowerCase().replace('ä', 'ae');
      if (kind !== 'ergaenzung' && kind !== 'aenderung') throw new UsageError(`Unbekannte Art „${a.values.art as string}“ (möglich: ergaenzung, aenderung).`);
      return ctx.call('freigabe.amend', { ref: paperRef(a.positionals[0]!), kind, ...(typeof a.values.titel === 'string' ? { title: a.values.titel } : {}) });
    },
    print: printState,
  },
  {
    name: 'sitzung ics',
    summary: 'Exportiert den Sitzungskalender als iCalendar-Datei (.ics), alle Gremien oder eines',
    usage: '--out F [--gremium G] [--ab JJJJ-MM-TT]',
    options: { out: { type: 'string' }, gremium: { type: 'string' }, ab: { type: 'string' } },
    positionals: 0,
    run: async (ctx, a) =>
      ctx.call('sitzungen.ics', {
        path: resolve(requireOption(a, 'out')),
        ...(typeof a.values.gremium === 'string' ? { committeeId: await committeeIdOf(ctx, a.values.gremium) } : {}),
        ...(typeof a.values.ab === 'string' ? { from: a.values.ab } : {}),
      }),
    print: (r: MethodOutput<'sitzungen.ics'>, ctx) => ctx.out(`Sitzungskalender gespeichert: ${r.path} (${countOf(r.events, 'Sitzung', 'Sitzungen')}, SHA-256 ${r.sha256})`),
  },
  {
    name: 'sitzung nachtrag',
    summary: 'Exportiert den „Nachtrag zur Tagesordnung“ (nur die nachträglich aufgenommenen TOPs)',
    usage: 'ID --format docx|pdf --out F [--variant public|members]',
    options: { format: { type: 'string' }, out: { type: 'string' }, variant: { type: 'string' } },
    positionals: 1,
    run: (ctx, a) => {
      const format = requireOption(a, 'format');
      if (format !== 'docx' && format !== 'pdf') throw new UsageError(`Unbekanntes Format „${format}“ (möglich: docx, pdf).`);
      const variant = typeof a.values.variant === 'string' ? a.values.variant : 'members';
      if (variant !== 'public' && variant !== 'members') throw new UsageError(`Unbekannte Variante „${variant}“ (möglich: public, members).`);
      return ctx.call('sitzungen.exportNachtrag', { meetingId: intArg(a.positionals[0]!, 'Die Sitzungs-ID'), format, variant, path: resolve(requireOption(a, 'out')) });
    },
    print: (r: MethodOutput<'sitzungen.exportNachtrag'>, ctx) =>
      ctx.out(`Nachtrag zur Tagesordnung gespeichert: ${r.path} (${countOf(r.items, 'TOP', 'TOPs')}${r.pages ? `, ${countOf(r.pages, 'Seite', 'Seiten')}` : ''}, SHA-256 ${r.sha256})`),
  },
  {
    name: 'beschlusskontrolle list',
    summary: 'Listet die Einträge der Beschlusskontrolle',
    usage: '[--gremium G] [--stand S] [--ueberfaellig]',
    options: { gremium: { type: 'string' }, stand: { type: 'string' }, ueberfaellig: { type: 'boolean' } },
    positionals: 0,
    run: async (ctx, a) => {
      const committees = new Map((await ctx.call('gremien.list', {})).map((c) => [c.id, c.shortName]));
      const entries = await ctx.call('beschlusskontrolle.list', {
        committeeId: await committeeIdOf(ctx, a.values.gremium),
        stand: standOption(a.values.stand),
        ...(a.values.ueberfaellig === true ? { overdue: true } : {}),
      });
      return entries.map((f) => ({
        id: f.id,
        reference: f.reference,
        gremium: committees.get(f.committeeId) ?? '',
        stand: f.stand,
        frist: f.frist,
        datum: f.decidedOn,
        top: f.agendaNumber,
        titel: f.title,
        ergebnis: f.result,
        ueberfaellig: f.overdue,
        vermerke: f.notes.map((n) => ({ datum: n.at, von: n.author, text: n.text })),
      }));
    },
    print: (rows: { id: number; reference: string; gremium: string; stand: keyof typeof FOLLOW_UP_STAND_LABELS; frist: string | null; datum: string; top: string; titel: string; ueberfaellig: boolean }[], ctx) =>
      ctx.out(
        rows.length === 0
          ? 'Keine Einträge.'
          : table(
              ['ID', 'Vorlage', 'Gremium', 'Sitzung', 'TOP', 'Betreff', 'Frist', 'Stand'],
              rows.map((r) => [r.id, r.reference, r.gremium, deDate(r.datum), r.top, r.titel, r.frist ? `${deDate(r.frist)}${r.ueberfaellig ? ' (überfällig)' : ''}` : '–', FOLLOW_UP_STAND_LABELS[r.stand]]),
            ),
      ),
  },
  {
    name: 'beschlusskontrolle set',
    summary: 'Ändert Stand, Frist, Zuständigkeit eines Eintrags oder fügt einen Vermerk hinzu',
    usage: 'ID [--stand S] [--frist YYYY-MM-DD] [--zustaendig AMT] [--vermerk TEXT]',
    options: { stand: { type: 'string' }, frist: { type: 'string' }, zustaendig: { type: 'string' }, vermerk: { type: 'string' } },
    positionals: 1,
    run: async (ctx, a) => {
      const { stand, frist, zustaendig, vermerk } = a.values;
      if (stand === undefined && frist === undefined && zustaendig === undefined && vermerk === undefined) {
        throw new UsageError('Bitte mindestens eine Änderung angeben: --stand, --frist, --zustaendig oder --vermerk.');
      }
      let departmentId: number | undefined;
      if (typeof zustaendig === 'string') {
        const wanted = zustaendig.trim().toLowerCase();
        const hit = (await ctx.call('aemter.list', {})).find((d) => [d.key, d.code, d.name].some((x) => x.toLowerCase() === wanted));
        if (!hit) throw new UsageError(`Unbekanntes Amt „${zustaendig}“.`);
        departmentId = hit.id;
      }
      return ctx.call('beschlusskontrolle.set', {
        id: intArg(a.positionals[0]!, 'Die ID des Eintrags'),
        stand: standOption(stand),
        ...(typeof frist === 'string' ? { frist } : {}),
        ...(departmentId !== undefined ? { departmentId } : {}),
        ...(typeof vermerk === 'string' ? { vermerk } : {}),
      });
    },
    print: (f: MethodOutput<'beschlusskontrolle.set'>, ctx) =>
      ctx.out(
        [
          `Eintrag ${f.id}: ${f.reference} – ${f.title}`,
          `Stand: ${FOLLOW_UP_STAND_LABELS[f.stand]}, Frist: ${f.frist ? deDate(f.frist) : '–'}${f.overdue ? ' (überfällig)' : ''}`,
          ...f.notes.map((n) => `  ${deDate(n.at)} ${n.author}: ${n.text}`),
        ].join('\n'),
      ),
  },
  {
    name: 'beschlusskontrolle report',
    summary: 'Bericht zur Beschlusskontrolle eines Gremiums (Tabelle, Querformat)',
    usage: '--gremium G --format docx|pdf --out F [--variant public|members]',
    options: { gremium: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, variant: { type: 'string' } },
    positionals: 0,
    run: async (ctx, a) => {
      const format = requireOption(a, 'format');
      if (format !== 'docx' && format !== 'pdf') throw new UsageError(`Unbekanntes Format „${format}“ (möglich: docx, pdf).`);
      const variant = typeof a.values.variant === 'string' ? a.values.variant : 'members';
      if (variant !== 'public' && variant !== 'members') throw new UsageError(`Unbekannte Variante „${variant}“ (möglich: public, members).`);
      const committeeId = (await committeeIdOf(ctx, requireOption(a, 'gremium')))!;
      return ctx.call('beschlusskontrolle.export', { committeeId, format, variant, path: resolve(requireOption(a, 'out')) });
    },
    print: (r: MethodOutput<'beschlusskontrolle.export'>, ctx) =>
      ctx.out(`Bericht zur Beschlusskontrolle gespeichert: ${r.path} (${countOf(r.entries, 'Eintrag', 'Einträge')}${r.pages ? `, ${countOf(r.pages, 'Seite', 'Seiten')}` : ''}, SHA-256 ${r.sha256})`),
  },
]);
