import { Extension, type Extensions } from '@tiptap/core';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { normalizeHref } from '@shared/link';

/**
 * The editor's schema is exactly our document model (electron/shared/document.ts): paragraphs,
 * headings 1–3, bullet and numbered lists, tables, bold/italic/underline, links and hard breaks.
 * Everything else StarterKit brings is switched off, so pasted or typed content can never
 * contain a node the renderers and DOCX export do not know.
 */
export function documentExtensions(options: { onLinkShortcut?: () => void } = {}): Extensions {
  const allowed = (url: string) => normalizeHref(url).ok;
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3] },
      blockquote: false,
      code: false,
      codeBlock: false,
      horizontalRule: false,
      link: {
        // A click in the text places the caret, as in Word; the link opens from the printed PDF.
        openOnClick: false,
        // No autolink: TipTap then makes the link mark inclusive, so text typed right after a link
        // would join it — Word does not do that. A link comes from Strg+K, the toolbar, pasting an
        // address over selected text, or pasted HTML; only http(s) and mailto in each case.
        autolink: false,
        linkOnPaste: true,
        defaultProtocol: 'https',
        isAllowedUri: allowed,
        shouldAutoLink: allowed,
        HTMLAttributes: { target: null, rel: null, class: null },
      },
      strike: false,
      // A trailing empty paragraph would be stored as content.
      trailingNode: false,
    }),
    // Column widths are not part of the printed layout; resizing would only add noise.
    Table.configure({ resizable: false, allowTableNodeSelection: false }),
    TableRow,
    TableHeader,
    TableCell,
    Extension.create({
      name: 'linkShortcut',
      // Strg+K opens the link dialog, as in Word.
      addKeyboardShortcuts: () => ({
        'Mod-k': () => {
          if (!options.onLinkShortcut) return false;
          options.onLinkShortcut();
          return true;
        },
      }),
    }),
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
