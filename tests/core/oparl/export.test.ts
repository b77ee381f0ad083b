import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOParl } from '../../../electron/core/export/oparl/build.js';
import { selectPublic } from '../../../electron/core/export/oparl/select-public.js';
import { validateOParl } from '../../../electron/core/export/oparl/validate.js';
import { stampOParl } from '../../../electron/core/export/oparl/stamp.js';
import { localTimeInZone } from '../../../electron/shared/time-zone.js';
import { idSegment } from '../../../electron/core/export/oparl/urls.js';
import { Outbox } from '../../../electron/host/outbox.js';
import { createFileGuardedDispatch } from '../../../electron/host/file-policy.js';
import type { MethodOutput } from '../../../electron/shared/contract.js';
import { ApiError } from '../../../electron/shared/errors.js';
import { tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';
import { everyObject, filesBelow, readExport, type Obj } from './read-export.js';

const BASE = 'https://ris.example.invalid/oparl/v1/';
const OPARL = 'https://schema.oparl.org/1.1/';
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

let t: TempApp;
let out: string;
let summary: MethodOutput<'daten.oparlExport'>;

beforeAll(async () => {
  t = await tempApp({ demo: true });
  out = path.join(tempDir('vw-oparl-'), 'export');
  summary = await t.call('daten.oparlExport', { dir: out });
});
afterAll(async () => t?.close());

/** What a user sees as public in the app: public Vorlagen that are on some agenda, public TOPs, public Anlagen. */
async function publicData() {
  const papers = (await t.call('vorlagen.list', {})).filter((p) => p.public && p.status !== 'entwurf');
  const details = await Promise.all(papers.map((p) => t.call('vorlagen.get', { ref: p.id })));
  const meetings = await t.call('sitzungen.list', {});
  const agendas = await Promise.all(meetings.map((m) => t.call('sitzungen.get', { id: m.id })));
  const minutes = await Promise.all(meetings.map((m) => t.call('niederschrift.get', { meetingId: m.id })));
  return {
    approved: minutes.filter((m) => m.status === 'genehmigt').length,
    papers,
    details,
    meetings,
    publicItems: agendas.flatMap((a) => a.agenda.filter((i) => i.public)),
    organizations: (await t.call('gremien.list', {})).length + (await t.call('aemter.list', {})).length,
  };
}

describe('OParl export of the demo', () => {
  it('exports as many objects as the demo has public ones, and says so', async () => {
    const expected = await publicData();
    const { lists } = readExport(out);
    const counts = {
      organizations: expected.organizations,
      meetings: expected.meetings.length,
      agendaItems: expected.publicItems.length,
      papers: expected.papers.length,
      consultations: expected.details.reduce((n, p) => n + p.consultations.length, 0),
      // Public Anlagen, plus the public Einladung of every Sitzung invited to and the Niederschrift
      // of every approved one.
      files:
        expected.details.reduce((n, p) => n + p.attachments.filter((a) => a.public).length, 0) +
        expected.meetings.filter((m) => m.state === 'einberufen' || m.state === 'durchgefuehrt').length +
        expected.approved +
        // …and every public Vorlage as printed (Paper.mainFile): each of the demo's has text.
        expected.papers.length,
    };
    expect(summary).toMatchObject({ ...counts, dir: out, baseUrl: BASE });
    expect({
      organizations: lists.organizations.data.length,
      meetings: lists.meetings.data.length,
      agendaItems: lists.agendaItems.data.length,
      papers: lists.papers.data.length,
      consultations: lists.consultations.data.length,
      files: lists.files.data.length,
    }).toEqual(counts);
    // The demo has public and non-public of each kind, so the filter really filters.
    expect(counts.papers).toBeGreaterThan(5);
    expect(counts.papers).toBeLessThan((await t.call('vorlagen.list', {})).length);
    expect(lists.papers.data.map((p) => p.reference).sort()).toEqual(expected.papers.map((p) => p.reference).sort());
    expect(lists.body.data).toHaveLength(1);
    // Members of the Gremien and persons present at a Sitzung (issue 17), never an e-mail.
    expect(lists.persons.data.length).toBeGreaterThan(10);
    expect(JSON.stringify(lists.persons.data)).not.toContain('@');
  });

  it('gives every object an id under the base URL and an OParl 1.1 type; lists are list pages', () => {
    const { system, lists } = readExport(out);
    expect(system).toMatchObject({ id: `${BASE}system.json`, type: `${OPARL}System`, oparlVersion: OPARL, body: `${BASE}body.json` });
    const known = ['Body', 'Organization', 'Meeting', 'AgendaItem', 'Paper', 'Consultation', 'File', 'Location', 'Person', 'Membership'].map((n) => OPARL + n);
    const all = everyObject(lists);
    expect(all.length).toBeGreaterThan(100);
    for (const { where, object } of all) {
      expect(known, where).toContain(object.type);
      expect(object.id, where).toMatch(new RegExp(`^${BASE.replace(/[./]/g, '\\$&')}[A-Za-z]+/[^/\\s]+$`));
    }
    // Each list holds one type.
    const typeOf: Record<string, string> = { body: 'Body', organizations: 'Organization', meetings: 'Meeting', agendaItems: 'AgendaItem', papers: 'Paper', consultations: 'Consultation', files: 'File', locations: 'Location' };
    for (const [name, type] of Object.entries(typeOf)) {
      const page = lists[name as keyof typeof lists];
      expect(page.data.every((o) => o.type === OPARL + type), name).toBe(true);
      expect(page.pagination).toEqual({ totalElements: page.data.length, elementsPerPage: page.data.length, currentPage: 1, totalPages: 1 });
      expect(page.links.self).toBe(`${BASE}${name}.json`);
    }
    // Ids are unique within their list.
    for (const [name, page] of Object.entries(lists)) expect(new Set(page.data.map((o) => o.id)).size, name).toBe(page.data.length);
    const organizations = lists.organizations.data;
    expect(organizations.filter((o) => o.organizationType === 'Gremium').length).toBeGreaterThan(2);
    expect(organizations.filter((o) => o.organizationType === 'Verwaltungsbereich').length).toBeGreaterThan(0);
  });

  it('links only to exported objects, and the Body names a file for every list', () => {
    const { lists } = readExport(out);
    const ids = new Set(everyObject(lists).map((o) => o.object.id));
    let links = 0;
    const mustResolve = (where: string, url: unknown) => {
      links++;
      expect(ids.has(url as string), `${where} → ${String(url)}`).toBe(true);
    };
    for (const c of lists.consultations.data) {
      for (const key of ['paper', 'meeting', 'agendaItem'] as const) if (c[key] !== undefined) mustResolve(`${c.id}.${key}`, c[key]);
      for (const o of c.organization as string[]) mustResolve(`${c.id}.organization`, o);
    }
    for (const p of lists.papers.data) {
      mustResolve(`${p.id}.body`, p.body);
      for (const o of p.underDirectionOf as string[]) mustResolve(`${p.id}.underDirectionOf`, o);
      for (const c of (p.consultation as Obj[] | undefined) ?? []) for (const key of ['meeting', 'agendaItem'] as const) if (c[key] !== undefined) mustResolve(`${c.id}.${key}`, c[key]);
    }
    for (const i of lists.agendaItems.data) {
      mustResolve(`${i.id}.meeting`, i.meeting);
      if (i.consultation !== undefined) mustResolve(`${i.id}.consultation`, i.consultation);
    }
    for (const m of lists.meetings.data) for (const o of m.organization as string[]) mustResolve(`${m.id}.organization`, o);
    for (const m of lists.meetings.data) for (const p of (m.participant as string[] | undefined) ?? []) mustResolve(`${m.id}.participant`, p);
    for (const p of lists.persons.data) for (const ms of (p.membership as Obj[] | undefined) ?? []) mustResolve(`${ms.id}.organization`, ms.organization);
    for (const f of lists.files.data) for (const p of (f.paper as string[] | undefined) ?? []) mustResolve(`${f.id}.paper`, p);
    for (const f of lists.files.data) for (const m of (f.meeting as string[] | undefined) ?? []) mustResolve(`${f.id}.meeting`, m);
    expect(links).toBeGreaterThan(100);
    // A TOP and its Beratung point at each other.
    for (const i of lists.agendaItems.data.filter((x) => x.consultation)) {
      expect(lists.consultations.data.find((c) => c.id === i.consultation)!.agendaItem).toBe(i.id);
    }

    const body = lists.body.data[0]!;
    for (const key of ['organization', 'person', 'meeting', 'paper', 'agendaItem', 'consultation', 'file', 'locationList']) {
      const url = body[key] as string;
      expect(url.startsWith(BASE), key).toBe(true);
      expect(url.endsWith('.json'), key).toBe(true);
      expect(fs.existsSync(path.join(out, url.slice(BASE.length))), key).toBe(true);
    }
  });

  it('embeds the same objects the external lists hold, without the back reference', () => {
    const { lists } = readExport(out);
    const byId = (page: { data: Obj[] }) => new Map(page.data.map((o) => [o.id, o]));
    const items = byId(lists.agendaItems);
    for (const m of lists.meetings.data) {
      for (const embedded of (m.agendaItem as Obj[] | undefined) ?? []) expect({ ...embedded, meeting: m.id }).toEqual(items.get(embedded.id));
    }
    const consultations = byId(lists.consultations);
    const files = byId(lists.files);
    for (const m of lists.meetings.data) {
      for (const key of ['invitation', 'resultsProtocol'] as const) {
        const embedded = m[key] as Obj | undefined;
        if (embedded) expect({ ...embedded, meeting: [m.id] }).toEqual(files.get(embedded.id));
      }
    }
    for (const p of lists.papers.data) {
      for (const embedded of (p.consultation as Obj[] | undefined) ?? []) expect({ ...embedded, paper: p.id }).toEqual(consultations.get(embedded.id));
      for (const embedded of (p.auxiliaryFile as Obj[] | undefined) ?? []) expect(embedded).toEqual(files.get(embedded.id));
    }
  });

  it('writes every public Anlage beside the JSON, where its accessUrl points, with matching size and checksums', async () => {
    const { lists } = readExport(out);
    expect(lists.files.data.length).toBeGreaterThan(0);
    for (const f of lists.files.data) {
      const rel = decodeURIComponent((f.accessUrl as string).slice(BASE.length));
      const bytes = fs.readFileSync(path.join(out, ...rel.split('/')));
      expect(bytes.length).toBe(f.size);
      expect(sha256(bytes)).toBe(f.sha256Checksum);
      expect(createHash('sha512').update(bytes).digest('hex')).toBe(f.sha512Checksum);
      expect(path.basename(rel)).toBe(f.fileName);
    }
    // Nothing else: exactly the exported files' bytes, once under files/ (accessUrl) and once under download/ (downloadUrl).
    expect(filesBelow(path.join(out, 'files')).filter((f) => !f.endsWith('.json')).length).toBe(lists.files.data.length);
    expect(filesBelow(path.join(out, 'download')).length).toBe(lists.files.data.length);
  });

  it('resolutionText is the minutes as plain text; results come from the TOP', async () => {
    const { lists } = readExport(out);
    const withMinutes = (await publicData()).publicItems.find((i) => i.minutes && i.result)!;
    const exported = lists.agendaItems.data.find((i) => i.id === `${BASE}agendaItems/${withMinutes.id}.json`)!;
    expect(exported.result).toBe(withMinutes.result);
    expect(typeof exported.resolutionText).toBe('string');
    expect(exported.resolutionText).not.toMatch(/[{}"]|type|paragraph/);
    expect((exported.resolutionText as string).length).toBeGreaterThan(20);
  });

  it('Person, Membership and Meeting.participant: members with role and voting right, the persons present at a Sitzung', () => {
    const { lists } = readExport(out);
    const chair = lists.persons.data.find((p) => p.id === `${BASE}persons/brandtner.json`)!;
    expect(chair).toMatchObject({ name: 'Helga Brandtner', formOfAddress: 'Frau', title: ['Dr.'] });
    expect(chair.membership).toEqual([
      expect.objectContaining({ type: `${OPARL}Membership`, organization: `${BASE}organizations/gremium-soz.json`, role: 'Vorsitz', votingRight: true }),
    ]);
    const adviser = lists.persons.data.find((p) => p.id === `${BASE}persons/adebayo.json`)!;
    expect(adviser.membership).toEqual([expect.objectContaining({ role: 'beratendes Mitglied', votingRight: false })]);
    const soz2 = lists.meetings.data.find((m) => m.id === `${BASE}meetings/soz-2.json`)!;
    const participants = soz2.participant as string[];
    expect(participants).toContain(`${BASE}persons/brandtner.json`);
    expect(participants).toContain(`${BASE}persons/voss.json`);
    // Excused and absent members are not participants.
    expect(participants).not.toContain(`${BASE}persons/tiedemann.json`);
    expect(participants).not.toContain(`${BASE}persons/marquardt.json`);
  });

  it('names Beratungen in German, Entscheidung as authoritative; paper types from the templates', () => {
    const { lists } = readExport(out);
    const roles = new Set(lists.consultations.data.map((c) => c.role));
    expect([...roles].every((r) => ['Kenntnisnahme', 'Vorberatung', 'Entscheidung'].includes(r as string))).toBe(true);
    for (const c of lists.consultations.data) expect(c.authoritative).toBe(c.role === 'Entscheidung');
    const types = new Set(lists.papers.data.map((p) => p.paperType));
    expect(types).toContain('Beschlussvorlage');
    expect(types).toContain('Mitteilungsvorlage');
  });

  it('records the export in the Verlauf with the SHA-256 of the manifest, which lists every written file', async () => {
    const manifest = fs.readFileSync(path.join(out, 'SHA256SUMS'));
    const event = (await t.app.store.audit.list()).find((e) => e.action === 'export' && e.details.format === 'oparl')!;
    expect(event.details).toMatchObject({ variant: 'public', path: out, sha256: sha256(manifest), bytes: manifest.length });
    expect(summary.sha256).toBe(sha256(manifest));
    const lines = manifest.toString('utf8').trim().split('\n').map((l) => l.split('  ') as [string, string]);
    expect(lines.map(([, rel]) => rel)).toEqual(filesBelow(out).filter((f) => f !== 'SHA256SUMS'));
    for (const [hash, rel] of lines) expect(sha256(fs.readFileSync(path.join(out, ...rel.split('/')))), rel).toBe(hash);
  });
});

describe('OParl export: folder, base URL, repeat', () => {
  it('uses the base URL the Kreis sets, for ids and file addresses', async () => {
    const dir = path.join(tempDir('vw-oparl-base-'), 'x');
    const r = await t.call('daten.oparlExport', { dir, baseUrl: 'https://ris.musterkreis.de/oparl/v1' });
    expect(r.baseUrl).toBe('https://ris.musterkreis.de/oparl/v1/');
    const { system, lists } = readExport(dir);
    const all = everyObject({ system, lists });
    expect(all.every((o) => o.object.id.startsWith('https://ris.musterkreis.de/oparl/v1/'))).toBe(true);
    expect(lists.files.data.every((f) => (f.accessUrl as string).startsWith('https://ris.musterkreis.de/oparl/v1/files/'))).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'papers.json'), 'utf8')).not.toContain('example.invalid');
  });

  it('refuses a base URL that is no http(s) address', async () => {
    for (const baseUrl of ['ftp://ris.musterkreis.de/', 'ris.musterkreis.de/oparl', 'https://ris.musterkreis.de/?a=1']) {
      const dir = path.join(tempDir('vw-oparl-bad-'), 'x');
      await expect(t.call('daten.oparlExport', { dir, baseUrl })).rejects.toMatchObject({ code: 'VALIDATION' });
      expect(fs.existsSync(dir)).toBe(false);
    }
  });

  it('refuses a folder with foreign files and writes nothing there', async () => {
    const dir = tempDir('vw-oparl-foreign-');
    fs.writeFileSync(path.join(dir, 'Notizen.txt'), 'meins');
    const error = await t.call('daten.oparlExport', { dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('VALIDATION');
    expect((error as ApiError).message).toMatch(/nicht leer/);
    expect(fs.readdirSync(dir)).toEqual(['Notizen.txt']);
  });

  it('repeats into the same folder and removes an Anlage that is no longer public', async () => {
    const dir = path.join(tempDir('vw-oparl-again-'), 'x');
    await t.call('daten.oparlExport', { dir });
    const before = readExport(dir).lists.files.data;
    const paper = (await t.call('vorlagen.list', {})).find((p) => p.public && p.status !== 'entwurf' && before.some((f) => /\/files\/\d+\.json$/.test(f.id) && (f.paper as string[] | undefined)?.[0]?.endsWith(`papers/${idSegment(p.reference)}.json`)))!;
    const attachment = (await t.call('vorlagen.get', { ref: paper.id })).attachments.find((a) => a.public)!;
    const fileBefore = before.find((f) => f.id === `${BASE}files/${attachment.id}.json`)!;
    const relBefore = decodeURIComponent((fileBefore.accessUrl as string).slice(BASE.length));
    expect(fs.existsSync(path.join(dir, relBefore))).toBe(true);

    await t.call('anlagen.update', { id: attachment.id, public: false });
    try {
      const r = await t.call('daten.oparlExport', { dir });
      const after = readExport(dir).lists.files.data.filter((f) => f.deleted !== true);
      expect(r.files).toBe(before.length - 1);
      expect(after.map((f) => f.id)).not.toContain(fileBefore.id);
      expect(fs.existsSync(path.join(dir, relBefore))).toBe(false);
      expect(filesBelow(path.join(dir, 'download'))).toHaveLength(after.length);
    } finally {
      await t.call('anlagen.update', { id: attachment.id, public: true });
    }
  });

  it('is refused over IPC and HTTP (it writes a folder); the CLI is its user', async () => {
    const outbox = new Outbox();
    const dir = path.join(tempDir('vw-oparl-ipc-'), 'x');
    const guarded = createFileGuardedDispatch({ dispatch: t.dispatch, outbox, dataDir: t.dir, chooseInputFile: async () => dir });
    const response = await guarded('daten.oparlExport', { dir });
    expect(response).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(fs.existsSync(dir)).toBe(false);
  });
});

describe('OParl export: building blocks', () => {
  it('start and end carry the offset of the zone on their own date (Europe/Berlin: winter +01:00, summer +02:00)', () => {
    expect(localTimeInZone('2025-03-12T15:00', 'Europe/Berlin')).toBe('2025-03-12T15:00:00+01:00');
    expect(localTimeInZone('2025-07-02T18:30', 'Europe/Berlin')).toBe('2025-07-02T18:30:00+02:00');
    expect(localTimeInZone('2025-10-26T15:00', 'Europe/Berlin')).toBe('2025-10-26T15:00:00+01:00');
    expect(localTimeInZone('2025-01-15T09:00', 'America/New_York')).toBe('2025-01-15T09:00:00-05:00');
  });

  it('Sitzungen in the files carry start/end with an offset and the committee as organization', async () => {
    const { lists } = readExport(out);
    const meetings = await t.call('sitzungen.list', {});
    for (const m of meetings) {
      const exported = lists.meetings.data.find((x) => x.id === `${BASE}meetings/${m.key}.json`)!;
      expect(exported.start).toBe(localTimeInZone(m.start, 'Europe/Berlin'));
      expect(exported.start as string).toMatch(new RegExp(`^${m.start}:00[+-]\\d{2}:\\d{2}$`));
      if (m.end) expect(exported.end).toBe(localTimeInZone(m.end, 'Europe/Berlin'));
      expect(exported.cancelled === true).toBe(m.state === 'abgesagt');
    }
  });

  it('validation refuses any field outside the OParl schema, before anything is written', async () => {
    const stamp = (d: Awaited<ReturnType<typeof buildOParl>>) => stampOParl(d, { baseUrl: BASE, timeZone: 'Europe/Berlin', now: new Date(), ledger: [] });
    const docs = await buildOParl(await selectPublic(t.app.store), { baseUrl: BASE, paperTypeOf: (id) => id, readBlob: (sha) => t.app.store.attachments.data(sha) });
    stamp(docs);
    expect(() => validateOParl(docs)).not.toThrow();
    (docs.lists.papers.data[0] as Record<string, unknown>).sections = { erlaeuterungen: 'intern' };
    expect(() => validateOParl(docs)).toThrow(/papers: data\.0: unbekannte Felder: sections/);
    const again = await buildOParl(await selectPublic(t.app.store), { baseUrl: BASE, paperTypeOf: (id) => id, readBlob: (sha) => t.app.store.attachments.data(sha) });
    stamp(again);
    (again.lists.agendaItems.data[0] as Record<string, unknown>).public = false;
    expect(() => validateOParl(again)).toThrow(/agendaItems/);
  });
});

describe('OParl export: Einladung and Niederschrift of a Sitzung', () => {
  const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const fileOf = (dir: string, f: Obj) => path.join(dir, ...decodeURIComponent((f.accessUrl as string).slice(BASE.length)).split('/'));

  it('links the public Einladung of every Sitzung invited to as Meeting.invitation, a PDF written beside the JSON', () => {
    const { lists } = readExport(out);
    const invited = lists.meetings.data.filter((m) => m.meetingState === 'eingeladen' || m.meetingState === 'durchgeführt');
    expect(invited.length).toBeGreaterThan(3);
    for (const m of lists.meetings.data) expect(m.invitation === undefined, String(m.id)).toBe(!invited.includes(m));
    const first = invited[0]!.invitation as Obj;
    expect(first).toMatchObject({ mimeType: 'application/pdf', fileName: 'einladung.pdf', name: expect.stringContaining('Einladung zur') });
    const text = pdfText(fileOf(out, first));
    expect(text).toContain('Einladung zur');
    expect(text).not.toContain('Nichtöffentlicher Teil');
  });

  it('links the public Niederschrift as Meeting.resultsProtocol only once it is approved', async () => {
    const meetings = await t.call('sitzungen.list', {});
    const soz1 = meetings.find((m) => m.key === 'soz-1')!;
    const soz2 = meetings.find((m) => m.key === 'soz-2')!;
    const meetingOf = (dir: string) => readExport(dir).lists.meetings.data.find((m) => m.id === `${BASE}meetings/soz-1.json`)!;
    expect(meetingOf(out).resultsProtocol).toBeUndefined();

    // The agenda of the past Sitzung is locked for users: the approving TOP is put there through the store.
    const [y, mo, d] = soz1.start.slice(0, 10).split('-');
    const approving = await t.app.store.agenda.insert({ meetingId: soz2.id, title: `Genehmigung der Niederschrift über die Sitzung vom ${d}.${mo}.${y}`, public: true });
    await t.call('niederschrift.approve', { meetingId: soz1.id, byAgendaItemId: approving.id });
    const dir = path.join(tempDir('vw-oparl-protocol-'), 'x');
    await t.call('daten.oparlExport', { dir });
    const protocol = meetingOf(dir).resultsProtocol as Obj;
    expect(protocol).toMatchObject({ mimeType: 'application/pdf', fileName: 'niederschrift.pdf', name: expect.stringContaining('Niederschrift (öffentlicher Teil)') });
    const bytes = fs.readFileSync(fileOf(dir, protocol));
    expect(sha256(bytes)).toBe(protocol.sha256Checksum);
    const text = pdfText(fileOf(dir, protocol));
    expect(text).toContain('Niederschrift');
    const publicTop = (await t.call('sitzungen.get', { id: soz1.id })).agenda.find((i) => i.public)!;
    expect(text.replace(/\s+/g, ' ')).toContain(publicTop.title.replace(/\s+/g, ' ').slice(0, 30));

    // AgendaItem.resolutionFile: the Auszug of each public TOP with a result, also only once approved.
    const itemsOf = (d: string) => readExport(d).lists.agendaItems.data.filter((i) => i.meeting === `${BASE}meetings/soz-1.json`);
    expect(itemsOf(out).filter((i) => i.resolutionFile)).toEqual([]);
    const decided = (await t.call('sitzungen.get', { id: soz1.id })).agenda.filter((i) => i.public && i.result?.trim());
    expect(decided.length).toBeGreaterThan(0);
    for (const top of decided) {
      const item = itemsOf(dir).find((i) => i.id === `${BASE}agendaItems/${top.id}.json`)!;
      const auszug = item.resolutionFile as Obj;
      expect(auszug, top.title).toMatchObject({ type: `${OPARL}File`, mimeType: 'application/pdf', fileName: 'auszug.pdf', name: expect.stringContaining(`TOP ${top.number}`) });
      const auszugBytes = fs.readFileSync(fileOf(dir, auszug));
      expect(sha256(auszugBytes)).toBe(auszug.sha256Checksum);
      const auszugText = pdfText(fileOf(dir, auszug)).replace(/\s+/g, ' ');
      expect(auszugText).toContain(top.title.replace(/\s+/g, ' ').slice(0, 30));
      expect(auszugText).toContain('Auszug aus der Niederschrift über die 9. Sitzung');
    }
  }, 60_000);
});
