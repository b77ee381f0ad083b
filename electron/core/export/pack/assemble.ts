import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, type PDFPage, type PDFRef } from '../pdf/pdf-lib.js';
import { finishArchival, markUntaggedContent } from '../pdf/archival/finish.js';
import { setPdfMetadata } from '../pdf/info-dictionary.js';
import { readNamedDestinations } from '../pdf/named-destinations.js';
import { loadFast, saveFast } from '../pdf/pdf-lib-fast.js';
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
import { WinAnsiFonts } from './winansi-fonts.js';
import { StampFont, type EncodedText } from './stamp-font.js';
import { StandardFontEmbedder } from './standard-fonts.js';
import { PageStamper } from './stamp.js';
import { ReadBuffer } from './read-buffer.js';
import { leaveImageDataInFile, saveToFile } from './streamed-save.js';
import { produceFileAtomic } from '../../fs/atomic-write.js';
import { PackStructure, type UntaggedPageRole } from './structure.js';
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

interface PlacedPart {
  pages: PDFPage[];
  /** Anlage pages get the header stamp and are shrunk into the stamp bands. */
  attachment?: AttachmentPart;
  replacedByNote?: boolean;
  /**
   * Where the part enters the structure tree: its source's copied elements (only on the first
   * part of a source), or, for untagged content, the role of an element around each page.
   */
  structure: { elements: PDFRef[] } | { untagged: UntaggedPageRole; title: string };
  /** Why this part keeps the pack from claiming PDF/A (see finish.ts). */
  pdfaBlockers?: string[];
}

/**
 * Builds one PDF from ordered parts: every source is taken over whole, at once (see
 * structure.ts), each page gets its stamps as one raw content stream, bookmarks come from the
 * job, structure trees are merged. Bad Anlagen become note pages with a warning. Runs
 * synchronously for long stretches (objectsPerTick Infinity), so callers use the worker.
 */
export async function assemblePack(job: PackJob, hooks: PackHooks = {}): Promise<PackResult> {
  validate(job, hooks);
  const progress = hooks.onProgress ?? (() => undefined);
  const warnings: PackWarning[] = [];
  const out = await PDFDocument.create({ updateMetadata: false });
  // One set of font files for stamps, notes and replaced standard fonts alike.
  const winAnsi = new WinAnsiFonts(out);
  const fonts = { regular: new StampFont(out, 400, winAnsi), bold: new StampFont(out, 700, winAnsi) };
  const standardFonts = new StandardFontEmbedder(out, winAnsi);
  const structure = new PackStructure(out);
  const placed = new Map<string, PlacedPart>();
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
  progress({ step: 'load', done: 0, total: loadTotal });

  const loadRendered = async (sourceId: string, bytes: Uint8Array) => {
    const doc = await loadSource(bytes, `Dokument „${sourceId}“`);
    const parts = job.parts.filter((p): p is RenderedPart => p.kind === 'rendered' && p.source === sourceId);
    placeRendered(structure, doc, parts, placed, limits.archival);
    progress({ step: 'load', done: ++loaded, total: loadTotal });
  };
  for (const source of ready) await loadRendered(source.id, source.bytes);

  // Written to a file: every Anlage file is read into one buffer in turn (read-buffer.ts).
  const readBuffer = job.outputPath !== undefined ? new ReadBuffer() : undefined;
  for (const part of attachments) {
    placed.set(part.id, await placeAttachment(out, structure, part, limits, fonts, standardFonts, warnings, readBuffer));
    progress({ step: 'load', done: ++loaded, total: loadTotal });
  }

  const stamper = new PageStamper(out, () => fonts.regular.resources());
  const label = job.pageLabel ?? DEFAULT_PAGE_LABEL;
  /** What each page was stamped with ("X/Y"): a page is stamped again only when that changes. */
  const stampedAs = new Map<PDFPage, string>();
  const encodeOne = async (h: RunningHeader | undefined) =>
    h && { left: h.left ? await fonts.regular.encode(h.left) : undefined, right: h.right ? await fonts.regular.encode(h.right) : undefined };
  const encodeRunning = async (h: RenderedPart['header']) => h && { first: await encodeOne(h.first), rest: await encodeOne(h.rest) };

  const stampPages = async (pageCounts: Record<string, number>, onPage: () => void = () => undefined) => {
    const total = Object.values(pageCounts).reduce((a, b) => a + b, 0);
    let number = 0;
    for (const part of job.parts) {
      const entry = placed.get(part.id);
      if (!entry) {
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
          stamper.stamp(page, { footer, header, running: pageRunning, fit: entry.attachment !== undefined && !entry.replacedByNote, mark });
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
      const count = placed.get(part.id)?.pages.length ?? expected[part.id];
      if (count === undefined) return;
      counts[part.id] = count;
    }
    await stampPages(counts);
  };

  if (deferred.length) {
    const pageCounts: Record<string, number> = {};
    for (const [id, part] of placed) pageCounts[id] = part.pages.length;
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
  const placements: PackResult['parts'] = {};
  let pageNumber = 1;
  for (const part of job.parts) {
    const entry = placed.get(part.id)!;
    for (const page of entry.pages) out.addPage(page);
    placements[part.id] = {
      start: pageNumber,
      pageCount: entry.pages.length,
      ...(entry.replacedByNote ? { replacedByNote: true } : {}),
    };
    pageNumber += entry.pages.length;
  }
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
  for (const part of job.parts) {
    const entry = placed.get(part.id)!;
    if ('elements' in entry.structure) structure.append(entry.structure.elements);
    else structure.addUntagged(entry.pages, entry.structure.title, entry.structure.untagged);
  }
  structure.finish();

  writeOutline(out, resolveOutline(job.outline, placements));
  const blockers = job.parts.flatMap((part) => {
    const entry = placed.get(part.id)!;
    const title = entry.attachment?.title ?? part.id;
    return (entry.pdfaBlockers ?? []).map((reason) => ({ part: part.id, text: `Anlage „${title}“ ${reason}` }));
  });
  // Untagged content was marked as artifacts when each part was placed, before the stamps.
  if (limits.archival) finishArchival(out, job.metadata, { wrapPages: [], pdfaBlockers: blockers.map((b) => b.text) });
  else setPdfMetadata(out, job.metadata);
  if (blockers.length) {
    warnings.push({
      code: 'PACK_NOT_PDFA',
      part: blockers[0]!.part,
      message: `Die Sitzungsmappe ist barrierefrei (PDF/UA), aber nicht archivtauglich (PDF/A): ${[...new Set(blockers.map((b) => b.text))].join('; ')}.`,
    });
  }

  progress({ step: 'save', done: 0, total: 1 });
  let bytes: Uint8Array;
  let written: PackResult['written'];
  if (job.outputPath) {
    // Into a temp file beside the target, renamed when complete: a kill leaves the old file.
    await produceFileAtomic(job.outputPath, async (temp) => (written = await saveToFile(out, temp)));
    bytes = new Uint8Array(0);
  } else bytes = await saveFast(out);
  progress({ step: 'save', done: 1, total: 1 });
  return { bytes, pageCount: total, parts: placements, warnings, ...(written ? { written } : {}) };
}

/**
 * Points links of our rendered documents that name a part of the pack (the Tagesordnung's page
 * numbers, see partLinkName) at that part's first page; the named destination they carried
 * belonged to their own print, not to the pack.
 */
function resolvePartLinks(out: PDFDocument, job: PackJob, placed: Map<string, PlacedPart>): void {
  for (const part of job.parts) {
    if (part.kind !== 'rendered') continue;
    for (const page of placed.get(part.id)!.pages) {
      for (const annot of annotations(page)) {
        const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
        const holder = action ?? annot;
        const key = PDFName.of(action ? 'D' : 'Dest');
        const dest = holder.lookup(key);
        const name = dest instanceof PDFName ? dest.decodeText() : dest instanceof PDFString || dest instanceof PDFHexString ? dest.decodeText() : null;
        const target = name === null ? null : linkedPart(name);
        if (target === null) continue;
        const first = placed.get(target)?.pages[0];
        if (first) holder.set(key, out.context.obj([first.ref, PDFName.of('Fit')]));
        else annot.delete(key); // a link to a part that is not in the pack leads nowhere
      }
    }
  }
}

async function placeAttachment(
  out: PDFDocument,
  structure: PackStructure,
  part: AttachmentPart,
  limits: LoadLimits,
  fonts: { regular: StampFont; bold: StampFont },
  standardFonts: StandardFontEmbedder,
  warnings: PackWarning[],
  /** Only when the pack is written to a file (PackJob.outputPath). */
  readBuffer: ReadBuffer | undefined,
): Promise<PlacedPart> {
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
      const { pages, elements } = structure.copyPages(prepared.doc, prepared.doc.getPageIndices());
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
      return { pages, attachment: part, structure: elements ? { elements } : { untagged: { role: 'Div' }, title }, pdfaBlockers };
    }
    if (prepared.type === 'image') {
      const page = await createImagePage(out, prepared.format, prepared.bytes);
      return { pages: [page], attachment: part, structure: { untagged: { role: 'Figure', alt: part.title }, title } };
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
  return { pages: [page], attachment: part, replacedByNote: true, structure: { untagged: { role: 'Div' }, title: `${part.stamp}: ${part.title}` } };
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
  parts: RenderedPart[],
  placed: Map<string, PlacedPart>,
  archival: boolean,
): void {
  const pageCount = doc.getPageCount();
  if (parts.length === 0) return;
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
  const { pages: copied, elements } = structure.copyPages(doc, indices);
  // Chromium leaves page-margin boxes, rules and backgrounds untagged: they become artifacts.
  if (elements && archival) for (const page of copied) markUntaggedContent(page);
  let offset = 0;
  const pagesOf = ranges.map((range) => copied.slice(offset, (offset += range.to - range.from)));
  // Each part gets the elements of its own pages, so the tree reads in the order of the pack.
  const split = elements ? structure.splitByParts(elements, pagesOf) : null;
  ranges.forEach((range, i) => {
    const partStructure: PlacedPart['structure'] = split ? { elements: split[i]! } : { untagged: { role: 'Div' }, title: '' };
    placed.set(range.part.id, { pages: pagesOf[i]!, structure: partStructure });
  });
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
