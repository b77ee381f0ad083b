// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Doc } from '../../../electron/shared/document';
import { toEditorContent, toStoredDoc } from '../../../renderer/src/components/editor/doc';
import { documentExtensions } from '../../../renderer/src/components/editor/extensions';
import { cleanPastedHtml } from '../../../renderer/src/components/editor/word-paste';

let editor: Editor | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
});

function makeEditor(doc?: Doc) {
  editor = new Editor({
    extensions: documentExtensions(),
    content: toEditorContent(doc),
    injectCSS: false,
    editorProps: { transformPastedHTML: cleanPastedHtml },
  });
  return editor;
}

function stored(e: Editor): Doc {
  const result = toStoredDoc(e.getJSON());
  if (!result.ok) throw new Error(result.message);
  return result.doc;
}

const sample: Doc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Case Management' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Im Kreis sind ' },
        { type: 'text', text: '12 Fachkräfte', marks: [{ type: 'bold' }] },
        { type: 'hardBreak' },
        { type: 'text', text: 'tätig.', marks: [{ type: 'italic' }, { type: 'underline' }] },
      ],
    },
    {
      type: 'orderedList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Birkenau' }] }] },
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'Lindenfeld' }] },
            { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Nordstadt' }] }] }] },
          ],
        },
      ],
    },
    { type: 'orderedList', attrs: { start: 4 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Talheim' }] }] }] },
    {
      type: 'table',
      content: [
        { type: 'tableRow', content: [{ type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Standort' }] }] }, { type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Sprechzeiten' }] }] }] },
        { type: 'tableRow', content: [{ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Am Markt' }] }] }, { type: 'tableCell', attrs: { colspan: 1 }, content: [{ type: 'paragraph' }] }] },
      ],
    },
  ],
};

describe('editor ↔ document model', () => {
  it('gives back exactly the stored document when nothing was edited', () => {
    const e = makeEditor(sample);
    const back = stored(e);
    // colspan 1 is the default and is not stored
    const expected = JSON.parse(JSON.stringify(sample).replace('"attrs":{"colspan":1},', ''));
    expect(back).toEqual(expected);
  });

  it('stores an untouched empty section as no content', () => {
    expect(stored(makeEditor(undefined))).toEqual({ type: 'doc', content: [] });
    expect(stored(makeEditor({ type: 'doc', content: [] }))).toEqual({ type: 'doc', content: [] });
  });

  it('keeps bold and a numbered list typed with the editor commands', () => {
    const e = makeEditor();
    e.chain().focus().insertContent('Neuer Absatz ').toggleBold().insertContent('fett').toggleBold().run();
    e.chain().splitBlock().toggleOrderedList().insertContent('erster Punkt').splitListItem('listItem').insertContent('zweiter Punkt').run();
    const doc = stored(e);
    expect(doc.content[0]).toEqual({ type: 'paragraph', content: [{ type: 'text', text: 'Neuer Absatz ' }, { type: 'text', text: 'fett', marks: [{ type: 'bold' }] }] });
    expect(doc.content[1]).toMatchObject({ type: 'orderedList', content: [{ type: 'listItem' }, { type: 'listItem' }] });
    expect(JSON.stringify(doc.content[1])).toContain('zweiter Punkt');
  });

  it('has no way to create content outside the model (code, quotes, strike)', () => {
    const e = makeEditor();
    expect(e.schema.nodes.codeBlock).toBeUndefined();
    expect(e.schema.nodes.blockquote).toBeUndefined();
    expect(e.schema.nodes.horizontalRule).toBeUndefined();
    expect(e.schema.marks.strike).toBeUndefined();
    expect(e.schema.marks.code).toBeUndefined();
    expect(Object.keys(e.schema.marks).sort()).toEqual(['bold', 'italic', 'link', 'underline']);
    expect(Object.keys(e.schema.nodes).sort()).toEqual(
      ['bulletList', 'doc', 'hardBreak', 'heading', 'listItem', 'orderedList', 'paragraph', 'table', 'tableCell', 'tableHeader', 'tableRow', 'text'].sort(),
    );
  });

  it('keeps a stored link unchanged, stores a new one with its address only, and refuses other addresses', () => {
    const withLink: Doc = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Richtlinie', marks: [{ type: 'bold' }, { type: 'link', attrs: { href: 'https://www.musterkreis.example/r' } }] }] }],
    };
    const e = makeEditor(withLink);
    expect(stored(e)).toEqual(withLink);
    // Text typed after a link does not join it (as in Word).
    e.chain().focus('end').insertContent(' und ').run();
    expect(e.commands.setTextSelection({ from: 12, to: 15 })).toBe(true);
    expect(e.commands.setLink({ href: 'javascript:alert(1)' })).toBe(false);
    expect(e.commands.setLink({ href: 'data:text/html,x' })).toBe(false);
    expect(e.commands.setLink({ href: 'info@musterkreis.example' })).toBe(true);
    expect(stored(e).content[0]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Richtlinie', marks: [{ type: 'bold' }, { type: 'link', attrs: { href: 'https://www.musterkreis.example/r' } }] },
        { type: 'text', text: ' ', marks: [{ type: 'bold' }] },
        { type: 'text', text: 'und', marks: [{ type: 'bold' }, { type: 'link', attrs: { href: 'mailto:info@musterkreis.example' } }] },
        { type: 'text', text: ' ', marks: [{ type: 'bold' }] },
      ],
    });
  });

  it('refuses a document the model does not allow, with a German reason', () => {
    const result = toStoredDoc({ type: 'doc', content: [{ type: 'blockquote', content: [{ type: 'paragraph' }] }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/nicht speichern/);
  });
});

const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta name=Generator content="Microsoft Word 15"><style><!-- p.MsoNormal {margin:0cm} --></style></head>
<body lang=DE style='tab-interval:35.4pt'>
<!--StartFragment-->
<h2 style='mso-outline-level:2'><span style='font-family:"Arial",sans-serif'>Case Management (Modul 2)<o:p></o:p></span></h2>
<p class=MsoNormal><span style='font-family:"Arial"'>Im Case Management sind <b>12 Fachkräfte</b> tätig, <i>jeweils</i> an <u>festen Tagen</u>:<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>Stadt Birkenau<o:p></o:p></p>
<p class=MsoListParagraphCxSpMiddle style='text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span>&nbsp;&nbsp; </span></span><![endif]>Nordstadt<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>2.<span>&nbsp;&nbsp;&nbsp; </span></span><![endif]>Stadt Lindenfeld<o:p></o:p></p>
<p class=MsoNormal>Weitere Angaben:</p>
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><span style='font-family:Symbol;mso-list:Ignore'>·<span>&nbsp;</span></span>Sprachförderung</p>
<table class=MsoTableGrid border=1><tr><td><p class=MsoNormal><b>Standort</b></p></td><td><p class=MsoNormal>Sprechzeiten</p></td></tr>
<tr><td><p class=MsoNormal>Talheim</p></td><td><p class=MsoNormal>Do 9–12 Uhr<o:p></o:p></p></td></tr></table>
<p class=MsoNormal><img src="file:///C:/Users/x/clip_image001.png"><v:shape id="x"></v:shape><span style='color:red;font-weight:bold'>Wichtig</span> <s>gestrichen</s> <a href="http://example.org">Verweis</a> <a href="javascript:alert(1)">Falle</a> <a href="file:///C:/geheim.docx">Datei</a> <code>x=1</code></p>
<!--EndFragment-->
</body></html>`;

describe('paste from Word', () => {
  it('keeps headings, marks, nested numbered and bullet lists and tables', () => {
    const e = makeEditor();
    e.view.pasteHTML(WORD_HTML);
    const doc = stored(e);
    const json = JSON.stringify(doc);
    expect(doc.content[0]).toEqual({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Case Management (Modul 2)' }] });
    expect(doc.content[1]).toMatchObject({ type: 'paragraph' });
    expect(JSON.stringify(doc.content[1])).toContain('{"type":"text","text":"12 Fachkräfte","marks":[{"type":"bold"}]}');
    expect(JSON.stringify(doc.content[1])).toContain('{"type":"text","text":"jeweils","marks":[{"type":"italic"}]}');
    expect(JSON.stringify(doc.content[1])).toContain('{"type":"text","text":"festen Tagen","marks":[{"type":"underline"}]}');
    // the spacing paragraph is gone, the numbered list follows directly
    const list = doc.content[2]!;
    expect(list.type).toBe('orderedList');
    const items = (list as { content: { content: { type: string }[] }[] }).content;
    expect(items).toHaveLength(2);
    expect(JSON.stringify(items[0])).toContain('Stadt Birkenau');
    expect(items[0]!.content[1]).toMatchObject({ type: 'bulletList' });
    expect(JSON.stringify(items[0]!.content[1])).toContain('Nordstadt');
    expect(JSON.stringify(items[1])).toContain('Stadt Lindenfeld');
    // no typed list markers or Word's bullet glyphs survive
    expect(json).not.toMatch(/"1\.|"2\.|·/);
    expect(doc.content[4]).toMatchObject({ type: 'bulletList' });
    expect(doc.content[5]).toMatchObject({ type: 'table' });
    expect(JSON.stringify(doc.content[5])).toContain('Do 9–12 Uhr');
    // junk is dropped, its text is kept as plain text
    expect(json).not.toMatch(/img|clip_image|v:shape|mso|Arial|strike|code|javascript|file:/);
    // A web link stays a link; the others keep their text only.
    expect(json).toContain('{"type":"text","text":"Verweis","marks":[{"type":"link","attrs":{"href":"http://example.org/"}}]}');
    expect(json).toContain('{"type":"text","text":" Falle Datei x=1"}');
    expect(json).toContain('{"type":"text","text":"Wichtig","marks":[{"type":"bold"}]}');
    expect(json).toContain('gestrichen');
    expect(json).toContain('Verweis');
    expect(json).toContain('x=1');
  });

  it('leaves ordinary HTML lists as they are', () => {
    const html = cleanPastedHtml('<ul class="x"><li>eins</li><li>zwei</li></ul><p id="a" style="color:red">Text</p>');
    expect(html).toBe('<ul><li>eins</li><li>zwei</li></ul><p>Text</p>');
  });
});
