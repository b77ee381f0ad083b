import type { BundleInput } from '../../shared/bundle.js';
import { makeDemoPdf } from './demo-pdf.js';

/**
 * Demo data: the fictional "Musterkreis" with invented people. Dates are relative to today so
 * the demo always has past Sitzungen with results and upcoming ones to prepare.
 */
export interface DemoData {
  bundle: BundleInput;
  files: Map<string, Uint8Array>;
}

const pad = (n: number) => String(n).padStart(2, '0');
const WEEKDAY = { mo: 1, di: 2, mi: 3, do: 4 } as const;
/** The committee's usual weekday on or after base + dayOffset: nobody meets on a Saturday. */
function at(base: Date, dayOffset: number, time: string, weekday: keyof typeof WEEKDAY): string {
  const d = new Date(base.getFullYear(), base.getMonth(), base.getDate() + dayOffset);
  d.setDate(d.getDate() + ((WEEKDAY[weekday] - d.getDay() + 7) % 7));
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${time}`;
}
const de = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** [key, form of address, name, affiliation, title]: invented people of the Musterkreis. */
const DEMO_PERSONS: [string, 'Frau' | 'Herr', string, string, string?][] = [
  ['brandtner', 'Frau', 'Helga Brandtner', 'Fraktion A', 'Dr.'],
  ['albers', 'Herr', 'Henrik Albers', 'Fraktion B'],
  ['rosenbaum', 'Frau', 'Miriam Rosenbaum', 'Fraktion A'],
  ['tiedemann', 'Herr', 'Jens Tiedemann', 'Fraktion C'],
  ['okonkwo', 'Frau', 'Grace Okonkwo', 'Fraktion B'],
  ['hollenbach', 'Herr', 'Ulrich Hollenbach', 'Fraktion A'],
  ['sauerland', 'Frau', 'Birte Sauerland', 'Fraktion D'],
  ['marquardt', 'Herr', 'Felix Marquardt', 'Fraktion C'],
  ['quandt', 'Frau', 'Svenja Quandt', 'Fraktion A'],
  ['ilic', 'Herr', 'Dragan Ilić', 'Fraktion B'],
  ['wesseling', 'Frau', 'Anke Wesseling', 'Fraktion A'],
  ['brodersen', 'Herr', 'Lars Brodersen', 'Fraktion D'],
  ['petrakis', 'Frau', 'Eleni Petrakis', 'Fraktion B'],
  ['lohmeier', 'Herr', 'Bernd Lohmeier', 'Fraktion C'],
  ['stuckenbrock', 'Frau', 'Ines Stuckenbrock', 'sachkundige Bürgerin'],
  ['voss', 'Herr', 'Malte Voss', 'Fraktion C'],
  ['kettler', 'Frau', 'Ronja Kettler', 'Fraktion A'],
  ['adebayo', 'Herr', 'Tunde Adebayo', 'Integrationsrat'],
  ['kaya', 'Frau', 'Selin Kaya', 'Kommunales Integrationszentrum'],
  ['grothe', 'Frau', 'Katrin Grothe', 'Kreisverwaltung'],
  ['demirel', 'Herr', 'Yusuf Demirel', ''],
  ['nowak', 'Frau', 'Agnieszka Nowak', ''],
  ['ferreira', 'Herr', 'Paulo Ferreira', ''],
  ['haddad', 'Frau', 'Rania Haddad', ''],
  ['lindgren', 'Herr', 'Ole Lindgren', 'Caritasverband Musterkreis'],
];

/** [person, role, represents]: the Sozialausschuss, 15 voting seats. */
const SOZ_MEMBERS: [string, 'vorsitz' | 'stellv-vorsitz' | 'mitglied' | 'sachkundig' | 'beratend' | 'stellvertretung', string?][] = [
  ['brandtner', 'vorsitz'],
  ['hollenbach', 'stellv-vorsitz'],
  ['albers', 'mitglied'],
  ['rosenbaum', 'mitglied'],
  ['tiedemann', 'mitglied'],
  ['okonkwo', 'mitglied'],
  ['sauerland', 'mitglied'],
  ['marquardt', 'mitglied'],
  ['quandt', 'mitglied'],
  ['ilic', 'mitglied'],
  ['wesseling', 'mitglied'],
  ['brodersen', 'mitglied'],
  ['petrakis', 'mitglied'],
  ['lohmeier', 'mitglied'],
  ['stuckenbrock', 'sachkundig'],
  ['adebayo', 'beratend'],
  ['voss', 'stellvertretung', 'tiedemann'],
  ['kettler', 'stellvertretung', 'rosenbaum'],
];

export async function musterkreisDemo(today: Date = new Date()): Promise<DemoData> {
  const year = today.getFullYear();
  const last = year - 1;
  const m = {
    sozPast1: at(today, -300, '15:00', 'mi'),
    sozPast2: at(today, -120, '15:00', 'mi'),
    sozPast3: at(today, -40, '15:00', 'mi'),
    sozNext: at(today, 10, '15:00', 'mi'),
    irPast: at(today, -100, '17:00', 'do'),
    irPast2: at(today, -30, '17:00', 'do'),
    irNext: at(today, 3, '17:00', 'do'),
    ordPast: at(today, -90, '14:00', 'di'),
    ordNext: at(today, 24, '14:00', 'di'),
    kaPast: at(today, -60, '16:00', 'mo'),
    kaNext: at(today, 16, '16:00', 'mo'),
  };

  const files = new Map<string, Uint8Array>();
  files.set('anlagen/go-lenkungsgruppe.pdf', await makeDemoPdf('Geschäftsordnung der Lenkungsgruppe KIM', [
    '§ 1 Zusammensetzung',
    'Der Lenkungsgruppe gehören Vertreterinnen und Vertreter der kreisangehörigen Kommunen an.',
    '§ 2 Aufgaben',
    'Die Lenkungsgruppe steuert die strategische Umsetzung des Kommunalen Integrationsmanagements.',
    '§ 3 Sitzungen',
    'Die Lenkungsgruppe tritt mindestens zweimal jährlich zusammen.',
  ]));
  files.set('anlagen/kennzahlen-case-management.pdf', await makeDemoPdf('Kennzahlen Case Management', [
    'Beratene Personen im Berichtszeitraum: 412',
    'davon mit abgeschlossenem Fallverlauf: 168',
    'Durchschnittliche Fallbearbeitungsdauer: 7,5 Monate',
  ]));
  files.set('anlagen/foerderbescheid.pdf', await makeDemoPdf('Förderbescheid Integrationsfonds (Auszug)', [
    'Zuwendungsbetrag: 48.500,00 €',
    'Bewilligungszeitraum: 01.01. bis 31.12.',
  ]));
  files.set('anlagen/personalkonzept-vertraulich.pdf', await makeDemoPdf('Personalkonzept Case Management – vertraulich', [
    'Stellenbewertung und Eingruppierung der Case-Management-Stellen.',
    'Nur für Mitglieder des Kreisausschusses.',
  ]));
  files.set('anlagen/standortkarte.pdf', await makeDemoPdf('Standorte der Beratungsstellen', [
    'Beratungsstelle Nordstadt, Lindenallee 4',
    'Beratungsstelle Am Markt, Marktplatz 11',
    'Beratungsstelle Talheim, Schulweg 2',
  ]));

  const sachstandText = (y: number, vzae: string, cms: number) => ({
    vorbemerkungen:
      `Seit der letzten Sitzung des Ausschusses ist der Aufbau des Kommunalen Integrationsmanagements (KIM) im Musterkreis weiter vorangekommen. ` +
      `Mit dieser Vorlage informiert die Verwaltung über den Sachstand ${y} in den Modulen 1 und 2 sowie über die Arbeit der Lenkungsgruppe.`,
    erlaeuterungen: [
      '**Personelle Besetzung des strategischen Integrationsmanagements (Modul 1)**',
      '',
      `Von den geförderten Vollzeitäquivalenten im Modul 1 sind derzeit ${vzae} besetzt. Die Geschäftsstelle koordiniert die Zusammenarbeit mit den kreisangehörigen Kommunen und bereitet die Sitzungen der Lenkungsgruppe vor.`,
      '',
      '**Case Management (Modul 2)**',
      '',
      `Im Case Management sind ${cms} Fachkräfte in den Kommunen tätig. Sie sind jeweils an festen Tagen vor Ort:`,
      '',
      '1. Stadt Birkenau und Gemeinde Eichtal seit dem 01.02.',
      '2. Stadt Lindenfeld seit dem 15.02.',
      '3. Gemeinde Talheim seit dem 01.03.',
      '4. Stadt Ahornstadt und Gemeinde Kieferbach seit dem 15.03.',
      '5. Gemeinde Ulmenried seit dem 01.04.',
      '6. Stadt Weidenau seit dem 15.04.',
      '7. Gemeinde Buchhausen und Gemeinde Erlengrund seit dem 01.05.',
      '8. Stadt Tannenberg seit dem 01.06.',
      '9. Gemeinde Espenhain seit dem 01.07.',
      '',
      '**Lenkungsgruppe**',
      '',
      'Die Lenkungsgruppe hat sich eine Geschäftsordnung gegeben; der Entwurf ist als Anlage beigefügt.',
      '',
      '**Ausblick**',
      '',
      'Im kommenden Jahr sollen die Angebote zur Sprachförderung und zur Anerkennung ausländischer Berufsabschlüsse enger verzahnt werden.',
    ].join('\n'),
  });

  const bundle: BundleInput = {
    format: 'vorlagenwerk-bundle',
    version: 1,
    body: { name: 'Musterkreis', numberPattern: '{amt}/{nr:3}/{jahr}', agendaNumbering: 'durchgehend' },
    departments: [
      { key: 'ki', code: '50', name: '50.2 – Kommunales Integrationszentrum (KI)', signatory: '(Leitung des Kommunalen Integrationszentrums)' },
      { key: 'ordnung', code: '32', name: '32 – Straßenverkehrs- und Ordnungsamt', signatory: '(Leitung des Ordnungsamtes)' },
      { key: 'kaemmerei', code: '20', name: '20 – Kämmerei', signatory: '(Kämmerin)' },
    ],
    // Invented Musterkreis people (issue 17): the Sozialausschuss with its members and deputies,
    // the Verwaltung (KI) and a guest; the Integrationsrat with a few members.
    persons: DEMO_PERSONS.map(([key, formOfAddress, name, affiliation, title]) => ({ key, formOfAddress, name, affiliation, title: title ?? '', email: '' })),
    committees: [
      { key: 'soz', name: 'Ausschuss für Soziales und Integration', shortName: 'Sozialausschuss', genitive: 'des Ausschusses für Soziales und Integration', kind: 'ausschuss', noticePeriodDays: 7, supplementNoticePeriodDays: 3, noticeWorkdaysOnly: false, chair: 'Dr. Helga Brandtner',
        members: SOZ_MEMBERS.map(([person, role, represents]) => ({ person, role, ...(represents ? { represents } : {}), from: `${year - 2}-11-01` })) },
      { key: 'ir', name: 'Integrationsrat', shortName: 'Integrationsrat', genitive: 'des Integrationsrates', kind: 'beirat', noticePeriodDays: 7, supplementNoticePeriodDays: null, noticeWorkdaysOnly: false, chair: 'Yusuf Demirel',
        members: [
          { person: 'demirel', role: 'vorsitz', from: `${year - 2}-11-01` },
          { person: 'nowak', role: 'stellv-vorsitz', from: `${year - 2}-11-01` },
          { person: 'ferreira', role: 'mitglied', from: `${year - 2}-11-01` },
          { person: 'haddad', role: 'mitglied', from: `${year - 2}-11-01` },
          { person: 'lindgren', role: 'mitglied', from: `${year - 2}-11-01` },
        ] },
      { key: 'ord', name: 'Ausschuss für Ordnungsangelegenheiten und Verbraucherschutz', shortName: 'Ordnungsausschuss', genitive: 'des Ausschusses für Ordnungsangelegenheiten und Verbraucherschutz', kind: 'ausschuss', noticePeriodDays: 7, supplementNoticePeriodDays: 3, noticeWorkdaysOnly: false, chair: 'Markus Feldhaus' },
      { key: 'ka', name: 'Kreisausschuss', shortName: 'Kreisausschuss', genitive: 'des Kreisausschusses', kind: 'kreisausschuss', noticePeriodDays: 10, supplementNoticePeriodDays: 5, noticeWorkdaysOnly: false, chair: 'Landrätin Sabine Oberkamp' },
    ],
    meetings: [
      {
        key: 'soz-1', committee: 'soz', number: 9, start: m.sozPast1, end: m.sozPast1.replace('15:00', '17:10'), location: 'Kreishaus Musterstadt, Sitzungssaal 1', state: 'durchgefuehrt',
        agenda: [
          { title: 'Eröffnung der Sitzung, Feststellung der ordnungsgemäßen Einladung und der Beschlussfähigkeit', public: true },
          { title: 'Genehmigung der Niederschrift über die vorangegangene Sitzung', public: true, result: 'einstimmig beschlossen' },
          { title: 'Kommunales Integrationsmanagement – Aktueller Sachstand', public: true, paper: 'sachstand-vorjahr', result: 'Kenntnis genommen',
            minutes: 'Frau Kaya, Leiterin des Kommunalen Integrationszentrums, fasst die wichtigsten Punkte der Vorlage zusammen.\n\n**Case Management**\n\nHerr Albers fragt nach der Verteilung der Fallzahlen auf die Kommunen. Frau Kaya sagt eine Übersicht zur nächsten Sitzung zu.' },
          { title: 'Mitteilungen der Verwaltung', public: true },
          { title: 'Personalangelegenheit im Kommunalen Integrationszentrum', public: false, result: 'Kenntnis genommen' },
        ],
      },
      {
        key: 'soz-2', committee: 'soz', number: 10, start: m.sozPast2, end: null, location: 'Kreishaus Musterstadt, Sitzungssaal 1', state: 'durchgefuehrt',
        // A complete record: the Niederschrift of this Sitzung is ready to print.
        opened: '15:04', closed: '16:52', chair: 'brandtner', recorder: 'grothe',
        attendance: [
          { person: 'brandtner', status: 'anwesend', group: 'mitglied', function: 'vorsitz' },
          ...SOZ_MEMBERS.filter(([key, role]) => role !== 'vorsitz' && role !== 'stellvertretung' && !['tiedemann', 'marquardt'].includes(key)).map(([person]) =>
            person === 'albers' ? { person, status: 'anwesend' as const, arrived: '15:25', group: 'mitglied' as const } : { person, status: 'anwesend' as const, group: 'mitglied' as const }),
          { person: 'tiedemann', status: 'entschuldigt', group: 'mitglied' },
          { person: 'marquardt', status: 'abwesend', group: 'mitglied' },
          { person: 'voss', status: 'anwesend', represents: 'tiedemann', group: 'mitglied' },
          { person: 'kaya', status: 'anwesend', group: 'verwaltung' },
          { person: 'grothe', status: 'anwesend', group: 'verwaltung', function: 'schriftfuehrung' },
          { person: 'lindgren', status: 'anwesend', left: '15:45', group: 'gast' },
        ],
        agenda: [
          { title: 'Eröffnung der Sitzung, Feststellung der ordnungsgemäßen Einladung und der Beschlussfähigkeit', public: true,
            minutes: 'Die Vorsitzende eröffnet die Sitzung, begrüßt die Anwesenden und stellt die ordnungsgemäße Einladung sowie die Beschlussfähigkeit fest.' },
          { title: 'Förderprogramm „Zusammen im Quartier“ – Fortsetzung', public: true, paper: 'quartier', result: 'mehrheitlich beschlossen', votes: { yes: 10, no: 2, abstain: 1, conflicted: ['rosenbaum'] },
            minutes: 'Der Ausschuss empfiehlt dem Kreisausschuss die Fortsetzung des Programms.' },
          { title: 'Sprachmittlerpool – Jahresbericht', public: true, paper: 'sprachmittler', result: 'Kenntnis genommen' },
          { title: 'Anfragen', public: true,
            minutes: 'Herr Albers fragt nach den Wartezeiten in der Beratungsstelle Nordstadt. Frau Kaya sagt eine schriftliche Antwort zu.' },
        ],
      },
      {
        key: 'soz-3', committee: 'soz', number: 11, start: m.sozPast3, end: null, location: 'Kreishaus Musterstadt, Sitzungssaal 1', state: 'durchgefuehrt',
        agenda: [
          { title: 'Eröffnung der Sitzung, Feststellung der ordnungsgemäßen Einladung und der Beschlussfähigkeit', public: true },
          { title: 'Beratungsangebote für Neuzugewanderte – Standorte', public: true, paper: 'beratungsstellen', result: 'Kenntnis genommen',
            minutes: 'Der Ausschuss bittet darum, die Vorlage auch dem Ausschuss für Ordnungsangelegenheiten und Verbraucherschutz zur Kenntnis zu geben.' },
          { title: 'Mitteilungen der Verwaltung', public: true },
          // A decision without a Vorlage, still to be recorded in the Niederschrift.
          { title: 'Benennung eines Mitglieds für den Beirat „Zusammen im Quartier“', public: true },
        ],
      },
      {
        key: 'soz-4', committee: 'soz', number: 12, start: m.sozNext, end: null, location: 'Kreishaus Musterstadt, Sitzungssaal 1', state: 'geplant',
        agenda: [
          { title: 'Eröffnung der Sitzung, Feststellung der ordnungsgemäßen Einladung und der Beschlussfähigkeit', public: true },
          { title: `Genehmigung der Niederschrift über die Sitzung vom ${de(m.sozPast3)}`, public: true },
          { title: 'Kommunales Integrationsmanagement – Aktueller Sachstand', public: true, paper: 'sachstand' },
          { title: 'Integrationsfonds – Vergabe der Mittel', public: true, paper: 'integrationsfonds' },
          { title: 'Mitteilungen der Verwaltung', public: true },
          { title: 'Anfragen', public: true },
          { title: 'Vergabe Sprachkursträger – Angebotsauswertung', public: false, paper: 'vergabe-sprachkurse' },
          { title: 'Mitteilungen', public: false },
        ],
      },
      {
        key: 'ir-1', committee: 'ir', number: 4, start: m.irPast, end: null, location: 'Kreishaus Musterstadt, Raum 214', state: 'durchgefuehrt',
        agenda: [
          { title: 'Eröffnung und Begrüßung', public: true },
          { title: 'Sprachmittlerpool – Jahresbericht', public: true, paper: 'sprachmittler', result: 'Kenntnis genommen' },
          { title: 'Interkulturelle Woche – Rückblick', public: true, paper: 'iwoche', result: 'Kenntnis genommen' },
        ],
      },
      {
        key: 'ir-2', committee: 'ir', number: 5, start: m.irPast2, end: null, location: 'Kreishaus Musterstadt, Raum 214', state: 'durchgefuehrt',
        agenda: [
          { title: 'Eröffnung und Begrüßung', public: true },
          { title: 'Wahl der stellvertretenden Vorsitzenden', public: true, result: 'einstimmig beschlossen' },
        ],
      },
      {
        key: 'ir-3', committee: 'ir', number: 6, start: m.irNext, end: null, location: 'Kreishaus Musterstadt, Raum 214', state: 'geplant',
        agenda: [
          { title: 'Eröffnung und Begrüßung', public: true },
          { title: 'Interkulturelle Woche – Planung', public: true, paper: 'iwoche-planung' },
          { title: 'Mitteilungen der Verwaltung', public: true },
        ],
      },
      {
        key: 'ord-1', committee: 'ord', number: 7, start: m.ordPast, end: null, location: 'Kreishaus Musterstadt, Sitzungssaal 2', state: 'durchgefuehrt',
        agenda: [
          { title: 'Eröffnung der Sitzung, Feststellung der ordnungsgemäßen Einladung und der Beschlussfähigkeit', public: true },
          { title: 'Verkehrsüberwachung – Jahresbericht', public: true, paper: 'verkehr', result: 'Kenntnis genommen' },
        ],
      },
      {
        key: 'ord-2', committee: 'ord', number: 8, start: m.ordNext, end: null, location: 'Kreishaus Musterstadt, Sitzungssaal 2', state: 'geplant',
        agenda: [
          { title: 'Eröffnung der Sitzung, Feststellung der ordnungsgemäßen Einladung und der Beschlussfähigkeit', public: true },
          { title: 'Verbraucherschutz – Lebensmittelkontrollen', public: true, paper: 'lebensmittel' },
        ],
      },
      {
        key: 'ka-1', committee: 'ka', number: 21, start: m.kaPast, end: null, location: 'Kreishaus Musterstadt, Sitzungssaal 1', state: 'durchgefuehrt',
        agenda: [
          { title: 'Eröffnung der Sitzung', public: true },
          { title: 'Förderprogramm „Zusammen im Quartier“ – Fortsetzung', public: true, paper: 'quartier', result: 'einstimmig beschlossen', votes: { yes: 15, no: 0, abstain: 0 } },
          { title: 'Personalkonzept Case Management', public: false, paper: 'personalkonzept', result: 'einstimmig beschlossen' },
        ],
      },
      {
        key: 'ka-2', committee: 'ka', number: 22, start: m.kaNext, end: null, location: 'Kreishaus Musterstadt, Sitzungssaal 1', state: 'geplant',
        agenda: [{ title: 'Eröffnung der Sitzung', public: true }],
      },
    ],
    papers: [
      {
        key: 'sachstand-vorjahr', department: 'ki', template: 'sachstandsbericht', year: last, public: true,
        title: `Kommunales Integrationsmanagement – Sachstand ${last}`,
        sections: sachstandText(last, '2,5 von 3,5 Vollzeitäquivalenten', 9),
        consultations: [{ meeting: 'soz-1', role: 'kenntnisnahme' }],
        attachments: [{ title: 'Geschäftsordnung der Lenkungsgruppe KIM', file: 'anlagen/go-lenkungsgruppe.pdf', fileName: 'Geschaeftsordnung-Lenkungsgruppe.pdf', public: true }],
      },
      {
        key: 'sachstand', department: 'ki', template: 'sachstandsbericht', year, public: true, predecessor: 'sachstand-vorjahr',
        title: `Kommunales Integrationsmanagement – Sachstand ${year}`,
        sections: sachstandText(year, 'alle 3,5 Vollzeitäquivalente', 12),
        consultations: [{ meeting: 'soz-4', role: 'kenntnisnahme' }],
        attachments: [
          { title: 'Geschäftsordnung der Lenkungsgruppe KIM', file: 'anlagen/go-lenkungsgruppe.pdf', fileName: 'Geschaeftsordnung-Lenkungsgruppe.pdf', public: true },
          { title: 'Kennzahlen Case Management', file: 'anlagen/kennzahlen-case-management.pdf', fileName: 'Kennzahlen-Case-Management.pdf', public: true },
        ],
      },
      {
        key: 'quartier', department: 'ki', template: 'beschlussvorlage', year, public: true,
        title: 'Förderprogramm „Zusammen im Quartier“ – Fortsetzung',
        sections: {
          vorbemerkungen: 'Das Förderprogramm „Zusammen im Quartier“ unterstützt seit drei Jahren nachbarschaftliche Integrationsprojekte in den kreisangehörigen Kommunen.',
          erlaeuterungen: 'Die Auswertung zeigt eine hohe Beteiligung:\n\n- 23 geförderte Projekte\n- 1.150 Teilnehmende\n- 14 beteiligte Vereine\n\nDie Verwaltung schlägt vor, das Programm fortzusetzen.',
          beschlussvorschlag: 'Der Kreisausschuss beschließt die Fortsetzung des Förderprogramms „Zusammen im Quartier“ für weitere zwei Jahre.',
          finanzielle_auswirkungen: 'Die Kosten von jährlich 60.000,00 € sind im Haushalt bei Produkt 05.02 veranschlagt. Es entstehen keine zusätzlichen Personalkosten.',
        },
        consultations: [
          { meeting: 'soz-2', role: 'vorberatung' },
          { meeting: 'ka-1', role: 'entscheidung' },
        ],
        attachments: [{ title: 'Förderbescheid Integrationsfonds (Auszug)', file: 'anlagen/foerderbescheid.pdf', fileName: 'Foerderbescheid.pdf', public: true }],
      },
      {
        key: 'sprachmittler', department: 'ki', template: 'mitteilungsvorlage', year, public: true,
        title: 'Sprachmittlerpool – Jahresbericht',
        sections: {
          vorbemerkungen: 'Der Sprachmittlerpool des Kommunalen Integrationszentrums vermittelt ehrenamtliche Sprachmittlerinnen und Sprachmittler an Schulen, Kitas und Beratungsstellen.',
          erlaeuterungen: 'Im Berichtsjahr wurden **640 Einsätze** in 31 Sprachen vermittelt. Die meistgefragten Sprachen waren Arabisch, Ukrainisch und Türkisch.',
        },
        consultations: [
          { meeting: 'ir-1', role: 'kenntnisnahme' },
          { meeting: 'soz-2', role: 'kenntnisnahme' },
        ],
      },
      {
        key: 'iwoche', department: 'ki', template: 'mitteilungsvorlage', year, public: true,
        title: 'Interkulturelle Woche – Rückblick',
        sections: {
          vorbemerkungen: 'Die Interkulturelle Woche fand im September mit 42 Veranstaltungen im ganzen Kreisgebiet statt.',
          erlaeuterungen: 'Besonders gut besucht waren das Fest der Kulturen in Lindenfeld und die Lesereihe in den Stadtbüchereien.',
        },
        consultations: [{ meeting: 'ir-1', role: 'kenntnisnahme' }],
      },
      {
        key: 'iwoche-planung', department: 'ki', template: 'mitteilungsvorlage', year, public: true,
        title: 'Interkulturelle Woche – Planung',
        sections: {
          vorbemerkungen: 'Für die nächste Interkulturelle Woche liegen bereits 18 Anmeldungen von Vereinen und Initiativen vor.',
          erlaeuterungen: 'Der Integrationsrat wird gebeten, Vorschläge für das Rahmenprogramm einzubringen.',
        },
        consultations: [{ meeting: 'ir-3', role: 'kenntnisnahme' }],
      },
      {
        key: 'beratungsstellen', department: 'ki', template: 'mitteilungsvorlage', year, public: true,
        title: 'Beratungsangebote für Neuzugewanderte – Standorte',
        sections: {
          vorbemerkungen: 'Die Beratung für Neuzugewanderte wird an drei Standorten im Kreisgebiet angeboten.',
          erlaeuterungen: '| Standort | Sprechzeiten |\n|---|---|\n| Nordstadt | Mo und Mi 9–12 Uhr |\n| Am Markt | Di 13–17 Uhr |\n| Talheim | Do 9–12 Uhr |',
        },
        consultations: [
          { meeting: 'soz-3', role: 'kenntnisnahme' },
          { committee: 'ord', role: 'kenntnisnahme' },
        ],
        attachments: [{ title: 'Standorte der Beratungsstellen', file: 'anlagen/standortkarte.pdf', fileName: 'Standorte.pdf', public: true }],
      },
      {
        key: 'integrationsfonds', department: 'ki', template: 'beschlussvorlage', year, public: true,
        title: 'Integrationsfonds – Vergabe der Mittel',
        sections: {
          vorbemerkungen: 'Für den Integrationsfonds stehen im laufenden Haushaltsjahr 48.500,00 € zur Verfügung.',
          erlaeuterungen: 'Es sind 17 Anträge eingegangen. Die Verwaltung hat die Anträge nach den Förderrichtlinien bewertet.',
          beschlussvorschlag: 'Der Ausschuss für Soziales und Integration beschließt die Vergabe der Mittel des Integrationsfonds entsprechend der Anlage.',
          finanzielle_auswirkungen: 'Die Mittel sind im Haushalt veranschlagt (48.500,00 €).',
        },
        consultations: [{ meeting: 'soz-4', role: 'entscheidung' }],
      },
      {
        key: 'vergabe-sprachkurse', department: 'ki', template: 'beschlussvorlage', year, public: false,
        title: 'Vergabe Sprachkursträger – Angebotsauswertung',
        sections: {
          vorbemerkungen: 'Die Angebote der Bieter werden im nichtöffentlichen Teil beraten, da sie Betriebs- und Geschäftsgeheimnisse enthalten.',
          erlaeuterungen: 'Es liegen vier wertbare Angebote vor. Das wirtschaftlichste Angebot stammt von der Sprachschule Nordlicht gGmbH.',
          beschlussvorschlag: 'Der Ausschuss beschließt, den Auftrag an den wirtschaftlichsten Bieter zu vergeben.',
          finanzielle_auswirkungen: 'Auftragswert: 126.000,00 € über zwei Jahre.',
        },
        consultations: [{ meeting: 'soz-4', role: 'entscheidung' }],
      },
      {
        key: 'personalkonzept', department: 'ki', template: 'beschlussvorlage', year, public: false,
        title: 'Personalkonzept Case Management',
        sections: {
          vorbemerkungen: 'Das Personalkonzept regelt die Eingruppierung der Case-Management-Stellen.',
          erlaeuterungen: 'Einzelheiten ergeben sich aus der nichtöffentlichen Anlage.',
          beschlussvorschlag: 'Der Kreisausschuss stimmt dem Personalkonzept zu.',
          finanzielle_auswirkungen: 'Die Personalkosten sind durch die Landesförderung gedeckt.',
        },
        consultations: [{ meeting: 'ka-1', role: 'entscheidung' }],
        attachments: [{ title: 'Personalkonzept (vertraulich)', file: 'anlagen/personalkonzept-vertraulich.pdf', fileName: 'Personalkonzept-vertraulich.pdf', public: false }],
      },
      {
        key: 'verkehr', department: 'ordnung', template: 'mitteilungsvorlage', year, public: true,
        title: 'Verkehrsüberwachung – Jahresbericht',
        sections: { vorbemerkungen: 'Die Verwaltung berichtet über die Verkehrsüberwachung im Kreisgebiet.', erlaeuterungen: 'Die Zahl der Messstellen wurde von 12 auf 15 erhöht.' },
        consultations: [{ meeting: 'ord-1', role: 'kenntnisnahme' }],
      },
      {
        key: 'lebensmittel', department: 'ordnung', template: 'mitteilungsvorlage', year, public: true,
        title: 'Verbraucherschutz – Lebensmittelkontrollen',
        sections: { vorbemerkungen: 'Bericht über die Lebensmittelkontrollen des Jahres.', erlaeuterungen: 'Es wurden 2.310 Betriebe kontrolliert; in 4 % der Fälle gab es Beanstandungen.' },
        consultations: [{ meeting: 'ord-2', role: 'kenntnisnahme' }],
      },
      {
        key: 'haushalt-ki', department: 'kaemmerei', template: 'beschlussvorlage', year, public: true,
        title: `Haushaltsplanentwurf ${year + 1} – Teilplan Integration`,
        sections: {
          vorbemerkungen: 'Der Entwurf des Teilplans Integration wird zur Vorberatung vorgelegt.',
          erlaeuterungen: 'Gegenüber dem Vorjahr steigen die Aufwendungen um 3,2 %, vor allem durch Tarifsteigerungen.',
          beschlussvorschlag: 'Der Ausschuss empfiehlt dem Kreistag, den Teilplan Integration zu beschließen.',
          finanzielle_auswirkungen: 'Aufwendungen gesamt: 2.480.000,00 €.',
        },
        consultations: [
          { committee: 'soz', role: 'vorberatung' },
          { committee: 'ka', role: 'entscheidung' },
        ],
      },
      {
        key: 'ehrenamt', department: 'ki', template: 'mitteilungsvorlage', year, public: true,
        title: 'Ehrenamtliche Integrationslotsinnen und -lotsen',
        sections: { vorbemerkungen: 'Das Programm der Integrationslotsen wird ausgeweitet.', erlaeuterungen: 'Derzeit sind 37 Lotsinnen und Lotsen aktiv.' },
        consultations: [],
      },
      {
        key: 'kita-sprache', department: 'ki', template: 'mitteilungsvorlage', year, public: true,
        title: 'Sprachförderung in Kindertageseinrichtungen',
        sections: { vorbemerkungen: 'Überblick über die Sprachförderangebote in Kitas.', erlaeuterungen: '' },
        consultations: [{ committee: 'ir', role: 'kenntnisnahme' }],
      },
      {
        key: 'anerkennung', department: 'ki', template: 'mitteilungsvorlage', year: last, public: true,
        title: 'Anerkennung ausländischer Berufsabschlüsse – Beratungsbilanz',
        sections: { vorbemerkungen: 'Die Anerkennungsberatung wurde im Vorjahr stark nachgefragt.', erlaeuterungen: '312 Beratungen, davon 140 mit Antragstellung.' },
        consultations: [],
      },
    ],
  };
  releaseScheduledPapers(bundle, `${year}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}T08:00`);
  return { bundle, files };
}

/** Invented signers of the Musterkreis, per Amt (key) and for the Kämmerei. */
const AMTSLEITUNG: Record<string, string> = { ki: 'Dr. Jana Winterfeld', ordnung: 'Bernd Kolbeck', kaemmerei: 'Ulrike Sandmann' };
const KAEMMEREI = 'Ulrike Sandmann';

/** Day minus n days, keeping the time: "2025-03-20T15:00" → "2025-02-27T09:30". */
function daysBefore(localDateTime: string, n: number, time: string): string {
  const d = new Date(`${localDateTime.slice(0, 10)}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return `${d.toISOString().slice(0, 10)}T${time}`;
}

/**
 * Every Vorlage that is on an agenda went through Mitzeichnung and Freigabe three weeks before
 * its first Sitzung (so the demo's Sitzungsmappen can be built); the Vorlagen not yet scheduled
 * show the earlier states: one in Mitzeichnung, the others Entwurf.
 */
function releaseScheduledPapers(bundle: BundleInput, now: string): void {
  const meetings = bundle.meetings ?? [];
  const firstMeeting = (key: string) =>
    meetings
      .filter((m) => (m.agenda ?? []).some((i) => i.paper === key) || (bundle.papers ?? []).some((p) => p.key === key && (p.consultations ?? []).some((c) => c.meeting === m.key)))
      .map((m) => m.start)
      .sort()[0];
  for (const p of bundle.papers ?? []) {
    const start = firstMeeting(p.key);
    const lead = AMTSLEITUNG[p.department] ?? 'Dr. Jana Winterfeld';
    if (!start) {
      if (p.key === 'ehrenamt') p.approvals = [{ step: 'amtsleitung', by: lead, function: 'Amtsleitung', at: daysBefore(now, 2, '10:15'), revision: 1 }];
      continue;
    }
    const finance = typeof p.sections?.finanzielle_auswirkungen === 'string' && p.sections.finanzielle_auswirkungen.trim() !== '';
    p.approvals = [
      { step: 'amtsleitung', by: lead, function: 'Amtsleitung', at: daysBefore(start, 23, '10:15'), revision: 1 },
      ...(finance ? [{ step: 'kaemmerei' as const, by: KAEMMEREI, function: 'Kämmerei', at: daysBefore(start, 22, '14:40'), revision: 1 }] : []),
    ];
    p.released = { by: lead, function: 'Amtsleitung', at: daysBefore(start, 21, '09:00'), revision: 1 };
  }
}
