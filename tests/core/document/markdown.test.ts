import { describe, expect, it } from 'vitest';
import { markdownToDoc } from '../../../electron/core/document/markdown.js';
import { docToPlainText } from '../../../electron/core/document/plain-text.js';
import { DocSchema } from '../../../electron/shared/document.js';

describe('markdownToDoc', () => {
  it('converts headings, marks, lists and tables into the model', () => {
    const doc = markdownToDoc(
      [
        '## Lenkungsgruppe',
        '',
        'Die **Lenkungsgruppe** tagte *zweimal*.',
        '',
        '1. erstens',
        '2. zweitens',
        '   - eingerückt',
        '',
        '| Kommune | Stellen |',
        '|---|---|',
        '| Musterstadt | **1,5** |',
      ].join('\n'),
    );
    expect(DocSchema.parse(doc)).toEqual(doc);
    expect(doc.content.map((b) => b.type)).toEqual(['heading', 'paragraph', 'orderedList', 'table']);
    expect(doc.content[0]).toEqual({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Lenkungsgruppe' }] });
    expect(doc.content[1]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Die ' },
        { type: 'text', text: 'Lenkungsgruppe', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' tagte ' },
        { type: 'text', text: 'zweimal', marks: [{ type: 'italic' }] },
        { type: 'text', text: '.' },
      ],
    });
    expect(docToPlainText(doc)).toBe(
      'Lenkungsgruppe\n\nDie Lenkungsgruppe tagte zweimal.\n\n1. erstens\n2. zweitens\n   - eingerückt\n\nKommune | Stellen\nMusterstadt | 1,5',
    );
    const table = doc.content[3];
    expect(table?.type === 'table' && table.content[0]?.content[0]?.type).toBe('tableHeader');
  });

  it('keeps the start number of an ordered list', () => {
    const doc = markdownToDoc('4. vier\n5. fünf');
    expect(doc.content[0]).toMatchObject({ type: 'orderedList', attrs: { start: 4 } });
  });

  it('clamps deep headings to level 3 and turns hard breaks into hardBreak nodes', () => {
    const doc = markdownToDoc('##### tief\n\nZeile eins  \nZeile zwei\nfließt weiter');
    expect(doc.content[0]).toMatchObject({ type: 'heading', attrs: { level: 3 } });
    expect(doc.content[1]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: 'Zeile eins' }, { type: 'hardBreak' }, { type: 'text', text: 'Zeile zwei fließt weiter' }],
    });
  });

  it('keeps raw HTML and placeholders as literal text', () => {
    const doc = markdownToDoc('<script>alert("x")</script> und {{gremium.genitive}}\n\n<b>fett?</b>');
    expect(docToPlainText(doc)).toBe('<script>alert("x")</script> und {{gremium.genitive}}\n\n<b>fett?</b>');
  });

  it('drops images and link targets but keeps link text', () => {
    const doc = markdownToDoc('Siehe [Förderrichtlinie](https://example.org) und ![Logo](logo.png).');
    expect(docToPlainText(doc)).toBe('Siehe Förderrichtlinie und .');
  });

  it('returns an empty document for empty input', () => {
    expect(markdownToDoc('')).toEqual({ type: 'doc', content: [] });
    expect(markdownToDoc('   \n\n')).toEqual({ type: 'doc', content: [] });
  });
});
