import { markdownToDoc } from '../../../electron/core/document/markdown.js';
import type { MinutesInput, MinutesItemInput } from '../../../electron/core/export/minutes-model.js';
import { ATTENDANCE, MEMBERSHIPS, P, PERSONS } from './fixture.js';

/** Text that must never appear in the public Niederschrift. */
export const SECRET = 'GEHEIM-VERGABE-4711';

const item = (over: Partial<MinutesItemInput> & Pick<MinutesItemInput, 'number' | 'title'>): MinutesItemInput => ({
  public: true,
  paperReference: null,
  role: null,
  proposal: null,
  result: null,
  votes: null,
  resolutionText: null,
  minutes: null,
  ...over,
});

const longNonPublic = Array.from(
  { length: 14 },
  (_, i) =>
    `Absatz ${i + 1}: Die Verwaltung erläutert die Angebote der Bieter für das Los 2 (${SECRET}). Die Mitglieder fragen nach den Preisen je Unterrichtseinheit, nach den Räumen in den Kommunen und nach der Kinderbetreuung während der Kurse; die Verwaltung beantwortet die Fragen anhand der Bewertungsmatrix.`,
).join('\n\n');

/**
 * A Sitzung of the fictional Musterkreis Sozialausschuss with the shapes of a real
 * Niederschrift: fixed items without Vorlage, a Kenntnisnahme, a Beschluss with votes and a
 * befangen member, a Vorberatung, and a non-public part long enough to span pages.
 */
export function minutesInput(): MinutesInput {
  return {
    body: { name: 'Musterkreis' },
    committee: { name: 'Ausschuss für Soziales und Integration', shortName: 'Sozialausschuss', genitive: 'des Ausschusses für Soziales und Integration', kind: 'ausschuss' },
    meeting: { number: 12, start: '2025-03-12T17:00', location: 'Kreishaus Musterstadt, Sitzungssaal 1' },
    head: { opened: '17:05', closed: '18:40', chairPersonId: P.hartmann.id, recorderPersonId: P.weber.id },
    persons: PERSONS,
    memberships: MEMBERSHIPS,
    attendance: ATTENDANCE,
    items: [
      item({
        number: '1',
        title: 'Eröffnung der Sitzung, Feststellung der ordnungsgemäßen Einladung und der Beschlussfähigkeit',
        minutes: markdownToDoc('Die Vorsitzende eröffnet die Sitzung und stellt die ordnungsgemäße Einladung sowie die Beschlussfähigkeit fest.'),
      }),
      item({ number: '2', title: 'Genehmigung der Niederschrift über die Sitzung vom 20.11.2024', result: 'einstimmig genehmigt', votes: { yes: 5, no: 0, abstain: 0, conflicted: [] } }),
      item({
        number: '3',
        title: 'Kommunales Integrationsmanagement – Aktueller Sachstand',
        paperReference: '50/012/2025',
        role: 'kenntnisnahme',
        result: 'Kenntnis genommen',
        minutes: markdownToDoc(
          'Herr Roth fasst die wichtigsten Punkte der Vorlage zusammen und bittet um Fragen.\n\n## Case Management\n\nFrau Vogt fragt, ob alle Stellen besetzt seien. Herr Roth bestätigt, dass seit dem 01.03.2025 alle Stellen besetzt sind.',
        ),
      }),
      item({
        number: '4',
        title: 'Förderrichtlinie Integrationsprojekte 2025',
        paperReference: '50/015/2025',
        role: 'entscheidung',
        proposal: markdownToDoc('Der Ausschuss beschließt die Förderrichtlinie in der vorgelegten Fassung.'),
        resolutionText: markdownToDoc('Der Ausschuss beschließt die Förderrichtlinie mit der Änderung, dass Anträge bis zum 30.04.2025 gestellt werden können.'),
        result: 'mehrheitlich beschlossen',
        votes: { yes: 3, no: 1, abstain: 0, conflicted: [P.brandt.id] },
        minutes: markdownToDoc('Frau Vogt beantragt, die Antragsfrist bis zum 30.04.2025 zu verlängern.'),
      }),
      item({
        number: '5',
        title: 'Integrationskonzept des Musterkreises – Fortschreibung',
        paperReference: '50/016/2025',
        role: 'vorberatung',
        proposal: markdownToDoc('Der Kreistag beschließt die Fortschreibung des Integrationskonzepts.'),
        result: 'einstimmig beschlossen',
        votes: { yes: 5, no: 0, abstain: 0, conflicted: [] },
      }),
      item({ number: '6', title: 'Mitteilungen der Verwaltung', result: 'Kenntnis genommen', minutes: markdownToDoc('Herr Roth berichtet über den Umzug des Integrationszentrums.') }),
      item({ number: '7', title: 'Anfragen', minutes: markdownToDoc('Es liegen keine Anfragen vor.') }),
      item({
        number: '8',
        title: `Vergabe der Sprachkurse, Los 2 (${SECRET})`,
        public: false,
        paperReference: '50/017/2025',
        role: 'entscheidung',
        proposal: markdownToDoc(`Der Auftrag für das Los 2 wird an den Bieter B vergeben (${SECRET}).`),
        result: 'einstimmig beschlossen',
        votes: { yes: 5, no: 0, abstain: 0, conflicted: [] },
        minutes: markdownToDoc(longNonPublic),
      }),
      item({ number: '9', title: 'Mitteilungen der Verwaltung (nichtöffentlich)', public: false, result: 'Kenntnis genommen', minutes: markdownToDoc(`Vertrauliche Personalangelegenheit ${SECRET}.`) }),
    ],
  };
}

/** A large Sitzung for the benchmark: `tops` TOPs (a quarter non-public) and `persons` attendees. */
export function largeMinutesInput(tops = 40, persons = 30): MinutesInput {
  const base = minutesInput();
  const people = Array.from({ length: persons }, (_, i) => ({
    id: 100 + i,
    name: `Person ${i + 1} Musterfrau`,
    formOfAddress: (i % 2 ? 'Herr' : 'Frau') as 'Herr' | 'Frau',
    title: i % 7 === 0 ? 'Dr.' : '',
    affiliation: `Fraktion ${'ABC'[i % 3]}`,
  }));
  const members = people.slice(0, 21).map((p, i) => ({
    personId: p.id,
    role: (i === 0 ? 'vorsitz' : i < 17 ? 'mitglied' : i < 19 ? 'sachkundig' : 'beratend') as 'vorsitz' | 'mitglied' | 'sachkundig' | 'beratend',
    representsPersonId: null,
    from: '2024-11-01',
    until: null,
    position: i,
  }));
  const attendance = people.map((p, i) => ({
    personId: p.id,
    status: (i === 5 ? 'entschuldigt' : 'anwesend') as 'anwesend' | 'entschuldigt',
    arrived: i === 3 ? '17:20' : null,
    left: i === 4 ? '18:10' : null,
    representsPersonId: null,
    group: (i < 21 ? 'mitglied' : i < 27 ? 'verwaltung' : 'gast') as 'mitglied' | 'verwaltung' | 'gast',
    function: i === 0 ? ('vorsitz' as const) : i === 21 ? ('schriftfuehrung' as const) : null,
  }));
  const discussion = markdownToDoc(
    Array.from({ length: 4 }, (_, k) => `Absatz ${k + 1}: Die Verwaltung erläutert die Vorlage; die Mitglieder fragen nach Kosten, Zeitplan und Beteiligung der Kommunen, die Verwaltung antwortet ausführlich.`).join('\n\n'),
  );
  const items = Array.from({ length: tops }, (_, i): MinutesItemInput => ({
    number: String(i + 1),
    title: `Tagesordnungspunkt ${i + 1}: Bericht und Beschluss zu einem Vorhaben des Musterkreises`,
    public: i < tops * 0.75,
    paperReference: i % 3 === 2 ? null : `50/${String(i + 1).padStart(3, '0')}/2025`,
    role: (['kenntnisnahme', 'entscheidung', 'vorberatung'] as const)[i % 3]!,
    proposal: markdownToDoc('Der Ausschuss beschließt wie vorgeschlagen.'),
    result: i % 3 === 0 ? 'Kenntnis genommen' : 'mehrheitlich beschlossen',
    votes: i % 3 === 0 ? null : { yes: 14, no: 3, abstain: 1, conflicted: i % 5 === 0 ? [101] : [] },
    resolutionText: null,
    minutes: discussion,
  }));
  return { ...base, persons: people, memberships: members, attendance, head: { ...base.head, chairPersonId: 100, recorderPersonId: 121 }, items };
}
