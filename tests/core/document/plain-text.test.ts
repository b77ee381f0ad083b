import { describe, expect, it } from 'vitest';
import { docToPlainText } from '../../../electron/shared/plain-text.js';
import { DocSchema, type Doc } from '../../../electron/shared/document.js';

const t = (text: string, ...marks: ('bold' | 'italic' | 'underline')[]) =>
  marks.length ? { type: 'text' as const, text, marks: marks.map((type) => ({ type })) } : { type: 'text' as const, text };
const p = (...content: ReturnType<typeof t>[]) => ({ type: 'paragraph' as const, content });

describe('docToPlainText', () => {
  it('returns an empty string for an empty document', () => {
    expect(docToPlainText({ type: 'doc', content: [] })).toBe('');
    expect(docToPlainText({ type: 'doc', content: [{ type: 'paragraph' }] })).toBe('');
  });

  it('separates blocks by a blank line and drops marks', () => {
    const doc: Doc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [t('Ausblick')] },
        p(t('Das ist '), t('wichtig', 'bold'), t('.')),
      ],
    };
    expect(docToPlainText(doc)).toBe('Ausblick\n\nDas ist wichtig.');
  });

  it('turns hard breaks into line breaks', () => {
    const doc: Doc = { type: 'doc', content: [{ type: 'paragraph', content: [t('a'), { type: 'hardBreak' }, t('b')] }] };
    expect(docToPlainText(doc)).toBe('a\nb');
  });

  it('numbers ordered lists from their start and indents nested lists', () => {
    const doc: Doc = DocSchema.parse({
      type: 'doc',
      content: [
        {
          type: 'orderedList',
          attrs: { start: 3 },
          content: [
            { type: 'listItem', content: [p(t('drei'))] },
            {
              type: 'listItem',
              content: [p(t('vier')), { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('innen'))] }] }],
            },
          ],
        },
      ],
    });
    expect(docToPlainText(doc)).toBe('3. drei\n4. vier\n   - innen');
  });

  it('writes one line per table row', () => {
    const cell = (text: string, type: 'tableCell' | 'tableHeader' = 'tableCell') => ({ type, content: [p(t(text))] });
    const doc: Doc = {
      type: 'doc',
      content: [
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: [cell('Gremium', 'tableHeader'), cell('Datum', 'tableHeader')] },
            { type: 'tableRow', content: [cell('Sozialausschuss'), cell('12.03.2025')] },
          ],
        },
      ],
    };
    expect(docToPlainText(doc)).toBe('Gremium | Datum\nSozialausschuss | 12.03.2025');
  });

  it('keeps user text literally (no placeholder expansion, no escaping)', () => {
    const doc: Doc = { type: 'doc', content: [p(t('<script>alert(1)</script> {{jahr}}'))] };
    expect(docToPlainText(doc)).toBe('<script>alert(1)</script> {{jahr}}');
  });
});
