/**
 * Helpers that combine self-contained documents of the HTML renderer into one print document.
 * They rely on the renderer's stable frame (renderPage: one <style>, one <body class="…">,
 * content in <main class="sheet …"> elements) and fail loudly if it ever changes, rather than
 * printing something incomplete.
 */

const BODY_OPEN = /<body\b[^>]*>/;
const BODY_CLOSE = '</body>';

export class HtmlFrameError extends Error {
  constructor(what: string) {
    super(`Das HTML des Druckdokuments hat nicht die erwartete Form (${what}).`);
    this.name = 'HtmlFrameError';
  }
}

/** The content between <body> and </body>. */
export function bodyOf(html: string): string {
  const open = BODY_OPEN.exec(html);
  const close = html.lastIndexOf(BODY_CLOSE);
  if (!open || close < open.index) throw new HtmlFrameError('body');
  return html.slice(open.index + open[0].length, close);
}

/** Replaces the body content, keeping head, styles and the body element itself. */
export function withBody(html: string, body: string): string {
  const open = BODY_OPEN.exec(html);
  const close = html.lastIndexOf(BODY_CLOSE);
  if (!open || close < open.index) throw new HtmlFrameError('body');
  return html.slice(0, open.index + open[0].length) + body + html.slice(close);
}

/** Adds CSS at the end of the document's style sheet. */
export function withExtraCss(html: string, css: string): string {
  const at = html.lastIndexOf('</style>');
  if (at < 0) throw new HtmlFrameError('style');
  return html.slice(0, at) + css + html.slice(at);
}

/**
 * Gives the first sheet with the given class an id (a named destination once it is linked).
 * `cls` is matched as the first class after "sheet".
 */
export function markSheet(html: string, cls: string | null, id: string): string {
  const pattern = cls === null ? /<main class="sheet"/ : new RegExp(`<main class="sheet ${cls}(?=[" ])`);
  const match = pattern.exec(html);
  if (!match) throw new HtmlFrameError(`Blatt ${cls ?? 'sheet'}`);
  return `${html.slice(0, match.index)}<main id="${id}"${match[0].slice('<main'.length)}${html.slice(match.index + match[0].length)}`;
}

/**
 * Invisible internal links to each id: Chromium writes a named destination for every link
 * target, which is how page ranges are found in the printed PDF. Hidden links produce no
 * link annotations.
 */
export function destinationLinks(ids: string[]): string {
  return `<nav hidden style="display:none">${ids.map((id) => `<a href="#${id}"></a>`).join('')}</nav>`;
}
