import { describe, expect, it } from 'vitest';
import { markdownToDoc } from '../../../electron/core/document/markdown.js';
import { docToPlainText } from '../../../electron/shared/plain-text.js';
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

  it('drops images; links stay links on their text, only to web pages and e-mail addresses', () => {
    const doc = markdownToDoc('Siehe [Förderrichtlinie](https://example.org/richtlinie) und ![Logo](logo.png), [**Amt**](mailto:amt@example.org), [Datei](ftp://musterkreis.example/datei), [böse](javascript:alert(1)).');
    expect(docToPlainText(doc)).toBe('Siehe Förderrichtlinie und , Amt, Datei, [böse](javascript:alert(1)).');
    const link = (href: string) => ({ type: 'link', attrs: { href } });
    expect(doc.content[0]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Siehe ' },
        { type: 'text', text: 'Förderrichtlinie', marks: [link('https://example.org/richtlinie')] },
        { type: 'text', text: ' und , ' },
        { type: 'text', text: 'Amt', marks: [{ type: 'bold' }, link('mailto:amt@example.org')] },
        // An ftp: link keeps its text only; markdown-it does not even read javascript: as a link.
        { type: 'text', text: ', Datei, [böse](javascript:alert(1)).' },
      ],
    });
  });

  it('returns an empty document for empty input', () => {
    expect(markdownToDoc('')).toEqual({ type: 'doc', content: [] });
    expect(markdownToDoc('   \n\n')).toEqual({ type: 'doc', content: [] });
  });
});
