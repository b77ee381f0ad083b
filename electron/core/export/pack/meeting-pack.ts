import type { PackVariant } from '../../../shared/api/pdf-export.js';
import { sha256 } from '../../db/hash.js';
import { escapeHtml as e } from '../../document/text.js';
import { embeddedFontCss } from '../html/fonts.js';
import { meetingRunningHeader, renderMeetingHtml } from '../html/meeting.js';
import { NON_PUBLIC_MARK, paperRunningHeader, renderPaperHtml } from '../html/paper.js';
import {
  formatDateDe,
  formatDateLongDe,
  formatTimeDe,
  invitationTitle,
  neutralAgendaItem,
  type MeetingPrintItem,
  type MeetingPrintModel,
  type PaperPrintModel,
} from '../print-model.js';
import { PackError } from './errors.js';
import { bodyOf, destinationLinks, markSheet, withBody, withExtraCss } from './html-combine.js';
import type { FrontMatterLayout, PrintDocument, RenderPackPlan } from './render-pack.js';
import { partLinkName, type AttachmentPart, type OutlineItem } from './types.js';

export type { PackVariant };

export const VARIANT_LABEL: Record<PackVariant, string> = {
  public: 'öffentlich',
  members: 'für Mitglieder',
};

export interface MeetingPackAttachment {
  title: string;
  fileName: string;
  public: boolean;
  data: AttachmentPart['data'];
  /** SHA-256 of the content, when known (stored Anlagen). */
  sha256?: string;
}

export interface MeetingPackItem {
  /** The TOP as the Tagesordnung prints it (number, title, public, Vorlage number). */
  item: MeetingPrintItem;
  /** The Vorlage printed for this Sitzung, or null for items without one. */
  paper: PaperPrintModel | null;
  /** Anlagen of the Vorlage in their order, public and non-public. */
  attachments: MeetingPackAttachment[];
}

export interface MeetingPackInput {
  variant: PackVariant;
  /** Einladung + Tagesordnung of the Sitzung with all items (both parts). */
  meeting: MeetingPrintModel;
  /** One entry per item of `meeting.items`, same order. */
  items: MeetingPackItem[];
}

export interface ComposedMeetingPack {
  plan: RenderPackPlan;
  /** German notes about what the variant left out or had to change. */
  warnings: { code: string; message: string }[];
  /** Included TOPs with their part ids, for callers that report start pages. */
  tops: { number: string; title: string; partIds: string[] }[];
}

const COVER = 'vw-cover';
const EINLADUNG = 'vw-einladung';
const TAGESORDNUNG = 'vw-tagesordnung';
const docId = (i: number) => `vw-doc-${i}`;

/** "Nachtrag" or "Tischvorlage": stamped on every page of a TOP added after the Einladung. */
const lateMark = (item: MeetingPrintItem) => (item.tischvorlage ? 'Tischvorlage' : item.supplement ? 'Nachtrag' : null);

function withLateMark(header: ReturnType<typeof paperRunningHeader>, item: MeetingPrintItem): ReturnType<typeof paperRunningHeader> {
  const mark = lateMark(item);
  if (!mark) return header;
  return {
    first: { right: header.first ? `${header.first.right} – ${mark}` : mark },
    rest: { ...header.rest, right: `${header.rest.right} – ${mark}` },
  };
}

/** Vorlagen per print batch (see printBatches). */
const BATCH_SIZE = 7;

/**
 * Splits the Vorlagen into print batches of BATCH_SIZE, in order, by position only: not by
 * length, nor by how many prints the renderer runs at once. After one Vorlage changed, every other
 * batch is then the same print as before and comes from the print cache, so a pack prints only
 * the changed Vorlage's batch; that matters where nothing is printed on save (the CLI). A
 * Nachtrag TOP, added at the end, changes only the last batch. Several batches also let the
 * renderer print on both cores, and the engine take in the first while the others print.
 */
function printBatches<T>(documents: T[]): T[][] {
  return Array.from({ length: Math.ceil(documents.length / BATCH_SIZE) }, (_, i) => documents.slice(i * BATCH_SIZE, (i + 1) * BATCH_SIZE));
}

/**
 * Turns a Sitzung into a render plan for its Sitzungsmappe. The variant filter sits here, at the
 * single point every pack passes through: in the public variant no non-public TOP, Vorlage or
 * Anlage — nor its title, file name or number — reaches any HTML, bookmark or metadata, so it
 * cannot reach the PDF.
 */
export function composeMeetingPack(input: MeetingPackInput): ComposedMeetingPack {
  const { variant, meeting } = input;
  if (input.items.length !== meeting.items.length) throw new PackError('PACK_INPUT', 'Tagesordnung und Unterlagen passen nicht zusammen.');
  const isPublicVariant = variant === 'public';
  const warnings: ComposedMeetingPack['warnings'] = [];

  interface Included {
    item: MeetingPrintItem;
    paper: PaperPrintModel | null;
    attachments: MeetingPackAttachment[];
    partIds: string[];
  }
  const included: Included[] = [];
  // The Körperschaft may list non-public TOPs in the public Tagesordnung, neutrally (no papers).
  const neutral = isPublicVariant && meeting.body.publicAgendaClosed === 'neutral';
  for (const entry of input.items) {
    if (isPublicVariant && !entry.item.public) {
      if (neutral) included.push({ item: neutralAgendaItem(entry.item), paper: null, attachments: [], partIds: [] });
      continue;
    }
    let paper = entry.paper;
    let item = entry.item;
    if (paper && isPublicVariant && !paper.paper.public) {
      // A public TOP with a non-public Vorlage: the TOP stays, its papers do not.
      warnings.push({
        code: 'PAPER_NOT_PUBLIC',
        message: `TOP ${item.number}: Die Vorlage ist nichtöffentlich und fehlt deshalb in der öffentlichen Sitzungsmappe.`,
      });
      paper = null;
      item = { ...item, paperReference: null };
    }
    const attachments = paper ? entry.attachments.filter((a) => !isPublicVariant || a.public) : [];
    if (paper && isPublicVariant) paper = { ...paper, attachments: paper.attachments.filter((a) => a.public) };
    included.push({ item, paper, attachments, partIds: [] });
  }

  const empty = included.filter((i) => i.paper && !hasContent(i.paper));
  if (empty.length) {
    throw new PackError(
      'PACK_INPUT',
      `Die Sitzungsmappe kann nicht erstellt werden: ${empty
        .map((i) => `Die Vorlage ${i.paper!.paper.reference} (TOP ${i.item.number}) hat keinen Inhalt`)
        .join('; ')}. Bitte ergänzen Sie den Text oder nehmen Sie die Vorlage von der Tagesordnung.`,
    );
  }

  const sequence: RenderPackPlan['sequence'] = [];
  const documents: { id: string; destination: string; html: string }[] = [];
  included.forEach((entry, index) => {
    const prefix = `top-${index + 1}`;
    if (entry.paper) {
      const id = `${prefix}-vorlage`;
      // Without fonts: only the body is used, the fonts are added once per print batch.
      const html = renderPaperHtml(entry.paper, { pageNumbers: false, runningHeader: false, embedFonts: false });
      documents.push({ id, destination: docId(documents.length + 1), html });
      // Stamped instead of printed: the print CSS's :first is the first page of the whole batch.
      const header = withLateMark(paperRunningHeader(entry.paper), entry.item);
      sequence.push({ kind: 'document', id, header: { first: header.first ?? undefined, rest: header.rest } });
      entry.partIds.push(id);
      entry.attachments.forEach((attachment, j) => {
        const part: AttachmentPart = {
          kind: 'attachment',
          id: `${prefix}-anlage-${j + 1}`,
          title: attachment.title,
          fileName: attachment.fileName,
          data: attachment.data,
          ...(attachment.sha256 ? { contentHash: attachment.sha256 } : {}),
          stamp: `Anlage ${j + 1} zu TOP ${entry.item.number} – Vorlage ${entry.paper!.paper.reference}${attachment.public && entry.paper!.paper.public ? '' : ` – ${NON_PUBLIC_MARK}`}${lateMark(entry.item) ? ` – ${lateMark(entry.item)}` : ''}`,
        };
        sequence.push(part);
        entry.partIds.push(part.id);
      });
    }
  });

  const visibleMeeting: MeetingPrintModel = { ...meeting, items: included.map((i) => i.item) };
  const frontHtml = (layout: FrontMatterLayout | null) => {
    // 999 keeps the column as wide as any real page number in the first, measuring pass.
    const pageOf = (partId: string) => (layout ? layout.starts[partId]! : 999);
    const items = included.map((entry) => ({
      ...entry.item,
      page: entry.partIds.length ? pageOf(entry.partIds[0]!) : null,
      pageLink: entry.partIds.length ? partLinkName(entry.partIds[0]!) : null,
      attachments: entry.attachments.map((a, j) => ({
        title: a.title,
        public: a.public && !!entry.paper?.paper.public,
        page: pageOf(entry.partIds[j + 1]!),
        pageLink: partLinkName(entry.partIds[j + 1]!),
      })),
    }));
    let html = renderMeetingHtml(
      { ...visibleMeeting, items },
      { includeNonPublic: !isPublicVariant || included.some((entry) => !entry.item.public), pageNumbers: false, showPageNumbers: true, runningHeader: false, agendaOnOwnPage: true },
    );
    html = markSheet(html, 'einladung', EINLADUNG);
    html = markSheet(html, 'tagesordnung', TAGESORDNUNG);
    html = withExtraCss(html, COVER_CSS);
    // The page numbers link to parts of other prints: empty targets here give Chromium's links
    // a named destination, which the pack engine points at the part's first page.
    const targets = included.flatMap((entry) => entry.partIds).map((id) => `<span id="${partLinkName(id)}"></span>`).join('');
    return withBody(html, destinationLinks([COVER, EINLADUNG, TAGESORDNUNG]) + coverSheet(visibleMeeting, variant, layout) + bodyOf(html) + targets);
  };

  const outline: OutlineItem[] = [
    { title: 'Einladung', part: 'einladung' },
    { title: 'Tagesordnung', part: 'tagesordnung' },
    ...included.map((entry): OutlineItem => {
      const children: OutlineItem[] = [];
      if (entry.paper) {
        children.push({ title: `Vorlage ${entry.paper.paper.reference}: ${entry.paper.paper.title}`, part: entry.partIds[0]! });
        entry.attachments.forEach((a, j) => children.push({ title: `Anlage ${j + 1}: ${a.title}`, part: entry.partIds[j + 1]! }));
      }
      return {
        title: `TOP ${entry.item.number}: ${entry.item.title}`,
        // TOPs without papers open the Tagesordnung, where they are listed.
        part: entry.partIds[0] ?? 'tagesordnung',
        children,
        open: true,
      };
    }),
  ];

  const date = formatDateDe(meeting.meeting.start);
  const sessionName = `${meeting.meeting.number ? `${meeting.meeting.number}. ` : ''}Sitzung ${meeting.committee.genitive} am ${date}`;
  return {
    plan: {
      front: {
        html: frontHtml,
        // The running header is stamped per part: printed, it would sit above the Einladung's
        // letterhead (page 2 of the front matter, after the cover).
        parts: [
          { id: 'cover', destination: COVER },
          { id: 'einladung', destination: EINLADUNG, header: { rest: meetingRunningHeader(meeting) } },
          { id: 'tagesordnung', destination: TAGESORDNUNG, header: { rest: meetingRunningHeader(meeting) } },
        ],
      },
      documents: () => printBatches(documents).map(printDocument),
      singleDocuments: () => documents.map((d) => printDocument([d])),
      sequence,
      outline,
      metadata: {
        title: `Sitzungsmappe – ${sessionName}`,
        subject: isPublicVariant
          ? 'Einladung, Tagesordnung, Vorlagen und Anlagen – öffentlicher Teil'
          : 'Einladung, Tagesordnung, Vorlagen und Anlagen – öffentlicher und nichtöffentlicher Teil (für Mitglieder)',
        author: meeting.body.name,
        keywords: ['Sitzungsmappe', meeting.committee.shortName, VARIANT_LABEL[variant]],
      },
    },
    warnings,
    tops: included.map((i) => ({ number: i.item.number, title: i.item.title, partIds: i.partIds })),
  };
}

/** Vorlagen as one print document: their sheets one after another, fonts once, a named destination each. */
function printDocument(batch: { id: string; destination: string; html: string }[]): PrintDocument {
  const fonts = embeddedFontCss();
  const withoutFonts = withBody(batch[0]!.html, destinationLinks(batch.map((d) => d.destination)) + batch.map((d) => markSheet(bodyOf(d.html), null, d.destination)).join('\n'));
  return {
    html: withExtraCss(withoutFonts, fonts),
    parts: batch.map(({ id, destination }) => ({ id, destination })),
    // Hashing the fonts (~0.4 MB) once instead of with every Vorlage keeps the cache lookup cheap.
    id: `${fontsHash(fonts)}:${sha256(withoutFonts)}`,
  };
}

let hashedFonts: { css: string; hash: string } | null = null;
function fontsHash(css: string): string {
  if (hashedFonts?.css !== css) hashedFonts = { css, hash: sha256(css) };
  return hashedFonts.hash;
}

function hasContent(model: PaperPrintModel): boolean {
  const text = (node: unknown): boolean => {
    if (!node || typeof node !== 'object') return false;
    const n = node as { type?: string; text?: string; content?: unknown[] };
    if (n.type === 'text' && n.text?.trim()) return true;
    return Array.isArray(n.content) && n.content.some(text);
  };
  return model.sections.some((s) => text(s.body));
}

const COVER_CSS = `
.sheet.cover { display: flex; flex-direction: column; min-height: 240mm; }
.cover .cover-body { font-size: 11pt; color: var(--muted); margin-bottom: 2mm; }
.cover .cover-committee { font-size: 13pt; font-weight: bold; padding-bottom: 4mm; border-bottom: 0.75pt solid var(--rule); }
.cover .cover-title { font-size: 24pt; line-height: 1.25; margin: 45mm 0 10mm; }
.cover .cover-session { display: block; font-size: 15pt; font-weight: normal; margin-top: 4mm; }
.cover table.cover-facts { font-size: 12pt; }
.cover table.cover-facts th { text-align: left; font-weight: normal; color: var(--muted); padding: 2pt 8mm 2pt 0; vertical-align: top; }
.cover table.cover-facts td { font-weight: bold; padding: 2pt 0; }
.cover .cover-variant { margin-top: auto; padding-top: 4mm; border-top: 0.75pt solid var(--rule); font-size: 11pt; }
.cover .cover-variant .confidential { font-weight: bold; margin-top: 2mm; }
`;

function coverSheet(model: MeetingPrintModel, variant: PackVariant, layout: FrontMatterLayout | null): string {
  const { meeting } = model;
  const pages = layout ? `${layout.totalPages} Seiten` : '999 Seiten';
  const variantText =
    variant === 'public'
      ? `<p>Sitzungsmappe – öffentlicher Teil · ${pages}</p>`
      : `<p>Sitzungsmappe für die Mitglieder – öffentlicher und nichtöffentlicher Teil · ${pages}</p>` +
        '<p class="confidential">Enthält nichtöffentliche Unterlagen. Vertraulich behandeln, nicht weitergeben.</p>';
  return `<main id="${COVER}" class="sheet cover">
<div class="cover-body">${e(model.body.name)}</div>
<div class="cover-committee">${e(model.committee.name)}</div>
<h1 class="cover-title">Sitzungsmappe<span class="cover-session">${e(invitationTitle(model).replace(/^Einladung /, ''))}</span></h1>
<table class="cover-facts">
<tr><th scope="row">Datum</th><td>${e(formatDateLongDe(meeting.start))}</td></tr>
<tr><th scope="row">Uhrzeit</th><td>${e(formatTimeDe(meeting.start))}</td></tr>
<tr><th scope="row">Ort</th><td>${e(meeting.location ?? 'wird noch bekannt gegeben')}</td></tr>
</table>
<div class="cover-variant">${variantText}</div>
</main>
`;
}
