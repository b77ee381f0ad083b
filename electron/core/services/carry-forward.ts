import { invalid } from '../../shared/errors.js';
import type { AppContext } from '../app-context.js';
import { audit } from './audit.js';
import { createPaper, resolvePaperId } from './papers.js';

/**
 * Year references in a title move on with the report: "Sachstand 2024" → "Sachstand 2025",
 * "Haushalt 2024/25" → "Haushalt 2025/26". Only plausible years (1900–2199) standing alone are
 * touched, so "50/012/2024"-like numbers inside a word or amounts are left as they are.
 */
export function advanceYears(title: string, delta: number): string {
  if (delta === 0) return title;
  return title.replace(/(?<![\d/.,])(19\d{2}|2[01]\d{2})(?:\/(\d{2}|\d{4}))?(?![\d.,]\d)/g, (_m, year: string, second?: string) => {
    const next = String(Number(year) + delta);
    if (second === undefined) return next;
    const following = second.length === 2 ? String((Number(second) + delta) % 100).padStart(2, '0') : String(Number(second) + delta);
    return `${next}/${following}`;
  });
}

/**
 * Fortschreiben: a new draft from an earlier Vorlage — same template, department, public flag,
 * sections and Anlagen (files shared by SHA-256, not copied), a new number for the target year,
 * no Beratungsfolge, years in the title advanced, and a link to its predecessor.
 * Call inside a transaction.
 */
export async function carryForward(ctx: AppContext, ref: number | string, targetYear?: number): Promise<number> {
  const { store } = ctx;
  const sourceId = await resolvePaperId(ctx, ref);
  const source = (await store.papers.get(sourceId))!;
  const year = targetYear ?? ctx.now().getFullYear();
  if (year < source.year) {
    throw invalid(`Das Zieljahr ${year} liegt vor dem Jahr der Vorlage ${source.reference} (${source.year}); fortgeschrieben wird nur in ein späteres oder dasselbe Jahr.`);
  }
  const id = await createPaper(ctx, {
    template: source.template,
    departmentId: source.departmentId,
    title: advanceYears(source.title, year - source.year),
    public: source.public,
    year,
    sections: source.sections,
    predecessorId: source.id,
  });
  for (const a of await store.attachments.forPaper(source.id)) {
    await store.attachments.insert({ paperId: id, title: a.title, fileName: a.fileName, mediaType: a.mediaType, public: a.public, sha256: a.sha256 });
  }
  const created = (await store.papers.get(id))!;
  await audit(ctx, 'vorlage.fortgeschrieben', { paperId: source.id }, { successorId: id, successorReference: created.reference });
  return id;
}
