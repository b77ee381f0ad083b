import { Extension, type Extensions } from '@tiptap/core';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';

/**
 * The editor's schema is exactly our document model (electron/shared/document.ts): paragraphs,
 * headings 1–3, bullet and numbered lists, tables, bold/italic/underline and hard breaks.
 * Everything else StarterKit brings is switched off, so pasted or typed content can never
 * contain a node the renderers and DOCX export do not know.
 */
export function documentExtensions(): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3] },
      blockquote: false,
      code: false,
      codeBlock: false,
      horizontalRule: false,
      link: false,
      strike: false,
      // A trailing empty paragraph would be stored as content.
      trailingNode: false,
    }),
    // Column widths are not part of the printed layout; resizing would only add noise.
    Table.configure({ resizable: false, allowTableNodeSelection: false }),
    TableRow,
    TableHeader,
    TableCell,
    ListDelimiter,
  ];
}

/** A list written "1)" keeps its delimiter through editing (document model: orderedList.attrs.delimiter). */
const ListDelimiter = Extension.create({
  name: 'listDelimiter',
  addGlobalAttributes() {
    return [
      {
        types: ['orderedList'],
        attributes: {
          delimiter: {
            default: null,
            parseHTML: (element) => (element.getAttribute('data-delimiter') === ')' ? ')' : null),
            renderHTML: (attributes) => (attributes.delimiter === ')' ? { 'data-delimiter': ')' } : {}),
          },
        },
      },
    ];
  },
});
