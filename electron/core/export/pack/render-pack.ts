import { canonicalJson } from '../../db/hash.js';
import type { FileCache } from '../../fs/file-cache.js';
import { readNamedDestinations } from '../pdf/named-destinations.js';
import { loadFast } from '../pdf/pdf-lib-fast.js';
import type { PdfMetadata, PdfRenderer } from '../pdf/types.js';
import { PackError } from './errors.js';
import { findTool } from './external-tools.js';
import type { PackAssembler } from './pack-assembler.js';
import { attachmentHash, cacheKey, codeFingerprint } from './print-cache.js';
import { printShared, printUnderway } from './shared-prints.js';
import {
  startPages,
  type AttachmentPart,
  type ExpectPageCounts,
  type OutlineItem,
  type PackJob,
  type PackPart,
  type PackProgress,
  type PackResult,
  type RenderedPart,
} from './types.js';

const FRONT_SOURCE = 'front';
const documentsSource = (batch: number) => `documents-${batch + 1}`;

/** One print: documents one after another, each starting at its named destination. */
export interface PrintDocument {
  html: string;
  parts: { id: string; destination: string }[];
  /**
   * A short string that determines `html` completely (e.g. a hash of it without the fonts every
   * print shares): cache keys hash this instead of the whole HTML.
   */
  id?: string;
}

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
   * Cover, Einladung, Tagesordnung: one HTML document, split into parts by named destinations
   * like the documents. `html` is called with null first: it must then reserve room for page
   * numbers (e.g. "999"), so the real numbers never need more pages.
   */
  front: { html: (layout: FrontMatterLayout | null) => string; parts: { id: string; destination: string; header?: RenderedPart['header'] }[] };
  /**
   * The documents (Vorlagen) as few HTML documents with page breaks, in order — one print per
   * batch instead of one per Vorlage; batches print in parallel, as many at once as the renderer
   * says. The same documents must give the same batches, so that an unchanged batch is found in
   * the cache. Each document's first element carries the destination id and is the target of an
   * internal link, so Chromium writes a named destination for it.
   */
  documents: () => PrintDocument[];
  /**
   * Each document printed alone, in order. With a cache, these are what it keeps per Vorlage:
   * once most of them are cached, a pack takes them from there and prints only the changed ones
   * (alone), instead of whole batches.
   */
  singleDocuments?: () => PrintDocument[];
  /** Everything after the front matter, in order: documents by id and Anlagen. */
  sequence: ({ kind: 'document'; id: string; header?: RenderedPart['header'] } | AttachmentPart)[];
  outline: OutlineItem[];
  metadata: PdfMetadata;
  options?: Pick<PackJob, 'pageLabel' | 'maxAttachmentBytes' | 'maxImagePixels' | 'officeConversion' | 'officeTimeoutSeconds'>;
}

export interface RenderPackContext {
  renderer: PdfRenderer;
  assembler: PackAssembler;
  onProgress?: (progress: PackProgress) => void;
  /** Move Anlage bytes to the worker instead of copying them (they are unusable afterwards). */
  transferInputs?: boolean;
  /**
   * Printed documents and finished packs by content (print-cache.ts): an unchanged pack is
   * served from it, and of a changed one only what changed is printed again. Used only with a
   * renderer that names its engine (identity).
   */
  cache?: FileCache;
  /**
   * Receives work that fills the cache after the pack is done: each Vorlage printed alone, so that
   * the next pack after a change prints only that Vorlage. A long-running host lets it run (it
   * stops when the renderer closes); without this option nothing runs in the background.
   */
  background?: (work: Promise<void>) => void;
  /**
   * Called once every print the pack needs is done (at once when it needs none), while it is
   * still assembled: a short-lived process closes its browser then.
   */
  afterPrints?: () => void;
  /**
   * Write the pack straight to this file (PackJob.outputPath; the result's bytes are empty). Such a
   * pack is never kept in or served from the cache: it is hundreds of MB (a cache entry would
   * push out every printed Vorlage, and serving it copies as much as building it streamed); its
   * printed documents are still cached.
   */
  outputPath?: string;
  /**
   * `cache.epoch` from before the pack's data were read: if data are erased (and the cache
   * cleared) meanwhile, nothing of this pack is stored. Default: when renderPack starts.
   */
  cacheEpoch?: number;
}

type CachedPack = Omit<PackResult, 'bytes'>;

/**
 * Prints and assembles in parallel: while Chromium prints the documents and a first front
 * matter, the worker already loads the Anlagen; only the final Tagesordnung waits for all page
 * counts. Returns the finished pack (not yet written anywhere).
 */
export async function renderPack(plan: RenderPackPlan, ctx: RenderPackContext): Promise<PackResult> {
  const engine = ctx.cache ? ctx.renderer.identity?.() : null;
  if (!ctx.cache || !engine) return renderAndAssemble(plan, ctx, null);
  const cache = ctx.cache;
  const epoch = ctx.cacheEpoch ?? cache.epoch;
  // Each Vorlage alone, by its print key: hashed once, for the pack key and the print cache.
  const singles = (plan.singleDocuments?.() ?? []).map((d) => ({ ...d, key: printKey(engine, d) }));
  const writes: Promise<unknown>[] = [];
  if (ctx.outputPath) {
    // Only its printed documents go into the cache (see outputPath).
    const result = await renderAndAssemble(plan, ctx, { cache, engine, writes, singles, epoch });
    await Promise.all(writes);
    return result;
  }
  const packKey = planKey(plan, engine, singles);
  const hit = cache.get(packKey);
  if (hit) {
    ctx.afterPrints?.();
    return { ...(hit.meta as CachedPack), bytes: hit.bytes };
  }
  const result = await renderAndAssemble(plan, ctx, { cache, engine, writes, singles, epoch });
  // How the worker built it says nothing about a later hit.
  const { bytes, reusedParts: _reused, ...meta } = result;
  writes.push(cache.put(packKey, meta, bytes, epoch));
  await Promise.all(writes);
  return result;
}

const printKey = (engine: string, document: { html: string; id?: string }) =>
  cacheKey('print', codeFingerprint(), engine, document.id === undefined ? `html:${document.html}` : `id:${document.id}`);

async function renderAndAssemble(
  plan: RenderPackPlan,
  ctx: RenderPackContext,
  cached: { cache: FileCache; engine: string; writes: Promise<unknown>[]; singles: (PrintDocument & { key: string })[]; epoch: number } | null,
): Promise<PackResult> {
  const progress = ctx.onProgress ?? (() => undefined);
  // Most Vorlagen printed alone before: take those, print the changed ones alone.
  const singles = cached?.singles ?? [];
  const missing = singles.filter((d) => !inCache(cached!.cache, d.key));
  const useSingles = takesSingles(singles.length, missing.length);
  const singlesInBackground = !useSingles && singles.length > 0 && ctx.background !== undefined;
  const documents: PrintDocument[] = useSingles ? singles : plan.documents();
  const renderTotal = documents.length + 2;
  let rendered = 0;
  const renderedOne = () => progress({ step: 'render', done: ++rendered, total: renderTotal });
  progress({ step: 'render', done: 0, total: renderTotal });

  // Tagged, so the pack keeps the structure of everything we print (see structure.ts). Documents
  // missing from the cache print at most `parallelPrints` at a time (batches or changed singles
  // must not open a page each); the front matter prints beside them at once.
  const lanes = new PrintLanes(Math.max(1, ctx.renderer.parallelPrints?.() ?? 1));
  /** A print and the page count of each of its parts (from the cache entry, else measured). */
  const print = async (html: string, parts: PrintDocument['parts'], { id, lane }: { id?: string; lane: boolean }): Promise<{ pdf: Uint8Array; counts: Promise<PageCounts> }> => {
    const printNow = () => ctx.renderer.render(html, { tagged: true });
    const render = lane ? () => lanes.run(printNow) : printNow;
    let counting: Promise<PageCounts> | null = null;
    // Once per print, for the pack and for its cache entry alike.
    const measured = (pdf: Uint8Array) => ({ pdf, counts: (counting ??= documentPageCounts(pdf, parts)) });
    if (!cached) return measured(await render());
    const key = printKey(cached.engine, { html, id });
    const hit = cached.cache.get(key);
    if (hit) {
      const known = storedPageCounts(hit.meta, parts);
      return known ? { pdf: hit.bytes, counts: Promise.resolve(known) } : measured(hit.bytes);
    }
    // A print of the same content under way (a Vorlage printed on save) is waited for, not repeated.
    const shared = printShared(cached.cache, key, render, async (pdf) => printMeta(parts, await measured(pdf).counts), cached.epoch);
    cached.writes.push(shared.stored);
    if (shared.own) return measured(await shared.pdf);
    // Joined: if that print failed (logged where it was started), this pack prints for itself.
    return measured(await shared.pdf.catch(render));
  };
  const documentsPrints = documents.map((batch) => print(batch.html, batch.parts, { id: batch.id, lane: true }).then((p) => (renderedOne(), p)));
  const documentsPdfs = documentsPrints.map((p) => p.then(({ pdf }) => pdf));
  // Known from the cache, or measured as soon as each print is there, while the worker loads the
  // Anlagen: the final Tagesordnung, which the worker waits for, then needs only its own print.
  const documentsCounts = documentsPrints.map((p) => p.then(({ counts }) => counts));
  const firstFrontPrint = print(plan.front.html(null), plan.front.parts, { lane: false }).then((p) => (renderedOne(), p));
  const firstFront = firstFrontPrint.then(({ pdf }) => pdf);
  const firstFrontCounts = firstFrontPrint.then(({ counts }) => counts);
  // Keep unhandled-rejection warnings away if the job fails before these are awaited.
  for (const pending of [...documentsPdfs, firstFront, ...documentsCounts, firstFrontCounts]) pending.catch(() => undefined);

  const documentParts = new Map(documents.flatMap((batch, i) => batch.parts.map((p) => [p.id, { source: documentsSource(i), destination: p.destination }] as const)));
  const parts: PackPart[] = plan.front.parts.map((p) => ({ kind: 'rendered', id: p.id, source: FRONT_SOURCE, destination: p.destination, ...(p.header ? { header: p.header } : {}) }));
  for (const item of plan.sequence) {
    if (item.kind === 'attachment') {
      parts.push(item);
      continue;
    }
    const placed = documentParts.get(item.id);
    if (placed === undefined) throw new PackError('PACK_INPUT', `Dokument „${item.id}“ fehlt im Druckdokument.`);
    parts.push({ kind: 'rendered', id: item.id, ...placed, ...(item.header ? { header: item.header } : {}) });
  }

  const job: PackJob = {
    // Documents first: they are printed in parallel with the first front matter and usually
    // ready before the final Tagesordnung, so the engine copies them in the meantime.
    sources: [
      ...documents.map((_, i) => ({ id: documentsSource(i), deferred: true as const })),
      { id: FRONT_SOURCE, deferred: true },
    ],
    parts,
    outline: plan.outline,
    metadata: plan.metadata,
    ...plan.options,
    ...(ctx.outputPath ? { outputPath: ctx.outputPath } : {}),
  };

  const result = await ctx.assembler.assemble(job, {
    onProgress: progress,
    resolveDeferred: ({ pageCounts }, expect) => {
      const front = finalFront(pageCounts, expect);
      // The first front matter too: a failed batch rejects `front` before that print is done.
      if (ctx.afterPrints) void Promise.allSettled([...documentsPdfs, firstFront, front]).then(ctx.afterPrints);
      return { ...Object.fromEntries(documentsPdfs.map((pdf, i) => [documentsSource(i), pdf])), [FRONT_SOURCE]: front };
    },
  }, { transferInputs: ctx.transferInputs });
  if (singlesInBackground) ctx.background!(printSingles(singles, ctx.renderer, cached!.cache, cached!.epoch));
  return result;

  async function finalFront(pageCounts: Record<string, number>, expect: ExpectPageCounts): Promise<Uint8Array> {
    const counts = { ...pageCounts };
    for (const documentCounts of documentsCounts) Object.assign(counts, await documentCounts);
    let front = await firstFront;
    let frontCounts = await firstFrontCounts;
    // The first front matter reserved room for numbers; re-print with the real ones and
    // re-measure in case the layout still shifted (bounded; the numbers converge at once).
    for (let attempt = 0; attempt < 3; attempt++) {
      const all = { ...counts, ...frontCounts };
      const starts = startPages(parts, all);
      const totalPages = Object.values(all).reduce((a, b) => a + b, 0);
      // The engine stamps everything else while the Tagesordnung prints.
      expect(frontCounts);
      const final = await print(plan.front.html({ starts, totalPages }), plan.front.parts, { lane: false });
      front = final.pdf;
      const actual = await final.counts;
      if (plan.front.parts.every((p) => actual[p.id] === frontCounts[p.id])) {
        renderedOne();
        return front;
      }
      frontCounts = actual;
    }
    throw new PackError('PACK_FAILED', 'Die Seitenzahlen der Tagesordnung ließen sich nicht stabil berechnen.');
  }
}

/** Prints each missing single document into the cache, one after another; stops quietly when the renderer closes. */
async function printSingles(singles: (PrintDocument & { key: string })[], renderer: PdfRenderer, cache: FileCache, epoch: number): Promise<void> {
  try {
    for (const single of singles) {
      if (cache.has(single.key)) continue;
      if (cache.epoch !== epoch) return; // the data were erased meanwhile
      await printSingle(single, renderer, cache, epoch);
    }
  } catch {
    // The renderer was closed (the app ends) or failed: the cache is only less full.
  }
}

/** In the cache, or being printed into it now. */
const inCache = (cache: FileCache, key: string) => cache.has(key) || printUnderway(cache, key);

/**
 * Whether a pack takes its Vorlagen from prints of each alone (printing the missing ones alone)
 * rather than printing them in batches: when at most a quarter of them is missing (at least one).
 */
const takesSingles = (singles: number, missing: number) => singles > 0 && missing <= Math.max(1, Math.floor(singles / 4));

/**
 * Prints the given documents of a pack (by part id) alone into the cache, as the next pack of
 * that plan will ask for them: called when a Vorlage was saved, so that the pack asked for later
 * prints nothing. Only where that pack will take its Vorlagen from single prints (it was built
 * before and its other Vorlagen are cached alone); otherwise the pack prints batches and a print
 * now would be wasted. Resolves with the number of prints made (joined prints not counted);
 * rejects when the print fails.
 */
export async function printAhead(
  plan: Pick<RenderPackPlan, 'singleDocuments'>,
  ctx: { renderer: PdfRenderer; cache: FileCache; /** see RenderPackContext.cacheEpoch */ cacheEpoch?: number },
  partIds: ReadonlySet<string>,
): Promise<number> {
  const epoch = ctx.cacheEpoch ?? ctx.cache.epoch;
  const engine = ctx.renderer.identity?.();
  if (!engine || !plan.singleDocuments) return 0;
  const singles = plan.singleDocuments().map((d) => ({ ...d, key: printKey(engine, d) }));
  const wanted = singles.filter((d) => d.parts.some((p) => partIds.has(p.id)));
  const othersMissing = singles.filter((d) => !wanted.includes(d) && !inCache(ctx.cache, d.key)).length;
  if (!wanted.length || !takesSingles(singles.length, othersMissing)) return 0;
  let printed = 0;
  for (const single of wanted) {
    if (!ctx.cache.has(single.key) && (await printSingle(single, ctx.renderer, ctx.cache, epoch))) printed++;
  }
  return printed;
}

/** One document printed alone into the cache (or a print of it under way joined); true if this call printed it. */
async function printSingle(single: PrintDocument & { key: string }, renderer: PdfRenderer, cache: FileCache, epoch: number): Promise<boolean> {
  const { pdf, stored, own } = printShared(cache, single.key, () => renderer.render(single.html, { tagged: true }), describePrint(single.parts), epoch);
  await pdf;
  await stored;
  return own;
}

/** Runs at most `size` tasks at once, in the order they were asked for. */
class PrintLanes {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

/**
 * Everything a pack is made of, hashed: the HTML of front matter and documents (so every text,
 * template, setting and variant that reaches the print), each Anlage by content, order, stamps,
 * bookmarks, properties and options, the print engine, the optional tools that decide how an
 * Anlage is included, and the code (codeFingerprint). Not the date in the properties: an
 * unchanged pack keeps the date it was first built.
 */
function planKey(plan: RenderPackPlan, engine: string, singles: { key: string; parts: unknown }[]): string {
  const { date: _date, ...metadata } = plan.metadata;
  const sequence = plan.sequence.map((item) => (item.kind === 'attachment' ? { ...item, data: attachmentHash(item) } : item));
  return cacheKey(
    'pack',
    codeFingerprint(),
    engine,
    `${findTool('soffice') ?? ''}|${findTool('qpdf') ?? ''}`,
    plan.front.html(null),
    canonicalJson(plan.front.parts),
    // The documents by their print keys when known (each hashes its HTML), else by their HTML.
    ...(singles.length ? singles : plan.documents().map((d) => ({ ...d, key: printKey(engine, d) }))).map((d) => d.key + canonicalJson(d.parts)),
    canonicalJson(sequence),
    canonicalJson(plan.outline),
    canonicalJson(metadata),
    canonicalJson(plan.options ?? {}),
  );
}

type PageCounts = Record<string, number>;

/**
 * What a print's cache entry keeps beside its bytes: the page count of each part, so a pack need
 * not parse it to lay out the Tagesordnung. By named destination, which the printed HTML (hence
 * the key) contains; part ids are the pack's and may differ between packs sharing a print.
 */
const printMeta = (parts: PrintDocument['parts'], counts: PageCounts) => ({
  pagesByDestination: Object.fromEntries(parts.map((p) => [p.destination, counts[p.id]!])),
});
const describePrint = (parts: PrintDocument['parts']) => async (pdf: Uint8Array) => printMeta(parts, await documentPageCounts(pdf, parts));

/** The page count of each part from a print's cache entry, if it has them for every part. */
function storedPageCounts(meta: unknown, parts: PrintDocument['parts']): PageCounts | null {
  const stored = (meta as { pagesByDestination?: unknown } | null)?.pagesByDestination;
  if (!stored || typeof stored !== 'object') return null;
  const byDestination = stored as Record<string, unknown>;
  const counts: PageCounts = {};
  for (const part of parts) {
    const count = byDestination[part.destination];
    if (!Number.isInteger(count) || (count as number) < 1) return null;
    counts[part.id] = count as number;
  }
  return counts;
}

/** Page count of each part inside a combined print, from its named destinations. */
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
  starts[0]!.index = 0; // as the engine does: leading pages belong to the first part
  const counts: Record<string, number> = {};
  starts.forEach((s, i) => {
    counts[s.id] = (starts[i + 1]?.index ?? doc.getPageCount()) - s.index;
  });
  return counts;
}
