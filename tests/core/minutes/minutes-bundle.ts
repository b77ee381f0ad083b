import fs from 'node:fs';
import path from 'node:path';

/**
 * A small invented Körperschaft for the Niederschrift API tests: one Gremium with six voting
 * members (Vorsitz + five), a personal deputy, a beratendes Mitglied, a clerk of the
 * Verwaltung and a guest; a past Sitzung with TOPs with and without Vorlage (one non-public),
 * a later Sitzung that approves its Niederschrift, and a Sitzung far in the future.
 */
export const SECRET = 'Zqvgeheim';

export const minutesBundle = {
  format: 'vorlagenwerk-bundle',
  version: 1,
  body: { name: 'Musterkreis', numberPattern: '{amt}/{nr:3}/{jahr}' },
  departments: [{ key: 'ki', code: '50', name: '50.2 – Kommunales Integrationszentrum', signatory: 'Leitung KI' }],
  persons: [
    { key: 'hartmann', name: 'Eva Hartmann', title: 'Dr.', formOfAddress: 'Frau', affiliation: 'Fraktion A' },
    { key: 'albers', name: 'Markus Albers', formOfAddress: 'Herr', affiliation: 'Fraktion B' },
    { key: 'lindqvist', name: 'Petra Lindqvist', formOfAddress: 'Frau', affiliation: 'Fraktion A' },
    { key: 'okafor', name: 'Sven Okafor', formOfAddress: 'Herr', affiliation: 'Fraktion C' },
    { key: 'reimers', name: 'Claudia Reimers', formOfAddress: 'Frau', affiliation: 'Fraktion B' },
    { key: 'wendland', name: 'Tobias Wendland', formOfAddress: 'Herr', affiliation: 'Fraktion A' },
    { key: 'sommerfeld', name: 'Nadine Sommerfeld', formOfAddress: 'Frau', affiliation: 'Fraktion C' },
    { key: 'faltermeier', name: 'Ingrid Faltermeier', formOfAddress: 'Frau' },
    { key: 'achterberg', name: 'Leonie Achterberg', formOfAddress: 'Frau', affiliation: 'Kreisverwaltung', email: 'achterberg@musterkreis.example' },
    { key: 'pfefferkorn', name: 'Karl Pfefferkorn', formOfAddress: 'Herr' },
  ],
  committees: [
    {
      key: 'soz',
      name: 'Ausschuss für Soziales und Integration',
      shortName: 'Sozialausschuss',
      genitive: 'des Ausschusses für Soziales und Integration',
      members: [
        { person: 'hartmann', role: 'vorsitz', from: '2024-11-01' },
        { person: 'albers', role: 'mitglied', from: '2024-11-01' },
        { person: 'lindqvist', role: 'mitglied', from: '2024-11-01' },
        { person: 'okafor', role: 'mitglied', from: '2024-11-01' },
        { person: 'reimers', role: 'mitglied', from: '2024-11-01' },
        { person: 'wendland', role: 'mitglied', from: '2024-11-01' },
        { person: 'sommerfeld', role: 'stellvertretung', represents: 'okafor', from: '2024-11-01' },
        { person: 'faltermeier', role: 'beratend', from: '2024-11-01' },
      ],
    },
  ],
  meetings: [
    {
      key: 'soz-1',
      committee: 'soz',
      number: 3,
      start: '2025-03-12T15:00',
      location: 'Kreishaus, Saal 1',
      state: 'durchgefuehrt',
      agenda: [
        { title: 'Eröffnung der Sitzung, Feststellung der ordnungsgemäßen Einladung und der Beschlussfähigkeit' },
        { title: 'Sachstand Sprachkurse', paper: 'p1' },
        { title: 'Förderrichtlinie Ehrenamt', paper: 'p2' },
        { title: 'Mitteilungen der Verwaltung' },
        { title: `Grundstücksangelegenheit ${SECRET}`, public: false },
      ],
    },
    {
      key: 'soz-2',
      committee: 'soz',
      number: 4,
      start: '2025-05-14T15:00',
      location: 'Kreishaus, Saal 1',
      state: 'durchgefuehrt',
      agenda: [{ title: 'Genehmigung der Niederschrift über die Sitzung vom 12.03.2025' }, { title: 'Anfragen' }],
    },
    { key: 'soz-9', committee: 'soz', number: 9, start: '2099-05-14T15:00', state: 'geplant', agenda: [{ title: 'Anfragen' }] },
  ],
  papers: [
    {
      key: 'p1',
      reference: '50/001/2025',
      department: 'ki',
      template: 'mitteilungsvorlage',
      title: 'Sachstand Sprachkurse',
      sections: { erlaeuterungen: 'Die Kurse sind ausgebucht.' },
      consultations: [{ meeting: 'soz-1', role: 'kenntnisnahme' }],
    },
    {
      key: 'p2',
      reference: '50/002/2025',
      department: 'ki',
      template: 'beschlussvorlage',
      title: 'Förderrichtlinie Ehrenamt',
      sections: { beschlussvorschlag: 'Der Ausschuss beschließt die Förderrichtlinie Ehrenamt in der vorgelegten Fassung.', erlaeuterungen: 'Begründung.' },
      consultations: [{ meeting: 'soz-1', role: 'entscheidung' }],
    },
  ],
};

export function writeMinutesBundle(dir: string): string {
  const file = path.join(dir, 'niederschrift.json');
  fs.writeFileSync(file, JSON.stringify(minutesBundle));
  return file;
}
