import type { Committee, ConsultationRole, Votes } from '../../shared/schemas.js';
import { formatVotes } from '../../shared/results.js';

/**
 * The words a result is printed in, following the Beratung's role (NRW practice): a
 * Kenntnisnahme is never a "Beschluss:" ("Der Ausschuss nimmt … zur Kenntnis."), a Vorberatung
 * yields a Beschlussempfehlung, an Entscheidung a Beschluss whose text is quoted.
 */
export type ResultKind = 'kenntnisnahme' | 'beschlussempfehlung' | 'beschluss' | 'verfahren';

const PROCEDURAL = /^\s*(vertagt|zurückgezogen|zurueckgezogen|verwiesen\s+an|abgesetzt|von der tagesordnung abgesetzt)\b/i;
const NOTED = /kenntnis/i;

/**
 * Which kind of result this is. Postponed, withdrawn or referred items are procedural
 * ("verfahren") whatever the role; a result that says "Kenntnis" is a Kenntnisnahme. Otherwise
 * the role decides; without a role (TOP without Vorlage, e.g. "Genehmigung der Niederschrift")
 * a decision is a Beschluss.
 */
export function resultKind(role: ConsultationRole | null | undefined, result: string): ResultKind {
  if (PROCEDURAL.test(result)) return 'verfahren';
  if (role === 'kenntnisnahme' || NOTED.test(result)) return 'kenntnisnahme';
  if (role === 'vorberatung') return 'beschlussempfehlung';
  return 'beschluss';
}

/** The label before a quoted text or result: "Beschluss:", "Beschlussempfehlung:", "Ergebnis:"; never "Beschluss:" for a Kenntnisnahme. */
export function resultLabel(kind: ResultKind): string {
  switch (kind) {
    case 'beschluss':
      return 'Beschluss:';
    case 'beschlussempfehlung':
      return 'Beschlussempfehlung:';
    case 'kenntnisnahme':
    case 'verfahren':
      return 'Ergebnis:';
  }
}

/**
 * The one-line result of a Beratungsergebnis: "Beschluss: einstimmig beschlossen",
 * "Beschlussempfehlung: einstimmig beschlossen", "Kenntnis genommen", "Ergebnis: vertagt".
 */
export function resultCaption(role: ConsultationRole | null | undefined, result: string): string {
  const kind = resultKind(role, result);
  if (kind === 'kenntnisnahme') return NOTED.test(result) ? result.trim() : `Kenntnis genommen (${result.trim()})`;
  return `${resultLabel(kind)} ${result.trim()}`;
}

/**
 * Subject of a sentence about the Gremium: "Der Sozialausschuss". Ausschuss, Rat, Beirat and
 * Kreisausschuss are masculine; any other kind of Gremium is "Das Gremium".
 */
export function committeeSubject(committee: { shortName: string; name: string; kind: Committee['kind'] }): string {
  if (committee.kind === 'sonstiges') return 'Das Gremium';
  const name = committee.shortName.trim() || committee.name.trim();
  return /^(der|die|das)\s/i.test(name) ? name.charAt(0).toUpperCase() + name.slice(1) : `Der ${name}`;
}

/** "Der Sozialausschuss nimmt die Vorlage Nr. 50/012/2025 zur Kenntnis." / "… nimmt den Bericht zur Kenntnis." */
export function noticeSentence(committee: Parameters<typeof committeeSubject>[0], paperReference: string | null): string {
  const object = paperReference ? `die Vorlage Nr. ${paperReference}` : 'den Bericht';
  return `${committeeSubject(committee)} nimmt ${object} zur Kenntnis.`;
}

/** "einstimmig", "mit 10 Ja-Stimmen, 2 Nein-Stimmen, 1 Enthaltung"; null without a vote. */
export const voteLine = (votes: Votes | null | undefined): string | null => formatVotes(votes ?? null);
