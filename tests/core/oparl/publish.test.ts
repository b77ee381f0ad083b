import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idSegment } from '../../../electron/core/export/oparl/urls.js';
import { OParlBaseUrlSchema } from '../../../electron/shared/api/oparl.js';
import { ApiError } from '../../../electron/shared/errors.js';
import { BodySettingsSchema, COMMON_LICENSES } from '../../../electron/shared/publication.js';
import { tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';
import { crawl } from './consumer/crawl.js';
import { DATE_TIME } from './consumer/spec-schemas.js';
import { serveFolder } from './consumer/static-server.js';
import { filesBelow, readExport, type Obj } from './read-export.js';

/**
 * The export as a Kreis publishes it: a folder on a plain static web server, read by a consumer.
 * The app's clock is moved forward between exports, so `modified` can show a change.
 */
let t: TempApp;
let clock = Date.parse('2026-11-20T09:00:00Z');
let server: Awaited<ReturnType<typeof serveFolder>>;
let dir: string;
const tick = () => (clock += 10 * 60_000);

beforeAll(async () => {
  t = await tempApp({ demo: true, now: () => new Date(clock) });
  dir = path.join(tempDir('vw-oparl-pub-'), 'ris');
  server = await serveFolder(dir);
  await t.call('daten.oparlExport', { dir, baseUrl: server.base });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const byId = (o: { data: Obj[] }) => new Map(o.data.map((x) => [x.id, x]));

describe('a static web server publishes the folder as it is', () => {
  it('a consumer crawls System → Body → lists → every id → every file and finds nothing to complain about', async () => {
    const result = await crawl(`${server.base}system.json`);
    expect(result.problems).toEqual([]);
    expect(result.objects.size).toBeGreaterThan(150);
    expect(result.files).toBeGreaterThan(20);
    const types = new Set([...result.objects.values()].map((o) => o.type.split('/').pop()));
    for (const type of ['System', 'Body', 'Organization', 'Person', 'Membership', 'Meeting', 'AgendaItem', 'Paper', 'Consultation', 'File', 'Location']) expect(types, type).toContain(type);
    // Only GETs of files that exist: no request needed a rewrite or an index.
    expect(server.requests.every((r) => !r.endsWith('/'))).toBe(true);
  }, 120_000);

  it('the consumer notices what consumers complain about (control: the crawl can fail)', async () => {
    const broken = path.join(tempDir('vw-oparl-broken-'), 'ris');
    fs.cpSync(dir, broken, { recursive: true });
    const own = await serveFolder(broken);
    try {
      const rewrite = (rel: string, change: (o: Obj) => void) => {
        const file = path.join(broken, ...rel.split('/'));
        const text = fs.readFileSync(file, 'utf8').replaceAll(server.base, own.base);
        const o = JSON.parse(text) as Obj;
        change(o);
        fs.writeFileSync(file, JSON.stringify(o));
      };
      // Point every file at the second server, then break one thing of each kind.
      for (const rel of filesBelow(broken).filter((f) => f.endsWith('.json'))) rewrite(rel, () => {});
      const { lists } = readExport(broken);
      const person = lists.persons.data[0]!;
      const file = lists.files.data.find((f) => !f.deleted)!;
      const meeting = lists.meetings.data.find((m) => !m.deleted)!;
      fs.rmSync(path.join(broken, 'persons', path.basename(person.id)));
      rewrite(`files/${path.basename(file.id)}`, (o) => (o.downloadUrl = o.accessUrl));
      rewrite('meetings.json', (o) => {
        const m = (o.data as Obj[]).find((x) => x.id === meeting.id)!;
        m.modified = '2026-11-20T09:00:00.000Z';
        m.keyword = [];
      });
      const problems = (await crawl(`${own.base}system.json`)).problems.join('\n');
      expect(problems).toContain(`${person.id}`);
      expect(problems).toMatch(/HTTP 404/);
      expect(problems).toContain('downloadUrl equals accessUrl');
      expect(problems).toMatch(/modified: date-time not in the form/);
      expect(problems).toMatch(/keyword: empty array/);
      expect(problems).toMatch(/differs from/);
    } finally {
      await own.close();
    }
  }, 120_000);

  it('ids have no %2F: a Vorlage number "50/001/2026" is the path papers/50-001-2026.json', () => {
    const { lists } = readExport(dir);
    const paper = lists.papers.data.find((p) => String(p.reference).includes('/'))!;
    expect(paper.id).toBe(`${server.base}papers/${String(paper.reference).replaceAll('/', '-')}.json`);
    expect(fs.readFileSync(path.join(dir, 'papers', `${String(paper.reference).replaceAll('/', '-')}.json`), 'utf8')).toContain(`"reference": "${String(paper.reference)}"`);
    for (const rel of filesBelow(dir)) expect(rel).not.toMatch(/%/);
    // Different numbers never share a path; no hidden files, no "..".
    const samples = ['50/012/2023', '50-012-2023', '50_012_2023', '50 012 2023', 'Ä/1', '.hidden', '..', 'a-/b', 'a/-b'];
    const segments = samples.map(idSegment);
    expect(new Set(segments).size).toBe(samples.length);
    for (const s of segments) expect(s).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/);
  });

  it('list files never collide with folders: papers.json beside papers/, and every list URL is a file', () => {
    for (const list of ['body', 'organizations', 'persons', 'meetings', 'agendaItems', 'papers', 'consultations', 'files', 'locations']) {
      expect(fs.statSync(path.join(dir, `${list}.json`)).isFile(), list).toBe(true);
      if (fs.existsSync(path.join(dir, list))) expect(fs.statSync(path.join(dir, list)).isDirectory(), list).toBe(true);
    }
  });

  it('downloadUrl differs from accessUrl (…/download/…), both with the same bytes', () => {
    const { lists } = readExport(dir);
    for (const f of lists.files.data.filter((x) => !x.deleted)) {
      expect(f.downloadUrl).not.toBe(f.accessUrl);
      expect(String(f.downloadUrl).startsWith(`${server.base}download/`)).toBe(true);
      expect(String(f.accessUrl).startsWith(`${server.base}files/`)).toBe(true);
    }
  });

  it('every object, listed and embedded, has created and modified as yyyy-mm-ddThh:mm:ss±hh:mm in Europe/Berlin, whatever zone this machine runs in', () => {
    const { system, lists } = readExport(dir);
    let count = 0;
    const visit = (v: unknown) => {
      if (Array.isArray(v)) return v.forEach(visit);
      if (!v || typeof v !== 'object') return;
      const o = v as Obj;
      if (typeof o.type === 'string' && o.type.startsWith('https://schema.oparl.org/')) {
        count++;
        expect(o.created, o.id).toMatch(DATE_TIME);
        expect(o.modified, o.id).toMatch(DATE_TIME);
        // 20.11.2026 is winter time in Berlin; the export does not use the machine's zone.
        expect(String(o.modified).endsWith('+01:00'), o.id).toBe(true);
      }
      Object.values(o).forEach(visit);
    };
    visit([system, Object.values(lists)]);
    expect(count).toBeGreaterThan(200);
    const meetings = lists.meetings.data;
    expect(meetings.some((m) => String(m.start).endsWith('+02:00'))).toBe(true);
    expect(meetings.some((m) => String(m.start).endsWith('+01:00'))).toBe(true);
  });
});

describe('content consumers need', () => {
  it('Paper.mainFile is the Vorlage as printed (public version), Paper.date its own date (absent while undated)', async () => {
    const { lists } = readExport(dir);
    const papers = await t.call('vorlagen.list', {});
    let dated = 0;
    for (const p of lists.papers.data.filter((x) => !x.deleted)) {
      const local = papers.find((x) => x.reference === p.reference)!;
      if (local.date) dated++;
      expect(p.date, String(p.reference)).toBe(local.date ?? undefined);
      const main = p.mainFile as Obj;
      expect(main).toMatchObject({ mimeType: 'application/pdf', fileName: 'vorlage.pdf', paper: [p.id] });
      const text = execFileSync('pdftotext', ['-layout', path.join(dir, ...decodeURIComponent(String(main.accessUrl).slice(server.base.length)).split('/')), '-'], { encoding: 'utf8' });
      expect(text).toContain(String(p.reference));
    }
    expect(dated).toBeGreaterThan(0);
  });

  it('Gremien carry a classification consumers know; Ämter are Verwaltungsbereiche', () => {
    const { lists } = readExport(dir);
    for (const o of lists.organizations.data) {
      if (o.organizationType === 'Gremium') expect(['Parlament', 'Ausschuss', 'Beirat', 'Sonstiges'], o.id).toContain(o.classification);
      else expect(o.organizationType, o.id).toBe('Verwaltungsbereich');
    }
  });
});

describe('created, modified and tombstones across exports into the same folder', () => {
  it('an export without changes keeps created and modified; a changed Sitzungsort changes the Location, its Meeting, not the others; created stays', async () => {
    const first = readExport(dir);
    tick();
    await t.call('daten.oparlExport', { dir, baseUrl: server.base });
    const same = readExport(dir);
    expect(same.lists.meetings.data).toEqual(first.lists.meetings.data);
    expect(same.lists.papers.data).toEqual(first.lists.papers.data);

    const { minutesApproved: _approved, ...meeting } = (await t.call('sitzungen.list', {})).find((m) => m.state === 'geplant' && m.location)!;
    await t.call('sitzungen.save', { ...meeting, location: `${meeting.location}, Raum 2` });
    tick();
    await t.call('daten.oparlExport', { dir, baseUrl: server.base });
    const after = readExport(dir);
    const id = `${server.base}meetings/${meeting.key}.json`;
    const before = byId(first.lists.meetings).get(id)!;
    const now = byId(after.lists.meetings).get(id)!;
    expect(now.created).toBe(before.created);
    expect(Date.parse(String(now.modified))).toBeGreaterThan(Date.parse(String(before.modified)));
    const location = now.location as Obj;
    expect(location.modified).toBe(now.modified);
    expect(byId(after.lists.locations).get(location.id)!.modified).toBe(now.modified);
    // The other Sitzungen did not change.
    for (const m of after.lists.meetings.data.filter((x) => x.id !== id)) expect(m.modified, m.id).toBe(byId(first.lists.meetings).get(m.id)!.modified);
    // Its own file says the same.
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'meetings', `${meeting.key}.json`), 'utf8'))).toEqual(now);
  }, 120_000);

  it('a depublished Anlage and a deleted Sitzung stay as tombstones (deleted, id, type, created, modified) in their lists and at their ids', async () => {
    const before = readExport(dir);
    const paper = (await t.call('vorlagen.list', {})).find((p) => p.public && p.status !== 'entwurf')!;
    const attachment = (await t.call('vorlagen.get', { ref: paper.id })).attachments.find((a) => a.public);
    const meeting = (await t.call('sitzungen.list', {})).find((m) => m.state === 'geplant')!;
    const agenda = (await t.call('sitzungen.get', { id: meeting.id })).agenda;
    for (const item of agenda) await t.call('tagesordnung.remove', { id: item.id });
    await t.call('sitzungen.delete', { id: meeting.id });
    if (attachment) await t.call('anlagen.update', { id: attachment.id, public: false });
    tick();
    await t.call('daten.oparlExport', { dir, baseUrl: server.base });
    const after = readExport(dir);

    const meetingId = `${server.base}meetings/${meeting.key}.json`;
    const tombstone = byId(after.lists.meetings).get(meetingId)!;
    expect(Object.keys(tombstone).sort()).toEqual(['created', 'deleted', 'id', 'modified', 'type']);
    expect(tombstone).toMatchObject({ deleted: true, type: 'https://schema.oparl.org/1.1/Meeting', created: byId(before.lists.meetings).get(meetingId)!.created });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'meetings', `${meeting.key}.json`), 'utf8'))).toEqual(tombstone);
    if (attachment) {
      const fileId = `${server.base}files/${attachment.id}.json`;
      expect(byId(after.lists.files).get(fileId)).toMatchObject({ deleted: true });
      // Its bytes are gone from both addresses.
      expect(filesBelow(dir).filter((f) => f.startsWith(`files/${attachment.id}/`) || f.startsWith(`download/${attachment.id}/`))).toEqual([]);
    }
    // A later export (another folder, same database) still carries the tombstones; the crawl stays clean.
    tick();
    const other = path.join(tempDir('vw-oparl-pub2-'), 'ris');
    await t.call('daten.oparlExport', { dir: other, baseUrl: server.base });
    expect(byId(readExport(other).lists.meetings).get(meetingId)).toEqual(tombstone);
    const result = await crawl(`${server.base}system.json`);
    expect(result.problems).toEqual([]);
  }, 180_000);

  it('a renumbered agenda, a result and a re-sent Vorlage change modified of the TOPs, their Sitzung and the Vorlage; created stays, the rest keeps its modified', async () => {
    tick();
    await t.call('daten.oparlExport', { dir, baseUrl: server.base });
    const first = readExport(dir);
    const meetings = await t.call('sitzungen.list', {});
    const agendaOf = async (id: number) => (await t.call('sitzungen.get', { id })).agenda;

    // Renumbering: the public TOPs of a planned Sitzung in reverse order.
    let planned: (typeof meetings)[number] | undefined;
    for (const m of meetings.filter((x) => x.state === 'geplant')) if ((await agendaOf(m.id)).filter((i) => i.public).length >= 2) planned ??= m;
    const plannedAgenda = await agendaOf(planned!.id);
    const renumbered = await t.call('tagesordnung.reorder', { meetingId: planned!.id, orderedIds: [...plannedAgenda].reverse().map((i) => i.id) });
    const moved = renumbered.filter((i) => i.public && i.number !== plannedAgenda.find((x) => x.id === i.id)!.number);
    expect(moved.length).toBeGreaterThan(0);

    // A result: a new one for a public TOP of a past Sitzung.
    const past = meetings.find((m) => m.state === 'durchgefuehrt' && m.id !== planned!.id)!;
    const decided = (await agendaOf(past.id)).find((i) => i.public)!;
    await t.call('tagesordnung.result', { meetingId: past.id, agendaItemId: decided.id, result: 'vertagt' });

    // A re-send: a public Vorlage to a Gremium it has not been sent to, no Sitzung yet.
    const committees = await t.call('gremien.list', {});
    const papers = (await t.call('vorlagen.list', {})).filter((p) => p.public && p.status !== 'entwurf');
    let resent: { paper: (typeof papers)[number]; committee: (typeof committees)[number] } | undefined;
    for (const paper of papers) {
      if (resent) break;
      const has = new Set((await t.call('vorlagen.get', { ref: paper.id })).consultations.map((c) => c.committeeId));
      const committee = committees.find((c) => !has.has(c.id));
      if (committee) resent = { paper, committee };
    }
    await t.call('beratungen.resend', { ref: resent!.paper.id, committee: resent!.committee.id, meeting: null });

    tick();
    await t.call('daten.oparlExport', { dir, baseUrl: server.base });
    const after = readExport(dir);
    const changed = (list: 'meetings' | 'agendaItems' | 'papers', id: string) => {
      const before = byId(first.lists[list]).get(id)!;
      const now = byId(after.lists[list]).get(id)!;
      expect(now.created, id).toBe(before.created);
      expect(Date.parse(String(now.modified)), id).toBeGreaterThan(Date.parse(String(before.modified)));
      // Its own file and every place it is embedded say the same.
      expect(JSON.parse(fs.readFileSync(path.join(dir, list, path.basename(id)), 'utf8')).modified, id).toBe(now.modified);
      return now;
    };
    const itemId = (id: number) => `${server.base}agendaItems/${id}.json`;
    const meetingId = (key: string) => `${server.base}meetings/${key}.json`;

    for (const item of moved) expect(changed('agendaItems', itemId(item.id)).number).toBe(item.number);
    const plannedMeeting = changed('meetings', meetingId(planned!.key));
    for (const item of moved) expect((plannedMeeting.agendaItem as Obj[]).find((x) => x.id === itemId(item.id))!.modified).toBe(byId(after.lists.agendaItems).get(itemId(item.id))!.modified);

    expect(changed('agendaItems', itemId(decided.id)).result).toBe('vertagt');
    changed('meetings', meetingId(past.key));

    const paperId = `${server.base}papers/${idSegment(resent!.paper.reference)}.json`;
    const paper = changed('papers', paperId);
    expect((paper.consultation as Obj[]).length).toBe(((byId(first.lists.papers).get(paperId)!.consultation as Obj[] | undefined) ?? []).length + 1);

    // Everything else keeps its modified.
    const touched = new Set([...moved.map((i) => itemId(i.id)), itemId(decided.id), meetingId(planned!.key), meetingId(past.key), paperId]);
    for (const list of ['meetings', 'agendaItems', 'papers'] as const) {
      const before = byId(first.lists[list]);
      for (const o of after.lists[list].data.filter((x) => !touched.has(x.id) && before.has(x.id))) expect(o.modified, o.id).toBe(before.get(o.id)!.modified);
    }
  }, 180_000);
});

describe('bundle round trip', () => {
  it('a database imported from the bundle publishes the same ids with the same created (and keeps the tombstones)', async () => {
    const bundle = path.join(tempDir('vw-oparl-bundle-'), 'bundle.json');
    await t.call('daten.export', { path: bundle });
    const before = readExport(dir);
    const other = await tempApp({ now: () => new Date(clock + 3_600_000) });
    try {
      await other.call('daten.import', { path: bundle });
      const out = path.join(tempDir('vw-oparl-roundtrip-'), 'ris');
      await other.call('daten.oparlExport', { dir: out, baseUrl: server.base });
      const after = readExport(out);
      // Keyed ids (Vorlagen by number, Sitzungen, Gremien, Ämter, persons by key) are the same after the round trip.
      for (const list of ['papers', 'meetings', 'organizations', 'persons'] as const) {
        const previous = byId(before.lists[list]);
        let same = 0;
        for (const o of after.lists[list].data) {
          const p = previous.get(o.id);
          if (!p) continue;
          same++;
          expect(o.created, o.id).toBe(p.created);
        }
        expect(same, list).toBe(before.lists[list].data.length);
      }
      expect(after.lists.meetings.data.filter((m) => m.deleted).length).toBe(before.lists.meetings.data.filter((m) => m.deleted).length);
    } finally {
      await other.close();
    }
  }, 180_000);
});

describe('Körperschaft settings: time zone, licences, Wahlperioden', () => {
  it('a Sitzung at a time the clock skips (29.03.2026, 02:30 in Berlin) is refused with a German message, nothing saved', async () => {
    const committee = (await t.call('gremien.list', {}))[0]!;
    const count = (await t.call('sitzungen.list', {})).length;
    const error = await t.call('sitzungen.save', { committeeId: committee.id, start: '2026-03-29T02:30' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('29.03.2026, 02:30 Uhr; diese Uhrzeit gibt es in der Zeitzone Europe/Berlin nicht') });
    expect((await t.call('sitzungen.list', {})).length).toBe(count);
    // The hour that exists twice (autumn) is fine.
    const created = await t.call('sitzungen.save', { committeeId: committee.id, start: '2026-10-25T02:30' });
    await t.call('sitzungen.delete', { id: created.id });
  });

  it('a new time zone is refused while a Sitzung has a time that does not exist there', async () => {
    const committee = (await t.call('gremien.list', {}))[0]!;
    // 08.03.2026, 02:30 exists in Berlin; New York skips it (summer time starts that night).
    const meeting = await t.call('sitzungen.save', { committeeId: committee.id, start: '2026-03-08T02:30' });
    try {
      const settings = await t.call('koerperschaft.veroeffentlichung', {});
      await expect(t.call('koerperschaft.setVeroeffentlichung', { ...settings, timeZone: 'America/New_York' })).rejects.toMatchObject({
        code: 'VALIDATION',
        message: expect.stringContaining(`Die Sitzung „${meeting.key}“ beginnt am 08.03.2026, 02:30 Uhr; diese Uhrzeit gibt es in der Zeitzone America/New_York nicht`),
      });
      expect((await t.call('koerperschaft.veroeffentlichung', {})).timeZone).toBe('Europe/Berlin');
    } finally {
      await t.call('sitzungen.delete', { id: meeting.id });
    }
  });

  it('time zone, licences and a Wahlperiode appear in the export; a zone is checked', async () => {
    await expect(t.call('koerperschaft.setVeroeffentlichung', { timeZone: 'Mars/Olympus', license: '', systemLicense: '', legislativeTerms: [] })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('unbekannte Zeitzone') });
    const settings = { timeZone: 'America/New_York', license: 'https://creativecommons.org/licenses/by/4.0/', systemLicense: 'https://creativecommons.org/publicdomain/zero/1.0/', legislativeTerms: [{ name: 'Wahlperiode 2025–2030', startDate: '2025-11-01', endDate: '2030-10-31' }] };
    await t.call('koerperschaft.setVeroeffentlichung', settings);
    try {
      expect(await t.call('koerperschaft.veroeffentlichung', {})).toEqual(settings);
      const out = path.join(tempDir('vw-oparl-zone-'), 'ris');
      tick();
      await t.call('daten.oparlExport', { dir: out });
      const { system, lists } = readExport(out);
      expect(system.license).toBe(settings.systemLicense);
      const body = lists.body.data[0]!;
      expect(body.license).toBe(settings.license);
      expect(body.legislativeTerm).toEqual([expect.objectContaining({ name: 'Wahlperiode 2025–2030', startDate: '2025-11-01', endDate: '2030-10-31' })]);
      const meetings = await t.call('sitzungen.list', {});
      for (const m of lists.meetings.data.filter((x) => !x.deleted)) {
        const local = meetings.find((x) => m.id.endsWith(`/meetings/${x.key}.json`))!;
        expect(String(m.start)).toMatch(new RegExp(`^${local.start}:00-0[45]:00$`));
      }
      expect(String(system.modified)).toMatch(/-0[45]:00$/);
    } finally {
      await t.call('koerperschaft.setVeroeffentlichung', { timeZone: 'Europe/Berlin', license: '', systemLicense: '', legislativeTerms: [] });
    }
  }, 120_000);
});

describe('base URL', () => {
  it('accepts absolute http(s) addresses, adds the slash, writes a non-ASCII host in punycode', () => {
    expect(OParlBaseUrlSchema.parse('https://ris.musterkreis.de/oparl/v1')).toBe('https://ris.musterkreis.de/oparl/v1/');
    expect(OParlBaseUrlSchema.parse('http://192.168.10.5/oparl/')).toBe('http://192.168.10.5/oparl/');
    expect(OParlBaseUrlSchema.parse('https://ris.müsterkreis.de/oparl/')).toBe('https://ris.xn--msterkreis-9db.de/oparl/');
  });

  it('refuses everything else with a German reason, and writes nothing', async () => {
    const cases: [string, RegExp][] = [
      ['', /darf nicht leer sein/],
      ['https://ris.musterkreis.de/o parl/', /keine Leerzeichen/],
      [' https://ris.musterkreis.de/', /keine Leerzeichen/],
      ['ftp://ris.musterkreis.de/', /vollständige http\(s\)-Adresse/],
      ['ris.musterkreis.de/oparl', /vollständige http\(s\)-Adresse/],
      ['https://ich:geheim@ris.musterkreis.de/', /Benutzernamen/],
      ['https://ris.musterkreis.de/?a=1', /kein \?… und #…/],
      ['https://ris.musterkreis.de/#x', /kein \?… und #…/],
    ];
    for (const [baseUrl, message] of cases) {
      const out = path.join(tempDir('vw-oparl-badbase-'), 'x');
      const error = await t.call('daten.oparlExport', { dir: out, baseUrl }).catch((e: unknown) => e);
      expect(error, baseUrl).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(message) });
      expect(fs.existsSync(out), baseUrl).toBe(false);
    }
  });
});

describe('licences offered in Einstellungen (issue 15)', () => {
  it('each is stored exactly as offered, so the form shows it by name after saving', () => {
    for (const { url } of COMMON_LICENSES) {
      expect(BodySettingsSchema.parse({ timeZone: 'Europe/Berlin', license: url, systemLicense: url, legislativeTerms: [] })).toMatchObject({ license: url, systemLicense: url });
    }
  });
});
