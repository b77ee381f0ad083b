import { escapeHtml } from '../../document/text.js';
import {
  formatDateDe,
  formatDateLongDe,
  formatTimeDe,
  invitationAddressee,
  invitationText,
  invitationTitle,
  publicSessionNote,
  type MeetingPrintItem,
  type MeetingPrintModel,
  type MeetingRenderOptions,
  itemMarks,
} from '../print-model.js';
import { renderPage } from './page.js';
import { NON_PUBLIC_MARK } from './paper.js';

/** Printed after the title of a TOP whose Vorlage is not freigegeben yet. */
export const UNRELEASED_MARK = '(Vorlage noch nicht freigegeben)';

export interface MeetingHtmlOptions extends MeetingRenderOptions {
  /** "Seite X von Y" in the footer (default true; the session pack stamps its own). */
  pageNumbers?: boolean;
  /** Embed the fonts (default true). */
  embedFonts?: boolean;
  /** Committee and date on pages 2+ (default true; the session pack stamps it per part instead). */
  runningHeader?: boolean;
}

const MEETING_CSS = `
.letter-head { display: flex; justify-content: space-between; align-items: flex-start; padding-bottom: 3mm; border-bottom: 0.75pt solid var(--rule); margin-bottom: 12mm; }
.letter-head .body-name { font-size: 9pt; color: var(--muted); margin-bottom: 1mm; }
.letter-head .from { font-weight: bold; font-size: 10.5pt; }
.letter-head .date { font-size: 9.5pt; white-space: nowrap; }
h1.doc-title { font-size: 14pt; line-height: 1.3; margin: 0 0 8mm; }
table.facts { margin: 0 0 9mm; }
table.facts th { text-align: left; font-weight: normal; color: var(--muted); padding: 1pt 6mm 1pt 0; vertical-align: top; }
table.facts td { padding: 1pt 0; font-weight: bold; }
.letter p { margin-bottom: 9pt; }
.letter .regards { margin-top: 12pt; margin-bottom: 14mm; }
.subtitle { margin: -5mm 0 8mm; }
.addressee { margin: 0 0 2mm; }
.copy-to { margin: 0 0 2mm; font-size: 9.5pt; }
.addressee + h1.doc-title, .copy-to + h1.doc-title { margin-top: 8mm; }
.public-note { font-style: italic; }
.agenda-below h2.doc-title { font-size: 14pt; line-height: 1.3; margin: 12mm 0 8mm; }
h2.part { font-size: 11.5pt; margin: 12pt 0 4pt; }
table.agenda { width: 100%; margin-bottom: 6mm; }
table.agenda th { text-align: left; font-size: 9pt; font-weight: bold; color: var(--muted); border-bottom: 0.75pt solid var(--rule); padding: 2pt 3mm 3pt 0; }
table.agenda td { vertical-align: top; padding: 4pt 3mm 4pt 0; border-bottom: 0.5pt solid var(--light-rule); }
table.agenda .nr { width: 14mm; font-weight: bold; white-space: nowrap; }
table.agenda .ref { width: 28mm; white-space: nowrap; }
table.agenda .page { width: 12mm; text-align: right; padding-right: 0; white-space: nowrap; }
table.agenda .none td { color: var(--muted); font-style: italic; }
table.agenda tr.has-attachments td { border-bottom: none; padding-bottom: 1pt; }
table.agenda tr.attachment td { font-size: 9.5pt; padding-top: 0; padding-bottom: 1pt; border-bottom: none; }
table.agenda tr.attachment:has(+ tr:not(.attachment)) td, table.agenda tr.attachment:last-child td { border-bottom: 0.5pt solid var(--light-rule); padding-bottom: 4pt; }
table.agenda .page a { color: inherit; text-decoration: none; }
.supplement { font-size: 9pt; color: var(--muted); }
.unreleased { font-size: 9pt; font-weight: bold; }
`;

/** Header of the Einladung's and Tagesordnung's pages after their first: Gremium and date. */
export const meetingRunningHeader = (model: MeetingPrintModel) => ({ left: model.committee.name, right: `Sitzung am ${formatDateDe(model.meeting.start)}` });

/**
 * Einladung and Tagesordnung of a Sitzung as one self-contained HTML document (two sheets).
 * The Tagesordnung has "A. Öffentlicher Teil" and "B. Nichtöffentlicher Teil"; the public variant
 * leaves part B out (`includeNonPublic: false`); the session pack adds a "Seite" column.
 *
 * Stable signature (the session pack calls it).
 */
export function renderMeetingHtml(model: MeetingPrintModel, options: MeetingHtmlOptions = {}): string {
  const e = escapeHtml;
  const parts = { einladung: options.parts?.einladung !== false, tagesordnung: options.parts?.tagesordnung !== false };
  const includeNonPublic = options.includeNonPublic !== false;
  const showPages = options.showPageNumbers ?? model.items.some((i) => i.page != null);
  const { meeting, committee } = model;
  const title = invitationTitle(model);
  // An Einladung as sent has its Tagesordnung right under the letter; the pack splits them by page.
  const agendaBelow = parts.einladung && parts.tagesordnung && options.agendaOnOwnPage !== true;
  const note = publicSessionNote(model);
  const when = [formatDateLongDe(meeting.start), formatTimeDe(meeting.start)].filter(Boolean).join(', ');

  const head = `<header class="letter-head">
  <div><div class="body-name">${e(model.body.name)}</div><div class="from">${e(model.chair.role)} ${e(committee.genitive)}</div></div>
  ${model.invitationDate ? `<div class="date">Datum: ${e(formatDateDe(model.invitationDate))}</div>` : ''}
</header>`;

  const sheets: string[] = [];
  if (parts.einladung) {
    sheets.push(`<main class="sheet einladung">
${head}
<p class="addressee">${e(invitationAddressee(model))}</p>
${model.copyTo?.length ? `<p class="copy-to">nachrichtlich: ${model.copyTo.map(e).join(', ')}</p>` : ''}
<h1 class="doc-title">${e(title)}</h1>
<table class="facts">
<tr><th scope="row">Termin</th><td>${e(when)}</td></tr>
<tr><th scope="row">Ort</th><td>${e(meeting.location ?? 'wird noch bekannt gegeben')}</td></tr>
</table>
<div class="letter">
<p>Sehr geehrte Damen und Herren,</p>
<p>${e(invitationText(agendaBelow))}</p>
${note ? `<p class="public-note">${e(note)}</p>` : ''}
<div class="keep">
<p class="regards">Mit freundlichen Grüßen</p>
${model.chair.name ? `<p class="chair-name">${e(model.chair.name)}</p>` : ''}
<p class="chair-role">${e(model.chair.role)}</p>
</div>
</div>
${agendaBelow ? '' : '</main>'}`);
  }
  if (parts.tagesordnung) {
    const pub = model.items.filter((i) => i.public);
    const nonPub = model.items.filter((i) => !i.public);
    const pageCell = (page: number | null | undefined, link: string | null | undefined) =>
      showPages ? `<td class="page">${page == null ? '' : link ? `<a href="#${e(link)}">${page}</a>` : e(String(page))}</td>` : '';
    const table = (items: MeetingPrintItem[]) => {
      const rows = items.length
        ? items
            .map(
              (i) =>
                `<tr${i.attachments?.length ? ' class="has-attachments"' : ''}><td class="nr">${e(i.number)}</td><td class="title">${e(i.title)}${itemMarks(i) ? ` <span class="supplement">${e(itemMarks(i).trim())}</span>` : ''}${i.unreleased ? ` <span class="unreleased">${UNRELEASED_MARK}</span>` : ''}</td><td class="ref">${e(i.paperReference ?? '')}</td>${pageCell(i.page, i.pageLink)}</tr>` +
                (i.attachments ?? [])
                  .map(
                    (a, n) =>
                      `<tr class="attachment"><td class="nr"></td><td class="title">Anlage ${n + 1}: ${e(a.title)}${a.public ? '' : ` (${NON_PUBLIC_MARK})`}</td><td class="ref"></td>${pageCell(a.page, a.pageLink)}</tr>`,
                  )
                  .join(''),
            )
            .join('')
        : `<tr class="none"><td class="nr"></td><td colspan="${showPages ? 3 : 2}">keine Tagesordnungspunkte</td></tr>`;
      return `<table class="agenda">
<thead><tr><th class="nr">TOP</th><th>Betreff</th><th class="ref">Vorlage</th>${showPages ? '<th class="page">Seite</th>' : ''}</tr></thead>
<tbody>${rows}</tbody>
</table>`;
    };
    const heading = agendaBelow ? 'h2' : 'h1';
    sheets.push(`${agendaBelow ? '<section class="tagesordnung agenda-below">' : '<main class="sheet tagesordnung">'}
${parts.einladung ? '' : head}
<${heading} class="doc-title">${e(options.agendaHeading ?? 'Tagesordnung')}</${heading}>
<p class="subtitle">für die ${meeting.number ? `${e(String(meeting.number))}. ` : ''}Sitzung ${e(committee.genitive)} am ${e(when)}${meeting.location ? `, ${e(meeting.location)}` : ''}</p>
<h2 class="part">A. Öffentlicher Teil</h2>
${table(pub)}
${includeNonPublic ? `<h2 class="part">B. Nichtöffentlicher Teil</h2>\n${table(nonPub)}` : ''}
${agendaBelow ? '</section>\n</main>' : '</main>'}`);
  }

  return renderPage({
    listNumbering: model.body.listNumbering,
    title,
    runningHeader: options.runningHeader === false ? null : meetingRunningHeader(model),
    pageNumbers: options.pageNumbers !== false,
    embedFonts: options.embedFonts !== false,
    meta: { description: title },
    bodyClass: 'vw-meeting',
    css: MEETING_CSS,
    content: sheets.join('\n'),
  });
}
