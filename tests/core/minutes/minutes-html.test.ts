import { describe, expect, it } from 'vitest';
import { markdownToDoc } from '../../../electron/core/document/markdown.js';
import { renderExtractHtml, renderMinutesHtml } from '../../../electron/core/export/html/minutes.js';
import { buildExtractPrintModel, buildMinutesPrintModel } from '../../../electron/core/export/minutes-model.js';
import { SECRET, minutesInput } from './minutes-fixture.js';
import { inOrder, textOf } from '../export/html/html-text.js';

describe('Niederschrift as HTML', () => {
  const members = renderMinutesHtml(buildMinutesPrintModel(minutesInput(), 'members'), { embedFonts: false });

  it('prints head, attendance, Tagesordnung, TOPs and signatures in the order of a Niederschrift', () => {
    inOrder(textOf(members), [
      'Musterkreis',
      'Niederschrift',
      'über die 12. Sitzung des Ausschusses für Soziales und Integration am Mittwoch, 12.03.2025',
      'Beginn 17:05 Uhr',
      'Ende 18:40 Uhr',
      'Anwesenheit',
      'Vorsitz Frau Dr. Eva Hartmann (Fraktion A)',
      'Herr Peter Brandt (Fraktion A), stellv. Vorsitz, ab 17:10 Uhr',
      'Stellvertretung Herr Jonas Becker (Fraktion B), für Frau Aylin Yilmaz',
      'Entschuldigt Frau Aylin Yilmaz',
      'Tagesordnung',
      'A. Öffentlicher Teil',
      'B. Nichtöffentlicher Teil',
      'A. Öffentlicher Teil',
      '3 Kommunales Integrationsmanagement – Aktueller Sachstand',
      'Vorlage: 50/012/2025',
      'Der Sozialausschuss nimmt die Vorlage Nr. 50/012/2025 zur Kenntnis.',
      '4 Förderrichtlinie Integrationsprojekte 2025',
      'Herr Peter Brandt erklärt sich für befangen und nimmt an Beratung und Abstimmung nicht teil.',
      'Beschluss:',
      'Anträge bis zum 30.04.2025 gestellt werden können.',
      'mehrheitlich beschlossen',
      'Abstimmungsergebnis: mit 3 Ja-Stimmen, 1 Nein-Stimme, 0 Enthaltungen',
      'Beschlussempfehlung:',
      'B. Nichtöffentlicher Teil',
      SECRET,
      'Die Vorsitzende Dr. Eva Hartmann',
      'Die Schriftführerin Lena Weber',
    ]);
  });

  it('never prints "Beschluss:" for a Kenntnisnahme', () => {
    const t3 = /<section class="top">\s*<h3 class="top-title"><span class="nr">3<\/span>[\s\S]*?<\/section>/.exec(members)![0];
    expect(t3).toContain('zur Kenntnis.');
    expect(t3).not.toContain('Beschluss');
  });

  it('marks every page of the non-public part with a named page and its running header', () => {
    expect(members).toMatch(/section\.part-nonpublic \{ page: nichtoeffentlich; \}/);
    expect(members).toMatch(/@page nichtoeffentlich \{\s*@top-left \{ content: "Nicht/);
  });

  it('leaves the whole non-public part out of the public variant', () => {
    const pub = renderMinutesHtml(buildMinutesPrintModel(minutesInput(), 'public'), { embedFonts: false });
    expect(pub).not.toContain(SECRET);
    expect(pub).not.toMatch(/nicht(ö|&ouml;)ffentlich/i);
    expect(textOf(pub)).toContain('Niederschrift (öffentlicher Teil)');
  });

  it('escapes markup in names, titles and texts', () => {
    const input = minutesInput();
    const evil = '<script>alert(1)</script>';
    input.persons = input.persons.map((p) => (p.id === 1 ? { ...p, name: `Eva ${evil}`, affiliation: '"><img src=x onerror=alert(2)>' } : p));
    input.items = input.items.map((i) => (i.number === '4' ? { ...i, title: `Richtlinie ${evil}`, minutes: markdownToDoc(`Text ${evil}`), result: `beschlossen ${evil}` } : i));
    input.committee = { ...input.committee, shortName: 'Sozial</style><script>x()</script>' };
    const html = renderMinutesHtml(buildMinutesPrintModel(input, 'members'), { embedFonts: false });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html).toContain('Eva &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(textOf(html)).toContain(`Richtlinie ${evil}`);
  });
});

describe('Auszug as HTML', () => {
  it('prints one TOP without Vorlage with its result and the certification', () => {
    const html = renderExtractHtml(buildExtractPrintModel(minutesInput(), '2'), { embedFonts: false });
    inOrder(textOf(html), [
      'Auszug aus der Niederschrift',
      'über die 12. Sitzung des Ausschusses für Soziales und Integration am 12.03.2025',
      '2 Genehmigung der Niederschrift über die Sitzung vom 20.11.2024',
      'Beschluss: einstimmig genehmigt',
      'Abstimmungsergebnis: einstimmig',
      'Für die Richtigkeit des Auszugs: Die Schriftführerin',
    ]);
    expect(html).not.toContain('Nichtöffentlicher Teil');
  });

  it('says "Nichtöffentlicher Teil" on a non-public TOP, on every page', () => {
    const html = renderExtractHtml(buildExtractPrintModel(minutesInput(), '8'), { embedFonts: false });
    expect(textOf(html)).toContain('Nichtöffentlicher Teil – vertraulich');
    expect(html).toContain('main.extract { page: nichtoeffentlich; }');
  });
});
