import type { Doc } from '../../shared/document.js';
import type { ConsultationRole, ListNumbering, PublicAgendaClosed } from '../../shared/schemas.js';

/**
 * Everything a renderer (HTML, DOCX, PDF) needs to print a document, already resolved from the
 * database by build-print-model.ts: renderers never query anything themselves, which keeps them
 * pure and testable. Dates are ISO strings ("2025-03-12", "2025-03-12T15:00"); renderers format
 * them German ("12.03.2025", "15:00 Uhr") with the helpers at the end of this file.
 * All strings are plain text: renderers escape them, nothing is ever interpreted as markup or
 * as a placeholder.
 */

/** The Körperschaft as printed: its name and print settings. */
export interface PrintBody {
  name: string;
  /** Style of numbered lists (default "1."). */
  listNumbering?: ListNumbering;
  /** Non-public TOPs in the public Tagesordnung: left out (default) or listed neutrally. */
  publicAgendaClosed?: PublicAgendaClosed;
}

// ───────────────────────────── Vorlage ─────────────────────────────

export interface PrintConsultation {
  committeeName: string;
  committeeShortName: string;
  /** ISO date (YYYY-MM-DD) of the Sitzung, or null while not yet scheduled. */
  meetingDate: string | null;
  /** Kenntnisnahme | Vorberatung | Entscheidung (display form). */
  role: string;
}

export interface PrintSection {
  key: string;
  /** Heading without the colon ("Vorbemerkungen"); renderers print "Vorbemerkungen:". */
  title: string;
  body: Doc;
}

export interface PrintAttachment {
  title: string;
  fileName: string;
  public: boolean;
}

export interface PaperPrintModel {
  body: PrintBody;
  department: { code: string; name: string; signatory: string };
  paper: {
    reference: string;
    title: string;
    public: boolean;
    template: string;
    /** e.g. "Mitteilungsvorlage" — from the template. */
    kindLabel: string;
    /** ISO date of the Vorlage (shown as "Datum:" in the head), optional. */
    date?: string | null;
    /** "Ergänzungsvorlage zu Vorlage-Nr. 50/012/2023": the original this one amends. */
    amends?: string | null;
  };
  /** The Beratungsfolge, in order. */
  consultations: PrintConsultation[];
  /** The Sitzung the document is printed for; drives the closing line. */
  printedFor: {
    committeeGenitive: string;
    committeeName: string;
    meetingDate: string; // ISO date
    agendaNumber: string | null;
    meetingId?: string | null;
  } | null;
  sections: PrintSection[];
  /** Rendered closing line ("Zur Sitzung des … am 16.03.2022."), or null without a Sitzung. */
  closingLine: string | null;
  signature: { greeting: string; signatory: string };
  attachments: PrintAttachment[];
  /** "Anlage:" / "Anlagen:" as the template says. */
  attachmentsHeading: { singular: string; plural: string };
}

// ───────────────────────── Einladung + Tagesordnung ─────────────────────────

export interface MeetingPrintItem {
  /** Display number as the Body numbers it: "3", "Ö 3", "N 1", "3.1". */
  number: string;
  title: string;
  public: boolean;
  /** Vorlage number ("50/012/2025"), or null for items without a Vorlage. */
  paperReference: string | null;
  /** Added after the Einladung went out ("Nachtrag"). */
  supplement?: boolean;
  /** Added on the day of the Sitzung ("Tischvorlage"). */
  tischvorlage?: boolean;
  /** Taken off after the Einladung: listed, printed "(abgesetzt)", without papers. */
  abgesetzt?: boolean;
  /** The Vorlage of this TOP is not freigegeben yet (planning): the Tagesordnung says so. */
  unreleased?: boolean;
  /** First page of the item's documents in the Sitzungsmappe; set by the pack builder. */
  page?: number | null;
  /** Named destination the page number links to (the pack resolves it to the page). */
  pageLink?: string | null;
  /** The Anlagen of its Vorlage, listed under the TOP in the Sitzungsmappe's Tagesordnung. */
  attachments?: { title: string; public: boolean; page?: number | null; pageLink?: string | null }[];
}

export interface MeetingPrintModel {
  body: PrintBody;
  committee: { name: string; shortName: string; genitive: string };
  meeting: {
    id?: string | null;
    /** Running number of the Sitzung in the term ("12." Sitzung), or null. */
    number: number | null;
    /** ISO date-time of the start, "2025-03-12T15:00". */
    start: string;
    /** Building and room, or null when not yet known. */
    location: string | null;
  };
  /** The chair who signs the Einladung. `role` e.g. "Die Vorsitzende", "Der Vorsitzende", "Vorsitz". */
  chair: { name: string | null; role: string };
  /** ISO date of the Einladung letter, or null (then no date line is printed). */
  invitationDate: string | null;
  /** Who gets the Einladung "nachrichtlich" (for information), listed under the addressee. */
  copyTo?: string[];
  items: MeetingPrintItem[];
}

export interface MeetingRenderOptions {
  /** Print part B (non-public items). Default true; false for the public variant. */
  includeNonPublic?: boolean;
  /** Print the page-number column ("Seite") of the Sitzungsmappe. Default: when any item has a page. */
  showPageNumbers?: boolean;
  /** Which parts to print. Default both. */
  parts?: { einladung?: boolean; tagesordnung?: boolean };
  /** Title of the agenda part; default "Tagesordnung" ("Nachtrag zur Tagesordnung" for the Nachtrag). */
  agendaHeading?: string;
  /**
   * The Tagesordnung on a page of its own (the Sitzungsmappe, which splits the parts by page).
   * Default: directly under the letter, as an Einladung is sent.
   */
  agendaOnOwnPage?: boolean;
}

/** The title a non-public TOP has in the public Tagesordnung when the Körperschaft lists it (issue 14.6). */
export const NEUTRAL_AGENDA_TITLE = 'Nichtöffentlicher Tagesordnungspunkt';

/**
 * The Tagesordnung as the public may see it. Non-public TOPs are left out, or — when the
 * Körperschaft lists them neutrally — reduced to their number and NEUTRAL_AGENDA_TITLE: no
 * title, Vorlage, marks or Anlagen of theirs ever reaches a public renderer.
 * `includeNonPublic`: whether part B is printed (only with neutral TOPs in it).
 */
export function publicMeetingModel(model: MeetingPrintModel): { model: MeetingPrintModel; includeNonPublic: boolean } {
  const neutral = model.body.publicAgendaClosed === 'neutral';
  const items = model.items.flatMap((i): MeetingPrintItem[] => (i.public ? [i] : neutral ? [neutralAgendaItem(i)] : []));
  return { model: { ...model, items }, includeNonPublic: neutral && items.some((i) => !i.public) };
}

/** A non-public TOP as the public Tagesordnung lists it: its number and a neutral title, nothing else. */
export const neutralAgendaItem = (item: MeetingPrintItem): MeetingPrintItem => ({ number: item.number, title: NEUTRAL_AGENDA_TITLE, public: false, paperReference: null });

/** "An die Mitglieder des Ausschusses für Soziales und Integration". */
export const invitationAddressee = (m: MeetingPrintModel) => `An die Mitglieder ${m.committee.genitive}`;

/** The Einladung's invitation sentence: where the Tagesordnung is. */
export const invitationText = (agendaBelow: boolean) =>
  agendaBelow
    ? 'hiermit lade ich Sie zu der o. g. Sitzung ein. Die Tagesordnung folgt unten; die Sitzungsunterlagen sind beigefügt.'
    : 'hiermit lade ich Sie zu der o. g. Sitzung ein. Die Tagesordnung und die Sitzungsunterlagen sind beigefügt.';

/** A note that (part of) the Sitzung is open to the public, or null when nothing is public. */
export function publicSessionNote(m: MeetingPrintModel): string | null {
  const pub = m.items.some((i) => i.public);
  if (!pub && m.items.length) return null;
  return m.items.some((i) => !i.public)
    ? 'Der Teil A der Sitzung ist öffentlich; Zuhörerinnen und Zuhörer sind willkommen.'
    : 'Die Sitzung ist öffentlich; Zuhörerinnen und Zuhörer sind willkommen.';
}

// ───────────────────────────── Beratungsergebnis ─────────────────────────────

export interface ResultPrintModel {
  body: PrintBody;
  /** The department the result is sent to (the Vorlage's owner), if any. */
  department: { code: string; name: string } | null;
  paper: { reference: string; title: string } | null;
  committee: { name: string; shortName: string };
  meeting: { start: string; location: string | null };
  agendaItem: { number: string; title: string; public: boolean };
  /** Minutes text (discussion) of the item; may be empty. */
  minutes: Doc;
  /** "Kenntnis genommen", "einstimmig beschlossen", … */
  result: string;
  /**
   * Role of the Beratung the TOP deals with; it decides the label (a Kenntnisnahme is never a
   * "Beschluss:", a Vorberatung gives a "Beschlussempfehlung:"). Absent or null: inferred
   * from the result text (see resultCaption).
   */
  role?: ConsultationRole | null;
  /** Vote, e.g. "einstimmig" or "10 Ja-Stimmen, 2 Nein-Stimmen, 1 Enthaltung", optional. */
  vote?: string | null;
}

// ───────────────────────────── German formats ─────────────────────────────

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const ISO_TIME = /T(\d{2}):(\d{2})/;

/** "2022-03-16" or "2022-03-16T15:00…" → "16.03.2022"; "" for null/invalid. No time zones involved. */
export function formatDateDe(iso: string | null | undefined): string {
  const m = iso ? ISO_DATE.exec(iso) : null;
  return m ? `${m[3]}.${m[2]}.${m[1]}` : '';
}

/** "2022-03-16T15:00" → "15:00 Uhr"; "" when there is no time. */
export function formatTimeDe(iso: string | null | undefined): string {
  const m = iso ? ISO_TIME.exec(iso) : null;
  return m ? `${m[1]}:${m[2]} Uhr` : '';
}

const WEEKDAYS = ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'];

/** "2022-03-16" → "Mittwoch, 16.03.2022". */
export function formatDateLongDe(iso: string | null | undefined): string {
  const m = iso ? ISO_DATE.exec(iso) : null;
  if (!m) return '';
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay();
  return `${WEEKDAYS[day]}, ${formatDateDe(iso)}`;
}

/** "für den öffentlichen Sitzungsteil" / "nichtöffentlichen". */
export const sessionPartLabel = (isPublic: boolean) => (isPublic ? 'öffentlichen Sitzungsteil' : 'nichtöffentlichen Sitzungsteil');

/** Title of the Einladung: "Einladung zur 12. Sitzung des Ausschusses für …". */
export const invitationTitle = (m: MeetingPrintModel) =>
  `Einladung zur ${m.meeting.number ? `${m.meeting.number}. ` : ''}Sitzung ${m.committee.genitive}`;

/** The late marks after a TOP title in Tagesordnung and Niederschrift: " (Nachtrag)", " (Tischvorlage)", " (abgesetzt)". */
export function itemMarks(item: { supplement?: boolean; tischvorlage?: boolean; abgesetzt?: boolean }): string {
  return `${item.tischvorlage ? ' (Tischvorlage)' : item.supplement ? ' (Nachtrag)' : ''}${item.abgesetzt ? ' (abgesetzt)' : ''}`;
}
