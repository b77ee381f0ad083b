import type { MethodName } from '../../shared/contract.js';
import type { AppContext } from '../app-context.js';
import { resolvePaperId } from '../services/papers.js';

type Input = Record<string, unknown>;
/** The Ämter a call touches; a target that does not exist adds none (the handler answers NOT_FOUND). */
type AmtResolver = (input: Input, ctx: AppContext) => Promise<number[]>;

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

async function paperAmt(ctx: AppContext, paperId: number | null): Promise<number[]> {
  if (paperId === null) return [];
  const paper = await ctx.store.papers.get(paperId);
  return paper ? [paper.departmentId] : [];
}

async function paperRefAmt(ctx: AppContext, ref: unknown): Promise<number[]> {
  if (typeof ref !== 'string' && typeof ref !== 'number') return [];
  try {
    return await paperAmt(ctx, await resolvePaperId(ctx, ref));
  } catch {
    return [];
  }
}

const byPaperId: AmtResolver = (input, ctx) => paperAmt(ctx, num(input.paperId));
const byAttachment: AmtResolver = async (input, ctx) => {
  const id = num(input.id);
  const attachment = id === null ? null : await ctx.store.attachments.get(id);
  return attachment ? paperAmt(ctx, attachment.paperId) : [];
};
const byConsultation: AmtResolver = async (input, ctx) => {
  const id = num(input.id);
  const consultation = id === null ? null : await ctx.store.consultations.get(id);
  return consultation ? paperAmt(ctx, consultation.paperId) : [];
};
const newDepartment = (input: Input) => (num(input.departmentId) === null ? [] : [num(input.departmentId)!]);

/**
 * For each method an Amt-bound role (sachbearbeitung, amtsleitung) may call to change data: which
 * Ämter the call touches. The dispatcher lets such a user through only when all of them are the
 * user's own Amt; a changing method allowed to an Amt-bound role without an entry here is refused
 * (tests/core/api/roles.test.ts keeps the list complete).
 */
export const AMT_SCOPE: Partial<Record<MethodName, AmtResolver>> = {
  'vorlagen.create': async (input) => newDepartment(input),
  // Without an Amt the import would land in a default one: not the user's to choose, so 0 (never an id) refuses it.
  'vorlagen.importDocx': async (input) => (num(input.departmentId) === null ? [0] : newDepartment(input)),
  'vorlagen.save': async (input, ctx) => [...(await paperAmt(ctx, num(input.id))), ...newDepartment(input)],
  'vorlagen.delete': (input, ctx) => paperAmt(ctx, num(input.id)),
  'anlagen.add': byPaperId,
  'anlagen.reorder': byPaperId,
  'anlagen.update': byAttachment,
  'anlagen.remove': byAttachment,
  'beratungen.add': byPaperId,
  'beratungen.reorder': byPaperId,
  'beratungen.update': byConsultation,
  'beratungen.remove': byConsultation,
  'vorlagen.carryForward': (input, ctx) => paperRefAmt(ctx, input.ref),
  // Dezernat, Kämmerei and Rechtsamt sign for every Amt where the Körperschaft names their Amt.
  'freigabe.approve': async (input, ctx) => {
    const signing = (await ctx.store.freigabe.config()).signingDepartments;
    const step = input.step as keyof typeof signing | 'amtsleitung';
    const own = await paperRefAmt(ctx, input.ref);
    return step !== 'amtsleitung' && signing[step] !== undefined && own.length > 0 ? [signing[step]] : own;
  },
  'freigabe.release': (input, ctx) => paperRefAmt(ctx, input.ref),
  'freigabe.withdraw': (input, ctx) => paperRefAmt(ctx, input.ref),
  'freigabe.return': (input, ctx) => paperRefAmt(ctx, input.ref),
  'freigabe.amend': (input, ctx) => paperRefAmt(ctx, input.ref),
};
