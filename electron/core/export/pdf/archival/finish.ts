import { createHash } from 'node:crypto';
import { DEFAULT_CREATOR, PRODUCER, setPdfMetadata } from '../info-dictionary.js';
import { PDFArray, PDFDict, PDFHeader, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, decodePDFRawStream, type PDFContext, type PDFDocument, type PDFPage } from '../pdf-lib.js';
import { deflatedStream } from '../pdf-lib-fast.js';
import type { PdfMetadata } from '../types.js';
import { wrapUntaggedContent } from './content-artifacts.js';
import { ContentMemo, streamContentKey } from './content-memo.js';
import { srgbIccProfile } from './srgb-icc.js';
import { completeRoleMap } from './structure-roles.js';
import { buildXmp } from './xmp.js';

const name = PDFName.of;

export interface ArchivalOptions {
  /**
   * Pages whose untagged content is to be marked as artifacts (default: all). The pack passes the
   * pages it did not wrap itself: untagged Anlagen are wrapped whole as one element per page.
   */
  wrapPages?: PDFPage[];
  /**
   * Reasons the file cannot be PDF/A (e.g. an Anlage's font that could not be embedded). With
   * any, the file claims PDF/UA only — an archival claim a validator would refute helps no one.
   */
  pdfaBlockers?: string[];
}

export interface ArchivalResult {
  /** The PDF/A-2 level claimed in the XMP metadata, or null (see pdfaBlockers). */
  pdfa: 'A' | null;
}

/** Annotation flags (ISO 32000-1, 12.5.3): PDF/A-2 6.3.2 wants Print set and these clear. */
const INVISIBLE = 1;
const HIDDEN = 2;
const PRINT = 4;
const NO_VIEW = 32;
const TOGGLE_NO_VIEW = 256;

export const OUTPUT_CONDITION = 'sRGB IEC61966-2.1';

/**
 * Turns a tagged PDF into one that claims PDF/A-2a and PDF/UA-1: XMP metadata matching the Info
 * dictionary, document language, DisplayDocTitle, an sRGB output intent, role-mapped structure
 * types, every untagged piece of content an artifact, printable annotations, a trailer /ID and a
 * PDF 1.7 header. The document's own structure tree is what makes it accessible; this only
 * completes what PDF/A and PDF/UA ask on top (see docs/pdf-archival.md).
 */
export function finishArchival(doc: PDFDocument, metadata: PdfMetadata, options: ArchivalOptions = {}): ArchivalResult {
  const meta: PdfMetadata = { ...metadata, date: metadata.date ?? new Date() };
  const { context, catalog } = doc;
  setPdfMetadata(doc, meta);
  // PDF/A-2 is based on PDF 1.7; pdf-lib writes the binary comment line 6.1.2 asks for.
  context.header = PDFHeader.forVersion(1, 7);

  for (const page of options.wrapPages ?? doc.getPages()) markUntaggedContent(page);
  completeRoleMap(doc);
  if (catalog.has(name('StructTreeRoot'))) catalog.set(name('MarkInfo'), context.obj({ Marked: true }));
  const pageNumbers = new Map(doc.getPages().map((page, i) => [page.ref.toString(), i + 1]));
  for (const page of doc.getPages()) makeAnnotationsPrintable(doc, page, pageNumbers);

  const profile = context.flateStream(srgbIccProfile(), { N: 3 });
  catalog.set(
    name('OutputIntents'),
    context.obj([
      context.obj({
        Type: 'OutputIntent',
        S: 'GTS_PDFA1',
        OutputConditionIdentifier: PDFHexString.fromText(OUTPUT_CONDITION),
        RegistryName: PDFHexString.fromText('http://www.color.org'),
        Info: PDFHexString.fromText(OUTPUT_CONDITION),
        DestOutputProfile: context.register(profile),
      }),
    ]),
  );

  const pdfa = options.pdfaBlockers?.length ? null : 'A';
  const xmp = buildXmp({
    title: meta.title,
    author: meta.author,
    subject: meta.subject,
    keywords: meta.keywords?.length ? meta.keywords.join(' ') : undefined,
    creatorTool: meta.creator ?? DEFAULT_CREATOR,
    producer: PRODUCER,
    created: meta.date!,
    modified: meta.date!,
    language: meta.language ?? 'de-DE',
    pdfa,
  });
  // Uncompressed, so that archive software that does not parse PDF still finds it (XMP's purpose).
  const metadataStream = PDFRawStream.of(context.obj({ Type: 'Metadata', Subtype: 'XML' }), new Uint8Array(Buffer.from(xmp, 'utf8')));
  catalog.set(name('Metadata'), context.register(metadataStream));

  // Derived from what the file is, so that the same export gives the same bytes.
  const id = createHash('md5').update(xmp).digest('hex');
  context.trailerInfo.ID = context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  return { pdfa };
}

/**
 * Each page's content as wrapped before (deflated), or null where nothing needed wrapping, by the
 * content keys of its streams: the printed Vorlagen of a pack rebuilt after a change are mostly
 * the same bytes as last time. Bounded (64 MB: ~6 000 Chromium pages).
 */
const wrappedContents = new ContentMemo<Uint8Array | null>(64 * 1024 * 1024);

/** Wraps the page's untagged content as artifacts; the content becomes one deflated stream if it changed. */
export function markUntaggedContent(page: PDFPage): void {
  const doc = page.doc;
  const raw = page.node.get(name('Contents'));
  const value = raw instanceof PDFRef ? doc.context.lookup(raw) : raw;
  const streams = (value instanceof PDFArray ? value.asArray().map((item) => doc.context.lookup(item)) : [value]).filter(
    (s): s is PDFStream => s instanceof PDFStream,
  );
  if (streams.length === 0) return;
  const keys = streams.map(streamContentKey);
  const key = keys.every((k) => k !== null) ? keys.join(',') : null;
  const known = key === null ? undefined : wrappedContents.get(key);
  if (known !== undefined) {
    if (known !== null) page.node.set(name('Contents'), doc.context.register(PDFRawStream.of(doc.context.obj({ Filter: 'FlateDecode' }), known)));
    return;
  }
  const wrapped = wrappedContent(doc.context, streams);
  if (key !== null) wrappedContents.set(key, wrapped?.contents ?? null, key.length + (wrapped?.contents.length ?? 0));
  if (wrapped) page.node.set(name('Contents'), doc.context.register(wrapped));
}

function wrappedContent(context: PDFContext, streams: PDFStream[]): PDFRawStream | null {
  const texts: string[] = [];
  for (const stream of streams) {
    const text = streamText(stream);
    // Undecodable content (a filter we cannot read) stays as it is: a checker will name it.
    if (text === null) return null;
    texts.push(text);
  }
  const wrapped = wrapUntaggedContent(texts.join('\n'));
  return wrapped === null ? null : deflatedStream(context, wrapped);
}

function streamText(stream: PDFStream): string | null {
  try {
    const bytes = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  } catch {
    return null;
  }
}

function makeAnnotationsPrintable(doc: PDFDocument, page: PDFPage, pageNumbers: Map<string, number>): void {
  const annots = page.node.lookupMaybe(name('Annots'), PDFArray);
  if (!annots || annots.size() === 0) return;
  // PDF/UA-1 7.18.3: tab order follows the structure.
  page.node.set(name('Tabs'), name('S'));
  for (const entry of annots.asArray()) {
    const annot = doc.context.lookup(entry);
    if (!(annot instanceof PDFDict)) continue;
    if (annot.get(name('Subtype'))?.toString() === '/Popup') continue;
    // PDF/UA-1 7.18.5: a link describes where it leads (Chromium writes none).
    if (annot.get(name('Subtype'))?.toString() === '/Link' && !annot.has(name('Contents'))) {
      const target = linkTargetPage(doc, annot, pageNumbers);
      annot.set(name('Contents'), PDFHexString.fromText(target ? `Verweis auf Seite ${target}` : 'Verweis'));
    }
    const flags = annot.lookupMaybe(name('F'), PDFNumber)?.asNumber() ?? 0;
    const fixed = (flags | PRINT) & ~(INVISIBLE | HIDDEN | NO_VIEW | TOGGLE_NO_VIEW);
    if (fixed !== flags) annot.set(name('F'), PDFNumber.of(fixed));
  }
}

/** The page number an internal link jumps to (explicit destination or GoTo action), if it is one. */
function linkTargetPage(doc: PDFDocument, annot: PDFDict, pageNumbers: Map<string, number>): number | undefined {
  const action = annot.lookupMaybe(name('A'), PDFDict);
  const dest = doc.context.lookup(action ? action.get(name('D')) : annot.get(name('Dest')));
  const page = dest instanceof PDFArray ? dest.get(0) : undefined;
  return page instanceof PDFRef ? pageNumbers.get(page.toString()) : undefined;
}
