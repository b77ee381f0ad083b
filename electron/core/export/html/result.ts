import { escapeHtml } from '../../document/text.js';
import { resultCaption } from '../../domain/result-wording.js';
import { formatDateDe, type ResultPrintModel } from '../print-model.js';
import { docToHtml } from './doc-html.js';
import { renderPage } from './page.js';
import { NON_PUBLIC_MARK } from './paper.js';

export interface ResultHtmlOptions {
  pageNumbers?: boolean;
  embedFonts?: boolean;
}

const RESULT_CSS = `
.doc-head { padding-bottom: 3mm; border-bottom: 0.75pt solid var(--rule); margin-bottom: 10mm; display: flex; justify-content: space-between; }
.doc-head .body-name { font-size: 9pt; color: var(--muted); margin-bottom: 1mm; }
.doc-head .to { font-weight: bold; font-size: 10.5pt; }
h1.doc-title { font-size: 14pt; margin: 0 0 3mm; }
.when { margin: 0 0 8mm; font-weight: bold; }
h2.item { font-size: 11pt; margin: 0 0 6mm; }
.minutes { margin-bottom: 6mm; }
.result { font-weight: bold; border-top: 0.75pt solid var(--rule); padding-top: 3mm; }
.vote { margin-top: -4pt; }
`;

export const resultHeading = (m: ResultPrintModel) => (m.paper ? `Beratungsergebnis zu Vorlage Nr. ${m.paper.reference}` : 'Beratungsergebnis');
export const resultWhenLine = (m: ResultPrintModel) => `${m.committee.shortName || m.committee.name} am ${formatDateDe(m.meeting.start)}`;
export const resultItemLine = (m: ResultPrintModel) => `Zu Punkt ${m.agendaItem.number}: ${m.agendaItem.title}`;
/** "Kenntnis genommen", "Beschlussempfehlung: …", "Beschluss: …", "Ergebnis: vertagt" — by the role of the Beratung. */
export const resultLine = (m: ResultPrintModel) => resultCaption(m.role, m.result);

/** Header of the Beratungsergebnis' pages; the result of a non-public TOP says so on every page (issue 14.4). */
export function resultRunningHeader(m: ResultPrintModel): { first: { right: string } | null; rest: { left: string; right: string } } {
  const rest = { left: resultHeading(m), right: resultWhenLine(m) };
  return m.agendaItem.public ? { first: null, rest } : { first: { right: NON_PUBLIC_MARK }, rest: { ...rest, right: `${rest.right} – ${NON_PUBLIC_MARK}` } };
}

/** The Beratungsergebnis of one TOP as a self-contained HTML document (source of its PDF). */
export function renderResultHtml(model: ResultPrintModel, options: ResultHtmlOptions = {}): string {
  const e = escapeHtml;
  const content = `<main class="sheet">
<header class="doc-head">
  <div><div class="body-name">${e(model.body.name)}</div>${model.department ? `<div class="to">An: ${e(model.department.name)}</div>` : ''}</div>
</header>
<h1 class="doc-title">${e(resultHeading(model))}</h1>
<p class="when">${e(resultWhenLine(model))}</p>
<h2 class="item">${e(resultItemLine(model))}</h2>
<div class="minutes">${docToHtml(model.minutes)}</div>
<p class="result">${e(resultLine(model))}</p>
${model.vote ? `<p class="vote">Abstimmungsergebnis: ${e(model.vote)}</p>` : ''}
</main>`;
  return renderPage({
    listNumbering: model.body.listNumbering,
    title: resultHeading(model),
    runningHeader: resultRunningHeader(model).rest,
    firstPageHeader: resultRunningHeader(model).first,
    pageNumbers: options.pageNumbers !== false,
    embedFonts: options.embedFonts !== false,
    meta: { description: `${resultHeading(model)} – ${resultItemLine(model)}` },
    bodyClass: 'vw-result',
    css: RESULT_CSS,
    content,
  });
}
