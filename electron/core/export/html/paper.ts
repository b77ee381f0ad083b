import { escapeHtml } from '../../document/text.js';
import { formatDateDe, sessionPartLabel, type PaperPrintModel } from '../print-model.js';
import { docToHtml } from './doc-html.js';
import { renderPage } from './page.js';

export interface PaperHtmlOptions {
  /** "Seite X von Y" in the footer (default true; the session pack stamps its own). */
  pageNumbers?: boolean;
  /** Running header with Amt and Vorlage number on pages 2+ (default true). */
  runningHeader?: boolean;
  /** Embed the fonts (default true). */
  embedFonts?: boolean;
}

const PAPER_CSS = `
.doc-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 8mm; padding-bottom: 3mm; border-bottom: 0.75pt solid var(--rule); margin-bottom: 9mm; }
.doc-head .amt { font-weight: bold; font-size: 10.5pt; }
.doc-head .body-name { font-size: 9pt; color: var(--muted); margin-bottom: 1mm; }
.doc-head .meta { font-size: 9.5pt; text-align: right; white-space: nowrap; }
.doc-head .meta b { font-size: 10.5pt; }
.kind { margin: 0 0 7mm; line-height: 1.3; }
.kind .vorlage { font-size: 15pt; font-weight: bold; letter-spacing: 0.32em; }
.kind .part { font-weight: bold; font-size: 12pt; }
table.beratungsfolge { width: 100%; margin: 0 0 7mm; font-size: 10pt; }
table.beratungsfolge th { text-align: left; font-weight: bold; border-bottom: 0.75pt solid var(--rule); padding: 2pt 4pt 3pt 0; }
table.beratungsfolge td { border-bottom: 0.5pt solid var(--light-rule); padding: 3pt 4pt 3pt 0; vertical-align: top; }
table.beratungsfolge .datum { width: 24mm; }
table.beratungsfolge .rolle { width: 34mm; }
div.top { display: flex; align-items: flex-start; margin: 0 0 4mm; border-top: 0.75pt solid var(--rule); border-bottom: 0.75pt solid var(--rule); }
div.top .label { flex: 0 0 30mm; margin: 0; font-size: 9pt; color: var(--muted); padding: 4pt 4mm 4pt 0; line-height: 1.25; box-sizing: border-box; }
div.top .label .nr { display: block; font-size: 12pt; font-weight: bold; color: var(--ink); margin-top: 2pt; }
div.top h1 { flex: 1; font-size: 12pt; line-height: 1.35; padding: 4pt 0; }
.closing { margin-top: 12pt; }
.signature { margin-top: 12pt; }
.signature .greeting { margin-bottom: 14mm; }
.attachments { margin-top: 12mm; }
.attachments ol { margin: 2pt 0 0; }
.attachments .line .label { font-weight: bold; }
.attachments .head { font-weight: bold; margin: 0; }
`;

/**
 * One Vorlage as a self-contained HTML document: the in-app preview and the source of the PDF.
 * Layout as a Kreis prints it: Amt line; "Vorlage für den öffentlichen Sitzungsteil"; the
 * Beratungsfolge table; "Tagesordnungs-Punkt" with the Betreff; the sections; the closing line
 * for the Sitzung it is printed for; "Im Auftrag" and the signatory; the Anlagen.
 *
 * Stable signature (the PDF renderer and the session pack call it).
 */
/** An Anlage in the list; a non-public one is marked as such (issue 14.4). */
const attachmentLabel = (a: PaperPrintModel['attachments'][number]) =>
  `${escapeHtml(a.title)}${a.public ? '' : ` <span class="non-public">(${NON_PUBLIC_MARK})</span>`}`;

export function renderPaperHtml(model: PaperPrintModel, options: PaperHtmlOptions = {}): string {
  const e = escapeHtml;
  const { paper, department } = model;
  const rows = model.consultations
    .map(
      (c) =>
        `<tr><td>${e(c.committeeName)}</td><td class="datum">${e(formatDateDe(c.meetingDate))}</td><td class="rolle">${e(c.role)}</td></tr>`,
    )
    .join('');
  const agendaNumber = model.printedFor?.agendaNumber;
  const sections = model.sections
    .map(
      (s) => `<section class="section section-${e(s.key)}">
<h2>${e(withColon(s.title))}</h2>
${docToHtml(s.body)}
</section>`,
    )
    .join('\n');

  const attachments = model.attachments;
  let attachmentsHtml = '';
  if (attachments.length === 1) {
    attachmentsHtml = `<div class="attachments keep"><p class="line"><span class="label">${e(model.attachmentsHeading.singular)}</span> ${attachmentLabel(attachments[0]!)}</p></div>`;
  } else if (attachments.length > 1) {
    attachmentsHtml = `<div class="attachments keep"><p class="head">${e(model.attachmentsHeading.plural)}</p><ol>${attachments
      .map((a) => `<li>${attachmentLabel(a)}</li>`)
      .join('')}</ol></div>`;
  }

  const content = `<main class="sheet">
<header class="doc-head">
  <div><div class="body-name">${e(model.body.name)}</div><div class="amt">${e(department.name)}</div></div>
  <div class="meta"><div>Vorlage-Nr.: <b>${e(paper.reference)}</b></div>${paper.date ? `<div>Datum: ${e(formatDateDe(paper.date))}</div>` : ''}${paper.amends ? `<div class="amends">${e(paper.amends)}</div>` : ''}</div>
</header>
<div class="kind"><div class="vorlage">Vorlage</div><div>für den</div><div class="part">${e(sessionPartLabel(paper.public))}</div></div>
<table class="beratungsfolge">
<thead><tr><th>Gremium</th><th class="datum">Datum</th><th class="rolle">Zuständigkeit</th></tr></thead>
<tbody>${rows}</tbody>
</table>
<div class="top"><p class="label">Tagesordnungs-<br>Punkt${agendaNumber ? `<span class="nr">${e(agendaNumber)}</span>` : ''}</p><h1>${e(paper.title)}</h1></div>
${sections}
<div class="keep">
${model.closingLine ? `<p class="closing">${e(model.closingLine)}</p>` : ''}
<div class="signature"><p class="greeting">${e(model.signature.greeting)}</p>${model.signature.signatory ? `<p class="signatory">${e(model.signature.signatory)}</p>` : ''}</div>
</div>
${attachmentsHtml}
</main>`;

  const header = paperRunningHeader(model);
  return renderPage({
    listNumbering: model.body.listNumbering,
    title: `Vorlage ${paper.reference} – ${paper.title}`,
    runningHeader: options.runningHeader === false ? null : header.rest,
    firstPageHeader: options.runningHeader === false ? null : header.first,
    pageNumbers: options.pageNumbers !== false,
    embedFonts: options.embedFonts !== false,
    meta: { author: department.name, description: `Vorlage ${paper.reference}: ${paper.title}` },
    bodyClass: 'vw-paper',
    css: PAPER_CSS,
    content,
  });
}

/** Marks every page of a non-public document (issue 14.4). */
export const NON_PUBLIC_MARK = 'nichtöffentlich';

/**
 * The header of a Vorlage's pages, standalone and in the Sitzungsmappe: from page 2 Amt and
 * Vorlage-Nr.; a non-public Vorlage says "nichtöffentlich" on every page, page 1 included.
 */
export function paperRunningHeader(model: PaperPrintModel): { first: { right: string } | null; rest: { left: string; right: string } } {
  const reference = `Vorlage ${model.paper.reference}`;
  return model.paper.public
    ? { first: null, rest: { left: model.department.name, right: reference } }
    : { first: { right: NON_PUBLIC_MARK }, rest: { left: model.department.name, right: `${reference} – ${NON_PUBLIC_MARK}` } };
}

/** "Vorbemerkungen" → "Vorbemerkungen:"; titles that already end in punctuation stay as they are. */
export const withColon = (title: string) => (/[:.?!]$/.test(title.trim()) ? title.trim() : `${title.trim()}:`);
