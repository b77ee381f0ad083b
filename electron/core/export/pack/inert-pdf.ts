import { PDFArray, PDFDict, PDFName, PDFRef, PDFStream, type PDFDocument, type PDFObject } from '../pdf/pdf-lib.js';

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

/** Makes the document inert in place; returns German labels of what was removed (empty: nothing). */
export function removeActiveContent(doc: PDFDocument): string[] {
  const { context } = doc;
  const removed = new Set<string>();
  const dicts = new Set<PDFDict>();
  const embeddedFiles: PDFRef[] = [];

  // Every dictionary of the file, direct ones inside arrays and other dictionaries included.
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (object instanceof PDFStream && nameOf(object.dict.get(name('Type'))) === 'EmbeddedFile') embeddedFiles.push(ref);
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
  if (embeddedFiles.length) removed.add('eingebettete Dateien');

  return [...removed].sort((a, b) => a.localeCompare(b, 'de'));
}
