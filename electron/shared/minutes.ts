import { z } from 'zod';
import { DocSchema } from './document.js';
import { ClockTimeSchema } from './persons.js';
import { IdSchema, LIMITS, MeetingStateSchema, VotesSchema, lineText } from './schemas.js';

/**
 * The Niederschrift of a Sitzung: its head (actual opening and closing, Vorsitz of the day,
 * Schriftführung) and the result of every TOP with votes and Befangenheit (issue 17).
 */

export const MinutesHeadSchema = z.strictObject({
  /** Actual opening ("Beginn"), or null while not recorded. */
  opened: ClockTimeSchema.nullable(),
  /** Actual closing ("Ende"). */
  closed: ClockTimeSchema.nullable(),
  chairPersonId: IdSchema.nullable(),
  recorderPersonId: IdSchema.nullable(),
  state: MeetingStateSchema,
});
export type MinutesHead = z.infer<typeof MinutesHeadSchema>;

/** Ja/Nein/Enthaltung plus the members who declared themselves befangen (not counted). */
export const TopVotesSchema = VotesSchema.extend({
  conflicted: z.array(IdSchema).max(1000),
});
export type TopVotes = z.infer<typeof TopVotesSchema>;

export const TopResultSchema = z.strictObject({
  /** "Kenntnis genommen", "einstimmig beschlossen", … or null while none is recorded. */
  result: lineText(LIMITS.title).nullable(),
  votes: TopVotesSchema.nullable(),
  /** Wording of the Beschluss when it differs from the Beschlussvorschlag (amended), else null. */
  resolutionText: DocSchema.nullable(),
  /** The discussion under this TOP. */
  minutes: DocSchema.nullable(),
});
export type TopResult = z.infer<typeof TopResultSchema>;

/** Which Niederschrift: the öffentliche (public part only) or the one for the members (both parts). */
export const MinutesVariantSchema = z.enum(['public', 'members']);
export type MinutesVariant = z.infer<typeof MinutesVariantSchema>;
