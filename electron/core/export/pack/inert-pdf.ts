import { inflateSync } from 'node:zlib';
import { scanOperators } from '../pdf/archival/content-artifacts.js';
import { ContentMemo, streamContentKey } from '../pdf/archival/content-memo.js';
import { contentStreams, decodedContent, formXObjects } from './page-objects.js';
import { PDFArray, PDFBool, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, decodePDFRawStream, type PDFDocument, type PDFObject } from '../pdf/pdf-lib.js';

/**
 * What an Anlage PDF may do when opened, clicked or filled in, taken out before it enters a pack
 * that is published: JavaScript (on opening, in links, in form fields), Launch (start a
 * program), SubmitForm/ImportData (send or fetch data), URI links, links into other files,
 * multimedia and embedded files. Only jumps inside the document (GoTo, /Dest) stay. A web
 * address printed on the page stays readable as text; it is just no longer a link.
 *
 * Works on every object of the source document, not only on what the pages reference: an
 * action parked in an unreferenced object, or in the catalog, would otherwise still travel in
 * the file's bytes wherever a page points at it.
 */

const name = PDFName.of;

/** Action types (PDF 2.0, 12.6.4) by the label of the warning; GoTo is the one kept. */
const ACTION_LABELS: Record<string, string> = {
  JavaScript: 'JavaScript',
  Launch: 'Programmstarts (Launch)',
  SubmitForm: 'Formularversand (SubmitForm)',
  ImportData: 'Datenimport (ImportData)',
  ResetForm: 'Formularaktionen',
  URI: 'Weblinks (der Text bleibt sichtbar)',
  GoToR: 'Verweise auf andere Dateien',
  GoToE: 'Verweise auf andere Dateien',
  GoToDp: 'Verweise auf andere Dateien',
  Thread: 'Artikelverweise',
  Sound: 'Multimedia',
  Movie: 'Multimedia',
  Rendition: 'Multimedia',
  RichMediaExecute: 'Multimedia',
  GoTo3DView: 'Multimedia',
  Hide: 'Anzeigeaktionen',
  Named: 'Anzeigeaktionen',
  SetOCGState: 'Anzeigeaktionen',
  Trans: 'Anzeigeaktionen',
};
/** Annotations that carry or play content of their own: removed from the page as a whole. */
const ANNOTATION_LABELS: Record<string, string> = {
  FileAttachment: 'eingebettete Dateien',
  Sound: 'Multimedia',
  Movie: 'Multimedia',
  Screen: 'Multimedia',
  RichMedia: 'Multimedia',
  '3D': 'Multimedia',
};
/** Keys whose value runs on an event (pages, annotations, fields, catalog), or holds script. */
const EVENT_KEYS: Record<string, string> = {
  AA: 'automatische Aktionen (beim Öffnen, Schließen, Ausfüllen)',
  XFA: 'XFA-Formulare',
};

const nameOf = (value: PDFObject | undefined): string | undefined => (value instanceof PDFName ? value.decodeText() : undefined);

/**
 * Makes the document inert in place; returns German labels of what was removed (empty: nothing).
 * `objects`: the walk over the document (documentObjects), shared with removeArchivalObstacles.
 */
export function removeActiveContent(doc: PDFDocument, objects: DocumentObjects = documentObjects(doc)): string[] {
  const { context } = doc;
  const removed = new Set<string>();
  const { dicts, streams } = objects;
  const embeddedFiles: PDFRef[] = [];
  for (const [ref, object] of streams) {
    if (nameOf(object.dict.get(name('Type'))) === 'EmbeddedFile') embeddedFiles.push(ref);
  }

  const neutralised = new Set<PDFDict>();
  for (const dict of dicts) {
    const type = nameOf(dict.get(name('S')));
    if (type && ACTION_LABELS[type] && (dict.has(name('Type')) ? nameOf(dict.get(name('Type'))) === 'Action' : true)) {
      removed.add(ACTION_LABELS[type]!);
      for (const key of dict.keys()) dict.delete(key);
      neutralised.add(dict);
      continue;
    }
    if (dict.has(name('JS'))) {
      // Script without a proper action type: still script.
      removed.add('JavaScript');
      dict.delete(name('JS'));
    }
    for (const [key, label] of Object.entries(EVENT_KEYS)) {
      if (dict.has(name(key))) {
        removed.add(label);
        dict.delete(name(key));
      }
    }
    // Usually just "open at page 1" (office programs write that); an action there is reported
    // as what it is above. The catalog does not travel into the pack anyway.
    dict.delete(name('OpenAction'));
    // Name trees of document-level scripts and attached files (catalog /Names).
    if (dict.has(name('JavaScript')) && !dict.has(name('S'))) {
      removed.add('JavaScript');
      dict.delete(name('JavaScript'));
    }
    if (dict.has(name('EmbeddedFiles'))) {
      removed.add('eingebettete Dateien');
      dict.delete(name('EmbeddedFiles'));
    }
  }

  const resolve = (value: PDFObject | undefined) => (value instanceof PDFRef ? context.lookup(value) : value);
  for (const dict of dicts) {
    // Links and chains that pointed at a removed action now point at nothing: drop the key.
    for (const key of ['A', 'Next']) {
      const target = resolve(dict.get(name(key)));
      if (target instanceof PDFDict && neutralised.has(target)) dict.delete(name(key));
      else if (target instanceof PDFArray && key === 'Next') dict.delete(name('Next'));
    }
  }
  for (const dict of dicts) {
    const annots = resolve(dict.get(name('Annots')));
    if (!(annots instanceof PDFArray)) continue;
    const kept = annots.asArray().filter((entry) => {
      const annot = resolve(entry);
      const label = annot instanceof PDFDict ? ANNOTATION_LABELS[nameOf(annot.get(name('Subtype'))) ?? ''] : undefined;
      if (label) removed.add(label);
      // A link whose only action was removed is an empty rectangle: gone with it.
      const deadLink = annot instanceof PDFDict && nameOf(annot.get(name('Subtype'))) === 'Link' && !annot.has(name('A')) && !annot.has(name('Dest'));
      return !label && !deadLink;
    });
    if (kept.length !== annots.size()) dict.set(name('Annots'), context.obj(kept));
  }

  // The attached files' bytes themselves: no reference may bring them along.
  for (const ref of embeddedFiles) context.assign(ref, context.stream(new Uint8Array(0), { Type: 'EmbeddedFile' }));
  if (embeddedFiles.length) {
    removed.add('eingebettete Dateien');
    // The walk must not hand the old streams on: recompressing one would bring its bytes back.
    const gone = new Set(embeddedFiles);
    objects.streams = streams.filter(([ref]) => !gone.has(ref));
  }

  return [...removed].sort((a, b) => a.localeCompare(b, 'de'));
}

export interface DocumentObjects {
  dicts: Set<PDFDict>;
  streams: [PDFRef, PDFStream][];
}

/**
 * Every dictionary of the file, direct ones inside arrays and other dictionaries included, and
 * every stream: one walk for both passes over an Anlage.
 */
export function documentObjects(doc: PDFDocument): DocumentObjects {
  const dicts = new Set<PDFDict>();
  const streams: [PDFRef, PDFStream][] = [];
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFStream) streams.push([ref, object]);
    const stack: PDFObject[] = [object instanceof PDFStream ? object.dict : object];
    while (stack.length) {
      const item = stack.pop()!;
      if (item instanceof PDFDict) {
        if (dicts.has(item)) continue;
        dicts.add(item);
        for (const [, value] of item.entries()) if (value instanceof PDFDict || value instanceof PDFArray) stack.push(value);
      } else if (item instanceof PDFArray) {
        for (const value of item.asArray()) if (value instanceof PDFDict || value instanceof PDFArray) stack.push(value);
      }
    }
  }
  return { dicts, streams };
}

/** Blend modes PDF/A-2 (6.2.10) allows: those of ISO 32000-1, Table 136 and 137. */
const STANDARD_BLEND_MODES = new Set(
  [
    'Normal', 'Compatible', 'Multiply', 'Screen', 'Overlay', 'Darken', 'Lighten', 'ColorDodge', 'ColorBurn',
    'HardLight', 'SoftLight', 'Difference', 'Exclusion', 'Hue', 'Saturation', 'Color', 'Luminosity',
  ].map((mode) => name(mode)),
);

/** The names removeArchivalObstacles looks for, made once. */
const NAMES = ['TR', 'TR2', 'HTP', 'Default', 'BM', 'Normal', 'Subtype', 'Subtype2', 'Image', 'Interpolate', 'Alternates', 'OPI', 'Form', 'PS', 'Ref', 'DeviceCMYK', 'F', 'FFilter', 'FDecodeParms', 'Annots', 'Filter', 'LZWDecode', 'Crypt'] as const;
const N = Object.fromEntries(NAMES.map((key) => [key, name(key)])) as Record<(typeof NAMES)[number], PDFName>;

const CMYK = 'verwendet CMYK-Farben ohne Farbprofil';

export interface ArchivalCleanup {
  /** German labels of what was changed so the Anlage fits into a PDF/A file (for the warning). */
  changed: string[];
  /** German reasons the pack cannot claim PDF/A because of this Anlage; empty when it can. */
  blockers: string[];
}

/**
 * Takes out of an Anlage what PDF/A-2 forbids and what can go without changing what the page
 * shows in any viewer that matters: transfer functions and halftone phases (device tuning for
 * old printers), non-standard blend modes (drawn as Normal), image alternates and OPI links to
 * print-shop files, PostScript fragments (ignored by every PDF viewer), references to external
 * stream data and XObjects from other files, smoothing flags on images; LZW-compressed streams are
 * recompressed with Flate. Device CMYK colour cannot be made conforming without a CMYK profile:
 * it is reported as a blocker, and the pack then claims PDF/UA only.
 */
export function removeArchivalObstacles(doc: PDFDocument, objects: DocumentObjects = documentObjects(doc)): ArchivalCleanup {
  const { context } = doc;
  const changed = new Set<string>();
  const blockers = new Set<string>();
  const { dicts, streams } = objects;
  const drop = (dict: PDFDict, key: PDFName, label: string) => {
    if (!dict.has(key)) return;
    dict.delete(key);
    changed.add(label);
  };
  // Every dictionary of every Anlage passes here at each pack: names are compared as the
  // interned PDFName objects they are (PDFName.of pools them by decoded text), not decoded.
  for (const dict of dicts) {
    drop(dict, N.TR, 'Transferfunktionen');
    drop(dict, N.HTP, 'Transferfunktionen');
    const tr2 = dict.get(N.TR2);
    if (tr2 !== undefined && tr2 !== N.Default) drop(dict, N.TR2, 'Transferfunktionen');
    const bm = dict.get(N.BM);
    if (bm !== undefined && (bm instanceof PDFArray ? bm.asArray() : [bm]).some((mode) => !(mode instanceof PDFName) || !STANDARD_BLEND_MODES.has(mode))) {
      dict.set(N.BM, N.Normal);
      changed.add('nicht archivtaugliche Transparenz-Mischmodi');
    }
    const subtype = dict.get(N.Subtype);
    if (subtype === N.Image) {
      const interpolate = dict.get(N.Interpolate);
      // Only a hint to viewers; PDF/A wants the same pixels everywhere.
      if (interpolate instanceof PDFBool && interpolate.asBoolean()) dict.delete(N.Interpolate);
      drop(dict, N.Alternates, 'Druckvarianten von Bildern (OPI/Alternates)');
    }
    drop(dict, N.OPI, 'Druckvarianten von Bildern (OPI/Alternates)');
    if (subtype === N.Form || dict.get(N.Subtype2) === N.PS) {
      drop(dict, N.PS, 'PostScript-Fragmente');
      drop(dict, N.Subtype2, 'PostScript-Fragmente');
      drop(dict, N.Ref, 'Verweise auf andere Dateien');
    }
    for (const [, value] of dict.entries()) {
      const resolved = value instanceof PDFRef ? context.lookup(value) : value;
      if (resolved === N.DeviceCMYK || (resolved instanceof PDFArray && resolved.asArray().includes(N.DeviceCMYK))) {
        blockers.add(CMYK);
      }
    }
  }
  // Annotations PDF/A-2 (6.3.3) wants drawn by their own appearance: one without any (sticky
  // notes, form fields of a form that stays behind) shows nothing reliable and goes.
  for (const dict of dicts) {
    const annots = dict.get(N.Annots);
    const list = annots instanceof PDFRef ? context.lookup(annots) : annots;
    if (!(list instanceof PDFArray)) continue;
    const kept = list.asArray().filter((entry) => {
      const annot = entry instanceof PDFRef ? context.lookup(entry) : entry;
      if (!(annot instanceof PDFDict)) return false;
      const subtype = nameOf(annot.get(name('Subtype')));
      const ap = annot.get(name('AP'));
      const appearance = ap instanceof PDFRef ? context.lookup(ap) : ap;
      if (appearance instanceof PDFDict) {
        appearance.delete(name('D'));
        appearance.delete(name('R'));
      }
      if (subtype === 'Link' || subtype === 'Popup' || appearance instanceof PDFDict) return true;
      changed.add('Anmerkungen und Formularfelder ohne eigene Darstellung');
      return false;
    });
    if (kept.length !== list.size()) dict.set(name('Annots'), context.obj(kept));
  }
  for (const [ref, stream] of streams) {
    const dict = stream.dict;
    for (const key of [N.F, N.FFilter, N.FDecodeParms]) drop(dict, key, 'Verweise auf andere Dateien');
    if (dict.get(N.Subtype) === N.PS) {
      // A PostScript XObject paints nothing in a PDF viewer: an empty form takes its place.
      context.assign(ref, context.formXObject([], { BBox: [0, 0, 0, 0] }));
      changed.add('PostScript-Fragmente');
      continue;
    }
    const filter = dict.get(N.Filter);
    const filters = filter instanceof PDFArray ? filter.asArray() : [filter];
    if (filters.includes(N.LZWDecode) && stream instanceof PDFRawStream) {
      try {
        // Decoded through the whole filter chain, then stored with Flate alone.
        const data = decodePDFRawStream(stream).decode();
        dict.delete(name('Filter'));
        dict.delete(name('DecodeParms'));
        context.assign(ref, context.flateStream(data, Object.fromEntries(dict.entries().map(([k, v]) => [k.decodeText(), v]))));
      } catch {
        blockers.add('enthält LZW-komprimierte Daten, die sich nicht lesen ließen');
      }
    }
    if (filters.includes(N.Crypt)) blockers.add('enthält verschlüsselte Datenströme');
  }
  // Content streams use device CMYK through operators, not names.
  if (!blockers.has(CMYK)) {
    const seen = new Set<PDFStream>();
    const showsCmyk = (stream: PDFStream) => {
      if (seen.has(stream)) return false;
      seen.add(stream);
      const key = streamContentKey(stream);
      const known = key === null ? undefined : cmykVerdicts.get(key);
      if (known !== undefined) return known;
      const found = drawsDeviceCmyk(stream);
      if (key !== null) cmykVerdicts.set(key, found, key.length + 16);
      return found;
    };
    if (doc.getPages().some((page) => [...contentStreams(page), ...formXObjects(page)].some(showsCmyk))) blockers.add(CMYK);
  }
  return { changed: [...changed].sort((a, b) => a.localeCompare(b, 'de')), blockers: [...blockers] };
}

/**
 * Whether a content stream sets a device CMYK colour (k/K), by its content key: the same Anlage
 * comes into every pack of a Sitzung, and inflating all its pages was the largest part of what
 * PDF/A cost (docs/pdf-archival.md). ~60 bytes per stream; 4 MB hold ~60 000 streams.
 */
const cmykVerdicts = new ContentMemo<boolean>(4 * 1024 * 1024);

function drawsDeviceCmyk(stream: PDFStream): boolean {
  const bytes = contentBytes(stream);
  // A native byte search first; the exact token scan only where a lone k/K appears at all.
  if (bytes === null || !(hasLoneByte(bytes, 0x6b) || hasLoneByte(bytes, 0x4b))) return false;
  const text = bytes.toString('latin1');
  let found = false;
  scanOperators(text, (op) => {
    if (op === 'k' || op === 'K') found = true;
    return found ? text.length : undefined;
  });
  return found;
}

/** A content stream's bytes: plain Flate through Node's zlib (pdf-lib's inflate is JavaScript, ~5× slower). */
function contentBytes(stream: PDFStream): Buffer | null {
  const filter = stream.dict.get(name('Filter'));
  if (stream instanceof PDFRawStream && nameOf(filter) === 'FlateDecode' && !stream.dict.has(name('DecodeParms'))) {
    try {
      return inflateSync(stream.getContents());
    } catch {
      // Damaged data: pdf-lib's decoder is more forgiving.
    }
  }
  const text = decodedContent(stream);
  return text === null ? null : Buffer.from(text, 'latin1');
}

const SEPARATOR = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/** Whether `byte` occurs as a token of its own (separated on both sides). */
function hasLoneByte(bytes: Buffer, byte: number): boolean {
  for (let at = bytes.indexOf(byte); at >= 0; at = bytes.indexOf(byte, at + 1)) {
    const before = at === 0 ? 0x20 : bytes[at - 1]!;
    const after = at + 1 >= bytes.length ? 0x20 : bytes[at + 1]!;
    if (SEPARATOR.has(before) && SEPARATOR.has(after)) return true;
  }
  return false;
}
