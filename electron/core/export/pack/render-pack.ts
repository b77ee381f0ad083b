import { readNamedDestinations } from '../pdf/named-destinations.js';
import { loadFast } from '../pdf/pdf-lib-fast.js';
import type { PdfMetadata, PdfRenderer } from '../pdf/types.js';
import { PackError } from './errors.js';
import type { PackAssembler } from './pack-assembler.js';
import {
  startPages,
  type AttachmentPart,
  type OutlineItem,
  type PackJob,
  type PackPart,
  type PackProgress,
  type PackResult,
} from './types.js';

export const FRONT_PART = 'front';
const DOCUMENTS_SOURCE = 'documents';

/** Where each part starts, for a Tagesordnung with page numbers. */
export interface FrontMatterLayout {
  /** 1-based start page of every part (front matter, documents, Anlagen). */
  starts: Record<string, number>;
  totalPages: number;
}

/**
 * A pack described as HTML plus Anlagen: the pipeline prints the HTML, measures, prints the
 * front matter again with the real page numbers, and lets the engine assemble everything.
 */
export interface RenderPackPlan {
  /**
   * Cover, Einladung, Tagesordnung. Called with null first: the HTML must then reserve room for
   * page numbers (e.g. "999"), so the real numbers never need more pages.
   */
  frontMatter: (layout: FrontMatterLayout | null) => string;
  /**
   * All documents (Vorlagen) as one HTML document with page breaks — one Chromium print instead
   * of one per Vorlage. Each document's first element carries the destination id and is the
   * target of an internal link, so Chromium writes a named destination for it.
   */
  documents?: { html: string; parts: { id: string; destination: string }[] };
  /** Everything after the front matter, in order: documents by id and Anlagen. */
  sequence: ({ kind: 'document'; id: string } | AttachmentPart)[];
  outline: OutlineItem[];
  metadata: PdfMetadata;
  options?: Pick<PackJob, 'pageLabel' | 'maxAttachmentBytes' | 'maxImagePixels' | 'officeConversion' | 'officeTimeoutSeconds'>;
}

export interface RenderPackContext {
  renderer: PdfRenderer;
  assembler: PackAssembler;
  onProgress?: (progress: PackProgress) => void;
}

/**
 * Prints and assembles in parallel: while Chromium prints the documents and a first front
 * matter, the worker already loads the Anlagen; only the final Tagesordnung waits for all page
 * counts. Returns the finished pack (not yet written anywhere).
 */
export async function renderPack(plan: RenderPackPlan, ctx: RenderPackContext): Promise<PackResult> {
  const progress = ctx.onProgress ?? (() => undefined);
  const renderTotal = plan.documents ? 3 : 2;
  let rendered = 0;
  const renderedOne = () => progress({ step: 'render', done: ++rendered, total: renderTotal });
  progress({ step: 'render', done: 0, total: renderTotal });

  const documentsPdf = plan.documents
    ? ctx.renderer.render(plan.documents.html).then((pdf) => (renderedOne(), pdf))
    : null;
  const firstFront = ctx.renderer.render(plan.frontMatter(null)).then((pdf) => (renderedOne(), pdf));
  // Keep unhandled-rejection warnings away if the job fails before these are awaited.
  documentsPdf?.catch(() => undefined);
  firstFront.catch(() => undefined);

  const documentParts = new Map((plan.documents?.parts ?? []).map((p) => [p.id, p.destination]));
  const parts: PackPart[] = [{ kind: 'rendered', id: FRONT_PART, source: FRONT_PART }];
  for (const item of plan.sequence) {
    if (item.kind === 'attachment') {
      parts.push(item);
      continue;
    }
    const destination = documentParts.get(item.id);
    if (destination === undefined) throw new PackError('PACK_INPUT', `Dokument „${item.id}“ fehlt im Druckdokument.`);
    parts.push({ kind: 'rendered', id: item.id, source: DOCUMENTS_SOURCE, destination });
  }

  const job: PackJob = {
    sources: [
      { id: FRONT_PART, deferred: true },
      ...(plan.documents ? [{ id: DOCUMENTS_SOURCE, deferred: true as const }] : []),
    ],
    parts,
    outline: plan.outline,
    metadata: plan.metadata,
    ...plan.options,
  };

  return ctx.assembler.assemble(job, {
    onProgress: progress,
    resolveDeferred: async ({ pageCounts }) => {
      const counts = { ...pageCounts };
      const documents = documentsPdf ? await documentsPdf : null;
      if (documents && plan.documents) Object.assign(counts, await documentPageCounts(documents, plan.documents.parts));
      let front = await firstFront;
      let frontPages = await pageCount(front);
      // The first front matter reserved room for numbers; re-print with the real ones and
      // re-measure in case the layout still shifted (bounded, the numbers converge at once).
      for (let attempt = 0; attempt < 3; attempt++) {
        const starts = startPages(parts, { ...counts, [FRONT_PART]: frontPages });
        const totalPages = Object.values({ ...counts, [FRONT_PART]: frontPages }).reduce((a, b) => a + b, 0);
        front = await ctx.renderer.render(plan.frontMatter({ starts, totalPages }));
        const actual = await pageCount(front);
        if (actual === frontPages) {
          renderedOne();
          return { [FRONT_PART]: front, ...(documents ? { [DOCUMENTS_SOURCE]: documents } : {}) };
        }
        frontPages = actual;
      }
      throw new PackError('PACK_FAILED', 'Die Seitenzahlen der Tagesordnung ließen sich nicht stabil berechnen.');
    },
  });
}

async function pageCount(pdf: Uint8Array): Promise<number> {
  return (await loadFast(pdf)).getPageCount();
}

/** Page count of each document inside the combined print, from its named destinations. */
async function documentPageCounts(
  pdf: Uint8Array,
  parts: { id: string; destination: string }[],
): Promise<Record<string, number>> {
  const doc = await loadFast(pdf);
  const dests = readNamedDestinations(doc);
  const starts = parts.map((part) => {
    const index = dests.get(part.destination);
    if (index === undefined) {
      throw new PackError('PACK_FAILED', `Im gedruckten Dokument fehlt die Sprungmarke für „${part.id}“.`);
    }
    return { id: part.id, index };
  });
  starts.sort((a, b) => a.index - b.index);
  const counts: Record<string, number> = {};
  starts.forEach((s, i) => {
    counts[s.id] = (starts[i + 1]?.index ?? doc.getPageCount()) - s.index;
  });
  return counts;
}
