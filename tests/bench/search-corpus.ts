import type { Db } from '../../electron/core/db/connection.js';

/**
 * A generated, deterministic corpus for the search benchmark: Vorlagen with German-looking
 * section text, Sitzungen with TOPs (a third discussing a Vorlage, some with minutes). Written with
 * plain SQL for speed; the search triggers index every row exactly as in the app.
 */
export interface CorpusSize {
  papers: number;
  agendaItems: number;
}

/** Words planted at known frequencies, so the query mix means the same in every run. */
export const PLANTED = {
  rare: 'Quellwasserschutzverordnung', // ~ 1 in 5 000 Vorlagen
  common: 'Integration', // ~ 1 in 3 documents
  umlautWord: 'Förderprogramm', // searched as "Forderprogramm" and "Foerderprogramm"
  phrase: ['Kommunales', 'Integrationsmanagement'],
} as const;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STEMS = [
  'Sprach', 'Kurs', 'Beratung', 'Schul', 'Kita', 'Verwaltung', 'Kreis', 'Stadt', 'Gemeinde', 'Haushalt', 'Mittel', 'Antrag', 'Bericht',
  'Projekt', 'Quartier', 'Verein', 'Ehrenamt', 'Arbeit', 'Markt', 'Wohn', 'Raum', 'Jugend', 'Familie', 'Senioren', 'Gesundheit',
  'Verkehr', 'Ordnung', 'Sicherheit', 'Umwelt', 'Bildung', 'Kultur', 'Sport', 'Netz', 'Stelle', 'Personal', 'Konzept', 'Plan',
  'Förder', 'Prüf', 'Über', 'Grün', 'Büro', 'Straßen', 'Schließ', 'Maß', 'Größe', 'Träger', 'Anerkennung', 'Zuwanderung', 'Teilhabe',
];
const ENDINGS = ['', 'e', 'en', 'ung', 'ungen', 'stelle', 'plan', 'bericht', 'konzept', 'programm', 'angebot', 'träger', 'amt', 'arbeit', 'wesen', 'lich', 'isch'];
const FILLER = ['der', 'die', 'das', 'und', 'in', 'im', 'mit', 'für', 'von', 'zu', 'den', 'dem', 'des', 'ist', 'wird', 'werden', 'sind', 'auf', 'an', 'auch', 'nach', 'bei', 'über', 'sowie', 'durch'];

const fold = (w: string) => w.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
const RESERVED = new Set([PLANTED.rare, PLANTED.common, PLANTED.umlautWord, ...PLANTED.phrase].map(fold));

export function makeVocabulary(random: () => number, size = 4000): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const stem = STEMS[Math.floor(random() * STEMS.length)]!;
    const second = random() < 0.6 ? STEMS[Math.floor(random() * STEMS.length)]!.toLowerCase() : '';
    const word = stem + second + ENDINGS[Math.floor(random() * ENDINGS.length)]!;
    // Planted words occur only where planted, so their frequencies are known.
    if (!RESERVED.has(fold(word))) words.add(word);
  }
  return [...words];
}

/** Zipf-like pick: low indexes much more often, like real vocabulary. */
const zipf = (random: () => number, n: number) => Math.min(n - 1, Math.floor(Math.pow(n, random()) - 1));

function sentence(random: () => number, vocab: string[], words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(random() < 0.45 ? FILLER[Math.floor(random() * FILLER.length)]! : vocab[zipf(random, vocab.length)]!);
  const s = out.join(' ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

export function buildCorpus(db: Db, size: CorpusSize, seed = 7): { paperIds: number[]; meetingIds: number[]; committeeIds: number[] } {
  const random = rng(seed);
  const vocab = makeVocabulary(random);
  const text = (sentences: number) => Array.from({ length: sentences }, () => sentence(random, vocab, 8 + Math.floor(random() * 12))).join(' ');
  const plant = (t: string) => {
    let s = t;
    if (random() < 0.33) s += ` Die ${PLANTED.common} bleibt Schwerpunkt.`;
    if (random() < 0.02) s += ` Das ${PLANTED.umlautWord} wird fortgesetzt.`;
    if (random() < 0.01) s += ` Das ${PLANTED.phrase.join(' ')} berichtet.`;
    if (random() < 0.0002) s += ` Betroffen ist die ${PLANTED.rare}.`;
    return s;
  };
  const now = '2025-01-15T10:00:00.000Z';
  const committeeIds: number[] = [];
  const meetingIds: number[] = [];
  const paperIds: number[] = [];
  db.transaction(() => {
    db.prepare("INSERT INTO body (id, name, number_pattern, agenda_numbering) VALUES (1, 'Musterkreis', '{amt}/{nr:3}/{jahr}', 'durchgehend')").run();
    const dept = Number(db.prepare("INSERT INTO department (key, code, name, signatory) VALUES ('ki', '50', '50.2 – Kommunales Integrationszentrum (KI)', '')").run().lastInsertRowid);
    const committees = [
      ['soz', 'Ausschuss für Soziales und Integration', 'Sozialausschuss', 'des Ausschusses für Soziales und Integration'],
      ['ord', 'Ausschuss für Ordnungsangelegenheiten', 'Ordnungsausschuss', 'des Ausschusses für Ordnungsangelegenheiten'],
      ['ir', 'Integrationsrat', 'Integrationsrat', 'des Integrationsrates'],
      ['ka', 'Kreisausschuss', 'Kreisausschuss', 'des Kreisausschusses'],
      ['jhA', 'Jugendhilfeausschuss', 'Jugendhilfeausschuss', 'des Jugendhilfeausschusses'],
      ['sch', 'Schulausschuss', 'Schulausschuss', 'des Schulausschusses'],
      ['umw', 'Umweltausschuss', 'Umweltausschuss', 'des Umweltausschusses'],
      ['fin', 'Finanzausschuss', 'Finanzausschuss', 'des Finanzausschusses'],
    ];
    const insCommittee = db.prepare("INSERT INTO committee (key, name, short_name, genitive, kind, notice_period_days) VALUES (?, ?, ?, ?, 'ausschuss', 7)");
    for (const c of committees) committeeIds.push(Number(insCommittee.run(...c).lastInsertRowid));

    const usedRef = db.prepare('INSERT INTO used_reference (reference, created_at) VALUES (?, ?)');
    const insPaper = db.prepare(
      `INSERT INTO paper (reference, department_id, template, title, public, year, sections, created_at, updated_at)
       VALUES (?, ?, 'mitteilungsvorlage', ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < size.papers; i++) {
      const year = 2015 + (i % 11);
      const reference = `50/${String(Math.floor(i / 11) + 1).padStart(4, '0')}/${year}`;
      usedRef.run(reference, now);
      const title = `${vocab[zipf(random, vocab.length)]} – ${sentence(random, vocab, 4).slice(0, -1)}`;
      const sections = {
        vorbemerkungen: { type: 'doc', content: [paragraph(plant(text(2)))] },
        erlaeuterungen: { type: 'doc', content: [paragraph(text(6)), paragraph(plant(text(6)))] },
      };
      paperIds.push(Number(insPaper.run(reference, dept, title, random() < 0.9 ? 1 : 0, year, JSON.stringify(sections), now, now).lastInsertRowid));
    }

    const insMeeting = db.prepare("INSERT INTO meeting (key, committee_id, number, start, location, state) VALUES (?, ?, ?, ?, 'Kreishaus', ?)");
    const insItem = db.prepare(
      'INSERT INTO agenda_item (meeting_id, position, public, title, paper_id, consultation_id, result, minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insConsultation = db.prepare("INSERT INTO consultation (paper_id, committee_id, role, position, meeting_id) VALUES (?, ?, 'kenntnisnahme', 0, ?)");
    const perMeeting = 12;
    const meetings = Math.ceil(size.agendaItems / perMeeting);
    let item = 0;
    let nextPaper = 0;
    const results = ['Kenntnis genommen', 'einstimmig beschlossen', 'mehrheitlich beschlossen', 'vertagt'];
    for (let m = 0; m < meetings; m++) {
      const committeeId = committeeIds[m % committeeIds.length]!;
      const day = new Date(Date.UTC(2015, 0, 1) + m * 4 * 3600 * 1000).toISOString().slice(0, 10);
      const past = m < meetings - 40;
      const meetingId = Number(insMeeting.run(`m-${m}`, committeeId, Math.floor(m / committeeIds.length) + 1, `${day}T15:00`, past ? 'durchgefuehrt' : 'geplant').lastInsertRowid);
      meetingIds.push(meetingId);
      for (let p = 0; p < perMeeting && item < size.agendaItems; p++, item++) {
        const withPaper = p >= 2 && p < 6 && nextPaper < paperIds.length;
        let paperId: number | null = null;
        let consultationId: number | null = null;
        if (withPaper) {
          paperId = paperIds[nextPaper++]!;
          consultationId = Number(insConsultation.run(paperId, committeeId, meetingId).lastInsertRowid);
        }
        const result = past && random() < 0.7 ? results[Math.floor(random() * results.length)]! : null;
        const minutes = result && random() < 0.3 ? JSON.stringify({ type: 'doc', content: [paragraph(plant(text(3)))] }) : null;
        insItem.run(meetingId, p, p < 10 ? 1 : 0, sentence(random, vocab, 5).slice(0, -1), paperId, consultationId, result, minutes);
      }
    }
  })();
  return { paperIds, meetingIds, committeeIds };
}
