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

describe('sanitizeDoc: links', () => {
  const para = (marks: unknown[]) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Richtlinie', marks }] }] });
  const link = (href: string) => ({ type: 'link', attrs: { href, target: '_blank', rel: 'noopener noreferrer nofollow', class: null } });

  it('keeps a web or e-mail link (TipTap attributes reduced to the address) after the text marks', () => {
    const doc = sanitizeDoc(para([link('https://www.musterkreis.example/richtlinie'), { type: 'italic' }]));
    expect(doc.content[0]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: 'Richtlinie', marks: [{ type: 'italic' }, { type: 'link', attrs: { href: 'https://www.musterkreis.example/richtlinie' } }] }],
    });
    expect(DocSchema.parse(doc)).toEqual(doc);
    expect(sanitizeDoc(para([link('info@musterkreis.example')])).content[0]).toMatchObject({ content: [{ marks: [{ type: 'link', attrs: { href: 'mailto:info@musterkreis.example' } }] }] });
  });

  it.each([
    ['javascript:', 'javascript:alert(1)', 'nur zu Webseiten'],
    ['JaVaScRiPt:', 'JaVaScRiPt:alert(1)', 'nur zu Webseiten'],
    ['data:', 'data:text/html,<script>alert(1)</script>', 'nur zu Webseiten'],
    ['file:', 'file:///C:/Windows/system32', 'nur zu Webseiten'],
    ['10 000 characters', `https://www.musterkreis.example/${'x'.repeat(10_000)}`, 'zu lang'],
    ['control characters', 'https://www.musterkreis.example/\u0007\u0000', 'Steuerzeichen'],
  ])('keeps the text of a link (%s) without the link and says why', (_, href, why) => {
    const report: SanitizeReport = { dropped: {} };
    const doc = sanitizeDoc(para([link(href), { type: 'bold' }]), report);
    expect(doc.content[0]).toEqual({ type: 'paragraph', content: [{ type: 'text', text: 'Richtlinie', marks: [{ type: 'bold' }] }] });
    expect(report.rejectedLinks).toHaveLength(1);
    expect(report.rejectedLinks![0]!.reason).toContain(why);
    expect(report.rejectedLinks![0]!.href.length).toBeLessThanOrEqual(81);
  });
});

describe('DocSchema: links', () => {
  const text = (href: unknown) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href } }] }] }] });

  it('accepts http, https and mailto addresses in stored form', () => {
    for (const href of ['https://www.musterkreis.example/a?b=1#c', 'http://intranet.musterkreis.example/', 'mailto:amt@musterkreis.example']) {
      expect(DocSchema.safeParse(text(href)).success).toBe(true);
    }
  });

  it('refuses every other address with a German message', () => {
    for (const href of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'https://a b.de/', 'https://x.de/\u0007', `https://x.de/${'a'.repeat(10_000)}`, '//x.de', 'HTTPS://x.de/', 42]) {
      const result = DocSchema.safeParse(text(href));
      expect(result.success, String(href).slice(0, 40)).toBe(false);
      expect(result.error!.issues[0]!.message).toMatch(/Linkadresse|Zeichen|erwartet|unzulässig/);
    }
  });
});
