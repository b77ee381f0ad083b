import fs from 'node:fs';
import path from 'node:path';
import type { DiffRun, RevisionDiff } from '../../shared/api/beratung.js';
import type { MethodOutput } from '../../shared/contract.js';
import { invalid } from '../../shared/errors.js';
import { RESULT_VOCABULARY } from '../../shared/results.js';
import { CONSULTATION_ROLE_LABELS } from '../../shared/labels.js';
import { UsageError, defineCommands, intArg, oneOf, requireOption, paperRef } from '../command.js';
import { countOf, deDate, table } from '../format.js';

const MAX_MINUTES_FILE = 5 * 1024 * 1024;

/** Minutes from a file: a .json file holds a document, anything else is Markdown. */
function readMinutes(file: string) {
  const full = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    throw invalid(`Die Datei ${file} wurde nicht gefunden.`);
  }
  if (!stat.isFile()) throw invalid(`${file} ist keine Datei.`);
  if (stat.size > MAX_MINUTES_FILE) throw invalid(`Die Datei ${file} ist zu groß für ein Protokoll (höchstens 5 MB).`);
  const text = fs.readFileSync(full, 'utf8');
  if (!full.toLowerCase().endsWith('.json')) return { format: 'markdown' as const, text };
  try {
    return { format: 'doc' as const, doc: JSON.parse(text) as unknown };
  } catch (error) {
    throw invalid(`Die Datei ${file} ist kein gültiges JSON: ${(error as Error).message.slice(0, 120)}`);
  }
}

function optionalInt(value: string | boolean | undefined, what: string): number | undefined {
  return typeof value === 'string' ? intArg(value, what) : undefined;
}

function roleOption(value: string | boolean | undefined) {
  if (typeof value !== 'string') return undefined;
  return oneOf(CONSULTATION_ROLE_LABELS, value.toLowerCase(), (possible) => `Unbekannte Zuständigkeit „${value}“ (erlaubt: ${possible}).`);
}

/** Word diff as text: [-gelöscht-] and {+eingefügt+}, as `git diff --word-diff` shows it. */
export const diffRunsText = (runs: DiffRun[]) =>
  runs.map((r) => (r.type === 'equal' ? r.text : r.type === 'insert' ? `{+${r.text}+}` : `[-${r.text}-]`)).join('');

function printDiff(d: RevisionDiff, out: (s: string) => void) {
  const sameDoc = d.from.paperId === d.to.paperId;
  out(
    sameDoc
      ? `Vorlage ${d.reference}: Stand ${d.from.revision} (${deDate(d.from.createdAt)}) → Stand ${d.to.revision} (${deDate(d.to.createdAt)})`
      : `Vorlage ${d.to.reference} gegenüber Vorgänger ${d.from.reference}`,
  );
  out(`${countOf(d.inserted, 'Wort', 'Wörter')} eingefügt, ${countOf(d.deleted, 'Wort', 'Wörter')} gelöscht.\n`);
  if (d.title.changed) out(`Betreff: ${diffRunsText(d.title.runs)}\n`);
  for (const f of d.fields) out(`${f.label}: ${f.from} → ${f.to}`);
  for (const s of d.sections) {
    if (s.status === 'unchanged') {
      out(`${s.title}: unverändert`);
      continue;
    }
    const label = s.status === 'added' ? ' (neu)' : s.status === 'removed' ? ' (entfernt)' : '';
    out(`\n${s.title}${label}:\n${diffRunsText(s.runs)}\n`);
  }
}

export const beratungCommands = defineCommands([
  {
    name: 'vorlage resend',
    summary: 'Leitet eine Vorlage an ein weiteres Gremium weiter (Beratung + TOP)',
    usage: 'REF --gremium G [--sitzung ID|next] [--role kenntnisnahme|vorberatung|entscheidung] [--von-sitzung ID --von-top N]',
    options: { gremium: { type: 'string' }, sitzung: { type: 'string' }, role: { type: 'string' }, 'von-sitzung': { type: 'string' }, 'von-top': { type: 'string' } },
    positionals: 1,
    run: async (ctx, a) => {
      const sitzung = a.values.sitzung;
      const meeting = typeof sitzung !== 'string' ? null : sitzung === 'next' ? 'next' : intArg(sitzung, 'Die Sitzungs-ID');
      let source: { meetingId: number; agendaItemId: number } | undefined;
      const fromMeeting = optionalInt(a.values['von-sitzung'], 'Die Sitzungs-ID');
      if (fromMeeting !== undefined || a.values['von-top'] !== undefined) {
        if (fromMeeting === undefined || typeof a.values['von-top'] !== 'string') throw new UsageError('--von-sitzung und --von-top gehören zusammen.');
        const detail = await ctx.call('sitzungen.get', { id: fromMeeting });
        const wanted = a.values['von-top'].replace(/\s+/g, '').toUpperCase();
        const item = detail.agenda.find((i) => i.number.replace(/\s+/g, '').toUpperCase() === wanted);
        if (!item) throw invalid(`TOP ${a.values['von-top']} gibt es in der Sitzung ${fromMeeting} nicht.`);
        source = { meetingId: fromMeeting, agendaItemId: item.id };
      }
      return ctx.call('beratungen.resend', {
        ref: paperRef(a.positionals[0]!),
        committee: requireOption(a, 'gremium'),
        meeting,
        role: roleOption(a.values.role),
        source,
      });
    },
    print: (r: MethodOutput<'beratungen.resend'>, ctx) => {
      const where = r.meeting && r.agendaItem ? `Sitzung ${r.meeting.id} am ${deDate(r.meeting.start)}, TOP ${r.agendaItem.number}${r.agendaItem.tischvorlage ? ' (Tischvorlage)' : r.agendaItem.supplement ? ' (Nachtrag)' : ''}` : 'noch ohne Sitzung';
      ctx.out([`Vorlage ${r.reference} an „${r.consultation.committeeShortName}“ weitergeleitet (${CONSULTATION_ROLE_LABELS[r.consultation.role]}): ${where}.`, ...r.warnings.map((w) => `Warnung: ${w}`)].join('\n'));
    },
  },
  {
    name: 'top result',
    summary: 'Erfasst das Beratungsergebnis eines Tagesordnungspunkts',
    usage: 'SITZUNG_ID TOP_NUMBER --result TEXT [--minutes-file F] [--ja N --nein N --enthaltung N] [--weitere-gremien G1,G2]',
    options: {
      result: { type: 'string' },
      'minutes-file': { type: 'string' },
      ja: { type: 'string' },
      nein: { type: 'string' },
      enthaltung: { type: 'string' },
      'weitere-gremien': { type: 'string' },
    },
    positionals: 2,
    run: async (ctx, a) => {
      const result = a.values.result;
      if (typeof result !== 'string' || result.trim() === '') {
        throw new UsageError(`Die Option --result fehlt (z. B. ${RESULT_VOCABULARY.slice(0, 3).map((r) => `„${r}“`).join(', ')}).`);
      }
      const yes = optionalInt(a.values.ja, '--ja');
      const no = optionalInt(a.values.nein, '--nein');
      const abstain = optionalInt(a.values.enthaltung, '--enthaltung');
      const votes = yes === undefined && no === undefined && abstain === undefined ? undefined : { yes: yes ?? 0, no: no ?? 0, abstain: abstain ?? 0 };
      const minutesFile = a.values['minutes-file'];
      const further = typeof a.values['weitere-gremien'] === 'string' ? a.values['weitere-gremien'].split(',').map((s) => s.trim()).filter(Boolean) : [];
      return ctx.call('tagesordnung.result', {
        meetingId: intArg(a.positionals[0]!, 'Die Sitzungs-ID'),
        agendaNumber: a.positionals[1]!,
        result,
        votes,
        minutes: typeof minutesFile === 'string' ? readMinutes(minutesFile) : undefined,
        furtherCommittees: further,
      });
    },
    print: (r: MethodOutput<'tagesordnung.result'>, ctx) => {
      ctx.out(`TOP ${r.agendaItem.number} (${r.agendaItem.title}): ${r.agendaItem.result}${r.paper ? ` – Vorlage ${r.paper.reference}` : ''}`);
      for (const o of r.resendOffers) {
        if (o.blockedReason) {
          ctx.out(`Weiterleitung an „${o.committeeShortName}“ nicht möglich: ${o.blockedReason}`);
          continue;
        }
        const next = o.nextMeeting ? `nächste Sitzung ${o.nextMeeting.id} am ${deDate(o.nextMeeting.start)}` : 'keine Sitzung geplant';
        const sitzung = o.nextMeeting ? ' --sitzung next' : '';
        ctx.out(
          `Weiterleitung an „${o.committeeShortName}“ erbeten (${next}). Ausführen mit:\n` +
            `  vorlagenwerk vorlage resend ${o.paperReference} --gremium ${o.committeeId}${sitzung} --von-sitzung ${o.source.meetingId} --von-top "${r.agendaItem.number}"`,
        );
      }
    },
  },
  {
    name: 'vorlage carry-forward',
    summary: 'Schreibt eine Vorlage fort: neuer Entwurf mit neuer Nummer aus einer früheren Vorlage',
    usage: 'REF [--year YYYY]',
    options: { year: { type: 'string' } },
    positionals: 1,
    run: (ctx, a) => ctx.call('vorlagen.carryForward', { ref: paperRef(a.positionals[0]!), year: optionalInt(a.values.year, 'Das Jahr') }),
    print: (p: MethodOutput<'vorlagen.carryForward'>, ctx) =>
      ctx.out(`Neue Vorlage ${p.reference} (Entwurf): ${p.title}\nAnlagen übernommen: ${p.attachments.length}. Beratungsfolge: noch leer.`),
  },
  {
    name: 'vorlage diff',
    summary: 'Vergleicht zwei Stände einer Vorlage wortweise (oder mit ihrem Vorgänger)',
    usage: 'REF --from N --to M | REF --vorgaenger',
    options: { from: { type: 'string' }, to: { type: 'string' }, vorgaenger: { type: 'boolean' } },
    positionals: 1,
    run: (ctx, a) => {
      const ref = paperRef(a.positionals[0]!);
      if (a.values.vorgaenger === true) return ctx.call('vorlagen.diffPredecessor', { ref });
      return ctx.call('vorlagen.diff', { ref, from: intArg(requireOption(a, 'from'), '--from'), to: intArg(requireOption(a, 'to'), '--to') });
    },
    print: (d: RevisionDiff, ctx) => printDiff(d, ctx.out),
  },
  {
    name: 'search',
    summary: 'Volltextsuche in Vorlagen, Tagesordnungspunkten, Ergebnissen und Anlagen',
    usage: 'QUERY [--limit N] [--offset N]',
    options: { limit: { type: 'string' }, offset: { type: 'string' } },
    positionals: [1, 50],
    run: (ctx, a) =>
      ctx.call('suche.query', { query: a.positionals.join(' '), limit: optionalInt(a.values.limit, '--limit'), offset: optionalInt(a.values.offset, '--offset') }),
    print: (r: MethodOutput<'suche.query'>, ctx) => {
      if (r.hits.length === 0) {
        ctx.out(`Keine Treffer für „${r.query}“.`);
        return;
      }
      r.hits.forEach((h, i) => {
        const what =
          h.kind === 'vorlage'
            ? `Vorlage ${h.paper?.reference}: ${h.title}`
            : h.kind === 'top'
              ? `TOP ${h.agendaNumber} ${h.meeting?.committee} am ${deDate(h.meeting?.start)}: ${h.title}${h.paper ? ` (Vorlage ${h.paper.reference})` : ''}`
              : `Anlage „${h.title}“ zu Vorlage ${h.paper?.reference}`;
        ctx.out(`${i + 1}. ${what}${h.public ? '' : ' [nichtöffentlich]'}`);
        const snippet = h.snippet.map((s) => (s.match ? `«${s.text}»` : s.text)).join('').replace(/\s+/g, ' ').trim();
        if (snippet) ctx.out(`   ${snippet}`);
      });
      if (r.hasMore) ctx.out('… weitere Treffer mit --offset.');
    },
  },
  {
    name: 'search rebuild',
    summary: 'Baut den Suchindex neu auf',
    positionals: 0,
    run: (ctx) => ctx.call('suche.rebuild', {}),
    print: (r: MethodOutput<'suche.rebuild'>, ctx) =>
      ctx.out(`Suchindex neu aufgebaut: ${r.vorlagen} Vorlagen, ${r.tops} Tagesordnungspunkte, ${r.anlagen} Anlagen.`),
  },
  {
    name: 'sitzung ladungsfrist',
    summary: 'Zeigt die Ladungsfrist einer Sitzung oder aller kommenden Sitzungen',
    usage: '[ID] [--gremium G] [--versand YYYY-MM-DD]',
    options: { gremium: { type: 'string' }, versand: { type: 'string' } },
    positionals: [0, 1],
    run: async (ctx, a) => {
      const dispatchDate = typeof a.values.versand === 'string' ? a.values.versand : undefined;
      if (a.positionals[0]) return [await ctx.call('sitzungen.ladungsfrist', { id: intArg(a.positionals[0], 'Die Sitzungs-ID'), dispatchDate })];
      const committeeId = typeof a.values.gremium === 'string' ? (await ctx.call('gremien.get', { ref: a.values.gremium })).id : undefined;
      const today = new Date();
      const from = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
      return ctx.call('sitzungen.ladungsfristen', { committeeId, from });
    },
    print: (rows: MethodOutput<'sitzungen.ladungsfristen'>, ctx) =>
      ctx.out(
        table(
          ['ID', 'Gremium', 'Sitzung', 'Einladung spätestens', 'Nachträge spätestens', 'Hinweis'],
          rows.map((r) => [
            r.meetingId,
            r.committeeShortName,
            deDate(r.meetingStart),
            `${deDate(r.invitation.lastDay)} (${r.invitation.periodDays} ${r.workdaysOnly ? 'Arbeitstage' : 'Tage'})`,
            deDate(r.supplement.lastDay),
            r.invitation.late ? `Einladung ${-r.invitation.daysLeft} Tag(e) zu spät` : r.supplement.late ? 'Frist für Nachträge abgelaufen' : '',
          ]),
        ),
      ),
  },
]);
