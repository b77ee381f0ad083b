import { describe, expect, it } from 'vitest';
import { DocumentError } from '../../../electron/core/document/errors.js';
import { sanitizeDoc, type SanitizeReport } from '../../../electron/core/document/sanitize.js';
import { DocSchema } from '../../../electron/shared/document.js';

describe('sanitizeDoc', () => {
  it('drops unknown marks and unwraps unknown nodes, keeping their text', () => {
    const report: SanitizeReport = { dropped: {} };
    const doc = sanitizeDoc(
      {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            attrs: { textAlign: 'left' },
            content: [
              { type: 'text', text: 'a', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }, { type: 'strong' }] },
              { type: 'mention', content: [{ type: 'text', text: 'b' }] },
              { type: 'image', attrs: { src: 'x' } },
            ],
          },
          { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Zitat' }] }] },
          { type: 'horizontalRule' },
          { type: 'heading', attrs: { level: 5 }, content: [{ type: 'text', text: 'H' }] },
        ],
      },
      report,
    );
    expect(doc).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'a', marks: [{ type: 'bold' }] }, { type: 'text', text: 'b' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Zitat' }] },
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'H' }] },
      ],
    });
    expect(report.dropped).toMatchObject({ 'mark:link': 1, mention: 1, image: 1, blockquote: 1, horizontalRule: 1 });
  });

  it('removes characters that are invalid in XML and splits newlines into hard breaks', () => {
    const doc = sanitizeDoc({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a\u0000b\u000Bc\r\nd' }] }] });
    expect(doc.content[0]).toEqual({ type: 'paragraph', content: [{ type: 'text', text: 'abc' }, { type: 'hardBreak' }, { type: 'text', text: 'd' }] });
  });

  it('fills empty list items and table cells with an empty paragraph so the result validates', () => {
    const doc = sanitizeDoc({
      type: 'doc',
      content: [
        { type: 'bulletList', content: [{ type: 'listItem', content: [] }] },
        { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null } }] }] },
        { type: 'orderedList', content: [] },
      ],
    });
    expect(DocSchema.safeParse(doc).success).toBe(true);
    expect(doc.content).toEqual([
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
      { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [{ type: 'paragraph' }] }] }] },
    ]);
  });

  it('merges adjacent text with equal marks and orders marks canonically', () => {
    const doc = sanitizeDoc({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'x', marks: [{ type: 'underline' }, { type: 'bold' }] },
            { type: 'text', text: 'y', marks: [{ type: 'bold' }, { type: 'underline' }, { type: 'bold' }] },
          ],
        },
      ],
    });
    expect(doc.content[0]).toEqual({ type: 'paragraph', content: [{ type: 'text', text: 'xy', marks: [{ type: 'bold' }, { type: 'underline' }] }] });
  });

  it('rejects what is not a document, and absurd nesting', () => {
    expect(() => sanitizeDoc(null)).toThrow(DocumentError);
    expect(() => sanitizeDoc({ type: 'paragraph' })).toThrow(/Ungültiges Dokument/);
    let deep: Record<string, unknown> = { type: 'paragraph', content: [{ type: 'text', text: 'x' }] };
    for (let i = 0; i < 100; i++) deep = { type: 'bulletList', content: [{ type: 'listItem', content: [deep] }] };
    expect(() => sanitizeDoc({ type: 'doc', content: [deep] })).toThrow(/verschachtelt/);
  });
});
