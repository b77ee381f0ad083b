import type { Votes } from './schemas.js';

/**
 * The Beratungsergebnis vocabulary offered in the UI and the CLI help. Free text is allowed as
 * well; "verwiesen an …" is completed with the committee ("verwiesen an den Kreisausschuss").
 */
export const RESULT_VOCABULARY = [
  'Kenntnis genommen',
  'zur Kenntnis genommen',
  'einstimmig beschlossen',
  'mehrheitlich beschlossen',
  'abgelehnt',
  'vertagt',
  'verwiesen an …',
  'zurückgezogen',
] as const;

/**
 * A result that closes the Beratung in this committee. "vertagt" (postponed) does not: the
 * Vorlage comes back on a later agenda, so it stays "in Beratung". Mirrored in SQL by
 * FINAL_RESULT_SQL (sqlite-papers.ts); a test keeps both in step.
 */
export const isFinalResult = (result: string) => !/^\s*vertagt\b/i.test(result);

/** A result that hands the Vorlage on to another committee ("verwiesen an den Kreisausschuss"). */
export const isReferral = (result: string) => /^\s*verwiesen\s+an\b/i.test(result);

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "einstimmig" or "mit 10 Ja-Stimmen, 2 Nein-Stimmen, 1 Enthaltung", as minutes print a vote. */
export function formatVotes(votes: Votes | null): string | null {
  if (!votes) return null;
  if (votes.no === 0 && votes.abstain === 0 && votes.yes > 0) return 'einstimmig';
  return `mit ${count(votes.yes, 'Ja-Stimme', 'Ja-Stimmen')}, ${count(votes.no, 'Nein-Stimme', 'Nein-Stimmen')}, ${count(votes.abstain, 'Enthaltung', 'Enthaltungen')}`;
}
