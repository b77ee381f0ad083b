/** What a block means for layout, shared by the HTML/PDF and DOCX renderers so both keep the same things together. */
import type { InlineNode } from '../../shared/document.js';

/**
 * A paragraph whose text is bold throughout: authors use it as a subheading, so it must stay on
 * the page of the text it introduces (issue 14.2).
 */
export function isSubheading(nodes: readonly InlineNode[] | undefined): boolean {
  const texts = (nodes ?? []).filter((n) => n.type === 'text');
  return texts.length > 0 && texts.every((n) => n.text.trim() === '' || n.marks?.some((m) => m.type === 'bold'));
}

/** How many leading rows consist of header cells only (never all rows: a table keeps a body). */
export function headerRowCount(rows: readonly { content: readonly { type: string }[] }[]): number {
  let count = 0;
  while (count < rows.length - 1 && rows[count]!.content.every((c) => c.type === 'tableHeader')) count++;
  return count;
}
