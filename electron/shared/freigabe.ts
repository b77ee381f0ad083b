import { z } from 'zod';
import { IdSchema, IsoDateSchema, LIMITS, lineText, requiredLine } from './schemas.js';
import * as labels from './labels.js';

/**
 * Freigabe of a Vorlage (Mitzeichnung steps, release, withdrawal) and the Beschlusskontrolle:
 * the entity schemas shared by the database layer, the API, the bundle and the UI.
 */

export const ApprovalStepSchema = z.enum(['amtsleitung', 'dezernat', 'kaemmerei', 'rechtsamt']);
export type ApprovalStep = z.infer<typeof ApprovalStepSchema>;
export const APPROVAL_STEP_LABELS: Readonly<Record<ApprovalStep, string>> = labels.APPROVAL_STEP_LABELS;

/** The Körperschaft's settings for Freigabe and Beschlusskontrolle. */
export const FreigabeConfigSchema = z.strictObject({
  /**
   * The Mitzeichnung chain in order. The Kämmerei signs only Vorlagen whose "Finanzielle
   * Auswirkungen" are filled in; it is required for those even when not listed (then last).
   */
  steps: z
    .array(ApprovalStepSchema)
    .min(1, 'mindestens ein Mitzeichnungsschritt')
    .max(4)
    .refine((s) => new Set(s).size === s.length, 'jeder Schritt höchstens einmal'),
  /** Results of a Beschlussempfehlung (Vorberatung) also create Beschlusskontrolle entries. */
  followUpRecommendations: z.boolean(),
  /** Number of an Ergänzungs-/Änderungsvorlage: {nummer} = the original's, {n} = 1, 2, … */
  amendmentSuffix: lineText(50).refine((p) => p.includes('{nummer}') && p.includes('{n}'), 'das Muster braucht {nummer} und {n}'),
  /**
   * In team mode, whose Amtsleitung signs a step for every Amt: the Kämmerei (e.g. Amt 20) signs
   * the Vorlagen of all Ämter. A step without an entry, and the step "Amtsleitung" always, is
   * signed by the Amtsleitung of the Vorlage's own Amt.
   */
  signingDepartments: z
    .strictObject({ dezernat: IdSchema.optional(), kaemmerei: IdSchema.optional(), rechtsamt: IdSchema.optional() })
    .default({}),
});
export type FreigabeConfig = z.infer<typeof FreigabeConfigSchema>;

export const ApprovalSchema = z.strictObject({
  id: IdSchema,
  paperId: IdSchema,
  step: ApprovalStepSchema,
  by: z.string(),
  function: z.string(),
  at: z.string(),
  /** The revision signed: its number and SHA-256. */
  revision: z.number().int().min(0),
  revisionHash: z.string(),
  /** Set when the content changed after this signature (or the Vorlage was returned). */
  invalidatedAt: z.string().nullable(),
  invalidatedReason: z.string().nullable(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

export const ReleaseSchema = z.strictObject({
  by: z.string(),
  function: z.string(),
  at: z.string(),
  revision: z.number().int().min(0),
  revisionHash: z.string(),
});
export type Release = z.infer<typeof ReleaseSchema>;

/** The workflow state shown to users; derived from signatures, Freigabe and Beratungen. */
export const WorkflowStatusSchema = z.enum(['entwurf', 'in_mitzeichnung', 'freigegeben', 'in_beratung', 'erledigt']);
export type WorkflowStatus = z.infer<typeof WorkflowStatusSchema>;
export const WORKFLOW_STATUS_LABELS: Readonly<Record<WorkflowStatus, string>> = labels.WORKFLOW_STATUS_LABELS;

export const FreigabeStateSchema = z.strictObject({
  paperId: IdSchema,
  reference: z.string(),
  status: WorkflowStatusSchema,
  /** The current revision (number and SHA-256) the next signature would cover. */
  revision: z.number().int().min(0),
  revisionHash: z.string(),
  /** The steps this Vorlage needs, in order, each with its valid signature if any. */
  steps: z.array(z.strictObject({ step: ApprovalStepSchema, label: z.string(), approval: ApprovalSchema.nullable() })),
  /** Every signature ever given, invalidated ones included (history). */
  approvals: z.array(ApprovalSchema),
  released: ReleaseSchema.nullable(),
  /** Content is read-only (released) until the Freigabe is withdrawn. */
  locked: z.boolean(),
  /** A committee has dealt with it: changes only as Ergänzungs-/Änderungsvorlage. */
  deliberated: z.boolean(),
  /** The last "zurück an Sachbearbeitung", if after the last signature. */
  returned: z.strictObject({ by: z.string(), at: z.string(), comment: z.string() }).nullable(),
  amends: z.strictObject({ id: IdSchema, reference: z.string(), kind: z.enum(['ergaenzung', 'aenderung']) }).nullable(),
});
export type FreigabeState = z.infer<typeof FreigabeStateSchema>;

export const FollowUpStandSchema = z.enum(['offen', 'in_bearbeitung', 'erledigt', 'zurueckgestellt']);
export type FollowUpStand = z.infer<typeof FollowUpStandSchema>;
export const FOLLOW_UP_STAND_LABELS: Readonly<Record<FollowUpStand, string>> = labels.FOLLOW_UP_STAND_LABELS;

export const FollowUpNoteSchema = z.strictObject({ id: IdSchema, at: z.string(), author: z.string(), text: z.string() });

/** One Beschlusskontrolle entry: a decision followed up until done. */
export const FollowUpSchema = z.strictObject({
  id: IdSchema,
  agendaItemId: IdSchema.nullable(),
  paperId: IdSchema.nullable(),
  meetingId: IdSchema.nullable(),
  committeeId: IdSchema,
  /** The Sitzung day (YYYY-MM-DD). */
  decidedOn: IsoDateSchema,
  reference: z.string(),
  agendaNumber: z.string(),
  title: z.string(),
  result: z.string(),
  /** The wording of the Beschluss (the Beschlussvorschlag as decided). */
  text: z.string(),
  departmentId: IdSchema.nullable(),
  frist: IsoDateSchema.nullable(),
  stand: FollowUpStandSchema,
  notes: z.array(FollowUpNoteSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

export const FollowUpPatchSchema = z.strictObject({
  stand: FollowUpStandSchema.optional(),
  frist: IsoDateSchema.nullable().optional(),
  departmentId: IdSchema.nullable().optional(),
  vermerk: requiredLine(LIMITS.longText).optional(),
});
