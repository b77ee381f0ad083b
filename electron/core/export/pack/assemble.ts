import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from '../pdf/pdf-lib.js';
import { finishArchival, markUntaggedContent } from '../pdf/archival/finish.js';
import { setPdfMetadata } from '../pdf/info-dictionary.js';
import { readNamedDestinations } from '../pdf/named-destinations.js';
import { loadFast, saveFast } from '../pdf/pdf-lib-fast.js';
import { setPages } from '../pdf/page-tree.js';
import { dropUnreachableObjects } from '../pdf/unreachable-objects.js';
import {
  DEFAULT_MAX_ATTACHMENT_BYTES,
  DEFAULT_MAX_IMAGE_PIXELS,
  prepareAttachment,
  type LoadLimits,
} from './attachment-loader.js';
import { PackError } from './errors.js';
import { createImagePage, createNotePage } from './generated-pages.js';
import { noteWarningMessage, warningCode, type NoteReason } from './notes.js';
import { writeOutline, type ResolvedOutlineItem } from './outline.js';
import { type EncodedText } from './stamp-font.js';
import { attachmentInputBytes, attachmentKey, frameOf, ownerId, PackWorkbench, sourceKey, type PackMemory, type PartOwner, type PlacedPart } from './kept-pack.js';
import { ReadBuffer } from './read-buffer.js';
import { leaveImageDataInFile, saveToFile } from './streamed-save.js';
import { produceFileAtomic } from '../../fs/atomic-write.js';
import type { PackStructure, StructureShare } from './structure.js';
import type {
  AttachmentPart,
  OutlineItem,
  PackHooks,
  PackJob,
  PackResult,
  PackWarning,
  RenderedPart,
  RunningHeader,
} from './types.js';
import { deferredPromises, linkedPart, type ExpectPageCounts } from './types.js';
import { annotations } from './page-objects.js';

export const DEFAULT_PAGE_LABEL = 'Seite {page} von {total}';

/**
 * Builds one PDF from ordered parts: every source is taken over whole, at once (see
 * structure.ts), each page gets its stamps as one raw content stream, bookmarks come from the
 * job, structure trees are merged. Bad Anlagen become note pages with a warning. Runs
 * synchronously for long stretches (objectsPerTick Infinity), so callers use the worker.
 *
 * With a `memory` (the worker's), the last pack of the same frame is reused: sources and
 * Anlagen whose content key is unchanged stay placed, only the others are parsed and placed
 * again, and what left the pack is dropped from the file before it is saved (kept-pack.ts).
 */
export async function assemblePack(job: PackJob, hooks: PackHooks = {}, memory?: PackMemory): Promise<PackResult> {
  validate(job, hooks);
  const progress = hooks.onProgress ?? (() => undefined);
  const warnings: PackWarning[] = [];
  const frame = memory ? frameOf(job) : '';
  const epoch = memory?.epoch ?? 0;
  const reused = memory?.take(frame) ?? null;
  const bench = reused ?? (await PackWorkbench.create(frame));
  const { out, fonts, structure, placed } = bench;
  /** Owners placed or confirmed by this job; the others leave before the merge. */
  const current = new Set<string>();
  const isCurrent = (part: PlacedPart | undefined): part is PlacedPart => part !== undefined && current.has(ownerId(part.owner));
  const limits: LoadLimits = {
    maxBytes: job.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES,
    maxImagePixels: job.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS,
    officeConversion: job.officeConversion ?? 'auto',
    officeTimeoutSeconds: job.officeTimeoutSeconds ?? 120,
    archival: job.archival !== false,
  };

  const attachments = job.parts.filter((p): p is AttachmentPart => p.kind === 'attachment');
  const ready = job.sources.filter((s): s is { id: string; bytes: Uint8Array } => 'bytes' in s);
  const deferred = job.sources.filter((s) => !('bytes' in s));
  const loadTotal = job.sources.length + attachments.length;
  let loaded = 0;
  let inputBytes = 0;
  let reusedParts = 0;
  progress({ step: 'load', done: 0, total: loadTotal });

  const loadRendered = async (sourceId: string, bytes: Uint8Array) => {
    inputBytes += bytes.byteLength;
    const owner: PartOwner = { kind: 'source', id: sourceId };
    current.add(ownerId(owner));
    const parts = job.parts.filter((p): p is RenderedPart => p.kind === 'rendered' && p.source === sourceId);
    const key = memory ? sourceKey(bytes, parts) : null;
    if (bench.holds(owner, key)) reusedParts += parts.length;
    else {
      bench.clear(owner, parts.map((p) => p.id));
      const doc = await loadSource(bytes, `Dokument „${sourceId}“`);
      const { parts: placedParts, share } = placeRendered(structure, doc, owner, parts, limits.archival);
      bench.record(owner, key, placedParts, share);
    }
    progress({ step: 'load', done: ++loaded, total: loadTotal });
  };
  for (const source of ready) await loadRendered(source.id, source.bytes);

  // Written to a file: every Anlage file is read into one buffer in turn (read-buffer.ts).
  const readBuffer = job.outputPath !== undefined ? new ReadBuffer() : undefined;
  for (const part of attachments) {
    if (memory) inputBytes += attachmentInputBytes(part);
    const owner: PartOwner = { kind: 'attachment', id: part.id };
    current.add(ownerId(owner));
    const key = memory ? attachmentKey(part) : null;
    if (bench.holds(owner, key)) reusedParts++;
    else {
      bench.clear(owner, [part.id]);
      const { entry, share } = await placeAttachment(bench, part, limits, readBuffer);
      // A note page stands for a file that may be readable next time: never reused.
      bench.record(owner, entry.replacedByNote ? null : key, new Map([[part.id, entry]]), share);
    }
    warnings.push(...(placed.get(part.id)!.warnings ?? []));
    progress({ step: 'load', done: ++loaded, total: loadTotal });
  }

  const label = job.pageLabel ?? DEFAULT_PAGE_LABEL;
  const stampedAs = bench.stampedAs;
  const encodeOne = async (h: RunningHeader | undefined) =>
    h && { left: h.left ? await fonts.regular.encode(h.left) : undefined, right: h.right ? await fonts.regular.encode(h.right) : undefined };
  const encodeRunning = async (h: RenderedPart['header']) => h && { first: await encodeOne(h.first), rest: await encodeOne(h.rest) };

  const stampPages = async (pageCounts: Record<string, number>, onPage: () => void = () => undefined) => {
    const total = Object.values(pageCounts).reduce((a, b) => a + b, 0);
    let number = 0;
    for (const part of job.parts) {
      const entry = placed.get(part.id);
      if (!isCurrent(entry)) {
        number += pageCounts[part.id]!;
        continue;
      }
      const header: EncodedText | undefined = entry.attachment ? await fonts.regular.encode(entry.attachment.stamp) : undefined;
      if (header?.replaced) warnReplaced(warnings, part.id, entry.attachment!.title);
      const role = 'untagged' in entry.structure ? entry.structure.untagged.role : undefined;
      const running = part.kind === 'rendered' ? await encodeRunning(part.header) : undefined;
      for (const [index, page] of entry.pages.entries()) {
        const key = `${++number}/${total}`;
        if (stampedAs.get(page) !== key) {
          const footer = await fonts.regular.encode(label.replace('{page}', String(number)).replace('{total}', String(total)));
          const mark = role ? { role, mcid: structure.wholePageMcid(page) } : undefined;
          const pageRunning = index === 0 ? running?.first : running?.rest;
          bench.stamper.stamp(page, { footer, header, running: pageRunning, fit: entry.attachment !== undefined && !entry.replacedByNote, mark });
          stampedAs.set(page, key);
        }
        onPage();
      }
    }
  };

  /** Stamps with the page counts of all placed parts plus those expected for the rest, if complete. */
  const prestamp = async (expected: Record<string, number>) => {
    const counts: Record<string, number> = {};
    for (const part of job.parts) {
      const entry = placed.get(part.id);
      const count = isCurrent(entry) ? entry.pages.length : expected[part.id];
      if (count === undefined) return;
      counts[part.id] = count;
    }
    await stampPages(counts);
  };

  if (deferred.length) {
    const pageCounts: Record<string, number> = {};
    for (const [id, part] of placed) if (isCurrent(part)) pageCounts[id] = part.pages.length;
    let expect: ExpectPageCounts = () => undefined;
    const expected = new Promise<Record<string, number>>((resolve) => (expect = resolve));
    const pending = deferredPromises(hooks.resolveDeferred!({ pageCounts }, (counts) => expect(counts)), deferred.map((s) => s.id));
    // In job order: callers list the source that is ready first first.
    for (const [n, source] of deferred.entries()) {
      let bytes: Uint8Array;
      try {
        if (n === deferred.length - 1) {
          // While the last document prints, stamp everything else with the page counts expected.
          const counts = await Promise.race([pending[source.id]!.then(() => null), expected]);
          if (counts) await prestamp(counts);
        }
        bytes = await pending[source.id]!;
      } catch (error) {
        if (error instanceof Error && error.message === `missing ${source.id}`) {
          throw new PackError('PACK_INPUT', `Für „${source.id}“ wurde kein Dokument geliefert.`);
        }
        throw error;
      }
      await loadRendered(source.id, bytes);
    }
  }

  progress({ step: 'merge', done: 0, total: job.parts.length });
  bench.retainOnly(current);
  const placements: PackResult['parts'] = {};
  let pageNumber = 1;
  for (const part of job.parts) {
    const entry = placed.get(part.id)!;
    placements[part.id] = {
      start: pageNumber,
      pageCount: entry.pages.length,
      ...(entry.replacedByNote ? { replacedByNote: true } : {}),
    };
    pageNumber += entry.pages.length;
  }
  // A reused pack's page tree still has the last pack's pages: it is replaced whole.
  setPages(out, job.parts.flatMap((part) => placed.get(part.id)!.pages));
  resolvePartLinks(out, job, placed);
  progress({ step: 'merge', done: job.parts.length, total: job.parts.length });

  const total = out.getPageCount();
  const progressEvery = Math.max(1, Math.ceil(total / 20));
  let done = 0;
  progress({ step: 'stamp', done: 0, total });
  await stampPages(
    Object.fromEntries(Object.entries(placements).map(([id, p]) => [id, p.pageCount])),
    () => {
      if (++done % progressEvery === 0 || done === total) progress({ step: 'stamp', done, total });
    },
  );
  structure.startOrder();
  for (const part of job.parts) {
    const entry = placed.get(part.id)!;
    if ('elements' in entry.structure) structure.append(entry.structure.elements);
    else if (entry.untaggedTree) structure.append([entry.untaggedTree.sect]);
    else entry.untaggedTree = structure.addUntagged(entry.pages, entry.structure.title, entry.structure.untagged);
  }
  structure.finish();

  writeOutline(out, resolveOutline(job.outline, placements));
  const blockers = job.parts.flatMap((part) => {
    const entry = placed.get(part.id)!;
    const title = entry.attachment?.title ?? part.id;
    return (entry.pdfaBlockers ?? []).map((reason) => ({ part: part.id, text: `Anlage „${title}“ ${reason}` }));
  });
  // Untagged content was marked as artifacts when each part was placed, before the stamps.
  if (limits.archival) {
    // Link descriptions name target pages, which move when parts before them change.
    for (const annot of bench.describedLinks) annot.delete(PDFName.of('Contents'));
    bench.describedLinks = undescribedLinks(out);
    finishArchival(out, job.metadata, { wrapPages: [], pdfaBlockers: blockers.map((b) => b.text) });
  } else setPdfMetadata(out, job.metadata);
  if (blockers.length) {
    warnings.push({
      code: 'PACK_NOT_PDFA',
      part: blockers[0]!.part,
      message: `Die Sitzungsmappe ist barrierefrei (PDF/UA), aber nicht archivtauglich (PDF/A): ${[...new Set(blockers.map((b) => b.text))].join('; ')}.`,
    });
  }
  // Parts that left a reused pack, and the tree, outline and metadata it had, must not stay in the file.
  if (reused) dropUnreachableObjects(out.context);

  progress({ step: 'save', done: 0, total: 1 });
  let bytes: Uint8Array;
  let written: PackResult['written'];
  if (job.outputPath) {
    // Into a temp file beside the target, renamed when complete: a kill leaves the old file.
    await produceFileAtomic(job.outputPath, async (temp) => (written = await saveToFile(out, temp)));
    bytes = new Uint8Array(0);
  } else bytes = await saveFast(out);
  progress({ step: 'save', done: 1, total: 1 });
  memory?.keep(bench, job, inputBytes, epoch);
  return { bytes, pageCount: total, parts: placements, warnings, ...(written ? { written } : {}), ...(reusedParts ? { reusedParts } : {}) };
}

/** Link annotations without a description, which finishArchival will describe by their target page. */
function undescribedLinks(out: PDFDocument): PDFDict[] {
  const links: PDFDict[] = [];
  for (const page of out.getPages()) {
    for (const annot of annotations(page)) {
      if (annot.get(PDFName.of('Subtype')) === PDFName.of('Link') && !annot.has(PDFName.of('Contents'))) links.push(annot);
    }
  }
  return links;
}

/**
 * Points links of our rendered documents that name a part of the pack (the Tagesordnung's page
 * numbers, see partLinkName) at that part's first page; the named destination they carried
 * belonged to their own print, not to the pack. Found once per placed part and remembered, as
 * the name is gone afterwards and a reused part's links must follow their targets' new pages.
 */
function resolvePartLinks(out: PDFDocument, job: PackJob, placed: Map<string, PlacedPart>): void {
  for (const part of job.parts) {
    if (part.kind !== 'rendered') continue;
    const entry = placed.get(part.id)!;
    entry.partLinks ??= entry.pages.flatMap((page) =>
      annotations(page).flatMap((annot) => {
        const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
        const holder = action ?? annot;
        const key = PDFName.of(action ? 'D' : 'Dest');
        const dest = holder.lookup(key);
        const name = dest instanceof PDFName ? dest.decodeText() : dest instanceof PDFString || dest instanceof PDFHexString ? dest.decodeText() : null;
        const target = name === null ? null : linkedPart(name);
        return target === null ? [] : [{ holder, key, target }];
      }),
    );
    for (const { holder, key, target } of entry.partLinks) {
      const first = placed.get(target)?.pages[0];
      if (first) holder.set(key, out.context.obj([first.ref, PDFName.of('Fit')]));
      else holder.delete(key); // a link to a part that is not in the pack leads nowhere
    }
  }
}

async function placeAttachment(
  bench: PackWorkbench,
  part: AttachmentPart,
  limits: LoadLimits,
  /** Only when the pack is written to a file (PackJob.outputPath). */
  readBuffer: ReadBuffer | undefined,
): Promise<{ entry: PlacedPart; share?: StructureShare }> {
  const { out, structure, fonts, standardFonts } = bench;
  const owner: PartOwner = { kind: 'attachment', id: part.id };
  const warnings: PackWarning[] = [];
  const prepared = await prepareAttachment(part, limits, (w) => warnings.push({ ...w, part: part.id }), readBuffer);
  // Writing to a file: the Anlage's large images stay in its file until then (streamed-save.ts),
  // the rest is copied out of the read buffer before the next Anlage is read into it.
  if (readBuffer && prepared.type === 'pdf' && prepared.file) {
    const { path, bytes, ...stat } = prepared.file;
    leaveImageDataInFile(prepared.doc, bytes, path, stat);
    delete prepared.file;
  }
  let reason: NoteReason | null = prepared.type === 'note' ? prepared.reason : null;
  try {
    const title = `${part.stamp}: ${part.title}`;
    if (prepared.type === 'pdf') {
      const { pages, elements, share } = structure.copyPages(prepared.doc, prepared.doc.getPageIndices());
      // A tagged Anlage keeps its tree; what its producer left untagged becomes an artifact.
      if (elements && limits.archival) for (const page of pages) markUntaggedContent(page);
      const { unembedded } = standardFonts.process(pages);
      const pdfaBlockers = [...prepared.pdfaBlockers];
      if (unembedded.length) pdfaBlockers.push(`hat nicht eingebettete Schriften (${unembedded.join(', ')})`);
      if (unembedded.length) {
        warnings.push({
          code: 'ATTACHMENT_FONTS_NOT_EMBEDDED',
          part: part.id,
          message: `Anlage „${part.title}“ (${part.fileName}): ${unembedded.length === 1 ? 'Die Schrift' : 'Die Schriften'} ${unembedded.join(', ')} ${unembedded.length === 1 ? 'ist' : 'sind'} in der Datei nicht eingebettet; die Darstellung kann je nach PDF-Programm leicht abweichen.`,
        });
      }
      const entry: PlacedPart = { owner, pages, attachment: part, structure: elements ? { elements } : { untagged: { role: 'Div' }, title }, pdfaBlockers, warnings };
      return { entry, ...(share ? { share } : {}) };
    }
    if (prepared.type === 'image') {
      const page = await createImagePage(out, prepared.format, prepared.bytes);
      return { entry: { owner, pages: [page], attachment: part, structure: { untagged: { role: 'Figure', alt: part.title }, title }, warnings } };
    }
  } catch (error) {
    // Files that parse but fall apart when their pages are resolved (dangling references,
    // corrupt image data) are only detectable here.
    reason = { code: 'ATTACHMENT_BROKEN', detail: error instanceof Error ? error.message : String(error) };
  }
  const { page, replacedCharacters } = await createNotePage(out, fonts, {
    title: part.title,
    fileName: part.fileName,
    reason: reason!,
  });
  warnings.push({ code: warningCode(reason!), part: part.id, message: noteWarningMessage(part.title, part.fileName, reason!) });
  if (replacedCharacters) warnReplaced(warnings, part.id, part.title);
  return { entry: { owner, pages: [page], attachment: part, replacedByNote: true, structure: { untagged: { role: 'Div' }, title: `${part.stamp}: ${part.title}` }, warnings } };
}

async function loadSource(bytes: Uint8Array, label: string): Promise<PDFDocument> {
  try {
    return await loadFast(bytes);
  } catch (error) {
    // Sources are our own rendered documents, so failing here is a bug, not a user problem.
    throw new PackError('PACK_FAILED', `${label} ist kein lesbares PDF.`, { cause: error });
  }
}

/**
 * Splits one rendered source into its parts by named destinations, copying all pages at once; its
 * structure tree goes with the first part.
 */
function placeRendered(
  structure: PackStructure,
  doc: PDFDocument,
  owner: PartOwner,
  parts: RenderedPart[],
  archival: boolean,
): { parts: Map<string, PlacedPart>; share?: StructureShare } {
  const pageCount = doc.getPageCount();
  const placed = new Map<string, PlacedPart>();
  if (parts.length === 0) return { parts: placed };
  let ranges: { part: RenderedPart; from: number; to: number }[];
  if (parts.length === 1 && !parts[0]!.destination) {
    ranges = [{ part: parts[0]!, from: 0, to: pageCount }];
  } else {
    const dests = readNamedDestinations(doc);
    const starts = parts.map((part) => {
      const index = part.destination === undefined ? undefined : dests.get(part.destination);
      if (index === undefined) {
        throw new PackError('PACK_FAILED', `Im gedruckten Dokument fehlt die Sprungmarke für den Teil „${part.id}“.`);
      }
      return { part, from: index };
    });
    starts.sort((a, b) => a.from - b.from);
    // Anything before the first marker (there should be nothing) belongs to the first part
    // rather than silently disappearing.
    starts[0]!.from = 0;
    ranges = starts.map((s, i) => ({ ...s, to: starts[i + 1]?.from ?? pageCount }));
  }
  for (const range of ranges) {
    if (range.to <= range.from) {
      throw new PackError('PACK_INPUT', `Der Teil „${range.part.id}“ ergibt keine Seite; ist das Dokument leer?`);
    }
  }
  const indices = ranges.flatMap((r) => Array.from({ length: r.to - r.from }, (_, i) => r.from + i));
  const { pages: copied, elements, share } = structure.copyPages(doc, indices);
  // Chromium leaves page-margin boxes, rules and backgrounds untagged: they become artifacts.
  if (elements && archival) for (const page of copied) markUntaggedContent(page);
  let offset = 0;
  const pagesOf = ranges.map((range) => copied.slice(offset, (offset += range.to - range.from)));
  // Each part gets the elements of its own pages, so the tree reads in the order of the pack.
  const split = elements ? structure.splitByParts(elements, pagesOf) : null;
  ranges.forEach((range, i) => {
    const partStructure: PlacedPart['structure'] = split ? { elements: split[i]! } : { untagged: { role: 'Div' }, title: '' };
    placed.set(range.part.id, { owner, pages: pagesOf[i]!, structure: partStructure });
  });
  return { parts: placed, ...(share ? { share } : {}) };
}

function resolveOutline(items: OutlineItem[], placements: PackResult['parts']): ResolvedOutlineItem[] {
  return items.map((item) => {
    const placement = placements[item.part];
    if (!placement) throw new PackError('PACK_INPUT', `Lesezeichen „${item.title}“ verweist auf einen unbekannten Teil.`);
    const offset = Math.min(item.pageOffset ?? 0, placement.pageCount - 1);
    const children = resolveOutline(item.children ?? [], placements);
    return { title: item.title, pageIndex: placement.start - 1 + offset, children, open: item.open ?? false };
  });
}

function validate(job: PackJob, hooks: PackHooks): void {
  const ids = new Set<string>();
  const sources = new Set(job.sources.map((s) => s.id));
  for (const part of job.parts) {
    if (ids.has(part.id)) throw new PackError('PACK_INPUT', `Der Teil „${part.id}“ kommt doppelt vor.`);
    ids.add(part.id);
    if (part.kind === 'rendered' && !sources.has(part.source)) {
      throw new PackError('PACK_INPUT', `Der Teil „${part.id}“ verweist auf eine unbekannte Quelle.`);
    }
  }
  if (job.sources.some((s) => !('bytes' in s)) && !hooks.resolveDeferred) {
    throw new PackError('PACK_INPUT', 'Ein Dokument der Sitzungsmappe wird nachgereicht, aber niemand liefert es.');
  }
  if (job.parts.length === 0) throw new PackError('PACK_INPUT', 'Die Sitzungsmappe hat keinen Inhalt.');
}

function warnReplaced(warnings: PackWarning[], part: string, title: string): void {
  if (warnings.some((w) => w.part === part && w.code === 'TEXT_CHARACTERS_REPLACED')) return;
  warnings.push({
    code: 'TEXT_CHARACTERS_REPLACED',
    part,
    message: `Anlage „${title}“: Einige Schriftzeichen im Stempel oder Hinweis sind in der eingebetteten Schrift nicht enthalten und wurden durch „?“ ersetzt.`,
  });
}
