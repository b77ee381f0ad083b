import type { Block, Doc, InlineNode, ListItem, Table } from './document.js';

/**
 * Plain text of a document, for full-text search, revision diffs and previews.
 *
 * Stable, line-oriented output (diffs depend on it):
 * - top-level blocks are separated by one blank line;
 * - a hard break becomes a line break;
 * - list items get "- " or "1. " (counting from the list's start), nested content is indented
 *   by the width of that prefix;
 * - a table row becomes one line, cells joined with " | ".
 * Marks (bold, …) carry no text and are dropped.
 */
export function docToPlainText(doc: Doc): string {
  return blocksToLines(doc.content, '\n\n');
}

function blocksToLines(blocks: readonly Block[], separator: string): string {
  return blocks
    .map(blockToText)
    .filter((t) => t.length > 0)
    .join(separator);
}

function inlineText(content: readonly InlineNode[] | undefined): string {
  if (!content) return '';
  let out = '';
  for (const node of content) out += node.type === 'text' ? node.text : '\n';
  return out;
}

function blockToText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return inlineText(block.content);
    case 'bulletList':
      return block.content.map((item) => listItemText(item, '- ')).join('\n');
    case 'orderedList': {
      const start = block.attrs?.start ?? 1;
      const delimiter = block.attrs?.delimiter ?? '.';
      return block.content.map((item, i) => listItemText(item, `${start + i}${delimiter} `)).join('\n');
    }
    case 'table':
      return tableText(block);
  }
}

function listItemText(item: ListItem, prefix: string): string {
  const indent = ' '.repeat(prefix.length);
  const body = blocksToLines(item.content, '\n');
  const lines = body.split('\n');
  return lines.map((line, i) => (i === 0 ? prefix + line : line.length ? indent + line : line)).join('\n');
}

function tableText(table: Table): string {
  return table.content
    .map((row) => row.content.map((cell) => blocksToLines(cell.content, ' ').replace(/\n/g, ' ')).join(' | '))
    .join('\n');
}
