import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/shared/errors.js';
import type { Attendance } from '../../../electron/shared/persons.js';
import { cli as runCli } from '../../helpers/cli.js';
import { databaseFingerprint, tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';
import { docxPart } from '../export/docx/helpers.js';
import { SECRET, writeMinutesBundle } from './minutes-bundle.js';

/**
 * Issue 17 through the API: persons and memberships, attendance, results with votes and
 * Befangenheit, the Niederschrift and the Auszug, the lifecycle of a Sitzung and DSGVO.
 */

let t: TempApp;
const out = tempDir('vw-minutes-out-');
let ids: Record<string, number>;
let soz1: number;
let soz2: number;
let soz9: number;
let committeeId: number;
const tops: Record<string, number> = {};

/** The text a reader sees: the first-page header (the letterhead, issue 14.8), then the body. */
async function docxText(file: string): Promise<string> {
  const bytes = fs.readFileSync(file);
  const document = await docxPart(bytes, 'word/document.xml');
  const rels = await docxPart(bytes, 'word/_rels/document.xml.rels');
  const firstId = /<w:headerReference\b[^>]*w:type="first"[^>]*r:id="(\w+)"|<w:headerReference\b[^>]*r:id="(\w+)"[^>]*w:type="first"/.exec(document);
  const id = firstId?.[1] ?? firstId?.[2];
  const target = id ? new RegExp(`<Relationship\\b[^>]*\\bId="${id}"[^>]*\\bTarget="([^"]+)"|<Relationship\\b[^>]*\\bTarget="([^"]+)"[^>]*\\bId="${id}"`).exec(rels) : null;
  const header = target ? await docxPart(bytes, `word/${target[1] ?? target[2]}`) : '';
  return (header + document)
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

async function refused(run: Promise<unknown>): Promise<ApiError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the call must be refused').toBeInstanceOf(ApiError);
  return error as ApiError;
}

const entry = (key: string, patch: Partial<Attendance> = {}): Attendance => ({
  personId: ids[key]!,
  status: 'anwesend',
  arrived: null,
  left: null,
  representsPersonId: null,
  group: 'mitglied',
  function: null,
  ...patch,
});

/** One late arrival (Herr Albers), one deputy (Frau Sommerfeld for Herr Okafor), Verwaltung as Schriftführung. */
const attendance = (): Attendance[] => [
  entry('hartmann', { function: 'vorsitz' }),
  entry('albers', { arrived: '15:40' }),
  entry('lindqvist'),
  entry('okafor', { status: 'entschuldigt' }),
  entry('sommerfeld', { representsPersonId: ids.okafor! }),
  entry('reimers'),
  entry('wendland', { left: '16:50' }),
  entry('faltermeier'),
  entry('achterberg', { group: 'verwaltung', function: 'schriftfuehrung' }),
];

beforeAll(async () => {
  t = await tempApp();
  await t.call('daten.import', { path: writeMinutesBundle(tempDir('vw-minutes-bundle-')) });
  ids = Object.fromEntries((await t.call('personen.list', {})).map((p) => [p.key, p.id]));
  const meetings = await t.call('sitzungen.list', {});
  soz1 = meetings.find((m) => m.key === 'soz-1')!.id;
  soz2 = meetings.find((m) => m.key === 'soz-2')!.id;
  soz9 = meetings.find((m) => m.key === 'soz-9')!.id;
  committeeId = meetings[0]!.committeeId;
  for (const item of (await t.call('niederschrift.get', { meetingId: soz1 })).items) tops[item.number] = item.id;
});
afterAll(() => t?.close());

describe('persons and memberships', () => {
  it('creates a person with a key from the name and lists the Gremium members in role order', async () => {
    const p = await t.call('personen.create', { name: 'Jörg Übelacker', formOfAddress: 'Herr', title: '', affiliation: '', email: '' });
    expect(p.key).toBe('joerg-uebelacker');
    expect(p.namedIn).toEqual([]);
    const members = await t.call('mitglieder.list', { committeeId, on: '2025-03-12' });
    expect(members.map((m) => m.personName).slice(0, 2)).toEqual(['Frau Dr. Eva Hartmann', 'Herr Markus Albers']);
    expect(members.find((m) => m.role === 'stellvertretung')).toMatchObject({ personName: 'Frau Nadine Sommerfeld', representsName: 'Herr Sven Okafor' });
  });

  it('adds, ends and reorders memberships; refuses a second Vorsitz and a deputy of a non-member', async () => {
    const p = await t.call('personen.create', { name: 'Rita Quast', formOfAddress: 'Frau', title: '', affiliation: 'Fraktion D', email: '' });
    const before = await databaseFingerprint(t.app);
    expect((await refused(t.call('mitglieder.add', { committeeId, personId: p.id, role: 'vorsitz', from: '2025-01-01' }))).code).toBe('CONFLICT');
    const deputy = await refused(t.call('mitglieder.add', { committeeId, personId: p.id, role: 'stellvertretung', representsPersonId: ids.achterberg, from: '2025-01-01' }));
    expect(deputy.message).toContain('kein Mitglied');
    expect(await databaseFingerprint(t.app)).toBe(before);

    let members = await t.call('mitglieder.add', { committeeId, personId: p.id, role: 'mitglied', from: '2025-06-01' });
    const added = members.find((m) => m.personId === p.id)!;
    members = await t.call('mitglieder.end', { id: added.id, until: '2025-12-31' });
    expect(members.find((m) => m.id === added.id)!.until).toBe('2025-12-31');
    const ended = await refused(t.call('mitglieder.end', { id: added.id, until: '2025-01-01' }));
    expect(ended.message).toContain('liegt vor dem Beginn');
    const reversed = members.map((m) => m.id).reverse();
    members = await t.call('mitglieder.reorder', { committeeId, orderedIds: reversed });
    expect(members.map((m) => m.id)).toEqual(reversed);
    await t.call('mitglieder.reorder', { committeeId, orderedIds: [...reversed].reverse() });
    // Not a member on the day of soz-1: the prefilled list does not offer her.
    const state = await t.call('niederschrift.get', { meetingId: soz1 });
    expect(state.attendance.some((a) => a.personId === p.id)).toBe(false);
  });
});

describe('attendance', () => {
  it('starts from the members on the day, Vorsitz proposed, deputies and beratende not ticked as voters', async () => {
    const state = await t.call('niederschrift.get', { meetingId: soz1 });
    expect(state.prefilled).toBe(true);
    expect(state.attendance.map((a) => a.name)).toEqual([
      'Frau Dr. Eva Hartmann',
      'Herr Markus Albers',
      'Frau Petra Lindqvist',
      'Herr Sven Okafor',
      'Frau Claudia Reimers',
      'Herr Tobias Wendland',
      'Frau Ingrid Faltermeier',
    ]);
    expect(state.attendance[0]!.function).toBe('vorsitz');
    expect(state.quorum).toMatchObject({ seats: 6 });
  });

  it('refuses two Vorsitz and a leave time before arrival, and changes nothing', async () => {
    const before = await databaseFingerprint(t.app);
    const two = attendance();
    two[1] = { ...two[1]!, function: 'vorsitz' };
    const e1 = await refused(t.call('anwesenheit.set', { meetingId: soz1, entries: two }));
    expect(e1.code).toBe('VALIDATION');
    expect(e1.message).toContain('nur einen Vorsitz');
    const early = attendance();
    early[2] = { ...early[2]!, arrived: '16:00', left: '15:30' };
    const e2 = await refused(t.call('anwesenheit.set', { meetingId: soz1, entries: early }));
    expect(e2.message).toContain('Das Gehen (15:30 Uhr) liegt vor dem Kommen (16:00 Uhr)');
    expect(await databaseFingerprint(t.app)).toBe(before);
  });

  it('saves a late arrival and a deputy; a guest who is not a member is allowed and flagged; Beschlussfähigkeit counts the deputy', async () => {
    const entries = [...attendance(), entry('pfefferkorn')];
    const state = await t.call('anwesenheit.set', { meetingId: soz1, entries });
    expect(state.prefilled).toBe(false);
    expect(state.quorum).toEqual({ seats: 6, present: 6, quorate: true, line: '6 von 6 stimmberechtigten Mitgliedern anwesend – beschlussfähig' });
    expect(state.issues).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'NOT_A_MEMBER', message: expect.stringContaining('Herr Karl Pfefferkorn') }));
    // The clerk then files him as a guest.
    const guest = await t.call('anwesenheit.set', { meetingId: soz1, entries: [...attendance(), entry('pfefferkorn', { group: 'gast' })] });
    expect(guest.issues.filter((i) => i.code === 'NOT_A_MEMBER')).toEqual([]);
    expect(guest.attendance.find((a) => a.personId === ids.sommerfeld)).toMatchObject({ representsPersonId: ids.okafor, name: 'Frau Nadine Sommerfeld' });
  });

  it('records the head: Beginn, Ende, Vorsitz and Schriftführung; refuses an Ende before the Beginn', async () => {
    const before = await databaseFingerprint(t.app);
    const e = await refused(t.call('niederschrift.setHead', { meetingId: soz1, opened: '17:00', closed: '15:00', chairPersonId: ids.hartmann, recorderPersonId: ids.achterberg }));
    expect(e.message).toContain('liegt vor ihrem Beginn');
    expect(await databaseFingerprint(t.app)).toBe(before);
    const state = await t.call('niederschrift.setHead', { meetingId: soz1, opened: '15:05', closed: '17:10', chairPersonId: ids.hartmann, recorderPersonId: ids.achterberg });
    expect(state.head).toEqual({ opened: '15:05', closed: '17:10', chairPersonId: ids.hartmann, recorderPersonId: ids.achterberg });
  });
});

describe('results for every TOP', () => {
  it('refuses votes that exceed the present voting members and a befangen member counted in the vote', async () => {
    const before = await databaseFingerprint(t.app);
    const exceed = await refused(t.call('niederschrift.result', { meetingId: soz1, agendaItemId: tops['3']!, result: 'beschlossen', votes: { yes: 7, no: 0, abstain: 0, conflicted: [] } }));
    expect(exceed.message).toContain('7 Stimmen übersteigen die 6 anwesenden stimmberechtigten Mitglieder');
    const counted = await refused(
      t.call('niederschrift.result', { meetingId: soz1, agendaItemId: tops['3']!, result: 'beschlossen', votes: { yes: 5, no: 1, abstain: 0, conflicted: [ids.wendland!] } }),
    );
    expect(counted.message).toContain('Befangene Mitglieder stimmen nicht mit ab');
    const absent = await refused(
      t.call('niederschrift.result', { meetingId: soz1, agendaItemId: tops['3']!, result: 'beschlossen', votes: { yes: 3, no: 0, abstain: 0, conflicted: [ids.okafor!] } }),
    );
    expect(absent.message).toContain('Herr Sven Okafor ist als befangen erfasst');
    expect(await databaseFingerprint(t.app)).toBe(before);
  });

  it('records a Kenntnisnahme, a Beschluss with votes and Befangenheit, and a TOP without Vorlage, each with the right words', async () => {
    await t.call('niederschrift.result', { meetingId: soz1, agendaItemId: tops['2']!, result: 'Kenntnis genommen', votes: null, resolutionText: null });
    await t.call('niederschrift.result', {
      meetingId: soz1,
      agendaItemId: tops['3']!,
      result: 'mehrheitlich beschlossen',
      votes: { yes: 4, no: 1, abstain: 0, conflicted: [ids.wendland!] },
      minutes: { format: 'markdown', text: 'Frau Lindqvist fragt nach den Fristen; die Verwaltung antwortet.' },
    });
    const state = await t.call('niederschrift.result', {
      meetingId: soz1,
      agendaItemId: tops['4']!,
      result: 'Kenntnis genommen',
      minutes: { format: 'markdown', text: 'Die Verwaltung berichtet über die neue Beratungsstelle.' },
    });
    const byNumber = Object.fromEntries(state.items.map((i) => [i.number, i]));
    expect(byNumber['2']!.caption).toBe('Kenntnis genommen');
    expect(byNumber['3']!.caption).toBe('Beschluss: mehrheitlich beschlossen');
    expect(byNumber['3']!.votes).toEqual({ yes: 4, no: 1, abstain: 0, conflicted: [ids.wendland] });
    expect(byNumber['4']!).toMatchObject({ paperReference: null, caption: 'Kenntnis genommen' });
    expect(state.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('the Beratungsergebnis text of a Kenntnisnahme no longer says "Beschluss:"', async () => {
    const text = await t.call('tagesordnung.resultText', { agendaItemId: tops['2']! });
    expect(text.result).toBe('Kenntnis genommen');
    expect(text.text).not.toContain('Beschluss:');
  });
});

describe('Niederschrift and Auszug', () => {
  it('members variant: head, grouped attendance, both parts, quoted Beschluss, vote line, Befangenheit, signatures', async () => {
    const file = path.join(out, 'niederschrift.docx');
    const r = await t.call('niederschrift.export', { meetingId: soz1, format: 'docx', variant: 'members', path: file });
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    const text = await docxText(file);
    for (const expected of [
      'Niederschrift',
      'über die 3. Sitzung des Ausschusses für Soziales und Integration',
      '15:05 Uhr',
      '17:10 Uhr',
      'Frau Dr. Eva Hartmann',
      'Herr Markus Albers',
      'ab 15:40 Uhr',
      'für Herrn Sven Okafor',
      'Frau Leonie Achterberg',
      'Entschuldigt',
      '6 von 6 stimmberechtigten Mitgliedern anwesend – beschlussfähig',
      'Der Sozialausschuss nimmt die Vorlage Nr. 50/001/2025 zur Kenntnis.',
      'Der Ausschuss beschließt die Förderrichtlinie Ehrenamt in der vorgelegten Fassung.',
      'mit 4 Ja-Stimmen, 1 Nein-Stimme',
      'Herr Tobias Wendland erklärt sich für befangen und nimmt an Beratung und Abstimmung nicht teil.',
      'Die Verwaltung berichtet über die neue Beratungsstelle.',
      'Nichtöffentlicher Teil',
      SECRET,
      'Die Vorsitzende',
      'Die Schriftführerin',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toMatch(/Beschluss:\s*Kenntnis/);
  });

  it('public variant holds nothing of the non-public part', async () => {
    const file = path.join(out, 'niederschrift-oeffentlich.docx');
    await t.call('niederschrift.export', { meetingId: soz1, format: 'docx', variant: 'public', path: file });
    const zipText = fs.readFileSync(file);
    const text = await docxText(file);
    expect(text).toContain('Niederschrift (öffentlicher Teil)');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('Nichtöffentlicher Teil');
    expect(zipText.includes(Buffer.from(SECRET))).toBe(false);
  });

  it('Auszug for a TOP without Vorlage and for a non-public TOP; `result export` gives the Auszug of the Vorlage', async () => {
    const file = path.join(out, 'auszug-4.docx');
    await t.call('niederschrift.auszug', { meetingId: soz1, topNumber: '4', format: 'docx', path: file });
    const text = await docxText(file);
    expect(text).toContain('Auszug aus der Niederschrift');
    expect(text).toContain('Mitteilungen der Verwaltung');
    expect(text).toContain('Die Verwaltung berichtet über die neue Beratungsstelle.');

    const np = path.join(out, 'auszug-5.docx');
    await t.call('niederschrift.auszug', { meetingId: soz1, topNumber: '5', format: 'docx', path: np });
    expect(await docxText(np)).toContain('Nichtöffentlicher Teil – vertraulich');

    const viaTop = path.join(out, 'auszug-3.docx');
    const viaPaper = path.join(out, 'ergebnis-p2.docx');
    await t.call('niederschrift.auszug', { meetingId: soz1, topNumber: '3', format: 'docx', path: viaTop });
    await t.call('ergebnisse.exportDocx', { ref: '50/002/2025', meetingId: soz1, path: viaPaper });
    expect(await docxText(viaPaper)).toBe(await docxText(viaTop));
    expect(await docxText(viaPaper)).toContain('An: 50.2 – Kommunales Integrationszentrum');

    const missing = await refused(t.call('niederschrift.auszug', { meetingId: soz1, topNumber: '99', format: 'docx', path: path.join(out, 'x.docx') }));
    expect(missing.code).toBe('NOT_FOUND');
    expect(fs.existsSync(path.join(out, 'x.docx'))).toBe(false);
  });

  it('a Niederschrift of a Sitzung without results is written with a German warning', async () => {
    const r = await t.call('niederschrift.export', { meetingId: soz2, format: 'docx', variant: 'public', path: path.join(out, 'leer.docx') });
    expect(r.warnings).toContainEqual({ code: 'NO_RESULTS', message: expect.stringContaining('noch kein Ergebnis') });
  });

  it('quotes an amended Beschluss wording entered with the result instead of the Beschlussvorschlag', async () => {
    const amended = 'Der Ausschuss beschließt die Förderrichtlinie Ehrenamt mit der Änderung, dass Vereine bis zu 800 Euro erhalten.';
    const state = await t.call('niederschrift.result', {
      meetingId: soz1,
      agendaItemId: tops['3']!,
      result: 'mehrheitlich beschlossen',
      votes: { yes: 4, no: 1, abstain: 0, conflicted: [ids.wendland!] },
      resolutionText: { format: 'markdown', text: amended },
      minutes: { format: 'markdown', text: 'Frau Lindqvist fragt nach den Fristen; die Verwaltung antwortet.' },
    });
    expect(JSON.stringify(state.items.find((i) => i.number === '3')!.resolutionText)).toContain('bis zu 800 Euro');
    const file = path.join(out, 'niederschrift-geaendert.docx');
    await t.call('niederschrift.export', { meetingId: soz1, format: 'docx', variant: 'members', path: file });
    const text = await docxText(file);
    expect(text).toContain('Beschluss:');
    expect(text).toContain(amended);
    expect(text).not.toContain('in der vorgelegten Fassung');
  });
});

describe('lifecycle', () => {
  it('explains the rules: results from the start of the Sitzung, the agenda of a past Sitzung locked', async () => {
    const future = await t.call('niederschrift.get', { meetingId: soz9 });
    expect(future.rules.results).toMatchObject({ allowed: false, reason: expect.stringContaining('ab Beginn der Sitzung') });
    const e = await refused(t.call('niederschrift.result', { meetingId: soz9, agendaItemId: future.items[0]!.id, result: 'Kenntnis genommen' }));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toContain('hat noch nicht stattgefunden');

    const past = await t.call('niederschrift.get', { meetingId: soz1 });
    expect(past.rules.agenda.allowed).toBe(false);
    const locked = await refused(t.call('tagesordnung.add', { meetingId: soz1, title: 'Nachgeschoben', public: true }));
    expect(locked.code).toBe('CONFLICT');
    expect(locked.message).toContain('Tagesordnung ist abgeschlossen');
    expect(future.rules.agenda.allowed).toBe(true);
  });

  it('approves the Niederschrift by a TOP of a later Sitzung; then it is archived (SHA-256 in the audit) and read-only', async () => {
    const wrong = await refused(t.call('niederschrift.approve', { meetingId: soz1, byAgendaItemId: tops['4']! }));
    expect(wrong.message).toContain('späteren Sitzung');
    const approvingTop = (await t.call('niederschrift.get', { meetingId: soz2 })).items[0]!;
    const notThatTop = (await t.call('niederschrift.get', { meetingId: soz2 })).items[1]!;
    expect((await refused(t.call('niederschrift.approve', { meetingId: soz1, byAgendaItemId: notThatTop.id }))).message).toContain('kein TOP „Genehmigung der Niederschrift');

    const state = await t.call('niederschrift.approve', { meetingId: soz1, byAgendaItemId: approvingTop.id });
    expect(state.status).toBe('genehmigt');
    expect(state.approval).toMatchObject({ meetingId: soz2, agendaItemId: approvingTop.id });
    expect(state.archived.map((a) => `${a.variant}/${a.format}`)).toEqual(['members/docx', 'public/docx']);
    const later = await t.call('niederschrift.get', { meetingId: soz2 });
    expect(later.approves).toEqual([{ agendaItemId: approvingTop.id, meetingId: soz1, meetingStart: '2025-03-12T15:00' }]);
    expect(later.items[0]!.result).toBe('genehmigt');
    const approved = (await t.app.store.audit.list({ meetingId: soz1 })).find((e) => e.action === 'niederschrift.genehmigt')!;
    const archived = (approved.details as { archived: { sha256: string }[] }).archived;
    expect(new Set(archived.map((a) => a.sha256))).toEqual(new Set(state.archived.map((a) => a.sha256)));

    // After "durchgeführt" the Sitzung shows as "Niederschrift genehmigt": in lists, its page and the CLI.
    const listed = await t.call('sitzungen.list', {});
    expect(listed.find((m) => m.id === soz1)).toMatchObject({ state: 'durchgefuehrt', minutesApproved: true });
    expect(listed.find((m) => m.id === soz2)!.minutesApproved).toBe(false);
    expect((await t.call('sitzungen.get', { id: soz1 })).minutesApproved).toBe(true);
    const listedByCli = runCli(t.dir, ...(t.databaseUrl ? ['--database-url', t.databaseUrl] : []), 'sitzung', 'list');
    expect(listedByCli.code).toBe(0);
    expect(listedByCli.stdout.split('\n').find((line) => line.startsWith(`${soz1} `))).toContain('Niederschrift genehmigt');

    const before = await databaseFingerprint(t.app);
    // One call after the other: on PostgreSQL a refusal must not arrive before anyone awaits it.
    for (const call of [
      () => t.call('anwesenheit.set', { meetingId: soz1, entries: attendance() }),
      () => t.call('niederschrift.result', { meetingId: soz1, agendaItemId: tops['2']!, result: 'vertagt' }),
      () => t.call('tagesordnung.result', { meetingId: soz1, agendaNumber: '2', result: 'vertagt' }),
      () => t.call('niederschrift.setHead', { meetingId: soz1, opened: '15:00', closed: null, chairPersonId: null, recorderPersonId: null }),
    ]) {
      const e = await refused(call());
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toContain('genehmigt und ist schreibgeschützt');
    }
    expect(await databaseFingerprint(t.app)).toBe(before);
    expect((await refused(t.call('niederschrift.approve', { meetingId: soz1, byAgendaItemId: approvingTop.id }))).message).toContain('bereits genehmigt');
  });

  it('refuses to approve a Niederschrift without results, of a Sitzung not recorded as durchgeführt, or with a TOP that approved another one, changing nothing', async () => {
    const fresh = await tempApp();
    try {
      const dir = tempDir('vw-minutes-approve-');
      const bundle = JSON.parse(fs.readFileSync(writeMinutesBundle(dir), 'utf8')) as { meetings: Record<string, unknown>[] };
      // An earlier Sitzung still recorded as einberufen, with one result.
      bundle.meetings.unshift({ key: 'soz-0', committee: 'soz', number: 2, start: '2025-01-15T15:00', location: 'Kreishaus, Saal 1', state: 'einberufen', agenda: [{ title: 'Anfragen', result: 'Kenntnis genommen' }] });
      fs.writeFileSync(path.join(dir, 'approve.json'), JSON.stringify(bundle));
      await fresh.call('daten.import', { path: path.join(dir, 'approve.json') });
      const meetings = new Map((await fresh.call('sitzungen.list', {})).map((m) => [m.key, m]));
      const [first, earlier] = [meetings.get('soz-1')!, meetings.get('soz-0')!];
      const approvingTop = (await fresh.call('niederschrift.get', { meetingId: meetings.get('soz-2')!.id })).items[0]!;

      const before = await databaseFingerprint(fresh.app);
      const empty = await refused(fresh.call('niederschrift.approve', { meetingId: first.id, byAgendaItemId: approvingTop.id }));
      expect(empty.message).toBe('Die Niederschrift über die Sitzung vom 12.03.2025 enthält noch kein Ergebnis; sie kann nicht genehmigt werden.');
      const notHeld = await refused(fresh.call('niederschrift.approve', { meetingId: earlier.id, byAgendaItemId: approvingTop.id }));
      expect(notHeld.message).toContain('Die Sitzung vom 15.01.2025 ist nicht als durchgeführt erfasst');
      expect(await databaseFingerprint(fresh.app)).toBe(before);

      await fresh.call('sitzungen.save', { id: earlier.id, committeeId: earlier.committeeId, number: earlier.number, start: earlier.start, end: earlier.end, location: earlier.location, state: 'durchgefuehrt' });
      const firstItems = (await fresh.call('niederschrift.get', { meetingId: first.id })).items;
      await fresh.call('niederschrift.result', { meetingId: first.id, agendaItemId: firstItems[1]!.id, result: 'Kenntnis genommen' });
      expect((await fresh.call('niederschrift.approve', { meetingId: first.id, byAgendaItemId: approvingTop.id })).status).toBe('genehmigt');

      const approvedOnce = await databaseFingerprint(fresh.app);
      const twice = await refused(fresh.call('niederschrift.approve', { meetingId: earlier.id, byAgendaItemId: approvingTop.id }));
      expect(twice.message).toContain('Mit TOP 1 der Sitzung vom 14.05.2025 wurde bereits eine andere Niederschrift genehmigt');
      expect(await databaseFingerprint(fresh.app)).toBe(approvedOnce);
      expect((await fresh.call('niederschrift.get', { meetingId: earlier.id })).status).toBe('durchgefuehrt');
    } finally {
      await fresh.close();
    }
  });

  it('keeps the agenda of a past Sitzung closed to the Beratungsfolge too, also before it is marked durchgeführt', async () => {
    const fresh = await tempApp();
    try {
      await fresh.call('daten.import', { path: writeMinutesBundle(tempDir('vw-minutes-lock-')) });
      const meetings = new Map((await fresh.call('sitzungen.list', {})).map((m) => [m.key, m]));
      const first = meetings.get('soz-1')!;
      // A past Sitzung the clerk has not yet marked as durchgeführt: its day decides, as for tagesordnung.add.
      const forgotten = await fresh.call('sitzungen.save', { committeeId: first.committeeId, number: 5, start: '2025-06-18T15:00', location: 'Kreishaus, Saal 1', state: 'einberufen' });
      const department = (await fresh.call('aemter.list', {}))[0]!;
      const paper = await fresh.call('vorlagen.create', { template: 'mitteilungsvorlage', departmentId: department.id, title: 'Nachgereichter Bericht' });

      const before = await databaseFingerprint(fresh.app);
      const direct = await refused(fresh.call('tagesordnung.add', { meetingId: forgotten.id, title: 'Nachgereichter Bericht', public: true }));
      const viaBeratung = await refused(fresh.call('beratungen.add', { paperId: paper.id, committeeId: first.committeeId, role: 'kenntnisnahme', meetingId: forgotten.id }));
      for (const e of [direct, viaBeratung]) {
        expect(e.code).toBe('CONFLICT');
        expect(e.message).toContain('Die Sitzung vom 18.06.2025 hat bereits stattgefunden; ihre Tagesordnung ist abgeschlossen');
      }
      expect(await databaseFingerprint(fresh.app)).toBe(before);

      // A Beratung without Sitzung cannot be moved onto it either; an upcoming Sitzung's agenda stays open.
      const [beratung] = await fresh.call('beratungen.add', { paperId: paper.id, committeeId: first.committeeId, role: 'kenntnisnahme' });
      expect((await refused(fresh.call('beratungen.update', { id: beratung!.id, meetingId: forgotten.id }))).message).toContain('Tagesordnung ist abgeschlossen');
      expect((await fresh.call('sitzungen.get', { id: forgotten.id })).agenda).toEqual([]);
      await fresh.call('beratungen.update', { id: beratung!.id, meetingId: meetings.get('soz-9')!.id });
      expect((await fresh.call('sitzungen.get', { id: meetings.get('soz-9')!.id })).agenda.some((i) => i.paperId === paper.id)).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});

describe('DSGVO', () => {
  it('refuses to delete or anonymise a person a Niederschrift names, and says which Sitzung', async () => {
    const before = await databaseFingerprint(t.app);
    for (const mode of ['delete', 'anonymise'] as const) {
      const e = await refused(t.call('personen.remove', { id: ids.wendland!, mode }));
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toContain('Herr Tobias Wendland wird in der Niederschrift der Sitzung vom 12.03.2025 genannt');
    }
    expect(await databaseFingerprint(t.app)).toBe(before);
  });

  it('deletes or anonymises a person no Niederschrift names', async () => {
    const a = await t.call('personen.create', { name: 'Lena Vogtländer', formOfAddress: 'Frau', title: '', affiliation: 'Fraktion D', email: 'lv@example.org' });
    await t.call('mitglieder.add', { committeeId, personId: a.id, role: 'sachkundig', from: '2026-01-01' });
    expect(await t.call('personen.remove', { id: a.id, mode: 'anonymise' })).toEqual({ deleted: false, anonymised: true });
    const anon = (await t.call('personen.list', {})).find((p) => p.id === a.id)!;
    expect(anon).toMatchObject({ name: `Person ${a.id} (anonymisiert)`, email: '', affiliation: '', memberships: 1 });
    expect(JSON.stringify(await t.call('personen.list', {}))).not.toContain('Vogtländer');

    const b = await t.call('personen.create', { name: 'Gustav Irrlicht', formOfAddress: 'Herr', title: '', affiliation: '', email: '' });
    expect(await t.call('personen.remove', { id: b.id, mode: 'delete' })).toEqual({ deleted: true, anonymised: false });
    expect((await t.call('personen.list', {})).some((p) => p.id === b.id)).toBe(false);
  });
});

describe('bundle round trip', () => {
  it('keeps persons, memberships, attendance, head, votes with Befangenheit and the Beschluss wording', async () => {
    const file = path.join(tempDir('vw-minutes-rt-'), 'export.json');
    await t.call('daten.export', { path: file, publicOnly: false });
    const first = JSON.parse(fs.readFileSync(file, 'utf8')) as { persons: unknown[]; meetings: { key: string; attendance?: unknown[]; chair?: string; agenda: { votes?: { conflicted?: string[] } }[] }[]; committees: { members?: unknown[] }[] };
    expect(first.persons.length).toBeGreaterThan(9);
    const m1 = first.meetings.find((m) => m.key === 'soz-1')!;
    expect(m1.chair).toBe('hartmann');
    expect(m1.attendance).toContainEqual({ person: 'sommerfeld', status: 'anwesend', represents: 'okafor', group: 'mitglied' });
    expect(m1.attendance).toContainEqual({ person: 'albers', status: 'anwesend', arrived: '15:40', group: 'mitglied' });
    expect(m1.agenda[2]!.votes).toEqual({ yes: 4, no: 1, abstain: 0, conflicted: ['wendland'] });
    expect(JSON.stringify((m1.agenda[2] as { resolutionText?: unknown }).resolutionText)).toContain('bis zu 800 Euro');

    // The approval (lifecycle test above) travels with the approving TOP of soz-2.
    const m2 = first.meetings.find((m) => m.key === 'soz-2')! as unknown as { agenda: { approves?: { meeting: string; at: string } }[] };
    expect(m2.agenda[0]!.approves).toEqual({ meeting: 'soz-1', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });

    const fresh = await tempApp();
    try {
      await fresh.call('daten.import', { path: file });
      const ids = new Map((await fresh.call('sitzungen.list', {})).map((m) => [m.key, m.id]));
      const imported = await fresh.call('niederschrift.get', { meetingId: ids.get('soz-1')! });
      expect(imported.status).toBe('genehmigt');
      expect(imported.approval).toMatchObject({ meetingId: ids.get('soz-2')! });
      expect(imported.rules.results.allowed).toBe(false);
      const locked = await refused(fresh.call('niederschrift.result', { meetingId: ids.get('soz-1')!, agendaItemId: imported.items[0]!.id, result: 'Kenntnis genommen' }));
      expect(locked.message).toContain('genehmigt und ist schreibgeschützt');
      const again = path.join(tempDir('vw-minutes-rt2-'), 'export.json');
      await fresh.call('daten.export', { path: again, publicOnly: false });
      expect(JSON.parse(fs.readFileSync(again, 'utf8'))).toEqual(first);
    } finally {
      await fresh.close();
    }
  });

  it('a public bundle carries no e-mail address and nothing of a non-public TOP', async () => {
    const file = path.join(tempDir('vw-minutes-public-'), 'public.json');
    await t.call('daten.export', { path: file, publicOnly: true });
    const text = fs.readFileSync(file, 'utf8');
    const bundle = JSON.parse(text) as { persons: { key: string; email?: string }[]; meetings: { key: string; agenda: { public: boolean }[] }[] };
    expect(bundle.persons.find((p) => p.key === 'achterberg')).toBeDefined();
    expect(bundle.persons.every((p) => !p.email)).toBe(true);
    expect(text).not.toContain('@');
    expect(text).not.toContain(SECRET);
    expect(bundle.meetings.find((m) => m.key === 'soz-1')!.agenda.every((i) => i.public)).toBe(true);
  });

  it('refuses a bundle whose record fails the Niederschrift checks (more votes than members present), naming the Sitzung and importing nothing', async () => {
    const fresh = await tempApp();
    try {
      const dir = tempDir('vw-minutes-votes-');
      const bad = JSON.parse(fs.readFileSync(writeMinutesBundle(dir), 'utf8')) as { meetings: { key: string; attendance?: unknown[]; agenda: { votes?: unknown; result?: string }[] }[] };
      const soz1 = bad.meetings.find((m) => m.key === 'soz-1')!;
      soz1.attendance = [{ person: 'hartmann', status: 'anwesend' }, { person: 'albers', status: 'anwesend' }];
      soz1.agenda[3] = { ...soz1.agenda[3]!, result: 'beschlossen', votes: { yes: 40, no: 0, abstain: 0 } };
      fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(bad));
      const e = await refused(fresh.call('daten.import', { path: path.join(dir, 'bad.json') }));
      expect(e.code).toBe('VALIDATION');
      expect(e.message).toContain('Sitzung „soz-1“ vom 12.03.2025');
      expect(e.message).toContain('übersteigen');
      expect(await fresh.call('personen.list', {})).toEqual([]);
      expect(await fresh.call('sitzungen.list', {})).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('refuses an approval by a TOP of an earlier Sitzung, importing nothing', async () => {
    const fresh = await tempApp();
    try {
      const dir = tempDir('vw-minutes-approval-');
      const bad = JSON.parse(fs.readFileSync(writeMinutesBundle(dir), 'utf8')) as { meetings: { key: string; agenda: { approves?: unknown }[] }[] };
      bad.meetings.find((m) => m.key === 'soz-1')!.agenda[0]!.approves = { meeting: 'soz-2', at: '2025-05-14T16:00:00.000Z' };
      fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(bad));
      const e = await refused(fresh.call('daten.import', { path: path.join(dir, 'bad.json') }));
      expect(e.message).toContain('späteren Sitzung desselben Gremiums');
      expect(await fresh.call('sitzungen.list', {})).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('refuses a bundle whose attendance names an unknown person, importing nothing', async () => {
    const fresh = await tempApp();
    try {
      const dir = tempDir('vw-minutes-bad-');
      const bad = JSON.parse(fs.readFileSync(writeMinutesBundle(dir), 'utf8')) as { meetings: { attendance?: unknown[] }[] };
      bad.meetings[0]!.attendance = [{ person: 'niemand', status: 'anwesend' }];
      fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(bad));
      const e = await refused(fresh.call('daten.import', { path: path.join(dir, 'bad.json') }));
      expect(e.message).toContain('unbekannte Person „niemand“');
      expect(await fresh.call('personen.list', {})).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});

describe('CLI', () => {
  it('sitzung niederschrift and sitzung auszug: 0 with the file, 1 with a German message and nothing written, 2 for usage', async () => {
    const dir = tempDir('vw-minutes-cli-');
    const app = await tempApp({ dataDir: dir });
    await app.call('daten.import', { path: writeMinutesBundle(tempDir('vw-minutes-cli-b-')) });
    const meeting = (await app.call('sitzungen.list', {})).find((m) => m.key === 'soz-1')!.id;
    // On PostgreSQL the commands open the app's database (dropped when the app closes, so it stays open).
    const engine = app.databaseUrl ? ['--database-url', app.databaseUrl] : [];
    if (!app.databaseUrl) await app.close();
    const cli = (dataDir: string, ...args: string[]) => runCli(dataDir, ...engine, ...args);
    try {
      const file = path.join(out, 'cli-niederschrift.docx');
      const ok = cli(dir, 'sitzung', 'niederschrift', String(meeting), '--format', 'docx', '--variant', 'public', '--out', file);
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/^Niederschrift gespeichert:/);
      expect(ok.stdout).toContain('Hinweis: Für diese Sitzung ist noch kein Ergebnis erfasst');
      expect(fs.existsSync(file)).toBe(true);

      const auszug = path.join(out, 'cli-auszug.docx');
      const a = cli(dir, 'sitzung', 'auszug', String(meeting), '4', '--format', 'docx', '--out', auszug);
      expect(a.code).toBe(0);
      expect(await docxText(auszug)).toContain('Mitteilungen der Verwaltung');

      const missing = path.join(out, 'cli-fehlt.docx');
      const bad = cli(dir, 'sitzung', 'auszug', String(meeting), '42', '--format', 'docx', '--out', missing);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('TOP 42');
      expect(bad.stderr).not.toMatch(/\bat .+:\d+:\d+/);
      expect(fs.existsSync(missing)).toBe(false);

      const usage = cli(dir, 'sitzung', 'niederschrift', String(meeting), '--format', 'odt', '--variant', 'public', '--out', missing);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('Unbekanntes Format „odt“');
    } finally {
      await app.close();
    }
  }, 60_000);
});
