import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { PDFDocument, type PDFDict, type PDFName, type PDFPage, type PDFRef } from '../pdf/pdf-lib.js';
import { forgetPages } from '../pdf/page-tree.js';
import { attachmentHash } from './print-cache.js';
import { StampFont } from './stamp-font.js';
import { PageStamper } from './stamp.js';
import { StandardFontEmbedder } from './standard-fonts.js';
import { PackStructure, type StructureShare, type UntaggedPageRole } from './structure.js';
import type { AttachmentPart, PackJob, PackWarning, RenderedPart } from './types.js';
import { WinAnsiFonts } from './winansi-fonts.js';

/** Who put a part into the pack: a rendered source (all its parts at once) or one Anlage. */
export type PartOwner = { kind: 'source'; id: string } | { kind: 'attachment'; id: string };

export interface PlacedPart {
  owner: PartOwner;
  pages: PDFPage[];
  /** Anlage pages get the header stamp and are shrunk into the stamp bands. */
  attachment?: AttachmentPart;
  replacedByNote?: boolean;
  /**
   * Where the part enters the structure tree: its source's copied elements (only on the first
   * part of a source), or, for untagged content, the role of an element around each page.
   */
  structure: { elements: PDFRef[] } | { untagged: UntaggedPageRole; title: string };
  /** The elements made for untagged content, once made (see PackStructure.addUntagged). */
  untaggedTree?: { sect: PDFRef; share: StructureShare };
  /** Why this part keeps the pack from claiming PDF/A (see finish.ts). */
  pdfaBlockers?: string[];
  /** Warnings found while placing it: given again whenever the part is reused. */
  warnings?: PackWarning[];
  /** Links of a rendered part to other parts, found once (their names are replaced on the way). */
  partLinks?: { holder: PDFDict; key: PDFName; target: string }[];
}

/** What an owner added to the pack and the content key that decides whether it can stay. */
interface OwnerRecord {
  /** null: placed, but never to be reused (e.g. a note page for a file that may come back). */
  key: string | null;
  parts: string[];
  share?: StructureShare;
}

/**
 * Everything one pack is assembled with. A fresh one per pack, unless the worker kept the last
 * one (PackMemory): then the parts of unchanged sources and Anlagen are still placed in it and
 * only what changed is parsed and placed again.
 */
export class PackWorkbench {
  readonly winAnsi: WinAnsiFonts;
  readonly fonts: { regular: StampFont; bold: StampFont };
  readonly standardFonts: StandardFontEmbedder;
  readonly structure: PackStructure;
  readonly stamper: PageStamper;
  readonly placed = new Map<string, PlacedPart>();
  /** What each page was stamped with ("X/Y"; the label is part of the frame): a page is stamped again only when that changes. */
  readonly stampedAs = new Map<PDFPage, string>();
  /** Link annotations whose /Contents finishArchival wrote ("Verweis auf Seite 12"): rewritten at every pack. */
  describedLinks: PDFDict[] = [];
  private readonly owners = new Map<string, OwnerRecord>();

  private constructor(
    readonly out: PDFDocument,
    /** Everything of the job that every placed part depends on (frameOf). */
    readonly frame: string,
  ) {
    // One set of font files for stamps, notes and replaced standard fonts alike.
    this.winAnsi = new WinAnsiFonts(out);
    this.fonts = { regular: new StampFont(out, 400, this.winAnsi), bold: new StampFont(out, 700, this.winAnsi) };
    this.standardFonts = new StandardFontEmbedder(out, this.winAnsi);
    this.structure = new PackStructure(out);
    this.stamper = new PageStamper(out, () => this.fonts.regular.resources());
  }

  /**
   * Whether the next pack may reuse this one: not when a subset font was embedded for stamps or
   * notes, as it would carry the glyphs of this pack's titles (also of parts the next pack may
   * not have) into the next file.
   */
  reusable(): boolean {
    return !this.fonts.regular.hasSubsets() && !this.fonts.bold.hasSubsets();
  }

  static async create(frame: string): Promise<PackWorkbench> {
    return new PackWorkbench(await PDFDocument.create({ updateMetadata: false }), frame);
  }

  /** Whether `owner` is placed with exactly this content key (a null key never matches). */
  holds(owner: PartOwner, key: string | null): boolean {
    return key !== null && this.owners.get(ownerId(owner))?.key === key;
  }

  /** Records what `owner` placed, after `clear` made room for it. */
  record(owner: PartOwner, key: string | null, parts: Map<string, PlacedPart>, share?: StructureShare): void {
    for (const [id, part] of parts) this.placed.set(id, part);
    this.owners.set(ownerId(owner), { key, parts: [...parts.keys()], ...(share ? { share } : {}) });
  }

  /** Makes room for `owner` to place `partIds`: removes its earlier parts and any other owner's parts with those ids. */
  clear(owner: PartOwner, partIds: readonly string[]): void {
    this.remove(ownerId(owner));
    for (const id of partIds) {
      const earlier = this.placed.get(id);
      if (earlier) this.remove(ownerId(earlier.owner));
    }
  }

  /** Removes every owner not in `keep` (sources and Anlagen the new pack does not have). */
  retainOnly(keep: ReadonlySet<string>): void {
    for (const id of [...this.owners.keys()]) if (!keep.has(id)) this.remove(id);
  }

  /**
   * Takes an owner's parts out: from the part map, the stamp memory, the structure's parent and
   * id trees and pdf-lib's page map (forgetPages). Their objects stay in the context until
   * dropUnreachableObjects, which the reused pack runs before saving.
   */
  private remove(id: string): void {
    const record = this.owners.get(id);
    if (!record) return;
    this.owners.delete(id);
    for (const partId of record.parts) {
      const part = this.placed.get(partId);
      if (!part) continue;
      this.placed.delete(partId);
      for (const page of part.pages) this.stampedAs.delete(page);
      forgetPages(this.out, part.pages);
      if (part.untaggedTree) this.structure.forget(part.untaggedTree.share);
    }
    if (record.share) this.structure.forget(record.share);
  }
}

export const ownerId = (owner: PartOwner) => `${owner.kind}:${owner.id}`;

/** Content key of a rendered source: its bytes and how its parts are cut from it and stamped. */
export function sourceKey(bytes: Uint8Array, parts: readonly RenderedPart[]): string {
  const hash = createHash('sha256').update(bytes).digest('hex');
  return `${hash}|${JSON.stringify(parts.map((p) => [p.id, p.destination ?? null, p.header ?? null]))}`;
}

/** How many bytes of input an Anlage brings into the pack (a file's size, as it is read whole unless the pack is streamed). */
export function attachmentInputBytes(part: AttachmentPart): number {
  if ('bytes' in part.data) return part.data.bytes.byteLength;
  try {
    return statSync(part.data.path).size;
  } catch {
    return 0; // unreadable: a note page
  }
}

/** Content key of an Anlage: its content (attachmentHash) and its stamp and names; null when its file cannot be read. */
export function attachmentKey(part: AttachmentPart): string | null {
  const hash = attachmentHash(part);
  if (hash.startsWith('unreadable:')) return null;
  return JSON.stringify([hash, part.title, part.fileName, part.stamp]);
}

/**
 * What every part of a pack depends on besides its own content: stamp label, limits, archival.
 * Outline and metadata are written anew for every pack; the output path only decides whether a
 * pack is kept (PackMemory.keep).
 */
export function frameOf(job: PackJob): string {
  const { sources: _sources, parts: _parts, outline: _outline, metadata: _metadata, outputPath: _outputPath, ...frame } = job;
  return JSON.stringify(Object.entries(frame).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A kept pack holds its Anlagen in memory; beyond this, the next pack starts afresh instead. */
const MAX_KEPT_INPUT_BYTES = 128 * 1024 * 1024;
/** Packs are rebuilt in bursts before a Sitzung; a pack not followed by another for this long is let go. */
const KEEP_IDLE_MS = 15 * 60_000;

/**
 * The last finished pack of a worker (issue 16.7): the next pack of the same frame reuses its
 * unchanged parts. Taken by the pack that uses it, so two packs at once never share one; a pack
 * that fails leaves nothing behind. Holds at most one pack.
 */
export class PackMemory {
  private kept: PackWorkbench | null = null;
  private release: NodeJS.Timeout | undefined;
  /** Counts `forget()` calls: a pack that began before one was built from data since erased. */
  private forgotten = 0;

  constructor(
    private readonly idleMs = KEEP_IDLE_MS,
    private readonly maxInputBytes = MAX_KEPT_INPUT_BYTES,
  ) {}

  /** A mark to give `keep` back: taken when a pack begins. */
  get epoch(): number {
    return this.forgotten;
  }

  /** The kept workbench if it was built with the same frame; the memory is empty afterwards. */
  take(frame: string): PackWorkbench | null {
    const kept = this.kept;
    this.drop();
    return kept?.frame === frame ? kept : null;
  }

  /**
   * Keeps a finished pack, unless it was written straight to a file, its inputs are too large to
   * hold, it is not reusable, or the memory was told to forget since the pack began (`epoch`).
   */
  keep(workbench: PackWorkbench, job: PackJob, inputBytes: number, epoch: number): void {
    if (epoch !== this.forgotten || job.outputPath !== undefined || inputBytes > this.maxInputBytes || !workbench.reusable()) return;
    this.drop();
    this.kept = workbench;
    this.release = setTimeout(() => this.drop(), this.idleMs).unref();
  }

  /** Lets go of the kept pack and of any pack under way (data were erased). */
  forget(): void {
    this.forgotten++;
    this.drop();
  }

  private drop(): void {
    clearTimeout(this.release);
    this.kept = null;
  }
}
