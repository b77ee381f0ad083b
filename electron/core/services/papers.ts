import { ApiError, notFound } from '../../shared/errors.js';
import type { Paper, PaperContent, Sections } from '../../shared/schemas.js';
import type { AppContext } from '../app-context.js';
import { audit } from './audit.js';
import { assertEditable, invalidateAfterChange } from './freigabe-lock.js';

export async function resolvePaperId(ctx: AppContext, ref: string | number): Promise<number> {
  if (typeof ref === 'number') {
    if (!(await ctx.store.papers.exists(ref))) throw notFound(`Die Vorlage ${ref}`);
    return ref;
  }
  const byRef = await ctx.store.papers.byReference(ref.trim());
  if (byRef) return byRef.id;
  if (/^\d+$/.test(ref.trim())) {
    const byId = await ctx.store.papers.get(Number(ref));
    if (byId) return byId.id;
  }
  throw notFound(`Die Vorlage ${ref}`);
}

export async function paperDetail(ctx: AppContext, id: number): Promise<Paper> {
  const p = await ctx.store.papers.get(id);
  if (!p) throw notFound(`Die Vorlage ${id}`);
  return { ...p, consultations: await ctx.store.consultations.forPaper(id), attachments: await ctx.store.attachments.forPaper(id) };
}

export function contentOf(p: { title: string; public: boolean; template: string; departmentId: number; sections: Sections }): PaperContent {
  return { title: p.title, public: p.public, template: p.template, departmentId: p.departmentId, sections: p.sections };
}

export interface CreatePaperInput {
  key?: string | null;
  template: string;
  departmentId: number;
  title: string;
  public: boolean;
  reference?: string;
  year?: number;
  sections: Sections;
  predecessorId?: number | null;
  date?: string | null;
}

/** Creates a Vorlage with its number and first revision; call inside a transaction. */
export async function createPaper(ctx: AppContext, input: CreatePaperInput): Promise<number> {
  const { store } = ctx;
  if (!await store.departments.get(input.departmentId)) throw notFound('Das Amt');
  const year = input.year ?? ctx.now().getFullYear();
  let reference: string;
  if (input.reference) {
    await store.papers.reserveReference(input.reference, input.departmentId);
    reference = input.reference;
  } else {
    reference = await store.papers.nextReference(input.departmentId, year);
  }
  const now = ctx.now().toISOString();
  const id = await store.papers.insert(
    { key: input.key ?? null, reference, departmentId: input.departmentId, template: input.template, title: input.title, public: input.public, year, sections: input.sections, predecessorId: input.predecessorId ?? null, date: input.date ?? null },
    now,
  );
  await store.papers.updateContent(id, contentOf({ ...input, sections: input.sections }), ctx.actor, now);
  await audit(ctx, 'vorlage.erstellt', { paperId: id }, { reference, template: input.template, predecessorId: input.predecessorId ?? null });
  return id;
}

export interface SavePaperInput {
  id: number;
  expectedRevision?: number;
  title?: string;
  public?: boolean;
  template?: string;
  departmentId?: number;
  sections?: Sections;
  /** The Vorlage's own date ("YYYY-MM-DD"); null clears it (the Freigabe then sets it). */
  date?: string | null;
}

export function savePaper(ctx: AppContext, input: SavePaperInput) {
  return ctx.store.transaction(async () => {
    // Two servers saving the same Vorlage: the second waits here and then sees the first's revision.
    await ctx.store.papers.lock(input.id);
    const current = await ctx.store.papers.get(input.id);
    if (!current) throw notFound(`Die Vorlage ${input.id}`);
    if (input.expectedRevision !== undefined && input.expectedRevision !== current.revision) {
      throw new ApiError(
        'CONFLICT',
        `Die Vorlage ${current.reference} wurde inzwischen anderweitig geändert (Stand ${current.revision}, Ihr Stand ${input.expectedRevision}). ` +
          'Ihre Änderungen wurden nicht gespeichert; bitte laden Sie die Vorlage neu und übernehmen Sie sie erneut.',
      );
    }
    if (input.departmentId !== undefined && !await ctx.store.departments.get(input.departmentId)) throw notFound('Das Amt');
    const next = contentOf({
      title: input.title ?? current.title,
      public: input.public ?? current.public,
      template: input.template ?? current.template,
      departmentId: input.departmentId ?? current.departmentId,
      sections: input.sections ?? current.sections,
    });
    if (current.public && !next.public) await assertNotDeliberatedInPublic(ctx, current.id, current.reference);
    // After the more specific refusal above: a released text is read-only.
    await assertEditable(ctx, current);
    if (current.public && !next.public) await withdrawFromPublic(ctx, current.id);
    const now = ctx.now().toISOString();
    const revision = await ctx.store.papers.updateContent(input.id, next, ctx.actor, now);
    const invalidatedSteps = revision ? await invalidateAfterChange(ctx, input.id, revision.number) : [];
    const dated = input.date !== undefined && input.date !== current.date;
    if (dated) {
      await ctx.store.papers.setDate(input.id, input.date!);
      await audit(ctx, 'vorlage.datum', { paperId: input.id }, { from: current.date, to: input.date });
    }
    return { revision: revision?.number ?? current.revision, changed: revision !== null || dated, savedAt: revision?.createdAt ?? current.updatedAt, invalidatedSteps };
  });
}

/** Once deliberated in public, a Vorlage cannot become non-public: that cannot be undone. */
async function assertNotDeliberatedInPublic(ctx: AppContext, paperId: number, reference: string): Promise<void> {
  const deliberated = (await ctx.store.agenda.forPaper(paperId)).find((i) => i.public && i.result !== null);
  if (deliberated) {
    throw new ApiError(
      'CONFLICT',
      `Die Vorlage ${reference} wurde bereits im öffentlichen Teil beraten (TOP ${deliberated.number}) und kann nicht mehr nichtöffentlich werden.`,
    );
  }
}

/**
 * A Vorlage that becomes non-public must leave every public place at once, in the same
 * transaction: its open TOPs move to the non-public part and its Anlagen become non-public, so
 * no public Einladung, Sitzungsmappe or bundle can carry it.
 */
async function withdrawFromPublic(ctx: AppContext, paperId: number): Promise<void> {
  const items = (await ctx.store.agenda.forPaper(paperId)).filter((i) => i.public);
  for (const item of items) await ctx.store.agenda.update(item.id, { public: false });
  const attachments = (await ctx.store.attachments.forPaper(paperId)).filter((a) => a.public);
  for (const a of attachments) await ctx.store.attachments.update(a.id, { public: false });
  if (items.length > 0 || attachments.length > 0) {
    await audit(ctx, 'vorlage.nichtoeffentlich', { paperId }, { movedAgendaItems: items.map((i) => i.id), attachmentsMadeNonPublic: attachments.map((a) => a.id) });
  }
}
