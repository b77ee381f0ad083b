import { diffWordsWithSpace } from 'diff';
import type { DiffRun, RevisionDiff } from '../../shared/api/beratung.js';
import { invalid, notFound } from '../../shared/errors.js';
import type { PaperContent, Revision } from '../../shared/schemas.js';
import type { AppContext } from '../app-context.js';
import { docToPlainText } from '../../shared/plain-text.js';
import { getTemplate, userTemplatesDir } from '../templates/index.js';
import { resolvePaperId } from './papers.js';

/** Word-level runs; equal + delete rebuild the old text, equal + insert the new one. */
export function diffText(before: string, after: string): DiffRun[] {
  const runs: DiffRun[] = [];
  for (const part of diffWordsWithSpace(before, after)) {
    const type = part.added ? 'insert' : part.removed ? 'delete' : 'equal';
    const last = runs.at(-1);
    if (last && last.type === type) last.text += part.value;
    else if (part.value.length > 0) runs.push({ type, text: part.value });
  }
  return runs;
}

const words = (runs: DiffRun[], type: DiffRun['type']) =>
  runs.filter((r) => r.type === type).reduce((n, r) => n + (r.text.match(/\S+/g)?.length ?? 0), 0);

interface Side {
  paperId: number;
  reference: string;
  revision: Revision;
  content: PaperContent;
}

function sectionTitles(ctx: AppContext, templateId: string): Map<string, string> {
  try {
    const template = getTemplate(templateId, { userDir: userTemplatesDir(ctx.sharedDir) });
    return new Map(template.sections.map((s) => [s.key, s.title]));
  } catch {
    return new Map();
  }
}

const humanKey = (key: string) => key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** Compares two states of a Vorlage section by section, in the template's section order. */
export async function compareContents(ctx: AppContext, from: Side, to: Side): Promise<RevisionDiff> {
  const titles = new Map([...sectionTitles(ctx, from.content.template), ...sectionTitles(ctx, to.content.template)]);
  const order = [...titles.keys(), ...Object.keys(from.content.sections), ...Object.keys(to.content.sections)];
  const keys = [...new Set(order)].filter((k) => k in from.content.sections || k in to.content.sections);
  const sections = keys.map((key) => {
    const before = from.content.sections[key];
    const after = to.content.sections[key];
    const runs = diffText(before ? docToPlainText(before) : '', after ? docToPlainText(after) : '');
    const inserted = words(runs, 'insert');
    const deleted = words(runs, 'delete');
    const changed = runs.some((r) => r.type !== 'equal');
    const status = !before ? 'added' : !after ? 'removed' : changed ? 'changed' : 'unchanged';
    return { key, title: titles.get(key) ?? humanKey(key), status, runs, inserted, deleted } as const;
  });
  const titleRuns = diffText(from.content.title, to.content.title);
  const fields: RevisionDiff['fields'] = [];
  const yesNo = (b: boolean) => (b ? 'öffentlich' : 'nichtöffentlich');
  if (from.content.public !== to.content.public) fields.push({ field: 'public', label: 'Sitzungsteil', from: yesNo(from.content.public), to: yesNo(to.content.public) });
  if (from.content.template !== to.content.template) fields.push({ field: 'template', label: 'Vorlagenart', from: from.content.template, to: to.content.template });
  if (from.content.departmentId !== to.content.departmentId) {
    const name = async (id: number) => (await ctx.store.departments.get(id))?.name ?? String(id);
    fields.push({ field: 'departmentId', label: 'Amt', from: await name(from.content.departmentId), to: await name(to.content.departmentId) });
  }
  const side = (s: Side) => ({ paperId: s.paperId, reference: s.reference, revision: s.revision.number, createdAt: s.revision.createdAt, author: s.revision.author });
  return {
    paperId: to.paperId,
    reference: to.reference,
    from: side(from),
    to: side(to),
    title: { changed: titleRuns.some((r) => r.type !== 'equal'), runs: titleRuns },
    fields,
    sections,
    inserted: words(titleRuns, 'insert') + sections.reduce((n, s) => n + s.inserted, 0),
    deleted: words(titleRuns, 'delete') + sections.reduce((n, s) => n + s.deleted, 0),
  };
}

async function revisionSide(ctx: AppContext, paperId: number, number: number): Promise<Side> {
  const paper = (await ctx.store.papers.get(paperId))!;
  const revision = (await ctx.store.papers.revisions(paperId)).find((r) => r.number === number);
  const content = revision ? await ctx.store.papers.revisionContent(paperId, number) : null;
  if (!revision || !content) throw notFound(`Der Stand ${number} der Vorlage ${paper.reference}`);
  return { paperId, reference: paper.reference, revision, content };
}

export async function diffRevisions(ctx: AppContext, ref: number | string, from: number, to: number): Promise<RevisionDiff> {
  const id = await resolvePaperId(ctx, ref);
  return compareContents(ctx, await revisionSide(ctx, id, from), await revisionSide(ctx, id, to));
}

/** "Änderungen gegenüber dem Vorjahresbericht": latest state of the predecessor against this one. */
export async function diffWithPredecessor(ctx: AppContext, ref: number | string): Promise<RevisionDiff> {
  const id = await resolvePaperId(ctx, ref);
  const paper = (await ctx.store.papers.get(id))!;
  if (paper.predecessorId === null) throw invalid(`Die Vorlage ${paper.reference} ist nicht aus einer früheren Vorlage fortgeschrieben; es gibt keinen Vorgänger zum Vergleich.`);
  const predecessor = (await ctx.store.papers.get(paper.predecessorId))!;
  return compareContents(ctx, await revisionSide(ctx, predecessor.id, predecessor.revision), await revisionSide(ctx, id, paper.revision));
}
