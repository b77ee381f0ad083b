import { describe, expect, it } from 'vitest';
import { markdownToDoc } from '../../../../electron/core/document/markdown.js';
import { renderMeetingHtml, renderPaperHtml, renderResultHtml } from '../../../../electron/core/export/html/index.js';
import { cssString } from '../../../../electron/core/export/html/page.js';
import { musterkreisMeetingModel, musterkreisPaperModel, musterkreisResultModel } from '../docx/musterkreis-fixture.js';
import { inOrder, textOf } from './html-text.js';

describe('renderPaperHtml', () => {
  const html = renderPaperHtml(musterkreisPaperModel());

  it('prints the parts of a Vorlage in the order a Kreis prints them', () => {
    inOrder(textOf(html), [
      '50.2 – Kommunales Integrationszentrum (KI)',
      'Vorlage-Nr.: 50/012/2025',
      'Vorlage',
      'für den',
      'öffentlichen Sitzungsteil',
      'Gremium Datum Zuständigkeit',
      'Ausschuss für Soziales und Integration 12.03.2025 Kenntnisnahme',
      'Tagesordnungs- Punkt 7',
      'Kommunales Integrationsmanagement – Aktueller Sachstand',
      'Vorbemerkungen:',
      'Erläuterungen:',
      'Stellen im strategischen Kommunalen Integrationsmanagement',
      'Stadt Musterstadt',
      'Stadt Erlenbrück',
      'Zur Sitzung des Ausschusses für Soziales und Integration am 12.03.2025.',
      'Im Auftrag',
      '(Leitung des Kommunalen Integrationszentrums)',
      'Anlage: Geschäftsordnung der Lenkungsgruppe KIM (Entwurf)',
    ]);
    expect(html.match(/<li>/g)).toHaveLength(9);
  });

  it('is self-contained: fonts embedded, no external resources, no scripts, A4 print CSS', () => {
    expect(html).toMatch(/@font-face\{font-family:'Arimo';font-style:normal;font-weight:400;[^}]*src:url\(data:font\/woff2;base64,/);
    expect(html).toContain('font-weight:700');
    expect(html).not.toMatch(/(src|href)=["']?(https?:|file:|\/\/)/i);
    expect(html).not.toMatch(/url\((?!data:)/);
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/@page \{ size: A4;/);
    expect(html).toContain('counter(page)');
    expect(html).toContain('@top-left { content: "50\\2e 2 \\2013  Kommunales Integrationszentrum \\28 KI\\29 "');
    expect(html).toContain('<html lang="de">');
  });

  it('escapes user text: <script> and {{…}} appear literally', () => {
    const model = musterkreisPaperModel({
      sections: [{ key: 'vorbemerkungen', title: 'Vorbemerkungen', body: markdownToDoc('<script>alert(1)</script> {{sitzung.datum}} & "x"') }],
    });
    model.paper.title = '<img src=x onerror=alert(1)> {{jahr}}';
    model.department.name = 'KI "</style><script>alert(2)</script>';
    const out = renderPaperHtml(model, { embedFonts: false });
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt; {{sitzung.datum}} &amp; &quot;x&quot;');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt; {{jahr}}');
    // The running header puts the Amt into CSS: it must not be able to close the <style> element.
    expect(out.match(/<\/style>/g)).toHaveLength(1);
  });

  it('prints "nichtöffentlichen Sitzungsteil", an empty date for unscheduled Beratungen, no closing line without a Sitzung', () => {
    const model = musterkreisPaperModel({
      printedFor: null,
      closingLine: null,
      consultations: [
        { committeeName: 'Ausschuss für Soziales und Integration', committeeShortName: 'Sozialausschuss', meetingDate: '2025-03-12', role: 'Vorberatung' },
        { committeeName: 'Kreisausschuss', committeeShortName: 'KA', meetingDate: null, role: 'Entscheidung' },
      ],
    });
    model.paper.public = false;
    const text = textOf(renderPaperHtml(model, { embedFonts: false }));
    expect(text).toContain('nichtöffentlichen Sitzungsteil');
    expect(text).toContain('Kreisausschuss Entscheidung');
    expect(text).not.toContain('Zur Sitzung');
  });

  it('lists several Anlagen numbered under "Anlagen:"', () => {
    const model = musterkreisPaperModel({
      attachments: [
        { title: 'Geschäftsordnung', fileName: 'a.pdf', public: true },
        { title: 'Übersicht der Stellen', fileName: 'b.pdf', public: true },
      ],
    });
    const html2 = renderPaperHtml(model, { embedFonts: false });
    expect(html2).toContain('<p class="head">Anlagen:</p><ol><li>Geschäftsordnung</li><li>Übersicht der Stellen</li></ol>');
  });

  it('leaves out page numbers and the running header on request (session pack)', () => {
    const out = renderPaperHtml(musterkreisPaperModel(), { pageNumbers: false, runningHeader: false, embedFonts: false });
    expect(out).not.toContain('counter(page)');
    expect(out).not.toContain('@top-left { content: "');
  });
});

describe('renderMeetingHtml', () => {
  it('prints Einladung and Tagesordnung with both parts', () => {
    const text = textOf(renderMeetingHtml(musterkreisMeetingModel(), { embedFonts: false }));
    inOrder(text, [
      'Die Vorsitzende des Ausschusses für Soziales und Integration',
      'Datum: 26.02.2025',
      'Einladung zur 12. Sitzung des Ausschusses für Soziales und Integration',
      'Mittwoch, 12.03.2025, 15:00 Uhr',
      'Kreishaus Musterstadt, Sitzungssaal 1',
      'Sehr geehrte Damen und Herren,',
      'Dr. Erika Beispiel',
      'Tagesordnung',
      'A. Öffentlicher Teil',
      '3 Kommunales Integrationsmanagement – Aktueller Sachstand 50/012/2025 3',
      '(Nachtrag)',
      '6 Anfragen',
      'B. Nichtöffentlicher Teil',
      '7 Vergabe von Sprachkursplätzen <vertraulich> 50/016/2025 9',
      '9 Anfragen',
    ]);
  });

  it('omits the non-public part and the page column on request', () => {
    const html = renderMeetingHtml(musterkreisMeetingModel(), { includeNonPublic: false, showPageNumbers: false, embedFonts: false });
    const text = textOf(html);
    expect(text).not.toContain('Nichtöffentlicher Teil');
    expect(text).not.toContain('Sprachkursplätzen');
    expect(html).not.toContain('class="page"');
    expect(text).toContain('A. Öffentlicher Teil');
  });

  it('can print only the Tagesordnung', () => {
    const text = textOf(renderMeetingHtml(musterkreisMeetingModel(), { parts: { einladung: false }, embedFonts: false }));
    expect(text).not.toContain('Sehr geehrte');
    expect(text).toContain('Tagesordnung');
  });
});

describe('renderResultHtml', () => {
  it('prints heading, committee and date, TOP, minutes and the result line in order', () => {
    const text = textOf(renderResultHtml(musterkreisResultModel({ vote: 'einstimmig' }), { embedFonts: false }));
    inOrder(text, [
      'Beratungsergebnis zu Vorlage Nr. 50/012/2025',
      'Sozialausschuss am 12.03.2025',
      'Zu Punkt 3: Kommunales Integrationsmanagement – Aktueller Sachstand',
      'Stellenbesetzung',
      'Herr Mustermann fragt',
      'Kenntnis genommen',
      'Abstimmungsergebnis: einstimmig',
    ]);
  });

  it('never labels a Kenntnisnahme "Beschluss:", with or without the role of the Beratung', () => {
    for (const role of ['kenntnisnahme', null, undefined] as const) {
      const html = renderResultHtml(musterkreisResultModel({ role }), { embedFonts: false });
      expect(textOf(html)).toContain('Kenntnis genommen');
      expect(textOf(html)).not.toContain('Beschluss:');
    }
  });

  it('labels the result of a Vorberatung "Beschlussempfehlung:" and of an Entscheidung "Beschluss:"', () => {
    const vorberatung = textOf(renderResultHtml(musterkreisResultModel({ role: 'vorberatung', result: 'einstimmig beschlossen' }), { embedFonts: false }));
    expect(vorberatung).toContain('Beschlussempfehlung: einstimmig beschlossen');
    const entscheidung = textOf(renderResultHtml(musterkreisResultModel({ role: 'entscheidung', result: 'mehrheitlich beschlossen' }), { embedFonts: false }));
    expect(entscheidung).toContain('Beschluss: mehrheitlich beschlossen');
  });
});

describe('cssString', () => {
  it('cannot break out of a CSS string or the style element', () => {
    expect(cssString('a"b\\c</style>')).toBe('"a\\22 b\\5c c\\3c \\2f style\\3e "');
    expect(cssString('Ä ö')).toBe('"Ä ö"');
  });
});

describe('links in the document model (issue 15)', () => {
  it('are printed as real links to their address, the address escaped, the text as written', async () => {
    const { docToHtml } = await import('../../../../electron/core/export/html/doc-html.js');
    const html = docToHtml({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Siehe ' },
            { type: 'text', text: 'Richtlinie <neu>', marks: [{ type: 'bold' }, { type: 'link', attrs: { href: 'https://www.musterkreis.example/a?b=1&c=%22' } }] },
            { type: 'text', text: ' und ' },
            { type: 'text', text: 'Amt', marks: [{ type: 'link', attrs: { href: 'mailto:amt@musterkreis.example' } }] },
          ],
        },
      ],
    });
    expect(html).toBe(
      '<p>Siehe <a href="https://www.musterkreis.example/a?b=1&amp;c=%22"><strong>Richtlinie &lt;neu&gt;</strong></a> und <a href="mailto:amt@musterkreis.example">Amt</a></p>',
    );
  });
});
