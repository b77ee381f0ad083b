import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MUSTERKREIS_SECTIONS, MUSTERKREIS_SIGNATORY } from './musterkreis-fixture.js';

/**
 * A bundle with the structure of seed 004 and fictional Musterkreis content: the KI's
 * Mitteilungsvorlage 50/012/2025 with Markdown sections, for the Sozialausschuss (12.03.2025,
 * TOP 7, with a recorded result) and then also for the Ordnungsausschuss (02.04.2025, TOP 4).
 * Writes the bundle and its Anlage into `dir`; returns the bundle path.
 */
export function writeMusterkreisBundle(dir: string): string {
  mkdirSync(join(dir, 'anlagen'), { recursive: true });
  writeFileSync(
    join(dir, 'anlagen', 'geschaeftsordnung.pdf'),
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  const bundle = {
    format: 'vorlagenwerk-bundle',
    version: 1,
    body: { name: 'Musterkreis', numberPattern: '{amt}/{nr:3}/{jahr}' },
    departments: [{ key: 'ki', code: '50', name: '50.2 – Kommunales Integrationszentrum (KI)', signatory: MUSTERKREIS_SIGNATORY }],
    committees: [
      {
        key: 'soz',
        name: 'Ausschuss für Soziales und Integration',
        shortName: 'Sozialausschuss',
        genitive: 'des Ausschusses für Soziales und Integration',
        kind: 'ausschuss',
        noticePeriodDays: 7,
        chair: 'Dr. Erika Beispiel',
      },
      {
        key: 'ord',
        name: 'Ausschuss für Ordnung und Sicherheit',
        shortName: 'Ordnungsausschuss',
        genitive: 'des Ausschusses für Ordnung und Sicherheit',
        kind: 'ausschuss',
        noticePeriodDays: 7,
      },
    ],
    meetings: [
      {
        key: 'soz-1',
        committee: 'soz',
        number: 12,
        start: '2025-03-12T15:00',
        location: 'Kreishaus Musterstadt, Sitzungssaal 1',
        agenda: [
          { number: '1', title: 'Eröffnung der Sitzung, Feststellung der ordnungsgemäßen Einladung und der Beschlussfähigkeit' },
          { number: '7', title: 'Kommunales Integrationsmanagement – Aktueller Sachstand', paper: 'p1', result: 'Kenntnis genommen', minutes: '**Stellenbesetzung**\n\nHerr Mustermann fragt nach der Besetzung im Modul 2; die Verwaltung bestätigt, dass alle Stellen besetzt sind.' },
          { number: '8', public: false, title: 'Vergabe von Sprachkursplätzen' },
        ],
      },
      {
        key: 'ord-1',
        committee: 'ord',
        number: 5,
        start: '2025-04-02T17:00',
        location: 'Kreishaus Musterstadt, Raum 204',
        agenda: [{ number: '4', title: 'Kommunales Integrationsmanagement – Aktueller Sachstand', paper: 'p1' }],
      },
    ],
    papers: [
      {
        key: 'p1',
        reference: '50/012/2025',
        department: 'ki',
        template: 'mitteilungsvorlage',
        title: 'Kommunales Integrationsmanagement – Aktueller Sachstand',
        public: true,
        year: 2025,
        sections: { vorbemerkungen: MUSTERKREIS_SECTIONS.vorbemerkungen, erlaeuterungen: MUSTERKREIS_SECTIONS.erlaeuterungen },
        consultations: [
          { meeting: 'soz-1', role: 'kenntnisnahme' },
          { meeting: 'ord-1', role: 'kenntnisnahme' },
        ],
        attachments: [{ title: 'Geschäftsordnung der Lenkungsgruppe KIM (Entwurf)', file: 'anlagen/geschaeftsordnung.pdf', public: true }],
      },
    ],
  };
  const path = join(dir, 'musterkreis-bundle.json');
  writeFileSync(path, JSON.stringify(bundle, null, 2));
  return path;
}
