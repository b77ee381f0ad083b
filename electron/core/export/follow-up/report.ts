import { Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import { FOLLOW_UP_STAND_LABELS, type FollowUp } from '../../../shared/freigabe.js';
import type { Committee } from '../../../shared/schemas.js';
import type { AppContext } from '../../app-context.js';
import { escapeHtml } from '../../document/text.js';
import { localIsoDate } from '../../domain/notice-period.js';
import { isOverdue } from '../../services/follow-ups.js';
import { PAGE, STYLE, pack, para, runs, vorlagenwerkDocument } from '../docx/common.js';
import { renderPage } from '../html/page.js';
import { formatDateDe } from '../print-model.js';

/**
 * "Bericht zur Beschlusskontrolle" of one Gremium: a landscape table councillors can read, as
 * DOCX and (the same content as HTML) PDF. The public variant leaves out decisions taken in the
 * non-public part.
 */
export interface FollowUpReportModel {
  body: string;
  committee: Committee;
  today: string;
  rows: { beschluss: string; vorlage: string; text: string; zustaendig: string; frist: string; stand: string; vermerke: string[]; overdue: boolean }[];
}

export const REPORT_COLUMNS = ['Sitzung / TOP', 'Vorlage', 'Beschluss', 'Zuständig', 'Frist', 'Stand', 'Vermerke'] as const;

export async function followUpReportModel(ctx: AppContext, committee: Committee, publicOnly: boolean): Promise<FollowUpReportModel> {
  const { store } = ctx;
  const today = localIsoDate(ctx.now());
  const departments = new Map((await store.departments.list()).map((d) => [d.id, d.name]));
  const entries: FollowUp[] = [];
  for (const f of await store.followUps.list({ committeeId: committee.id })) {
    if (publicOnly) {
      const item = f.agendaItemId === null ? null : await store.agenda.get(f.agendaItemId);
      const paper = f.paperId === null ? null : await store.papers.get(f.paperId);
      if (!item?.public || (paper && !paper.public)) continue;
    }
    entries.push(f);
  }
  return {
    body: (await store.body.get())?.name ?? '',
    committee,
    today,
    rows: entries.map((f) => ({
      beschluss: `${formatDateDe(f.decidedOn)}, TOP ${f.agendaNumber}`,
      vorlage: [f.reference, f.title].filter(Boolean).join(' – '),
      text: `${f.text} (${f.result})`,
      zustaendig: f.departmentId === null ? '' : (departments.get(f.departmentId) ?? ''),
      frist: formatDateDe(f.frist),
      stand: FOLLOW_UP_STAND_LABELS[f.stand] + (isOverdue(f, today) ? ' – Frist überschritten' : ''),
      vermerke: f.notes.map((n) => `${formatDateDe(n.at)} (${n.author}): ${n.text}`),
      overdue: isOverdue(f, today),
    })),
  };
}

export const reportTitle = (m: FollowUpReportModel) => `Bericht zur Beschlusskontrolle – ${m.committee.name}`;
const standLine = (m: FollowUpReportModel) => `Stand: ${formatDateDe(m.today)}`;

export function renderFollowUpReportHtml(m: FollowUpReportModel, embedFonts = true): string {
  const rows = m.rows
    .map(
      (r) =>
        `<tr${r.overdue ? ' class="overdue"' : ''}><td>${escapeHtml(r.beschluss)}</td><td>${escapeHtml(r.vorlage)}</td><td>${escapeHtml(r.text)}</td>` +
        `<td>${escapeHtml(r.zustaendig)}</td><td>${escapeHtml(r.frist)}</td><td>${escapeHtml(r.stand)}</td>` +
        `<td>${r.vermerke.map((v) => `<p>${escapeHtml(v)}</p>`).join('')}</td></tr>`,
    )
    .join('\n');
  const content = `<main class="report">
<p class="body-name">${escapeHtml(m.body)}</p>
<h1>${escapeHtml(reportTitle(m))}</h1>
<p>${escapeHtml(standLine(m))}</p>
${m.rows.length === 0 ? '<p>Keine Einträge.</p>' : `<table class="content-table"><thead><tr>${REPORT_COLUMNS.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table>`}
</main>`;
  return renderPage({
    title: reportTitle(m),
    runningHeader: { left: reportTitle(m), right: standLine(m) },
    pageNumbers: true,
    embedFonts,
    bodyClass: 'follow-up-report',
    landscape: true,
    css: `h1 { font-size: 14pt; margin: 4pt 0 6pt; } .body-name { color: var(--muted); font-size: 9pt; }
table.content-table { font-size: 9pt; } tr.overdue td:nth-child(6) { font-weight: bold; }`,
    content,
  });
}

/**
 * Column weights over the landscape text width: Frist holds a whole date and Zuständig an Amt's
 * longest word ("Integrationszentrum") at 9 pt; narrower, Word splits them mid-word.
 */
const WEIGHTS = [11, 16, 26, 16, 10, 10, 19];
/** 9 pt in the table, as the PDF's report table. */
const TABLE_TEXT = 18;

export function renderFollowUpReportDocx(m: FollowUpReportModel): Promise<Buffer> {
  const width = PAGE.height - PAGE.margin.left - PAGE.margin.right;
  const total = WEIGHTS.reduce((a, b) => a + b, 0);
  const widths = WEIGHTS.map((w) => Math.floor((width * w) / total));
  const cell = (lines: string[], i: number, header = false) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      children: (lines.length ? lines : ['']).map((l) => new Paragraph({ style: header ? STYLE.tableHeading : STYLE.tableText, children: runs(l, { size: TABLE_TEXT }) })),
    });
  const table = new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: REPORT_COLUMNS.map((c, i) => cell([c], i, true)) }),
      ...m.rows.map((r) => new TableRow({ cantSplit: true, children: [[r.beschluss], [r.vorlage], [r.text], [r.zustaendig], [r.frist], [r.stand], r.vermerke].map((l, i) => cell(l, i)) })),
    ],
  });
  return pack(
    vorlagenwerkDocument({
      properties: { title: reportTitle(m), subject: m.committee.name, creator: m.body, description: standLine(m) },
      runningHeader: { left: reportTitle(m), right: standLine(m) },
      landscape: true,
      children: [
        para(m.body, { style: STYLE.small }),
        para(reportTitle(m), { style: STYLE.docTitle }),
        para(standLine(m)),
        ...(m.rows.length === 0 ? [para('Keine Einträge.')] : [table]),
      ],
    }),
  );
}
