import { escapeHtml } from '../../document/text.js';
import { NON_PUBLIC_PART, type ExtractPrintModel, type MinutesPrintModel, type ResultPrint, type SignaturePrint, type TopBlockPrint, type TopLinePrint } from '../minutes-model.js';
import { itemMarks } from '../print-model.js';
import { docToHtml } from './doc-html.js';
import { cssString, renderPage } from './page.js';

export interface MinutesHtmlOptions {
  /** "Seite X von Y" in the footer (default true). */
  pageNumbers?: boolean;
  /** Embed the fonts (default true). */
  embedFonts?: boolean;
}

const e = escapeHtml;

/** Name of the CSS page of the non-public part: its running header says so on every page. */
const NON_PUBLIC_PAGE = 'nichtoeffentlich';

const MINUTES_CSS = `
.doc-head { display: flex; justify-content: space-between; align-items: flex-start; padding-bottom: 3mm; border-bottom: 0.75pt solid var(--rule); margin-bottom: 10mm; }
.doc-head .body-name { font-size: 9pt; color: var(--muted); margin-bottom: 1mm; }
.doc-head .from { font-weight: bold; font-size: 10.5pt; }
h1.doc-title { font-size: 14pt; line-height: 1.3; margin: 0 0 2mm; }
.subtitle { margin: 0 0 7mm; font-weight: bold; }
table.facts { margin: 0 0 8mm; }
table.facts th { text-align: left; font-weight: normal; color: var(--muted); padding: 1pt 6mm 1pt 0; vertical-align: top; }
table.facts td { padding: 1pt 0; font-weight: bold; }
h2.section { font-size: 12pt; margin: 12pt 0 5pt; }
table.attendance { width: 100%; margin: 0 0 4mm; }
table.attendance th { width: 48mm; text-align: left; vertical-align: top; padding: 3pt 4mm 3pt 0; font-size: 10pt; }
table.attendance td { vertical-align: top; padding: 3pt 0; }
table.attendance ul { list-style: none; margin: 0; padding: 0; }
table.attendance li { margin: 0 0 1pt; padding: 0; }
table.attendance tr + tr th, table.attendance tr + tr td { border-top: 0.5pt solid var(--light-rule); }
.quorum { font-size: 10pt; margin: 0 0 6mm; }
h3.agenda-part { font-size: 11pt; margin: 8pt 0 3pt; }
table.agenda { width: 100%; margin-bottom: 5mm; }
table.agenda td { vertical-align: top; padding: 3pt 3mm 3pt 0; border-bottom: 0.5pt solid var(--light-rule); }
table.agenda .nr { width: 14mm; font-weight: bold; white-space: nowrap; }
table.agenda .ref { width: 28mm; white-space: nowrap; }
table.agenda .none td { color: var(--muted); font-style: italic; }
.supplement { font-size: 9pt; color: var(--muted); }
section.part > h2.part { font-size: 12pt; margin: 14pt 0 6pt; padding-bottom: 2pt; border-bottom: 0.75pt solid var(--rule); }
section.top { margin: 0 0 8mm; }
h3.top-title { font-size: 11pt; margin: 10pt 0 2pt; }
h3.top-title, h2.top-title { font-size: 11pt; margin: 10pt 0 2pt; padding-left: 16mm; text-indent: -16mm; }
.top-title .nr { display: inline-block; min-width: 16mm; text-indent: 0; }
.paper-ref { font-size: 10pt; color: var(--muted); margin: 0 0 5pt 16mm; break-after: avoid; page-break-after: avoid; }
.conflict { font-style: italic; }
.result { margin-top: 6pt; break-inside: avoid; page-break-inside: avoid; }
.result .label { font-weight: bold; margin-bottom: 3pt; }
.result .statement { font-weight: bold; }
.result blockquote { margin: 0 0 6pt 8mm; padding-left: 4mm; border-left: 1.5pt solid var(--rule); }
.result .result-line { font-weight: bold; }
.result .vote { margin-top: -3pt; }
.none { color: var(--muted); font-style: italic; }
.signatures { display: flex; gap: 20mm; margin-top: 22mm; break-inside: avoid; page-break-inside: avoid; }
.signatures .sig { flex: 1; border-top: 0.75pt solid var(--ink); padding-top: 2pt; }
.signatures .caption { font-weight: bold; }
.np-banner { font-weight: bold; font-size: 10pt; letter-spacing: 0.04em; border: 1pt solid var(--ink); padding: 2pt 4pt; display: inline-block; margin-bottom: 4mm; }
section.part-nonpublic { page: ${NON_PUBLIC_PAGE}; }
@media print {
  section.part-nonpublic { break-before: page; page-break-before: always; }
}
@media screen {
  section.part-nonpublic { border-top: 2px dashed var(--rule); margin-top: 10mm; padding-top: 6mm; }
}
`;

/** The running header of every page of the non-public part (a named CSS page). */
function nonPublicPageCss(left: string): string {
  const box = 'font-family: Arimo, Arial, sans-serif; font-size: 8.5pt; vertical-align: bottom; padding-bottom: 5mm;';
  return `@page ${NON_PUBLIC_PAGE} {
  @top-left { content: ${cssString(`${NON_PUBLIC_PART} – ${left}`)}; ${box} font-weight: bold; color: #000; }
}`;
}

function agendaTable(items: TopLinePrint[]): string {
  const rows = items.length
    ? items
        .map(
          (i) =>
            `<tr><td class="nr">${e(i.number)}</td><td class="title">${e(i.title)}${itemMarks(i) ? ` <span class="supplement">${e(itemMarks(i).trim())}</span>` : ''}</td><td class="ref">${e(i.paperReference ?? '')}</td></tr>`,
        )
        .join('')
    : '<tr class="none"><td class="nr"></td><td colspan="2">keine Tagesordnungspunkte</td></tr>';
  return `<table class="agenda"><tbody>${rows}</tbody></table>`;
}

function resultHtml(r: ResultPrint): string {
  const out: string[] = [];
  if (r.statement) out.push(`<p class="statement">${e(r.statement)}</p>`);
  if (r.label && r.quoted) {
    out.push(`<p class="label">${e(r.label)}</p>`, `<blockquote class="quoted">${docToHtml(r.quoted, 4)}</blockquote>`);
    if (r.resultLine) out.push(`<p class="result-line">${e(r.resultLine)}</p>`);
  } else if (r.label && r.resultLine) {
    out.push(`<p class="result-line"><span class="label-inline">${e(r.label)}</span> ${e(r.resultLine)}</p>`);
  }
  if (r.voteLine) out.push(`<p class="vote">Abstimmungsergebnis: ${e(r.voteLine)}</p>`);
  return `<div class="result">${out.join('\n')}</div>`;
}

export function topBlockHtml(t: TopBlockPrint, headingTag: 'h2' | 'h3' = 'h3'): string {
  return `<section class="top">
<${headingTag} class="top-title"><span class="nr">${e(t.number)}</span>${e(t.title)}${itemMarks(t) ? ` <span class="supplement">${e(itemMarks(t).trim())}</span>` : ''}</${headingTag}>
${t.paperReference ? `<p class="paper-ref">Vorlage: ${e(t.paperReference)}</p>` : ''}
${t.conflicts.map((c) => `<p class="conflict">${e(c)}</p>`).join('\n')}
${t.minutes ? `<div class="minutes">${docToHtml(t.minutes, 4)}</div>` : ''}
${t.result ? resultHtml(t.result) : ''}
</section>`;
}

function signatureHtml(s: SignaturePrint): string {
  return `<div class="sig"><div class="caption">${e(s.caption)}</div>${s.name ? `<div class="name">${e(s.name)}</div>` : ''}</div>`;
}

/**
 * The Niederschrift as a self-contained HTML document (source of its PDF, printed by Chromium).
 * The non-public part (members variant) is a named CSS page whose running header reads
 * "Nichtöffentlicher Teil – …" on every one of its pages.
 */
export function renderMinutesHtml(model: MinutesPrintModel, options: MinutesHtmlOptions = {}): string {
  const attendance = model.attendance
    .map((g) => `<tr><th scope="row">${e(g.heading)}</th><td><ul>${g.entries.map((x) => `<li><span class="name">${e(x.name)}</span>${x.details ? ` ${e(x.details)}` : ''}</li>`).join('')}</ul></td></tr>`)
    .join('\n');
  const agenda = `<h3 class="agenda-part">A. Öffentlicher Teil</h3>
${agendaTable(model.agenda.public)}
${model.agenda.nonPublic ? `<h3 class="agenda-part">B. ${NON_PUBLIC_PART}</h3>\n${agendaTable(model.agenda.nonPublic)}` : ''}`;
  const signatures = `<div class="signatures">${model.signatures.map(signatureHtml).join('')}</div>`;
  const parts = model.parts.map((p, index) => {
    const last = index === model.parts.length - 1;
    const blocks = p.items.length ? p.items.map((t) => topBlockHtml(t)).join('\n') : '<p class="none">keine Tagesordnungspunkte</p>';
    return `<section class="part ${p.public ? 'part-public' : 'part-nonpublic'}">
${p.public ? '' : `<div class="np-banner">${e(NON_PUBLIC_PART)}</div>`}
<h2 class="part">${e(p.heading)}</h2>
${blocks}
${last ? signatures : ''}
</section>`;
  });

  const content = `<main class="sheet minutes">
<header class="doc-head">
  <div><div class="body-name">${e(model.body.name)}</div><div class="from">${e(model.committee.name)}</div></div>
</header>
<h1 class="doc-title">${e(model.title)}</h1>
<p class="subtitle">${e(model.subtitle)}</p>
<table class="facts">${model.facts.map((f) => `<tr><th scope="row">${e(f.label)}</th><td>${e(f.value)}</td></tr>`).join('')}</table>
<h2 class="section">Anwesenheit</h2>
${model.attendance.length ? `<table class="attendance"><tbody>${attendance}</tbody></table>` : '<p class="none">Keine Anwesenheit erfasst.</p>'}
${model.quorum ? `<p class="quorum">${e(model.quorum)}</p>` : ''}
<h2 class="section">Tagesordnung</h2>
${agenda}
${parts.join('\n')}
</main>`;

  return renderPage({
    listNumbering: model.body.listNumbering,
    title: `${model.title} – ${model.subtitle}`,
    runningHeader: model.runningHeader,
    pageNumbers: options.pageNumbers !== false,
    embedFonts: options.embedFonts !== false,
    meta: { author: model.body.name, description: `${model.title} ${model.subtitle}` },
    bodyClass: `vw-minutes vw-minutes-${model.variant}`,
    css: MINUTES_CSS + (model.variant === 'members' ? nonPublicPageCss(model.runningHeader.left) : ''),
    content,
  });
}

/** "Auszug aus der Niederschrift" of one TOP as a self-contained HTML document; a non-public TOP is marked on every page. */
export function renderExtractHtml(model: ExtractPrintModel, options: MinutesHtmlOptions = {}): string {
  const nonPublic = model.nonPublicNote !== null;
  const content = `<main class="sheet extract">
<header class="doc-head">
  <div><div class="body-name">${e(model.body.name)}</div><div class="from">${e(model.committee.name)}</div></div>
  ${model.department ? `<div class="to">An: ${e(model.department.name)}</div>` : ''}
</header>
${nonPublic ? `<div class="np-banner">${e(model.nonPublicNote!)}</div>` : ''}
<h1 class="doc-title">${e(model.title)}</h1>
<p class="subtitle">${e(model.subtitle)}</p>
${topBlockHtml(model.item, 'h2')}
<div class="signatures"><div class="sig"><div class="caption">Für die Richtigkeit des Auszugs: ${e(model.certification.caption)}</div>${model.certification.name ? `<div class="name">${e(model.certification.name)}</div>` : ''}</div><div></div></div>
</main>`;
  // A non-public Auszug says so on every page: the whole document uses the named page.
  const css = MINUTES_CSS + (nonPublic ? `main.extract { page: ${NON_PUBLIC_PAGE}; }\n${nonPublicPageCss(model.runningHeader.left)}\n@page ${NON_PUBLIC_PAGE}:first { @top-left { content: ${cssString(NON_PUBLIC_PART)}; } }` : '');
  return renderPage({
    listNumbering: model.body.listNumbering,
    title: `${model.title} – TOP ${model.item.number}`,
    runningHeader: model.runningHeader,
    pageNumbers: options.pageNumbers !== false,
    embedFonts: options.embedFonts !== false,
    meta: { author: model.body.name, description: `${model.title} ${model.subtitle}, TOP ${model.item.number}: ${model.item.title}` },
    bodyClass: 'vw-extract',
    css,
    content,
  });
}
