/**
 * Cleans HTML pasted from Word (and other office programs) before the editor parses it.
 *
 * The editor's schema already drops everything outside our document model, but Word does not
 * write lists as <ul>/<ol>: each item is a <p class="MsoListParagraph"> with the number or
 * bullet typed into a hidden span and the level in `mso-list: l0 level2 lfo1`. Without this
 * step a pasted numbered list would arrive as paragraphs starting with "1." and stray bullet
 * glyphs. Also removed: Office XML tags, conditional comments, styles, images and the empty
 * paragraphs Word uses as spacing.
 */

const OFFICE_MARKERS = /urn:schemas-microsoft-com:office|class="?Mso|mso-[a-z-]+:/i;
const JUNK_SELECTOR = 'style, script, meta, link, title, xml, img, svg, object, iframe, form, input, button';
const ORDERED_MARKER = /^\(?([0-9]+|[a-z]|[ivxlcdm]+)[.)]\s*$/i;

interface ListParagraph {
  element: HTMLElement;
  level: number;
  ordered: boolean;
  /** Word's list id (l0, l1 …): a new id starts a new list. */
  listId: string;
}

function removeComments(root: Node) {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 128 /* NodeFilter.SHOW_COMMENT */);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((c) => c.parentNode?.removeChild(c));
}

/** Elements with a namespace prefix (o:p, v:shape, w:sdt …): keep their text, drop the tag. */
function unwrapOfficeTags(body: HTMLElement) {
  const prefixed = [...body.querySelectorAll('*')].filter((el) => el.tagName.includes(':'));
  for (const el of prefixed.reverse()) {
    if (/^(v|w10):/i.test(el.tagName)) el.remove();
    else el.replaceWith(...el.childNodes);
  }
}

function listParagraph(el: HTMLElement): ListParagraph | null {
  if (el.tagName !== 'P' && !/^H[1-6]$/.test(el.tagName)) return null;
  const style = el.getAttribute('style') ?? '';
  const mso = /mso-list:\s*(l\d+)\s+level(\d+)/i.exec(style);
  const isListClass = /MsoListParagraph/i.test(el.className);
  if (!mso && !isListClass) return null;
  const ignore = [...el.querySelectorAll('span')].find((s) => /mso-list:\s*Ignore/i.test(s.getAttribute('style') ?? ''));
  const marker = (ignore?.textContent ?? '').replace(/\u00a0/g, ' ').trim();
  ignore?.remove();
  return { element: el, level: mso ? Math.max(1, Number(mso[2])) : 1, ordered: ORDERED_MARKER.test(marker), listId: mso?.[1] ?? 'l0' };
}

/** Turns runs of Word list paragraphs into nested <ul>/<ol> elements. */
function rebuildLists(body: HTMLElement) {
  const doc = body.ownerDocument;
  const children = [...body.children] as HTMLElement[];
  let i = 0;
  while (i < children.length) {
    const first = listParagraph(children[i]!);
    if (!first) {
      i++;
      continue;
    }
    const run: ListParagraph[] = [first];
    let j = i + 1;
    for (; j < children.length; j++) {
      const next = listParagraph(children[j]!);
      if (!next || next.listId !== first.listId) break;
      run.push(next);
    }
    const top = doc.createElement(first.ordered ? 'ol' : 'ul');
    first.element.before(top);
    // stack[k] = the list element at depth k+1
    const stack: HTMLElement[] = [top];
    for (const item of run) {
      while (stack.length > item.level) stack.pop();
      while (stack.length < item.level) {
        const parentList = stack[stack.length - 1]!;
        let host = parentList.lastElementChild as HTMLElement | null;
        if (!host) {
          host = doc.createElement('li');
          parentList.appendChild(host);
        }
        const nested = doc.createElement(item.ordered ? 'ol' : 'ul');
        host.appendChild(nested);
        stack.push(nested);
      }
      const li = doc.createElement('li');
      const p = doc.createElement('p');
      p.append(...item.element.childNodes);
      li.appendChild(p);
      stack[stack.length - 1]!.appendChild(li);
      item.element.remove();
    }
    i = j;
  }
}

/** Word's title styles become headings; its spacing paragraphs (only &nbsp;) go. */
function tidyParagraphs(body: HTMLElement) {
  for (const p of [...body.querySelectorAll('p')]) {
    if (/MsoTitle/i.test(p.className)) {
      const h = body.ownerDocument.createElement('h1');
      h.append(...p.childNodes);
      p.replaceWith(h);
      continue;
    }
    if (p.closest('td, th, li')) continue;
    if (!(p.textContent ?? '').replace(/[\s\u00a0]/g, '')) p.remove();
  }
}

export function looksLikeOffice(html: string): boolean {
  return OFFICE_MARKERS.test(html);
}

export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const body = doc.body;
  if (!body) return html;
  removeComments(doc);
  body.querySelectorAll(JUNK_SELECTOR).forEach((el) => el.remove());
  if (looksLikeOffice(html)) {
    unwrapOfficeTags(body);
    rebuildLists(body);
    tidyParagraphs(body);
  }
  // Classes and ids mean nothing to our model; styles are kept only for bold/italic/underline,
  // which the editor's parse rules read from them (Word writes <b>, Google Docs uses spans).
  for (const el of [...body.querySelectorAll('*')] as HTMLElement[]) {
    el.removeAttribute('class');
    el.removeAttribute('id');
    el.removeAttribute('lang');
    const style = el.getAttribute('style');
    if (style) {
      const kept = style
        .split(';')
        .map((s) => s.trim())
        .filter((s) => /^(font-weight|font-style|text-decoration(-line)?)\s*:/i.test(s));
      if (kept.length) el.setAttribute('style', kept.join('; '));
      else el.removeAttribute('style');
    }
  }
  return body.innerHTML;
}
