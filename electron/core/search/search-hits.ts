import type { SearchHit } from '../../shared/api/suche.js';

/** Rows both engines look up for the hits shown; the search index itself only knows ids. */
export type PaperHitRow = { id: number; reference: string; title: string; public: number };
export type ItemHitRow = { id: number; meeting_id: number; title: string; public: number; result: string | null; paper_id: number | null; reference: string | null; paper_title: string | null; start: string; short_name: string };
export type AttachmentHitRow = { id: number; title: string; public: number; paper_id: number; reference: string; paper_title: string };

export interface HitLookups {
  papers: Map<number, PaperHitRow>;
  items: Map<number, ItemHitRow>;
  attachments: Map<number, AttachmentHitRow>;
  /** TOP numbers as printed, by agenda item id. */
  numbers: Map<number, string>;
}

type HitBase = Pick<SearchHit, 'kind' | 'id' | 'score' | 'snippet'>;

/**
 * One ranked document as the result contract shows it, the same for every engine; null when the
 * record went away between ranking and lookup.
 */
export function toHit(base: HitBase, l: HitLookups): SearchHit | null {
  const { kind } = base;
  const common = { ...base, meeting: null, agendaNumber: null, result: null };
  if (kind === 'vorlage') {
    const p = l.papers.get(base.id);
    return p ? { ...common, title: p.title, public: p.public === 1, paper: { id: p.id, reference: p.reference, title: p.title } } : null;
  }
  if (kind === 'top') {
    const a = l.items.get(base.id);
    if (!a) return null;
    return {
      ...common,
      title: a.title,
      public: a.public === 1,
      paper: a.paper_id !== null && a.reference !== null ? { id: a.paper_id, reference: a.reference, title: a.paper_title ?? '' } : null,
      meeting: { id: a.meeting_id, start: a.start, committee: a.short_name },
      agendaNumber: l.numbers.get(a.id) ?? null,
      result: a.result,
    };
  }
  const a = l.attachments.get(base.id);
  return a ? { ...common, title: a.title, public: a.public === 1, paper: { id: a.paper_id, reference: a.reference, title: a.paper_title } } : null;
}
