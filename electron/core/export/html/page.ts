import { stripInvalidXmlChars, escapeHtml } from '../../document/text.js';
import { embeddedFontCss, FONT_FAMILY } from './fonts.js';
import { listNumberingCss } from '../list-numbering.js';
import type { ListNumbering } from '../../../shared/schemas.js';

/**
 * The frame every printed document shares: one self-contained HTML file (fonts embedded, no
 * external resources, no scripts) with print CSS for A4. On screen the page is shown as a
 * sheet on a grey desk (in-app preview); in print, @page rules set size, margins, the running
 * header (pages 2+) and the page numbers in the footer.
 */
export interface PageFrameOptions {
  title: string;
  /** Running header on pages 2+: left and right text. null = none. */
  runningHeader: { left: string; right: string } | null;
  /** Header on page 1 (default none: the document's own head is there). */
  firstPageHeader?: { left?: string; right?: string } | null;
  /** "Seite X von Y" in the footer. Off when the session pack stamps its own page numbers. */
  pageNumbers: boolean;
  /** Embed the Arimo fonts (default). Off only for tests that look at the markup. */
  embedFonts: boolean;
  /** Extra meta tags: author, description. */
  meta?: Record<string, string>;
  bodyClass: string;
  /** Document-specific CSS, added after the base CSS. */
  css: string;
  content: string;
  /** A4 landscape, for wide tables (Beschlusskontrolle). */
  landscape?: boolean;
  /** The Körperschaft's style of numbered lists (default "1."). */
  listNumbering?: ListNumbering;
}

/** A CSS string literal that cannot end the string or the <style> element (every non-alphanumeric ASCII char is hex-escaped). */
export function cssString(text: string): string {
  const clean = stripInvalidXmlChars(text).replace(/[\r\n\t]+/g, ' ');
  return `"${clean.replace(/[^\p{L}\p{N} ]/gu, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}"`;
}

export const PAGE_MARGINS = { top: '22mm', right: '18mm', bottom: '22mm', left: '25mm' } as const;

export const BASE_CSS = `
:root { --ink: #000; --muted: #555; --rule: #7a7a7a; --light-rule: #c4c4c4; }
html { font-family: ${FONT_FAMILY}; font-size: 11pt; line-height: 1.4; color: var(--ink); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
p { margin: 0 0 7pt; orphans: 2; widows: 2; }
p.empty { margin: 0; }
p.subheading { break-after: avoid; page-break-after: avoid; }
h1, h2, h3, h4, h5, h6 { font-size: 11pt; margin: 0; break-after: avoid; page-break-after: avoid; }
h2 { margin: 16pt 0 7pt; }
h3.body-h1 { font-size: 11pt; margin: 13pt 0 5pt; }
h4.body-h2 { font-size: 11pt; margin: 11pt 0 4pt; }
h5.body-h3 { font-size: 11pt; font-style: italic; margin: 9pt 0 3pt; }
ul, ol { margin: 0 0 7pt; padding-left: 7mm; }
li { margin: 0 0 2pt; padding-left: 1mm; }
li > p { margin: 0 0 2pt; }
li > ul, li > ol { margin-bottom: 2pt; }
table { border-collapse: collapse; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
table.content-table { width: 100%; margin: 4pt 0 9pt; font-size: 10pt; }
table.content-table th, table.content-table td { border: 0.75pt solid var(--rule); padding: 3pt 5pt; vertical-align: top; text-align: left; }
table.content-table th { background: #ececec; }
table.content-table p { margin: 0; }
.keep { break-inside: avoid; page-break-inside: avoid; }
@media screen {
  html { background: #d9dadc; }
  body { padding: 12px 0 24px; }
  .sheet { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 0 auto 12px; background: #fff;
           padding: ${PAGE_MARGINS.top} ${PAGE_MARGINS.right} ${PAGE_MARGINS.bottom} ${PAGE_MARGINS.left};
           box-shadow: 0 1px 4px rgba(0,0,0,.25); }
}
@media print {
  .sheet { padding: 0; margin: 0; }
  .sheet + .sheet { break-before: page; page-break-before: always; }
}
`;

export function renderPage(o: PageFrameOptions): string {
  const margin = `${PAGE_MARGINS.top} ${PAGE_MARGINS.right} ${PAGE_MARGINS.bottom} ${PAGE_MARGINS.left}`;
  const box = 'font-family: Arimo, Arial, sans-serif; font-size: 8.5pt; color: #444;';
  const header = o.runningHeader
    ? `@top-left { content: ${cssString(o.runningHeader.left)}; ${box} vertical-align: bottom; padding-bottom: 5mm; }
  @top-right { content: ${cssString(o.runningHeader.right)}; ${box} vertical-align: bottom; padding-bottom: 5mm; }`
    : '';
  const footer = o.pageNumbers
    ? `@bottom-center { content: "Seite " counter(page) " von " counter(pages); ${box} vertical-align: top; padding-top: 6mm; }`
    : '';
  const pageCss = `@page { size: A4${o.landscape ? ' landscape' : ''}; margin: ${margin};
  ${header}
  ${footer}
}
@page :first { @top-left { content: ${o.firstPageHeader?.left ? cssString(o.firstPageHeader.left) : 'none'}; } @top-right { content: ${o.firstPageHeader?.right ? cssString(o.firstPageHeader.right) : 'none'}; } }`;
  const meta = Object.entries(o.meta ?? {})
    .map(([name, content]) => `<meta name="${escapeHtml(name)}" content="${escapeHtml(content)}">`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">
<meta name="generator" content="Vorlagenwerk">
${meta}
<title>${escapeHtml(o.title)}</title>
<style>
${o.embedFonts ? embeddedFontCss() : ''}
${BASE_CSS}
${listNumberingCss(o.listNumbering)}
${o.css}
${pageCss}
</style>
</head>
<body class="${o.bodyClass}">
${o.content}
</body>
</html>
`;
}
