import type { Block, Doc, InlineNode, TableCell } from '../../../shared/document.js';
import { headerRowCount, isSubheading } from '../../document/block-roles.js';
import { escapeHtml } from '../../document/text.js';

/**
 * Document model → HTML fragment. All text is escaped; nothing from the model is ever
 * interpreted as markup (link addresses are http(s)/mailto only, checked by the schema). Body headings start at `headingBase` (h3 by default: the Betreff is
 * h1 and the section titles are h2).
 */
export function docToHtml(doc: Doc, headingBase = 3): string {
  return doc.content.map((b) => blockHtml(b, headingBase)).join('\n');
}

function inlineHtml(nodes: readonly InlineNode[] | undefined): string {
  if (!nodes?.length) return '';
  let out = '';
  for (const node of nodes) {
    if (node.type === 'hardBreak') {
      out += '<br>';
      continue;
    }
    let html = escapeHtml(node.text);
    for (const mark of node.marks ?? []) {
      if (mark.type === 'bold') html = `<strong>${html}</strong>`;
      else if (mark.type === 'italic') html = `<em>${html}</em>`;
      else if (mark.type === 'underline') html = `<u>${html}</u>`;
      // Chromium prints it as a PDF link annotation; the archival finisher describes and tags it.
      else if (mark.type === 'link') html = `<a href="${escapeHtml(mark.attrs.href)}">${html}</a>`;
    }
    out += html;
  }
  return out;
}

function blockHtml(block: Block, headingBase: number): string {
  switch (block.type) {
    case 'paragraph': {
      const inner = inlineHtml(block.content);
      if (!inner) return '<p class="empty"><br></p>';
      return isSubheading(block.content) ? `<p class="subheading">${inner}</p>` : `<p>${inner}</p>`;
    }
    case 'heading': {
      const level = Math.min(6, headingBase + block.attrs.level - 1);
      return `<h${level} class="body-h${block.attrs.level}">${inlineHtml(block.content)}</h${level}>`;
    }
    case 'bulletList':
      return `<ul>${block.content.map((item) => `<li>${item.content.map((b) => blockHtml(b, headingBase)).join('')}</li>`).join('')}</ul>`;
    case 'orderedList': {
      const start = block.attrs?.start;
      const attr = (start !== undefined && start !== 1 ? ` start="${start}"` : '') + (block.attrs?.delimiter === ')' ? ' class="delimiter-paren"' : '');
      return `<ol${attr}>${block.content.map((item) => `<li>${item.content.map((b) => blockHtml(b, headingBase)).join('')}</li>`).join('')}</ol>`;
    }
    case 'table': {
      // Leading rows of header cells form the <thead>, which Chromium repeats on every page.
      const heads = headerRowCount(block.content);
      const rows = block.content.map((row) => `<tr>${row.content.map((cell) => cellHtml(cell, headingBase)).join('')}</tr>`);
      const thead = heads ? `<thead>${rows.slice(0, heads).join('')}</thead>` : '';
      return `<table class="content-table">${thead}<tbody>${rows.slice(heads).join('')}</tbody></table>`;
    }
  }
}

function cellHtml(cell: TableCell, headingBase: number): string {
  const tag = cell.type === 'tableHeader' ? 'th' : 'td';
  const span =
    (cell.attrs?.colspan && cell.attrs.colspan > 1 ? ` colspan="${cell.attrs.colspan}"` : '') +
    (cell.attrs?.rowspan && cell.attrs.rowspan > 1 ? ` rowspan="${cell.attrs.rowspan}"` : '');
  return `<${tag}${span}>${cell.content.map((b) => blockHtml(b, headingBase)).join('')}</${tag}>`;
}
