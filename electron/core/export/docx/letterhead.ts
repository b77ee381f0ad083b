import { Paragraph, patchDetector, patchDocument, PatchType, Table, TableCell, TableRow, TextRun, WidthType, BorderStyle, type FileChild, type IPatch } from 'docx';
import JSZip from 'jszip';
import { DEFAULT_DOCX_LIMITS, openDocxSafely, type DocxLimits } from '../../document/docx-container.js';
import { DocumentError } from '../../document/errors.js';
import { formatDateDe, sessionPartLabel, type PaperPrintModel } from '../print-model.js';
import { withColon } from '../html/paper.js';
import { DocConverter, finishDocx, NUMBERING, para, runs, TEXT_WIDTH } from './common.js';
import { paperProperties } from './paper.js';

/**
 * Export into a Body's own Word letterhead (Hausvorlage) with docx's patchDocument: the
 * letterhead's styles, logo, header and footer stay; its placeholders are filled in.
 *
 * Inline placeholders (text, keeps the placeholder's formatting):
 *   {{koerperschaft}} {{amt}} {{vorlage_nr}} {{datum}} {{art}} {{sitzungsteil}} {{top}}
 *   {{betreff}} {{schlusszeile}}
 * Block placeholders (replace their whole paragraph):
 *   {{beratungsfolge}} {{inhalt}} {{unterzeichnung}} {{anlagen}}
 *
 * User text is never taken for a placeholder: the letterhead's placeholders are first turned
 * into private-use marker characters, which are removed from all user text, and only then are
 * the values put in, in one pass.
 */
export const LETTERHEAD_INLINE = ['koerperschaft', 'amt', 'vorlage_nr', 'datum', 'art', 'sitzungsteil', 'top', 'betreff', 'schlusszeile'] as const;
export const LETTERHEAD_BLOCK = ['beratungsfolge', 'inhalt', 'unterzeichnung', 'anlagen'] as const;
const ALL = [...LETTERHEAD_INLINE, ...LETTERHEAD_BLOCK] as const;
type Key = (typeof ALL)[number];

const START = '\uE000';
const END = '\uE001';
const MARKERS = /[\uE000\uE001]/g;

/** Checks a letterhead: a safe DOCX, has {{inhalt}}, no unknown placeholders. Returns the placeholders found. */
export async function checkLetterhead(bytes: Uint8Array, limits: DocxLimits = DEFAULT_DOCX_LIMITS): Promise<string[]> {
  await openDocxSafely(bytes, limits);
  let found: readonly string[];
  try {
    found = await patchDetector({ data: bytes, trimPlaceholders: true });
  } catch (cause) {
    throw new DocumentError('Die Hausvorlage konnte nicht gelesen werden (beschädigte DOCX-Datei).', { cause });
  }
  const unknown = found.filter((k) => !(ALL as readonly string[]).includes(k));
  if (unknown.length) {
    throw new DocumentError(
      `Die Hausvorlage enthält unbekannte Platzhalter: ${unknown.map((k) => `{{${k}}}`).join(', ')}. Erlaubt sind: ${ALL.map((k) => `{{${k}}}`).join(', ')}.`,
    );
  }
  if (!found.includes('inhalt')) throw new DocumentError('Die Hausvorlage enthält keinen Platzhalter {{inhalt}} für den Text der Vorlage.');
  return [...found];
}

const clean = (text: string) => text.replace(MARKERS, '');

/** The Vorlage printed into a letterhead. */
export async function renderPaperDocxWithLetterhead(model: PaperPrintModel, letterhead: Uint8Array, limits?: DocxLimits): Promise<Buffer> {
  const present = new Set(await checkLetterhead(letterhead, limits));

  // Phase 1: the letterhead's own placeholders → markers that no user text can contain.
  const markers: Record<string, IPatch> = {};
  for (const key of present) markers[key] = { type: PatchType.PARAGRAPH, children: [new TextRun(`${START}${key}${END}`)] };
  const marked = await patchDocument({ outputType: 'uint8array', data: letterhead, patches: markers, trimPlaceholders: true, keepOriginalStyles: true });

  // Phase 2: the values.
  const converter = new DocConverter(true, model.body.listNumbering);
  const text = (value: string): IPatch => ({ type: PatchType.PARAGRAPH, children: runs(clean(value)) });
  const block = (children: FileChild[]): IPatch => ({ type: PatchType.DOCUMENT, children });
  const values: Record<Key, IPatch> = {
    koerperschaft: text(model.body.name),
    amt: text(model.department.name),
    vorlage_nr: text(model.paper.reference),
    datum: text(formatDateDe(model.paper.date ?? null)),
    art: text(model.paper.kindLabel),
    sitzungsteil: text(sessionPartLabel(model.paper.public)),
    top: text(model.printedFor?.agendaNumber ?? ''),
    betreff: text(model.paper.title),
    schlusszeile: text(model.closingLine ?? ''),
    beratungsfolge: block([beratungsfolge(model)]),
    inhalt: block(
      model.sections.flatMap((s) => [
        para(clean(withColon(s.title)), { spacing: { before: 320, after: 140 }, keepNext: true, outlineLevel: 1 }, { bold: true }),
        ...converter.blocks(cleanDoc(s.body)),
      ]),
    ),
    unterzeichnung: block([
      para(clean(model.signature.greeting), { spacing: { before: 240, after: 800 }, keepNext: true }),
      ...(model.signature.signatory ? [para(clean(model.signature.signatory))] : []),
    ]),
    anlagen: block(attachments(model, converter)),
  };
  const patches: Record<string, IPatch> = {};
  for (const key of present) patches[key] = values[key as Key];
  const out = await patchDocument({
    outputType: 'uint8array',
    data: marked,
    patches,
    placeholderDelimiters: { start: START, end: END },
    keepOriginalStyles: true,
    numbering: NUMBERING,
    properties: { ...paperProperties(model), lastModifiedBy: 'Vorlagenwerk' },
  });
  return dedupeIgnorable(out);
}

/**
 * patchDocument appends " w15" to mc:Ignorable on every pass; two passes leave "w15 w15".
 * Word's markup-compatibility handling is strict, so the list is written once more without
 * duplicates.
 */
async function dedupeIgnorable(bytes: Uint8Array): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  for (const name of Object.keys(zip.files)) {
    if (!/^word\/[^/]+\.xml$/.test(name)) continue;
    const xml = await zip.file(name)!.async('string');
    const fixed = xml.replace(/mc:Ignorable="([^"]*)"/, (_m, list: string) => `mc:Ignorable="${[...new Set(list.split(/\s+/).filter(Boolean))].join(' ')}"`);
    if (fixed !== xml) zip.file(name, fixed);
  }
  return finishDocx(await zip.generateAsync({ type: 'uint8array' }));
}

function cleanDoc<T>(doc: T): T {
  return JSON.parse(JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'string' ? clean(v) : v))) as T;
}

function beratungsfolge(model: PaperPrintModel): Table {
  const widths = [TEXT_WIDTH - 1500 - 2000, 1500, 2000];
  const rule = { style: BorderStyle.SINGLE, size: 6, color: '7A7A7A' };
  const light = { style: BorderStyle.SINGLE, size: 4, color: 'C4C4C4' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const cell = (value: string, i: number, heading: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      margins: { top: 30, bottom: 30, left: 0, right: 80 },
      borders: { top: none, left: none, right: none, bottom: heading ? rule : light },
      children: [para(clean(value), { spacing: { before: 40, after: 40 } }, { size: 20, ...(heading ? { bold: true } : {}) })],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: [
      new TableRow({ tableHeader: true, children: ['Gremium', 'Datum', 'Zuständigkeit'].map((t, i) => cell(t, i, true)) }),
      ...model.consultations.map((c) => new TableRow({ cantSplit: true, children: [c.committeeName, formatDateDe(c.meetingDate), c.role].map((t, i) => cell(t, i, false)) })),
    ],
  });
}

function attachments(model: PaperPrintModel, converter: DocConverter): Paragraph[] {
  const list = model.attachments;
  if (!list.length) return [];
  if (list.length === 1) {
    return [new Paragraph({ spacing: { before: 480 }, children: [...runs(clean(model.attachmentsHeading.singular), { bold: true }), ...runs(` ${clean(list[0]!.title)}`)] })];
  }
  const instance = converter.nextListInstance();
  return [
    para(clean(model.attachmentsHeading.plural), { spacing: { before: 480, after: 60 }, keepNext: true }, { bold: true }),
    ...list.map((a) => new Paragraph({ numbering: { reference: converter.orderedReference(), level: 0, instance }, children: runs(clean(a.title)) })),
  ];
}
