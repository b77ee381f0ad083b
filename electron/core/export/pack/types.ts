import type { PdfMetadata } from '../pdf/types.js';

/**
 * Input of the pack engine: an ordered list of parts that become one PDF. The engine knows
 * nothing about Sitzungen; the caller turns its data into parts, stamps and an outline.
 */
export interface PackJob {
  /** Rendered PDFs (e.g. all Vorlagen of a pack printed as one HTML document). */
  sources: PackSource[];
  /** Parts in output order. */
  parts: PackPart[];
  /** Bookmarks, built from our own data (never from the engine's generated outline). */
  outline: OutlineItem[];
  metadata: PdfMetadata;
  /** Footer on every page; `{page}` and `{total}` are replaced. Default "Seite {page} von {total}". */
  pageLabel?: string;
  /** Anlagen larger than this get a note page instead (default 100 MB). */
  maxAttachmentBytes?: number;
  /** PNGs above this many pixels get a note page (decoding needs 4 bytes per pixel). */
  maxImagePixels?: number;
  /** Office Anlagen are converted with LibreOffice when installed ('auto') or never ('off'). */
  officeConversion?: 'auto' | 'off';
  /** Seconds one LibreOffice conversion may take. */
  officeTimeoutSeconds?: number;
  /**
   * PDF/A-2a + PDF/UA-1 post-processing (default true). Off only to measure its cost against the
   * same pack without it (npm run bench pack); such a pack is merely tagged.
   */
  archival?: boolean;
  /**
   * Write the pack to this file, object by object, copying large images of Anlagen read from a
   * path straight from their files (streamed-save.ts): for packs of hundreds of MB. The result's
   * `bytes` are then empty.
   */
  outputPath?: string;
}

/** A rendered PDF; deferred sources are delivered later through `PackHooks.resolveDeferred`. */
export type PackSource = { id: string; bytes: Uint8Array } | { id: string; deferred: true };

export type PackPart = RenderedPart | AttachmentPart;

/** Pages of a rendered source: all of them, or the range starting at a named destination. */
export interface RenderedPart {
  kind: 'rendered';
  id: string;
  source: string;
  /**
   * Named destination where this part starts. It ends before the next destination used by
   * another part of the same source, or at the end of the source.
   */
  destination?: string;
  /**
   * Running header stamped into the top margin, as the document's standalone print has it:
   * `first` on the part's first page, `rest` on the others (e.g. Amt and Vorlage-Nr.).
   */
  header?: { first?: RunningHeader; rest?: RunningHeader };
}

export interface RunningHeader {
  left?: string;
  right?: string;
}

/** An Anlage as the user attached it; the engine decides how to include it. */
export interface AttachmentPart {
  kind: 'attachment';
  id: string;
  title: string;
  fileName: string;
  /** Bytes, or a path the engine reads itself (the size limit is checked before reading). */
  data: { bytes: Uint8Array } | { path: string };
  /** SHA-256 (hex) of the content when the caller knows it (stored Anlagen); saves hashing it for the cache key. */
  contentHash?: string;
  /** Header on each of its pages, e.g. "Anlage 2 zu TOP 5 – Vorlage 50/012/2025". */
  stamp: string;
}

export interface OutlineItem {
  title: string;
  /** Part whose first page (plus pageOffset) the bookmark opens. */
  part: string;
  pageOffset?: number;
  children?: OutlineItem[];
  /** Show children expanded; default false for items with children. */
  open?: boolean;
}

/** 'render' is reported by the pipeline that prints HTML before the engine runs. */
export type PackStep = 'render' | 'load' | 'merge' | 'stamp' | 'save';

export interface PackProgress {
  step: PackStep;
  done: number;
  total: number;
}

export type PackWarningCode =
  | 'ATTACHMENT_EMPTY'
  | 'ATTACHMENT_TOO_LARGE'
  | 'ATTACHMENT_ENCRYPTED'
  | 'ATTACHMENT_BROKEN'
  | 'ATTACHMENT_UNSUPPORTED'
  | 'ATTACHMENT_TYPE_MISMATCH'
  | 'ATTACHMENT_OFFICE_UNAVAILABLE'
  | 'ATTACHMENT_OFFICE_FAILED'
  /** An Office Anlage links pictures, fields or sections from outside (office-references.ts). */
  | 'ATTACHMENT_OFFICE_EXTERNAL'
  | 'ATTACHMENT_UNREADABLE'
  | 'ATTACHMENT_DECRYPTED'
  /** JavaScript, Launch, SubmitForm, URI links and the like were taken out (inert-pdf.ts). */
  | 'ATTACHMENT_ACTIVE_CONTENT_REMOVED'
  /** A page had no readable size and was given one (page-boxes.ts). */
  | 'ATTACHMENT_PAGE_SIZE_FIXED'
  | 'ATTACHMENT_FONTS_NOT_EMBEDDED'
  /** Transfer functions, PostScript, non-standard blend modes and the like were taken out (inert-pdf.ts). */
  | 'ATTACHMENT_ARCHIVAL_ADJUSTED'
  /** An Anlage keeps the pack from being PDF/A (unembedded fonts, CMYK without profile); it stays PDF/UA. */
  | 'PACK_NOT_PDFA'
  | 'TEXT_CHARACTERS_REPLACED';

export interface PackWarning {
  code: PackWarningCode;
  /** Part the warning is about. */
  part: string;
  /** German, for the user. */
  message: string;
}

/**
 * Page counts of every part whose source is already loaded (all Anlagen, rendered parts of
 * non-deferred sources), reported before the deferred sources are asked for — a Tagesordnung
 * that shows start pages can only be printed once these are known.
 */
export interface PackLayout {
  pageCounts: Record<string, number>;
}

export interface PackPartPlacement {
  /** 1-based page number where the part starts in the pack. */
  start: number;
  pageCount: number;
  /** True when the part is a note page standing in for an Anlage that could not be included. */
  replacedByNote?: boolean;
}

export interface PackResult {
  /** Empty when the pack was written to `PackJob.outputPath`; then `written` describes the file. */
  bytes: Uint8Array;
  written?: { bytes: number; sha256: string };
  pageCount: number;
  parts: Record<string, PackPartPlacement>;
  warnings: PackWarning[];
  /** How many parts were taken over unparsed from the worker's last pack (kept-pack.ts); absent when none. */
  reusedParts?: number;
}

export type DeferredSources = Promise<Record<string, Uint8Array>> | Record<string, Promise<Uint8Array>>;

/** Both shapes of DeferredSources as one promise per source id. */
export function deferredPromises(sources: DeferredSources, ids: string[]): Record<string, Promise<Uint8Array>> {
  const all = sources instanceof Promise ? sources : null;
  const out: Record<string, Promise<Uint8Array>> = {};
  for (const id of ids) {
    out[id] = all
      ? all.then((r) => r[id] ?? Promise.reject(new Error(`missing ${id}`)))
      : ((sources as Record<string, Promise<Uint8Array>>)[id] ?? Promise.reject(new Error(`missing ${id}`)));
    out[id].catch(() => undefined); // awaited later; avoid unhandled-rejection noise meanwhile
  }
  return out;
}

export interface PackHooks {
  onProgress?: (progress: PackProgress) => void;
  /**
   * Required when the job has deferred sources: one PDF per deferred source id, either all at
   * once or each as its own promise — then a source that is ready early (the printed Vorlagen)
   * is processed while a later one (the Tagesordnung with page numbers) is still printing.
   */
  resolveDeferred?: (layout: PackLayout, expect: ExpectPageCounts) => DeferredSources;
}

/**
 * Tells the engine how many pages deferred parts are expected to have (e.g. the Tagesordnung
 * being printed with its final page numbers), so it can stamp everything else meanwhile. A wrong
 * expectation costs time only: pages are stamped again once the real counts are known.
 */
export type ExpectPageCounts = (pageCounts: Record<string, number>) => void;

/**
 * Name of the destination a link in a rendered document uses to reach a part of the pack
 * (another print): the engine points such links at the part's first page.
 */
export const partLinkName = (partId: string) => `vw-part-${partId}`;
const PART_LINK = /^vw-part-(.+)$/;
/** The part a link destination name points to, or null. */
export const linkedPart = (name: string): string | null => PART_LINK.exec(name)?.[1] ?? null;

/** Start page (1-based) of each part, given every part's page count; used for the Tagesordnung. */
export function startPages(parts: readonly { id: string }[], pageCounts: Record<string, number>): Record<string, number> {
  const starts: Record<string, number> = {};
  let page = 1;
  for (const part of parts) {
    const count = pageCounts[part.id];
    if (count === undefined) throw new Error(`Seitenzahl für Teil „${part.id}“ fehlt.`);
    starts[part.id] = page;
    page += count;
  }
  return starts;
}
