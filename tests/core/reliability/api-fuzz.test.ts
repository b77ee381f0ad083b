import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { findChromium } from '../../../electron/core/export/pdf/find-chromium.js';
import { usePdfRenderer } from '../../../electron/core/export/pdf/pdf-services.js';
import type { PdfRenderer } from '../../../electron/core/export/pdf/types.js';
import { contract, type ApiResponse, type MethodName } from '../../../electron/shared/contract.js';
import { ERROR_CODES } from '../../../electron/shared/errors.js';
import { databaseFingerprint, tempApp, tempDir, testEngine, type TempApp } from '../../helpers/temp-app.js';
import { anyTransportable, malformed, validish } from './helpers/zod-arbitrary.js';

/**
 * Issue 8.4: fast-check over EVERY method of the contract with inputs generated from and around
 * its zod schema — plausible ones, one-thing-wrong ones (unknown keys, own `__proto__` /
 * `constructor` keys, wrong types, oversized strings, control characters, number edge cases,
 * deep nesting) and arbitrary values. For each call:
 *   - the dispatcher answers (no throw, no hang, no unhandled rejection) with a well-formed response;
 *   - input the schema rejects → VALIDATION; input it accepts → ok or VALIDATION / NOT_FOUND /
 *     CONFLICT, never INTERNAL (a crash);
 *   - every rejection, and every successful read-only call, leaves the database unchanged;
 *   - Object.prototype stays clean.
 * Runs: VW_FUZZ_RUNS (default 10 000) spread over all methods.
 */

const TOTAL_RUNS = Number(process.env.VW_FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.VW_FUZZ_SEED ?? Date.now() % 2 ** 31);
const methods = Object.keys(contract) as MethodName[];
/** Valid calls of these are slow (documents, packs, whole-database work): mostly feed them malformed input. */
const EXPENSIVE = /export|pack|demo|import|sicherung\.(create|restore)|rebuild|previewFile|hausvorlage\.set|carryForward/;

/** A tiny real PDF where no Chromium is installed: the fuzz tests the API boundary, not the printing. */
class FakePdfRenderer implements PdfRenderer {
  async render(): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]);
    return doc.save();
  }
  async close() {}
}

let t: TempApp;
let sandbox: string;
let words: string[];
let ids: number[];
let examples: Record<string, unknown[]> = {};
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
const counts = { runs: 0, schemaRejected: 0, accepted: 0, ok: 0, rejectedAfterSchema: 0, byCode: {} as Record<string, number> };
/** Successful calls per method: proof that the generated input reaches the handlers, not only the schema. */
const okByMethod: Record<string, number> = {};
const timing = { fingerprints: 0, fingerprintMs: 0 };

/** With a Chromium, PDFs are printed for real; without one (CI), a stand-in prints blank pages. */
let realPdf = true;
try {
  findChromium();
} catch {
  realPdf = false;
}

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  if (!realPdf) usePdfRenderer(() => new FakePdfRenderer());
  t = await tempApp({ demo: true });
  sandbox = tempDir('vw-fuzz-files-');
  const papers = await t.call('vorlagen.list', {});
  const committees = await t.call('gremien.list', {});
  const meetings = await t.call('sitzungen.list', {});
  words = [
    ...papers.map((p) => p.reference),
    ...committees.flatMap((c) => [c.key, c.name, c.shortName]),
    ...meetings.map((m) => m.key),
    'mitteilungsvorlage', 'beschlussvorlage', 'vorbemerkungen', 'erlaeuterungen', 'beschlussvorschlag',
    'Integration', 'Sachstand Kommunales Integrationsmanagement', 'Kenntnis genommen', '50/001/2026', 'Ö 1', '2026-03-12', '2026-03-12T15:00',
    '../../etc/passwd', '{{titel}}', '<script>alert(1)</script>', 'javascript:alert(1)', '\u202egnp.exe', 'NUL', ' ',
    // SQL injection through every text field, on both engines (the PostgreSQL stage runs this file too).
    "'); DROP TABLE paper; --", "x' OR '1'='1", '"; DELETE FROM revision; --', '$1 $$ ? \\',
  ];
  const maxId = Math.max(30, ...papers.map((p) => p.id), ...meetings.map((m) => m.id));
  ids = Array.from({ length: maxId + 5 }, (_, i) => i + 1);
  examples = await buildExamples(papers.map((p) => p.id), meetings.map((m) => m.id));
});

/**
 * Hand-made valid inputs per method, from the demo data: the generator alone rarely hits what
 * needs a real file, an exact permutation or a pattern refinement; mutations of these are "one
 * thing wrong" with everything else right.
 */
async function buildExamples(paperIds: number[], meetingIds: number[]): Promise<Record<string, unknown[]>> {
  const paper = await t.call('vorlagen.get', { ref: paperIds[0]! });
  const publicPaper = (await Promise.all(paperIds.map((id) => t.call('vorlagen.get', { ref: id })))).find((p) => p.public && p.attachments.length > 0) ?? paper;
  await t.call('vorlagen.save', { id: paper.id, title: `${paper.title} (überarbeitet)` });
  const successor = await t.call('vorlagen.carryForward', { ref: paper.id, year: 2030 });
  const meeting = await t.call('sitzungen.get', { id: meetingIds[0]! });
  const otherMeeting = await t.call('sitzungen.get', { id: meetingIds[1]! });
  // The agenda of a past Sitzung is locked (issue 17): agenda edits go to an upcoming one.
  const upcoming = (await t.call('sitzungen.list', {})).find((m) => m.start.slice(0, 10) > new Date().toISOString().slice(0, 10))!;
  const agendaMeeting = await t.call('sitzungen.get', { id: upcoming.id });
  const agendaItem = agendaMeeting.agenda[0];
  const body = await t.call('koerperschaft.get', {});
  const departments = await t.call('aemter.list', {});
  const committees = await t.call('gremien.list', {});
  const bundle = path.join(sandbox, 'bundle.json');
  await t.call('daten.export', { path: bundle, publicOnly: true });
  const backupCopy = path.join(sandbox, 'sicherung.sqlite');
  // On PostgreSQL there are no backup files (pg_dump's job); the restore example then names an empty file.
  if (testEngine === 'sqlite') fs.copyFileSync((await t.call('sicherung.create', {})).file, backupCopy);
  else fs.writeFileSync(backupCopy, '');
  const docxFile = path.join(sandbox, 'vorlage.docx');
  await t.call('vorlagen.exportDocx', { ref: paper.id, path: docxFile });
  const docx = fs.readFileSync(docxFile).toString('base64');
  const consultations = publicPaper.consultations;
  const followUps = await t.call('beschlusskontrolle.list', {});
  const item = meeting.agenda[0];
  const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Die Verwaltung berichtet.' }] }] };
  // Niederschrift (issue 17): the demo's Sitzung with a complete record, its persons and members.
  const soz2 = (await t.call('sitzungen.list', {})).find((m) => m.key === 'soz-2');
  const record = soz2 ? await t.call('niederschrift.get', { meetingId: soz2.id }) : null;
  const persons = await t.call('personen.list', {});
  const members = await t.call('mitglieder.list', { committeeId: committees[0]!.id });
  const topWithVotes = record?.items.find((i) => i.votes);
  return {
    'personen.create': [{ name: 'Fuzz Person', formOfAddress: 'none', title: '', affiliation: '', email: '' }],
    'personen.update': persons.slice(0, 1).map(({ id, name, formOfAddress, title, affiliation, email }) => ({ id, name, formOfAddress, title, affiliation, email })),
    'personen.remove': persons.slice(-1).map((p) => ({ id: p.id, mode: 'anonymise' })),
    'mitglieder.list': [{ committeeId: committees[0]!.id }],
    'mitglieder.add': persons.slice(0, 1).map((p) => ({ committeeId: committees[0]!.id, personId: p.id, role: 'beratend', from: '2030-01-01' })),
    'mitglieder.end': members.slice(-1).map((m) => ({ id: m.id, until: '2031-12-31' })),
    'mitglieder.reorder': [{ committeeId: committees[0]!.id, orderedIds: members.map((m) => m.id).reverse() }],
    'niederschrift.get': soz2 ? [{ meetingId: soz2.id }] : [],
    'anwesenheit.set': record ? [{ meetingId: record.meetingId, entries: record.attendance.map(({ name: _n, role: _r, ...a }) => a) }] : [],
    'niederschrift.setHead': record ? [{ meetingId: record.meetingId, ...record.head }] : [],
    'niederschrift.result': record && topWithVotes ? [{ meetingId: record.meetingId, agendaItemId: topWithVotes.id, result: topWithVotes.result!, votes: topWithVotes.votes }] : [],
    'niederschrift.export': soz2 ? [{ meetingId: soz2.id, format: 'docx', variant: 'public', path: path.join(sandbox, 'n.docx') }] : [],
    'niederschrift.auszug': soz2 ? [{ meetingId: soz2.id, topNumber: '2', format: 'docx', path: path.join(sandbox, 'a.docx') }] : [],
    'koerperschaft.save': [body],
    'aemter.save': [{ key: 'jugend', code: '51', name: '51 – Jugendamt', signatory: '' }, departments[0]],
    'gremien.save': [{ ...committees[0] }, { ...committees[0], id: undefined, key: 'jhA', name: 'Jugendhilfeausschuss', shortName: 'JHA', genitive: 'des Jugendhilfeausschusses' }],
    'gremien.get': [{ ref: committees[0]!.shortName }],
    // The last one takes another Sitzung's key (was an INTERNAL error: UNIQUE constraint).
    'sitzungen.save': [{ ...meeting.meeting }, { committeeId: committees[0]!.id, start: `${new Date().getFullYear() + 5}-05-06T17:00` }, { ...meeting.meeting, key: otherMeeting.meeting.key }],
    'sitzungen.get': [{ id: meeting.meeting.id }],
    'tagesordnung.add': [{ meetingId: agendaMeeting.meeting.id, title: 'Anfragen', public: false }],
    'tagesordnung.update': agendaItem ? [{ id: agendaItem.id, title: 'Mitteilungen der Verwaltung', manualNumber: 'Ö 9' }] : [],
    'tagesordnung.reorder': [{ meetingId: agendaMeeting.meeting.id, orderedIds: agendaMeeting.agenda.map((i) => i.id).reverse() }],
    'tagesordnung.result': item ? [{ meetingId: meeting.meeting.id, agendaItemId: item.id, result: 'Kenntnis genommen' }] : [],
    'vorlagen.get': [{ ref: paper.reference }],
    'vorlagen.create': [{ template: 'mitteilungsvorlage', departmentId: departments[0]!.id, title: 'Neue Mitteilungsvorlage', sections: { vorbemerkungen: doc } }],
    'vorlagen.save': [{ id: paper.id, title: 'Sachstand (Fuzz)', sections: { erlaeuterungen: doc } }],
    'vorlagen.revision': [{ ref: paper.reference, number: 1 }],
    'vorlagen.diff': [{ ref: paper.reference, from: 1, to: 2 }],
    'vorlagen.diffPredecessor': [{ ref: successor.id }],
    'vorlagen.carryForward': [{ ref: paper.reference, year: 2031 }],
    'anlagen.add': [{ paperId: publicPaper.id, title: 'Statistik', fileName: 'statistik.pdf', public: true, dataBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') }],
    'anlagen.update': publicPaper.attachments.map((a) => ({ id: a.id, title: `${a.title} (neu)` })),
    'anlagen.reorder': [{ paperId: publicPaper.id, orderedIds: publicPaper.attachments.map((a) => a.id).reverse() }],
    'anlagen.content': publicPaper.attachments.map((a) => ({ id: a.id })),
    'beratungen.add': [{ paperId: publicPaper.id, committeeId: committees.at(-1)!.id, role: 'kenntnisnahme' }],
    'beratungen.reorder': [{ paperId: publicPaper.id, orderedIds: consultations.map((c) => c.id).reverse() }],
    'beratungen.resend': [{ ref: publicPaper.reference, committee: committees.at(-1)!.shortName, role: 'kenntnisnahme' }],
    'daten.import': [{ path: bundle }],
    'daten.export': [{ path: path.join(sandbox, 'export.json'), publicOnly: true }],
    'sicherung.restore': [{ file: backupCopy }],
    'vorlagen.importDocx': [{ fileName: 'vorlage.docx', dataBase64: docx, template: 'mitteilungsvorlage', departmentId: departments[0]!.id }],
    'hausvorlage.set': [{ fileName: 'hausvorlage.docx', dataBase64: docx }],
    'vorlagen.exportDocx': [{ ref: paper.id, path: path.join(sandbox, 'v.docx') }],
    'vorlagen.exportPdf': [{ ref: paper.id, path: path.join(sandbox, 'v.pdf') }],
    'sitzungen.exportEinladungDocx': [{ meetingId: meeting.meeting.id, variant: 'public', path: path.join(sandbox, 'e.docx') }],
    'sitzungen.exportEinladung': [{ meetingId: meeting.meeting.id, format: 'docx', variant: 'public', path: path.join(sandbox, 'e2.docx') }],
    'sitzungen.pack': [{ meetingId: meeting.meeting.id, variant: 'public', path: path.join(sandbox, 'mappe.pdf') }],
    'suche.query': [{ query: 'Integration' }],
    'freigabe.setConfig': [{ steps: ['dezernat', 'amtsleitung'], followUpRecommendations: true, amendmentSuffix: '{nummer}-E{n}' }],
    'koerperschaft.setVeroeffentlichung': [{ timeZone: 'Europe/Berlin', license: 'https://creativecommons.org/licenses/by/4.0/', systemLicense: '', legislativeTerms: [{ name: 'Wahlperiode 2025–2030', startDate: '2025-11-01', endDate: null }] }],
    'freigabe.approve': [{ ref: successor.id, step: 'amtsleitung', by: 'Fuzz Amtsleitung' }],
    'freigabe.release': [{ ref: successor.id, by: 'Fuzz Amtsleitung' }],
    'freigabe.return': [{ ref: successor.id, comment: 'Bitte ergänzen' }],
    'freigabe.unreleased': [{ meetingId: agendaMeeting.meeting.id }],
    'sitzungen.einladungVersandt': [{ meetingId: agendaMeeting.meeting.id }],
    'sitzungen.ics': [{ path: path.join(sandbox, 'k.ics') }, { committeeId: committees[0]!.id, path: path.join(sandbox, 'k2.ics') }],
    'beschlusskontrolle.set': followUps.map((f) => ({ id: f.id, stand: 'in_bearbeitung', vermerk: 'Fuzz-Vermerk' })),
    'sitzungen.exportNachtrag': [{ meetingId: meeting.meeting.id, format: 'docx', path: path.join(sandbox, 'n.docx') }],
  };
}

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await t?.close();
  console.log(`[api-fuzz] seed ${SEED}, PDF ${realPdf ? 'Chromium' : 'stand-in'}: ${JSON.stringify(counts)}; unhandled rejections: ${unhandled.length}`);
  console.log(`[api-fuzz] database fingerprints: ${timing.fingerprints} (${Math.round(timing.fingerprintMs)} ms)`);
  console.log(`[api-fuzz] methods never answered ok: ${methods.filter((m) => !okByMethod[m]).join(', ') || 'none'}`);
});

/** Paths the fuzz may hand to methods that read or write files: always inside the sandbox. */
function confine(params: unknown): unknown {
  if (!params || typeof params !== 'object' || Array.isArray(params)) return params;
  const p = params as Record<string, unknown>;
  for (const key of ['path', 'file', 'dir']) {
    const v = p[key];
    if (typeof v === 'string' && v.trim() && v.length <= 4096 && !/[\u0000-\u001f]/.test(v) && !v.startsWith(sandbox + path.sep)) {
      p[key] = path.join(sandbox, `${String(counts.runs)}-${path.basename(v).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 40) || 'datei'}`);
    }
  }
  return params;
}

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');
const cleanPrototype = prototypeKeys();
// Moves whenever anything may have been written; only then is the full fingerprint compared. On
// PostgreSQL the WAL insert position: it also moves with other test databases of the server (more
// comparisons), but never stays put when this one was written to.
const cheapState = async () =>
  testEngine === 'postgres'
    ? (await t.app.store.sql.get<{ lsn: string }>('SELECT CAST(pg_current_wal_insert_lsn() AS text) AS lsn'))!.lsn
    : `${(t.app.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n}/${t.app.db.pragma('data_version', { simple: true }) as number}`;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms))]);
}

let fingerprint = '';

async function check(method: string, rawParams: unknown): Promise<void> {
  counts.runs++;
  const params = confine(rawParams);
  // Own properties only: "constructor" must not find Object's constructor.
  const def = Object.prototype.hasOwnProperty.call(contract, method) ? (contract as Record<string, { input: z.ZodType; mutates?: boolean }>)[method] : undefined;
  const accepted = def ? def.input.safeParse(params ?? {}).success : false;
  const before = await cheapState();
  const response = (await withTimeout(t.dispatch(method, params), 30_000, method)) as ApiResponse;

  // Well-formed answer.
  expect(typeof response.ok).toBe('boolean');
  if (!response.ok) {
    expect(ERROR_CODES).toContain(response.error.code);
    expect(typeof response.error.message).toBe('string');
    expect(response.error.message.length).toBeGreaterThan(0);
    // German for the user: no stack traces, no raw JS or SQLite wording.
    expect(response.error.message).not.toMatch(/\bat \S+\.(ts|js):\d|SqliteError|SQLITE_|TypeError|ReferenceError|\[object Object\]|Cannot read prop/);
    counts.byCode[response.error.code] = (counts.byCode[response.error.code] ?? 0) + 1;
  }
  if (!accepted) {
    counts.schemaRejected++;
    expect(response.ok ? 'ok' : response.error.code, `${method} accepted input its schema rejects`).toBe('VALIDATION');
  } else {
    counts.accepted++;
    if (response.ok) {
      counts.ok++;
      okByMethod[method] = (okByMethod[method] ?? 0) + 1;
    }
    else {
      counts.rejectedAfterSchema++;
      expect(['VALIDATION', 'NOT_FOUND', 'CONFLICT'], `${method} crashed on valid input: ${response.error.message}`).toContain(response.error.code);
    }
  }
  expect(prototypeKeys()).toBe(cleanPrototype);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();

  // Database unchanged unless a mutating call succeeded (then that is the new reference state).
  if ((await cheapState()) !== before) {
    const started = performance.now();
    const now = await databaseFingerprint(t.app);
    timing.fingerprints++;
    timing.fingerprintMs += performance.now() - started;
    if (response.ok && def?.mutates) fingerprint = now;
    else expect(now === fingerprint, `${method} changed the database although it ${response.ok ? 'only reads' : 'was rejected'}`).toBe(true);
  }
}

describe('API fuzz over every contract method', () => {
  it('covers every method of the contract', () => {
    expect(methods.length).toBeGreaterThan(30);
    for (const m of methods) expect(contract[m].input, m).toBeDefined();
  });

  it('rejects unknown and prototype method names as VALIDATION', async () => {
    fingerprint = await databaseFingerprint(t.app);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'vorlagen', 'vorlagen.', '.get', 'VORLAGEN.GET', 'vorlagen.get ', 'vorlagen.get\u0000')), anyTransportable(), async (name, params) => {
        fc.pre(!Object.prototype.hasOwnProperty.call(contract, name));
        await check(name, params);
      }),
      { numRuns: Math.max(20, Math.round(TOTAL_RUNS * 0.02)), seed: SEED, endOnFailure: true },
    );
  });

  // Spread the runs: every method gets its share; each share mixes the three kinds of input.
  const perMethod = Math.max(10, Math.ceil((TOTAL_RUNS * 0.98) / methods.length));
  // Deleting methods last, so the others still find the demo data to work on.
  const ordered = [...methods.filter((m) => !/delete|remove|restore/.test(m)), ...methods.filter((m) => /delete|remove|restore/.test(m))];
  for (const method of ordered) {
    it(`${method}: ${perMethod} runs`, async () => {
      fingerprint = await databaseFingerprint(t.app);
      const schema = contract[method].input as z.ZodType;
      const options = { ids, words };
      // The pack needs the jump targets Chromium prints; the stand-in has none, so without a
      // Chromium only malformed input reaches sitzungen.pack (the pack tests print for real).
      // Weights out of 48: cheap methods get ~40 % plausible input, expensive ones ~2 % (a few real runs).
      const validWeight = method === 'sitzungen.pack' && !realPdf ? 0 : EXPENSIVE.test(method) ? 1 : 18;
      const known = (examples[method] ?? []).filter((e) => e !== undefined);
      // JSON round trip: what a transport delivers, and every run gets its own copy to mutate.
      const base = known.length
        ? fc.oneof(validish(schema, options), fc.constantFrom(...known).map((e) => JSON.parse(JSON.stringify(e)) as unknown))
        : validish(schema, options);
      const arbitrary = fc.oneof(
        ...(validWeight ? [{ weight: validWeight, arbitrary: base }] : []),
        { weight: 24, arbitrary: malformed(base) },
        { weight: 6, arbitrary: anyTransportable() },
      );
      await fc.assert(
        fc.asyncProperty(arbitrary, async (params) => check(method, params)),
        { numRuns: perMethod, seed: SEED, endOnFailure: true },
      );
    }, 120_000);
  }

  it('leaves no unhandled rejection and a healthy database behind', async () => {
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
    // The file check is SQLite's; on PostgreSQL the search index check compares it with every table row.
    if (testEngine === 'sqlite') expect((await t.call('sicherung.check', {})).ok).toBe(true);
    else await t.app.store.search.check();
    expect(counts.runs).toBeGreaterThanOrEqual(TOTAL_RUNS);
    // Leftover files are only what successful exports wrote (inside the sandbox).
    expect(fs.readdirSync(sandbox).every((f) => !f.includes('.tmp'))).toBe(true);
  });
});
