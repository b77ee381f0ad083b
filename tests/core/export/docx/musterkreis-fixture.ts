import { markdownToDoc } from '../../../../electron/core/document/markdown.js';
import type { MeetingPrintModel, PaperPrintModel, ResultPrintModel } from '../../../../electron/core/export/print-model.js';

/**
 * The structure of seed 004 (a real Mitteilungsvorlage) with fictional Musterkreis content:
 * Vorbemerkungen, Erläuterungen with bold subheadings, paragraphs and a nine-item numbered list.
 */
export const MUSTERKREIS_SECTIONS = {
  vorbemerkungen:
    'Seit der letzten Sitzung des Ausschusses am 20.11.2024 ist der Aufbau des Kommunalen Integrationsmanagements im Musterkreis gut vorangekommen. Die Verwaltung berichtet über den allgemeinen Stand und über die Arbeit in den kreisangehörigen Kommunen.',
  erlaeuterungen: `## Stellen im strategischen Kommunalen Integrationsmanagement (Modul 1) und Arbeit der Lenkungsgruppe

Für das Modul 1 sind 3,0 Vollzeitäquivalente vorgesehen, die das Land mit jeweils **52.000 €** im Jahr fördert. Seit dem 01.02.2024 leitet eine Koordinatorin den Prozess in der Kreisverwaltung; zum 01.09.2024 kamen zwei weitere Mitarbeitende hinzu, die als *Geschäftsstelle* der Lenkungsgruppe arbeiten.

Die Lenkungsgruppe hat sich am 05.12.2024 konstituiert und am 18.02.2025 ihre Schwerpunkte festgelegt. Der Entwurf ihrer Geschäftsordnung liegt dieser Vorlage als Anlage bei.

## Stellen im Case Management (Modul 2) und Stand der Arbeit

Seit dem letzten Bericht hat der Musterkreis neun Case Managerinnen und Case Manager für die folgenden Kommunen eingestellt:

1. Stadt Musterstadt seit dem 01.10.2024
2. Gemeinde Beispielhausen und Gemeinde Lindenbach seit dem 01.10.2024
3. Stadt Neuweiler seit dem 15.10.2024
4. Gemeinde Ahornfeld seit dem 01.11.2024
5. Stadt Kleinmusterau und Gemeinde Birkenhain seit dem 15.11.2024
6. Gemeinde Eichenried seit dem 01.12.2024
7. Stadt Tannstett seit dem 01.01.2025
8. Gemeinde Weidental seit dem 01.02.2025
9. Stadt Erlenbrück und Gemeinde Moosach seit dem 01.03.2025

Die neuen Kolleginnen und Kollegen arbeiten als Beschäftigte des Musterkreises vor Ort in den Kommunen. Mit allen Kommunen sind Kooperationsvereinbarungen geschlossen.

Zu ihren Aufgaben gehört die Einzelfallberatung. Strukturelle Probleme melden sie der Geschäftsstelle (Modul 1), damit diese sie mit den beteiligten Rechtskreisen (z. B. SGB II, SGB III, AufenthG) klärt.`,
};

export const MUSTERKREIS_SIGNATORY = '(Leitung des Kommunalen Integrationszentrums)';

export function musterkreisPaperModel(overrides: Partial<PaperPrintModel> = {}): PaperPrintModel {
  return {
    body: { name: 'Musterkreis' },
    department: { code: '50', name: '50.2 – Kommunales Integrationszentrum (KI)', signatory: MUSTERKREIS_SIGNATORY },
    paper: {
      reference: '50/012/2025',
      title: 'Kommunales Integrationsmanagement – Aktueller Sachstand',
      public: true,
      template: 'mitteilungsvorlage',
      kindLabel: 'Mitteilungsvorlage',
      date: '2025-02-24',
    },
    consultations: [
      { committeeName: 'Ausschuss für Soziales und Integration', committeeShortName: 'Sozialausschuss', meetingDate: '2025-03-12', role: 'Kenntnisnahme' },
    ],
    printedFor: {
      committeeGenitive: 'des Ausschusses für Soziales und Integration',
      committeeName: 'Ausschuss für Soziales und Integration',
      meetingDate: '2025-03-12',
      agendaNumber: '7',
    },
    sections: [
      { key: 'vorbemerkungen', title: 'Vorbemerkungen', body: markdownToDoc(MUSTERKREIS_SECTIONS.vorbemerkungen) },
      { key: 'erlaeuterungen', title: 'Erläuterungen', body: markdownToDoc(MUSTERKREIS_SECTIONS.erlaeuterungen) },
    ],
    closingLine: 'Zur Sitzung des Ausschusses für Soziales und Integration am 12.03.2025.',
    signature: { greeting: 'Im Auftrag', signatory: MUSTERKREIS_SIGNATORY },
    attachments: [{ title: 'Geschäftsordnung der Lenkungsgruppe KIM (Entwurf)', fileName: 'geschaeftsordnung.pdf', public: true }],
    attachmentsHeading: { singular: 'Anlage:', plural: 'Anlagen:' },
    ...overrides,
  };
}

export function musterkreisMeetingModel(overrides: Partial<MeetingPrintModel> = {}): MeetingPrintModel {
  return {
    body: { name: 'Musterkreis' },
    committee: {
      name: 'Ausschuss für Soziales und Integration',
      shortName: 'Sozialausschuss',
      genitive: 'des Ausschusses für Soziales und Integration',
    },
    meeting: { id: 'soz-1', number: 12, start: '2025-03-12T15:00', location: 'Kreishaus Musterstadt, Sitzungssaal 1' },
    chair: { name: 'Dr. Erika Beispiel', role: 'Die Vorsitzende' },
    invitationDate: '2025-02-26',
    items: [
      { number: '1', title: 'Eröffnung der Sitzung, Feststellung der ordnungsgemäßen Einladung und der Beschlussfähigkeit', public: true, paperReference: null, page: null },
      { number: '2', title: 'Genehmigung der Niederschrift über die Sitzung vom 20.11.2024', public: true, paperReference: null, page: null },
      { number: '3', title: 'Kommunales Integrationsmanagement – Aktueller Sachstand', public: true, paperReference: '50/012/2025', page: 3 },
      { number: '4', title: 'Förderprogramm „Ehrenamt in der Integrationsarbeit“', public: true, paperReference: '50/015/2025', page: 6, supplement: true },
      { number: '5', title: 'Mitteilungen der Verwaltung', public: true, paperReference: null },
      { number: '6', title: 'Anfragen', public: true, paperReference: null },
      { number: '7', title: 'Vergabe von Sprachkursplätzen <vertraulich>', public: false, paperReference: '50/016/2025', page: 9 },
      { number: '8', title: 'Mitteilungen der Verwaltung', public: false, paperReference: null },
      { number: '9', title: 'Anfragen', public: false, paperReference: null },
    ],
    ...overrides,
  };
}

export function musterkreisResultModel(overrides: Partial<ResultPrintModel> = {}): ResultPrintModel {
  return {
    body: { name: 'Musterkreis' },
    department: { code: '50', name: '50.2 – Kommunales Integrationszentrum (KI)' },
    paper: { reference: '50/012/2025', title: 'Kommunales Integrationsmanagement – Aktueller Sachstand' },
    committee: { name: 'Ausschuss für Soziales und Integration', shortName: 'Sozialausschuss' },
    meeting: { start: '2025-03-12T15:00', location: 'Kreishaus Musterstadt, Sitzungssaal 1' },
    agendaItem: { number: '3', title: 'Kommunales Integrationsmanagement – Aktueller Sachstand', public: true },
    minutes: markdownToDoc(
      '**Stellenbesetzung**\n\nHerr Mustermann fragt, ob alle Stellen im Modul 2 besetzt seien. Die Leiterin des Kommunalen Integrationszentrums bestätigt dies und erläutert die Aufteilung auf die Kommunen.\n\n**Lenkungsgruppe**\n\nFrau Beispiel bittet darum, die Geschäftsordnung der Lenkungsgruppe nach ihrer Verabschiedung erneut vorzulegen.',
    ),
    result: 'Kenntnis genommen',
    vote: null,
    ...overrides,
  };
}

/**
 * A Vorlage of about ten printed pages (DOCX in LibreOffice: 10), for the benchmark: the
 * Erläuterungen of the Musterkreis report repeated with per-Kommune subsections and tables.
 */
export function tenPagePaperModel(): PaperPrintModel {
  const chapters = Array.from({ length: 9 }, (_, i) => {
    const rows = Array.from({ length: 6 }, (_, r) => `| Kommune ${i * 6 + r + 1} | ${(r % 3) + 1},0 | ${r * 7 + 12} | ${r % 2 ? 'ja' : 'in Planung'} |`).join('\n');
    return `## Bericht aus Region ${i + 1}

${MUSTERKREIS_SECTIONS.erlaeuterungen.replace(/^## /gm, '### ')}

| Kommune | Stellen (VZÄ) | Beratungen | Kooperationsvertrag |
|---|---|---|---|
${rows}

- Netzwerktreffen mit den **Wohlfahrtsverbänden** im Quartal
- Sprechstunden vor Ort an zwei Tagen pro Woche
- Austausch mit dem Jobcenter und der Ausländerbehörde`;
  }).join('\n\n');
  return musterkreisPaperModel({
    sections: [
      { key: 'vorbemerkungen', title: 'Vorbemerkungen', body: markdownToDoc(MUSTERKREIS_SECTIONS.vorbemerkungen) },
      { key: 'erlaeuterungen', title: 'Erläuterungen', body: markdownToDoc(chapters) },
    ],
  });
}
