import type { Doc } from '../../shared/document.js';
import { notFound } from '../../shared/errors.js';
import type { MinutesHead, MinutesVariant, TopVotes } from '../../shared/minutes.js';
import type { Attendance, Membership, Person } from '../../shared/persons.js';
import type { Committee, ConsultationRole } from '../../shared/schemas.js';
import { docToPlainText } from '../../shared/plain-text.js';
import { membersOn, quorum, quorumLine } from '../domain/attendance.js';
import { addressName, addressNameAccusative, chairCaption, conflictSentence, presenceNote, recorderCaption, titledName } from '../domain/person-wording.js';
import { noticeSentence, resultKind, resultLabel, voteLine, type ResultKind } from '../domain/result-wording.js';
import { formatDateDe, formatDateLongDe, formatTimeDe, type PrintBody } from './print-model.js';

/**
 * The Niederschrift of a Sitzung and the Auszug of one TOP as plain print data (issue 17),
 * built from plain inputs: the caller loads them from the store, this module decides every
 * word. The public variant never receives anything of the non-public part, so no renderer can
 * leak it.
 */

// ───────────────────────────── inputs ─────────────────────────────

export type MinutesPerson = Pick<Person, 'id' | 'name' | 'formOfAddress' | 'title' | 'affiliation'>;

export interface MinutesItemInput {
  /** Display number as printed ("3", "Ö 3", "N 1"). */
  number: string;
  title: string;
  public: boolean;
  supplement?: boolean;
  tischvorlage?: boolean;
  abgesetzt?: boolean;
  /** Vorlage number, or null for a TOP without Vorlage. */
  paperReference: string | null;
  /** Role of the Beratung of the Vorlage in this Gremium, or null without Vorlage. */
  role: ConsultationRole | null;
  /** The Vorlage's Beschlussvorschlag: quoted when no amended wording was recorded. */
  proposal: Doc | null;
  result: string | null;
  votes: TopVotes | null;
  /** Amended wording of the Beschluss, entered with the result. */
  resolutionText: Doc | null;
  /** The discussion. */
  minutes: Doc | null;
}

export interface MinutesInput {
  body: PrintBody;
  committee: Pick<Committee, 'name' | 'shortName' | 'genitive' | 'kind'>;
  meeting: { number: number | null; /** ISO local date-time "2025-03-12T17:00". */ start: string; location: string | null };
  head: Pick<MinutesHead, 'opened' | 'closed' | 'chairPersonId' | 'recorderPersonId'>;
  persons: readonly MinutesPerson[];
  memberships: readonly Pick<Membership, 'personId' | 'role' | 'representsPersonId' | 'from' | 'until' | 'position'>[];
  attendance: readonly Attendance[];
  /** In agenda order. */
  items: readonly MinutesItemInput[];
}

// ───────────────────────────── print model ─────────────────────────────

export interface AttendanceEntryPrint {
  /** "Herr Jonas Becker" */
  name: string;
  /** "(Fraktion B) für Frau Aylin Yilmaz, ab 17:10 Uhr" — everything after the name, or ''. */
  details: string;
}

export interface AttendanceGroupPrint {
  heading: string;
  entries: AttendanceEntryPrint[];
}

export interface ResultPrint {
  kind: ResultKind;
  /** "Beschluss:", "Beschlussempfehlung:", "Ergebnis:"; null for a Kenntnisnahme (it is a sentence). */
  label: string | null;
  /** "Der Sozialausschuss nimmt die Vorlage Nr. … zur Kenntnis." */
  statement: string | null;
  /** The Beschluss text quoted: the amended wording or the Beschlussvorschlag. */
  quoted: Doc | null;
  /** "einstimmig beschlossen", "vertagt", … */
  resultLine: string | null;
  /** "einstimmig" / "mit 10 Ja-Stimmen, 2 Nein-Stimmen, 1 Enthaltung". */
  voteLine: string | null;
}

export interface TopBlockPrint {
  number: string;
  title: string;
  public: boolean;
  supplement: boolean;
  tischvorlage?: boolean;
  abgesetzt?: boolean;
  paperReference: string | null;
  /** One sentence per befangen member. */
  conflicts: string[];
  minutes: Doc | null;
  result: ResultPrint | null;
}

export interface MinutesPartPrint {
  public: boolean;
  /** "A. Öffentlicher Teil" / "B. Nichtöffentlicher Teil". */
  heading: string;
  items: TopBlockPrint[];
}

export interface SignaturePrint {
  /** "Die Vorsitzende", "Der Schriftführer", "Schriftführung". */
  caption: string;
  name: string | null;
}

export interface MinutesPrintModel {
  variant: MinutesVariant;
  body: PrintBody;
  committee: { name: string; shortName: string; genitive: string };
  title: string;
  /** "über die 12. Sitzung des Ausschusses … am Mittwoch, 12.03.2025" */
  subtitle: string;
  facts: { label: string; value: string }[];
  attendance: AttendanceGroupPrint[];
  quorum: string | null;
  agenda: { public: TopLinePrint[]; nonPublic: TopLinePrint[] | null };
  parts: MinutesPartPrint[];
  signatures: SignaturePrint[];
  runningHeader: { left: string; right: string };
}

export interface TopLinePrint {
  number: string;
  title: string;
  paperReference: string | null;
  supplement: boolean;
  tischvorlage?: boolean;
  abgesetzt?: boolean;
}

export const NON_PUBLIC_PART = 'Nichtöffentlicher Teil';
export const PART_HEADINGS = { public: 'A. Öffentlicher Teil', nonPublic: `B. ${NON_PUBLIC_PART}` } as const;

// ───────────────────────────── builders ─────────────────────────────

const hasText = (doc: Doc | null): doc is Doc => !!doc && docToPlainText(doc).trim().length > 0;

function context(input: MinutesInput) {
  const persons = new Map(input.persons.map((p) => [p.id, p]));
  const person = (id: number | null | undefined) => (id == null ? undefined : persons.get(id));
  const name = (id: number) => {
    const p = persons.get(id);
    return p ? addressName(p) : `Person ${id}`;
  };
  const chairId = input.head.chairPersonId ?? input.attendance.find((a) => a.function === 'vorsitz')?.personId ?? null;
  const recorderId = input.head.recorderPersonId ?? input.attendance.find((a) => a.function === 'schriftfuehrung')?.personId ?? null;
  return { person, name, chairId, recorderId };
}

const sessionTitle = (input: MinutesInput) => `${input.meeting.number ? `${input.meeting.number}. ` : ''}Sitzung ${input.committee.genitive}`;

function topBlock(input: MinutesInput, item: MinutesItemInput, name: (id: number) => string, person: ReturnType<typeof context>['person']): TopBlockPrint {
  const conflicts = (item.votes?.conflicted ?? []).map((id) => {
    const p = person(id);
    return p ? conflictSentence(p) : `${name(id)} erklärt sich für befangen und nimmt an Beratung und Abstimmung nicht teil.`;
  });
  return {
    number: item.number,
    title: item.title,
    public: item.public,
    supplement: item.supplement ?? false,
    tischvorlage: item.tischvorlage ?? false,
    abgesetzt: item.abgesetzt ?? false,
    paperReference: item.paperReference,
    conflicts,
    minutes: hasText(item.minutes) ? item.minutes : null,
    result: resultPrint(input, item),
  };
}

function resultPrint(input: MinutesInput, item: MinutesItemInput): ResultPrint | null {
  const result = item.result?.trim();
  if (!result) return null;
  const kind = resultKind(item.role, result);
  const votes = voteLine(item.votes);
  if (kind === 'kenntnisnahme') {
    return { kind, label: null, statement: noticeSentence(input.committee, item.paperReference), quoted: null, resultLine: null, voteLine: votes };
  }
  if (kind === 'verfahren') {
    return { kind, label: resultLabel(kind), statement: null, quoted: null, resultLine: result, voteLine: votes };
  }
  const quoted = hasText(item.resolutionText) ? item.resolutionText : hasText(item.proposal) ? item.proposal : null;
  return { kind, label: resultLabel(kind), statement: null, quoted, resultLine: result, voteLine: votes };
}

const GROUPS = [
  'Vorsitz',
  'Mitglieder',
  'Sachkundige Bürgerinnen und Bürger',
  'Stellvertretung',
  'Beratende Mitglieder',
  'Verwaltung',
  'Gäste',
  'Schriftführung',
  'Entschuldigt',
  'Abwesend',
] as const;
type GroupName = (typeof GROUPS)[number];

function attendanceGroups(input: MinutesInput, ctx: ReturnType<typeof context>): AttendanceGroupPrint[] {
  const day = input.meeting.start.slice(0, 10);
  const members = membersOn(input.memberships, day);
  const memberRank = new Map(members.map((m, i) => [m.personId, i]));
  const roleOf = new Map(members.map((m) => [m.personId, m.role]));
  const groups = new Map<GroupName, { rank: number; entry: AttendanceEntryPrint }[]>();

  input.attendance.forEach((a, index) => {
    const p = ctx.person(a.personId);
    let group: GroupName;
    if (a.status === 'entschuldigt') group = 'Entschuldigt';
    else if (a.status === 'abwesend') group = 'Abwesend';
    else if (a.personId === ctx.chairId) group = 'Vorsitz';
    else if (a.personId === ctx.recorderId) group = 'Schriftführung';
    else if (a.representsPersonId !== null) group = 'Stellvertretung';
    else if (a.group === 'verwaltung') group = 'Verwaltung';
    else if (a.group === 'gast') group = 'Gäste';
    else {
      const role = roleOf.get(a.personId);
      if (role === 'sachkundig') group = 'Sachkundige Bürgerinnen und Bürger';
      else if (role === 'beratend') group = 'Beratende Mitglieder';
      else if (role === 'stellvertretung') group = 'Stellvertretung';
      else if (role) group = 'Mitglieder';
      else group = 'Gäste'; // not a member on the day (the checks flag it)
    }
    // "(Fraktion B), für Frau Yilmaz, ab 17:10 Uhr"
    const details: string[] = [];
    if (p?.affiliation.trim()) details.push(`(${p.affiliation.trim()})`);
    const extra: string[] = [];
    if (a.representsPersonId !== null) {
      const member = ctx.person(a.representsPersonId);
      extra.push(`für ${member ? addressNameAccusative(member) : ctx.name(a.representsPersonId)}`);
    }
    if (group === 'Mitglieder' && roleOf.get(a.personId) === 'stellv-vorsitz') extra.push('stellv. Vorsitz');
    if (a.status === 'anwesend') {
      const note = presenceNote(a.arrived, a.left);
      if (note) extra.push(note);
    }
    const detailText = [...details, ...extra].join(', ');
    const rank = (memberRank.get(a.personId) ?? 10_000) * 10_000 + index;
    const list = groups.get(group) ?? [];
    list.push({ rank, entry: { name: ctx.name(a.personId), details: detailText } });
    groups.set(group, list);
  });

  return GROUPS.filter((g) => groups.has(g)).map((heading) => ({
    heading,
    entries: groups
      .get(heading)!
      .sort((x, y) => x.rank - y.rank)
      .map((x) => x.entry),
  }));
}

function signatures(ctx: ReturnType<typeof context>): SignaturePrint[] {
  const chair = ctx.person(ctx.chairId);
  const recorder = ctx.person(ctx.recorderId);
  return [
    { caption: chairCaption(chair?.formOfAddress), name: chair ? titledName(chair) : null },
    { caption: recorderCaption(recorder?.formOfAddress), name: recorder ? titledName(recorder) : null },
  ];
}

const topLine = (i: MinutesItemInput): TopLinePrint => ({ number: i.number, title: i.title, paperReference: i.paperReference, supplement: i.supplement ?? false, tischvorlage: i.tischvorlage ?? false, abgesetzt: i.abgesetzt ?? false });

/** The Niederschrift: `public` holds only the öffentlicher Teil, `members` both parts. */
export function buildMinutesPrintModel(input: MinutesInput, variant: MinutesVariant): MinutesPrintModel {
  const ctx = context(input);
  const day = input.meeting.start.slice(0, 10);
  const items = variant === 'public' ? input.items.filter((i) => i.public) : input.items;
  const pub = items.filter((i) => i.public);
  const nonPub = items.filter((i) => !i.public);
  const facts = [
    { label: 'Datum', value: formatDateLongDe(day) },
    ...(input.meeting.location ? [{ label: 'Ort', value: input.meeting.location }] : []),
    { label: 'Beginn', value: input.head.opened ? `${input.head.opened} Uhr` : formatTimeDe(input.meeting.start) },
    ...(input.head.closed ? [{ label: 'Ende', value: `${input.head.closed} Uhr` }] : []),
  ];
  const q = input.attendance.length ? quorum(input.memberships, input.attendance, day) : null;
  const parts: MinutesPartPrint[] = [{ public: true, heading: PART_HEADINGS.public, items: pub.map((i) => topBlock(input, i, ctx.name, ctx.person)) }];
  if (variant === 'members') parts.push({ public: false, heading: PART_HEADINGS.nonPublic, items: nonPub.map((i) => topBlock(input, i, ctx.name, ctx.person)) });
  const title = variant === 'public' ? 'Niederschrift (öffentlicher Teil)' : 'Niederschrift';
  return {
    variant,
    body: { name: input.body.name, listNumbering: input.body.listNumbering },
    committee: { name: input.committee.name, shortName: input.committee.shortName, genitive: input.committee.genitive },
    title,
    subtitle: `über die ${sessionTitle(input)} am ${formatDateLongDe(day)}`,
    facts,
    attendance: attendanceGroups(input, ctx),
    quorum: q && q.seats > 0 ? quorumLine(q) : null,
    agenda: { public: pub.map(topLine), nonPublic: variant === 'members' ? nonPub.map(topLine) : null },
    parts,
    signatures: signatures(ctx),
    runningHeader: { left: `Niederschrift ${input.committee.shortName || input.committee.name}`, right: `Sitzung am ${formatDateDe(day)}` },
  };
}

export interface ExtractPrintModel {
  body: PrintBody;
  committee: { name: string; shortName: string; genitive: string };
  /** "Auszug aus der Niederschrift" */
  title: string;
  /** "über die 12. Sitzung des Ausschusses … am 12.03.2025" */
  subtitle: string;
  /** The department the Auszug is sent to, if any. */
  department: { name: string } | null;
  item: TopBlockPrint;
  /** "Nichtöffentlicher Teil – vertraulich" for a non-public TOP, else null. */
  nonPublicNote: string | null;
  /** "Für die Richtigkeit des Auszugs:" and the recorder's caption. */
  certification: SignaturePrint;
  runningHeader: { left: string; right: string };
}

/** The Auszug of one TOP (with or without Vorlage), found by its printed number. */
export function buildExtractPrintModel(input: MinutesInput, topNumber: string, options: { department?: { name: string } | null } = {}): ExtractPrintModel {
  const wanted = topNumber.trim();
  const item = input.items.find((i) => i.number === wanted);
  if (!item) throw notFound(`Der TOP ${wanted} dieser Sitzung`);
  const ctx = context(input);
  const day = input.meeting.start.slice(0, 10);
  const recorder = ctx.person(ctx.recorderId);
  return {
    body: { name: input.body.name, listNumbering: input.body.listNumbering },
    committee: { name: input.committee.name, shortName: input.committee.shortName, genitive: input.committee.genitive },
    title: 'Auszug aus der Niederschrift',
    subtitle: `über die ${sessionTitle(input)} am ${formatDateDe(day)}`,
    department: options.department ?? null,
    item: topBlock(input, item, ctx.name, ctx.person),
    nonPublicNote: item.public ? null : `${NON_PUBLIC_PART} – vertraulich`,
    certification: { caption: recorderCaption(recorder?.formOfAddress), name: recorder ? titledName(recorder) : null },
    runningHeader: { left: `Auszug aus der Niederschrift, TOP ${item.number}`, right: `${input.committee.shortName || input.committee.name} am ${formatDateDe(day)}` },
  };
}
