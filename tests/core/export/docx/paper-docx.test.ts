import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { markdownToDoc } from '../../../../electron/core/document/markdown.js';
import { DocumentError } from '../../../../electron/core/document/errors.js';
import { renderMeetingDocx, renderPaperDocx, renderResultDocx } from '../../../../electron/core/export/docx/index.js';
import { checkLetterhead, renderPaperDocxWithLetterhead } from '../../../../electron/core/export/docx/letterhead.js';
import { builtinTemplatesDir } from '../../../../electron/core/templates/loader.js';
import { convertWithLibreOffice, docxPackageProblems, docxPart, pdfPageCount, positionsInOrder } from './helpers.js';
import { musterkreisMeetingModel, musterkreisPaperModel, musterkreisResultModel, tenPagePaperModel } from './musterkreis-fixture.js';
import { join } from 'node:path';

const LO_TIMEOUT = 180_000;
const letterheadPath = () => join(builtinTemplatesDir(), 'hausvorlage', 'musterkreis-briefkopf.docx');

describe('docxPackageProblems (the validity check used below)', () => {
  it('finds malformed XML, dangling relationships and parts without content type', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(await renderPaperDocx(musterkreisPaperModel()));
    zip.file('word/document.xml', '<w:document><w:body></w:document>');
    zip.remove('word/numbering.xml');
    zip.file('word/extra.bin', 'x');
    const problems = await docxPackageProblems(await zip.generateAsync({ type: 'uint8array' }));
    expect(problems.some((p) => p.startsWith('word/document.xml:'))).toBe(true);
    expect(problems.some((p) => /^word\/_rels\/document\.xml\.rels: relationship rId\d+ → missing part word\/numbering\.xml$/.test(p))).toBe(true);
    expect(problems).toContain('word/extra.bin: no content type');
  });
});

describe('renderPaperDocx', () => {
  it('produces a valid package that LibreOffice renders in the layout of a Kreis Vorlage', async () => {
    const docx = await renderPaperDocx(musterkreisPaperModel());
    expect(await docxPackageProblems(docx)).toEqual([]);
    const lo = await convertWithLibreOffice(docx);
    try {
      positionsInOrder(lo.text, [
        '50.2 – Kommunales Integrationszentrum (KI)',
        /V\s?o\s?r\s?l\s?a\s?g\s?e/,
        'für den',
        'öffentlichen Sitzungsteil',
        'Gremium Datum Zuständigkeit',
        'Ausschuss für Soziales und Integration 12.03.2025 Kenntnisnahme',
        'Tagesordnungs-',
        'Kommunales Integrationsmanagement – Aktueller Sachstand',
        'Vorbemerkungen:',
        'Erläuterungen:',
        'Stellen im strategischen Kommunalen Integrationsmanagement (Modul 1)',
        'Stellen im Case Management (Modul 2)',
        'Zur Sitzung des Ausschusses für Soziales und Integration am 12.03.2025.',
        'Im Auftrag',
        '(Leitung des Kommunalen Integrationszentrums)',
        'Anlage: Geschäftsordnung der Lenkungsgruppe KIM (Entwurf)',
      ]);
      // Page 2 has the running header and every page the page number.
      expect(lo.text).toContain('Seite 1 von 2');
      expect(lo.text).toContain('Vorlage 50/012/2025');
    } finally {
      await lo.cleanup();
    }
  }, LO_TIMEOUT);

  it('writes real Word lists, heading styles, German language, hyphenation, page fields and document properties', async () => {
    const docx = await renderPaperDocx(musterkreisPaperModel());
    const document = await docxPart(docx, 'word/document.xml');
    const numIds = [...document.matchAll(/<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="(\d+)"\/><\/w:numPr>/g)].map((m) => m[1]);
    expect(numIds).toHaveLength(9);
    expect(new Set(numIds).size).toBe(1);
    const numbering = await docxPart(docx, 'word/numbering.xml');
    expect(numbering).toContain('<w:numFmt w:val="decimal"/>');
    expect(numbering).toContain('<w:lvlText w:val="%1."/>');
    expect(document).toContain('<w:pStyle w:val="Heading2"/>');
    expect(document).toContain('<w:pStyle w:val="VwSectionTitle"/>');
    const styles = await docxPart(docx, 'word/styles.xml');
    expect(styles).toMatch(/<w:lang w:val="de-DE"/);
    expect(await docxPart(docx, 'word/settings.xml')).toContain('<w:autoHyphenation/>');
    const footers = await Promise.all([1, 2].map((n) => docxPart(docx, `word/footer${n}.xml`).catch(() => '')));
    expect(footers.join('')).toMatch(/PAGE[\s\S]*NUMPAGES/);
    const core = await docxPart(docx, 'docProps/core.xml');
    expect(core).toContain('<dc:title>Kommunales Integrationsmanagement – Aktueller Sachstand</dc:title>');
    expect(core).toContain('<dc:subject>50/012/2025</dc:subject>');
    expect(core).toContain('<dc:creator>50.2 – Kommunales Integrationszentrum (KI)</dc:creator>');
    expect(document).toMatch(/<w:titlePg\/>/);
  });

  it('printed for a second committee’s Sitzung: closing line names that committee, the table lists both Beratungen', async () => {
    const model = musterkreisPaperModel({
      consultations: [
        { committeeName: 'Ausschuss für Soziales und Integration', committeeShortName: 'Sozialausschuss', meetingDate: '2025-03-12', role: 'Kenntnisnahme' },
        { committeeName: 'Ausschuss für Ordnung und Sicherheit', committeeShortName: 'Ordnungsausschuss', meetingDate: null, role: 'Kenntnisnahme' },
      ],
      printedFor: { committeeGenitive: 'des Ausschusses für Ordnung und Sicherheit', committeeName: 'Ausschuss für Ordnung und Sicherheit', meetingDate: '2025-04-02', agendaNumber: '4' },
      closingLine: 'Zur Sitzung des Ausschusses für Ordnung und Sicherheit am 02.04.2025.',
    });
    const lo = await convertWithLibreOffice(await renderPaperDocx(model));
    try {
      positionsInOrder(lo.text, [
        'Gremium Datum Zuständigkeit',
        'Ausschuss für Soziales und Integration 12.03.2025 Kenntnisnahme',
        'Ausschuss für Ordnung und Sicherheit Kenntnisnahme',
        'Tagesordnungs-',
        'Zur Sitzung des Ausschusses für Ordnung und Sicherheit am 02.04.2025.',
      ]);
    } finally {
      await lo.cleanup();
    }
  }, LO_TIMEOUT);

  it('keeps <script>, {{…}} and XML-invalid characters of user text harmless', async () => {
    const model = musterkreisPaperModel({
      sections: [{ key: 'vorbemerkungen', title: 'Vorbemerkungen', body: markdownToDoc('<script>alert(1)</script> & {{sitzung.datum}}') }],
    });
    model.paper.title = 'Betreff {{jahr}} <b>\u0007';
    const docx = await renderPaperDocx(model);
    expect(await docxPackageProblems(docx)).toEqual([]);
    const document = await docxPart(docx, 'word/document.xml');
    expect(document).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{sitzung.datum}}');
    expect(document).toContain('Betreff {{jahr}} &lt;b&gt;');
    const lo = await convertWithLibreOffice(docx);
    try {
      expect(lo.text).toContain('<script>alert(1)</script> & {{sitzung.datum}}');
      expect(lo.text).toContain('Betreff {{jahr}} <b>');
    } finally {
      await lo.cleanup();
    }
  }, LO_TIMEOUT);

  it('the benchmark fixture (tests/bench/docx.bench.ts) prints on 10 pages', async () => {
    const lo = await convertWithLibreOffice(await renderPaperDocx(tenPagePaperModel()));
    try {
      expect(await pdfPageCount(lo.out)).toBe(10);
    } finally {
      await lo.cleanup();
    }
  }, LO_TIMEOUT);

  it('prints several Anlagen as "Anlagen:" with a numbered list that starts at 1', async () => {
    const docx = await renderPaperDocx(
      musterkreisPaperModel({
        attachments: [
          { title: 'Geschäftsordnung', fileName: 'a.pdf', public: true },
          { title: 'Stellenübersicht', fileName: 'b.pdf', public: true },
        ],
      }),
    );
    const lo = await convertWithLibreOffice(docx);
    try {
      positionsInOrder(lo.text, ['Im Auftrag', 'Anlagen:', /1\.\s+Geschäftsordnung/, /2\.\s+Stellenübersicht/]);
    } finally {
      await lo.cleanup();
    }
  }, LO_TIMEOUT);
});

describe('renderMeetingDocx and renderResultDocx', () => {
  it('Einladung + Tagesordnung with both parts; the public variant leaves part B out', async () => {
    const full = await convertWithLibreOffice(await renderMeetingDocx(musterkreisMeetingModel()));
    const pub = await convertWithLibreOffice(await renderMeetingDocx(musterkreisMeetingModel(), { includeNonPublic: false }));
    try {
      positionsInOrder(full.text, [
        'Die Vorsitzende des Ausschusses für Soziales und Integration',
        'Einladung zur 12. Sitzung des Ausschusses für Soziales und',
        'Mittwoch, 12.03.2025, 15:00 Uhr',
        'Sehr geehrte Damen und Herren,',
        'Dr. Erika Beispiel',
        'Tagesordnung',
        'A. Öffentlicher Teil',
        'Kommunales Integrationsmanagement – Aktueller Sachstand',
        '50/012/2025',
        'B. Nichtöffentlicher Teil',
        'Vergabe von Sprachkursplätzen <vertraulich>',
      ]);
      expect(pub.text).toContain('A. Öffentlicher Teil');
      expect(pub.text).not.toContain('Nichtöffentlicher Teil');
      expect(pub.text).not.toContain('Sprachkursplätzen');
    } finally {
      await full.cleanup();
      await pub.cleanup();
    }
  }, LO_TIMEOUT);

  it('Beratungsergebnis: heading, committee and date, TOP, minutes, result line', async () => {
    const docx = await renderResultDocx(musterkreisResultModel({ vote: 'einstimmig' }));
    expect(await docxPackageProblems(docx)).toEqual([]);
    const lo = await convertWithLibreOffice(docx);
    try {
      positionsInOrder(lo.text, [
        'Beratungsergebnis zu Vorlage Nr. 50/012/2025',
        'Sozialausschuss am 12.03.2025',
        'Zu Punkt 3: Kommunales Integrationsmanagement – Aktueller Sachstand',
        'Stellenbesetzung',
        'Kenntnis genommen',
        'Abstimmungsergebnis: einstimmig',
      ]);
      expect(lo.text).not.toContain('Beschluss:');
    } finally {
      await lo.cleanup();
    }
  }, LO_TIMEOUT);
});

describe('Hausvorlage (letterhead)', () => {
  it('fills the example letterhead, keeping its header, logo and footer; user text stays literal', async () => {
    const letterhead = await readFile(letterheadPath());
    expect(await checkLetterhead(letterhead)).toEqual(expect.arrayContaining(['amt', 'vorlage_nr', 'beratungsfolge', 'betreff', 'inhalt', 'anlagen']));
    const model = musterkreisPaperModel();
    model.paper.title = 'Sachstand {{inhalt}} <script>';
    const docx = await renderPaperDocxWithLetterhead(model, letterhead);
    expect(await docxPackageProblems(docx)).toEqual([]);
    const header = await docxPart(docx, 'word/header1.xml');
    expect(header).toContain('Der Landrat');
    expect(header).toContain('<w:drawing>');
    const document = await docxPart(docx, 'word/document.xml');
    // The only "{{" left is the user's own text.
    expect(document.match(/\{\{/g)).toHaveLength(1);
    expect(document).toContain('Sachstand {{inhalt}} &lt;script&gt;');
    expect(document).not.toMatch(/[\uE000\uE001]/);
    const ignorable = /mc:Ignorable="([^"]*)"/.exec(document)![1]!.split(' ');
    expect(new Set(ignorable).size).toBe(ignorable.length);
    const core = await docxPart(docx, 'docProps/core.xml');
    expect(core).toContain('<dc:subject>50/012/2025</dc:subject>');
    const lo = await convertWithLibreOffice(docx);
    try {
      positionsInOrder(lo.text, [
        'Musterkreis',
        'Der Landrat',
        '50.2 – Kommunales Integrationszentrum (KI)',
        'Vorlage-Nr. 50/012/2025',
        'für den öffentlichen Sitzungsteil',
        'Ausschuss für Soziales und Integration',
        'Tagesordnungspunkt 7',
        'Sachstand {{inhalt}} <script>',
        'Vorbemerkungen:',
        'Erläuterungen:',
        /1\.\s+Stadt Musterstadt/,
        /9\.\s+Stadt Erlenbrück/,
        'Zur Sitzung des Ausschusses für Soziales und Integration am 12.03.2025.',
        'Im Auftrag',
        '(Leitung des Kommunalen Integrationszentrums)',
        'Anlage: Geschäftsordnung der Lenkungsgruppe KIM (Entwurf)',
        'www.musterkreis.example',
      ]);
    } finally {
      await lo.cleanup();
    }
  }, LO_TIMEOUT);

  it('rejects letterheads without {{inhalt}}, with unknown placeholders, or that are no DOCX', async () => {
    const { Document, Packer, Paragraph } = await import('docx');
    const make = (...texts: string[]) => Packer.toBuffer(new Document({ sections: [{ children: texts.map((t) => new Paragraph(t)) }] }));
    await expect(checkLetterhead(await make('{{betreff}}'))).rejects.toThrow(/keinen Platzhalter \{\{inhalt\}\}/);
    await expect(checkLetterhead(await make('{{inhalt}}', '{{vorlagennummer}}'))).rejects.toThrow(/unbekannte Platzhalter: \{\{vorlagennummer\}\}/);
    await expect(checkLetterhead(new Uint8Array())).rejects.toThrow(DocumentError);
  });
});
