import { z } from 'zod';
import { ADMIN_ONLY, EVERYONE, SITZUNGSDIENST, VORLAGE_EDIT, type Role } from '../roles.js';
import { defineMethods } from './define.js';

/** Mitzeichnung and Freigabe are the Amtsleitung's (of the Vorlage's Amt), never the author's. */
const SIGNING: readonly Role[] = ['amtsleitung', 'admin'];
import { PaperRefSchema } from './vorlagen.js';
import {
  ApprovalStepSchema,
  FollowUpPatchSchema,
  FollowUpSchema,
  FollowUpStandSchema,
  FreigabeConfigSchema,
  FreigabeStateSchema,
} from '../freigabe.js';
import { IdSchema, LIMITS, lineText, requiredLine } from '../schemas.js';

/** Who signs: a name and function (desktop: from Einstellungen; CLI: --by); else the acting user. */
const SignerSchema = { by: requiredLine().optional(), function: lineText().optional() };

export const FollowUpEntrySchema = FollowUpSchema.extend({ overdue: z.boolean() });

export const freigabeMethods = defineMethods({
  'freigabe.config': { input: z.strictObject({}), output: FreigabeConfigSchema },
  'freigabe.setConfig': { roles: ADMIN_ONLY, input: FreigabeConfigSchema, output: FreigabeConfigSchema, mutates: true },
  /** Steps, signatures (history included), Freigabe, lock and workflow status of one Vorlage. */
  'freigabe.get': { input: z.strictObject({ ref: PaperRefSchema }), output: FreigabeStateSchema },
  /** One Mitzeichnung step, in the configured order, on the current revision. */
  'freigabe.approve': {
    roles: SIGNING,
    input: z.strictObject({ ref: PaperRefSchema, step: ApprovalStepSchema, ...SignerSchema }),
    output: FreigabeStateSchema,
    mutates: true,
  },
  /** Freigabe: refused while a step is missing or a required section is empty. */
  'freigabe.release': { roles: SIGNING, input: z.strictObject({ ref: PaperRefSchema, ...SignerSchema }), output: FreigabeStateSchema, mutates: true },
  /** "Freigabe zurücknehmen" (recorded); refused after a committee has dealt with the Vorlage. */
  'freigabe.withdraw': {
    roles: SIGNING,
    input: z.strictObject({ ref: PaperRefSchema, reason: lineText(LIMITS.title).optional() }),
    output: FreigabeStateSchema,
    mutates: true,
  },
  /** "Zurück an Sachbearbeitung" with a comment: all signatures become void. */
  'freigabe.return': {
    roles: SIGNING,
    input: z.strictObject({ ref: PaperRefSchema, comment: requiredLine(LIMITS.title) }),
    output: FreigabeStateSchema,
    mutates: true,
  },
  /**
   * Ergänzungs- or Änderungsvorlage to a released Vorlage: a new linked Vorlage numbered after
   * it (suffix pattern of the Körperschaft), starting from its text. Returns the new one's state.
   */
  'freigabe.amend': {
    roles: VORLAGE_EDIT,
    input: z.strictObject({ ref: PaperRefSchema, kind: z.enum(['ergaenzung', 'aenderung']), title: requiredLine(LIMITS.title).optional() }),
    output: FreigabeStateSchema,
    mutates: true,
  },
  /** Upcoming Sitzungen and the unreleased Vorlagen that block their Sitzungsmappe (Übersicht). */
  'freigabe.blockers': {
    input: z.strictObject({}),
    output: z.array(
      z.strictObject({
        meetingId: IdSchema,
        committeeId: IdSchema,
        start: z.string(),
        papers: z.array(z.strictObject({ paperId: IdSchema, reference: z.string(), title: z.string(), number: z.string() })),
      }),
    ),
  },

  /** The unreleased Vorlagen on one Sitzung's agenda (marked in the agenda; they block its Sitzungsmappe). */
  'freigabe.unreleased': {
    input: z.strictObject({ meetingId: IdSchema }),
    output: z.array(z.strictObject({ paperId: IdSchema, reference: z.string(), title: z.string(), number: z.string() })),
  },

  /** "Nachtrag zur Tagesordnung": only the TOPs added after the Einladung; refused when there are none. */
  'sitzungen.exportNachtrag': {
    roles: EVERYONE,
    input: z.strictObject({
      meetingId: IdSchema,
      format: z.enum(['docx', 'pdf']),
      variant: z.enum(['public', 'members']).default('members'),
      path: requiredLine(4096),
    }),
    output: z.strictObject({ path: z.string(), bytes: z.number().int(), sha256: z.string(), items: z.number().int(), pages: z.number().int().nullable() }),
    mutates: true,
  },

  'beschlusskontrolle.list': {
    input: z.strictObject({ committeeId: IdSchema.optional(), stand: FollowUpStandSchema.optional(), overdue: z.boolean().optional() }),
    output: z.array(FollowUpEntrySchema),
  },
  'beschlusskontrolle.get': { input: z.strictObject({ id: IdSchema }), output: FollowUpEntrySchema },
  /** Stand, Frist, Zuständigkeit and/or a new Vermerk (dated, with author). */
  'beschlusskontrolle.set': { input: FollowUpPatchSchema.extend({ id: IdSchema }), output: FollowUpEntrySchema, mutates: true },
  /** "Bericht zur Beschlusskontrolle" of one Gremium, A4 landscape; "public" leaves out non-public TOPs. */
  'beschlusskontrolle.export': {
    roles: EVERYONE,
    input: z.strictObject({
      committeeId: IdSchema,
      format: z.enum(['docx', 'pdf']),
      variant: z.enum(['public', 'members']).default('members'),
      path: requiredLine(4096),
    }),
    output: z.strictObject({ path: z.string(), bytes: z.number().int(), sha256: z.string(), entries: z.number().int(), pages: z.number().int().nullable() }),
    mutates: true,
  },
}, { read: EVERYONE, write: SITZUNGSDIENST });
