import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genitiveOf } from '../../../electron/core/oparl-import/import-oparl.js';
import { list, mimeType, text } from '../../../electron/core/oparl-import/normalize.js';
import { isPrivateAddress } from '../../../electron/core/oparl-import/source.js';
import { tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';
import { serveFolder } from './consumer/static-server.js';
import { readExport } from './read-export.js';

const FIXTURE = path.resolve(__dirname, '../../fixtures/oparl/ris-beispielstadt');

let source: TempApp;
let exported: string;

beforeAll(async () => {
  source = await tempApp({ demo: true });
  exported = path.join(tempDir('vw-oparl-imp-src-'), 'ris');
  await source.call('daten.oparlExport', { dir: exported });
}, 120_000);
afterAll(async () => source?.close());

/** What a user sees after the import: Gremien, persons with memberships, Sitzungen. */
async function snapshot(t: TempApp) {
  const committees = await t.call('gremien.list', {});
  const meetings = await t.call('sitzungen.list', {});
  const persons = await t.app.store.persons.list();
  const memberships = (await Promise.all(committees.map((c) => t.app.store.memberships.forCommittee(c.id)))).flat();
  return { committees, meetings, persons, memberships };
}

describe('oparl import of our own export', () => {
  it('creates the Gremien, persons, memberships and Sitzungen of the export, and a second import changes nothing', async () => {
    const t = await tempApp();
    try {
      const r = await t.call('daten.oparlImport', { source: exported });
      const { lists } = readExport(exported);
      const gremien = lists.organizations.data.filter((o) => o.organizationType === 'Gremium');
      const memberships = lists.persons.data.flatMap((p) => (p.membership as unknown[] | undefined) ?? []);
      expect(r).toMatchObject({
        body: 'Musterkreis',
        committees: { created: gremien.length, updated: 0 },
        persons: { created: lists.persons.data.filter((p) => (p.membership as unknown[] | undefined)?.length).length, updated: 0 },
        memberships: { created: memberships.length, updated: 0 },
        meetings: { created: lists.meetings.data.length, updated: 0 },
      });
      const after = await snapshot(t);
      const original = await snapshot(source);
      expect(after.committees.map((c) => c.name).sort()).toEqual(original.committees.map((c) => c.name).sort());
      expect(after.meetings.map((m) => `${m.start} ${m.end ?? ''} ${m.location} ${m.state}`).sort()).toEqual(original.meetings.map((m) => `${m.start} ${m.end ?? ''} ${m.location} ${m.state}`).sort());
      const chair = after.persons.find((p) => p.name === 'Helga Brandtner')!;
      expect(chair).toMatchObject({ formOfAddress: 'Frau', title: 'Dr.', email: '' });
      expect(after.memberships.filter((m) => m.personId === chair.id).map((m) => m.role)).toEqual(['vorsitz']);

      const again = await t.call('daten.oparlImport', { source: exported });
      expect(again.committees.created + again.persons.created + again.memberships.created + again.meetings.created).toBe(0);
      const twice = await snapshot(t);
      expect(twice.committees.length).toBe(after.committees.length);
      expect(twice.meetings.length).toBe(after.meetings.length);
      expect(twice.persons.length).toBe(after.persons.length);
      expect(twice.memberships.length).toBe(after.memberships.length);
    } finally {
      await t.close();
    }
  }, 120_000);
});

describe('oparl import of a real-world-shaped RIS export with the usual defects', () => {
  it('reads objects instead of arrays, "N/A", missing types, "docx" as mimeType, a date-time with Z; leaves out Fraktionen; notes what it skipped', async () => {
    const t = await tempApp();
    try {
      const r = await t.call('daten.oparlImport', { source: FIXTURE });
      expect(r).toMatchObject({
        body: 'Stadt Beispielstadt',
        committees: { created: 2, updated: 0 },
        persons: { created: 3, updated: 0 },
        memberships: { created: 3, updated: 0 },
        meetings: { created: 3, updated: 0 },
      });
      const notes = r.notes.join('\n');
      expect(notes).toMatch(/2 Gruppierungen \(Fraktionen, Parteien, Verwaltung\)/);
      expect(notes).toMatch(/Lindqvist in „Integrationsrat“ hat keinen Beginn/);
      expect(notes).toMatch(/„Sitzung ohne Termin“ hat keinen lesbaren Beginn/);
      expect(notes).toMatch(/blättert im Kreis/);
      expect(notes).toMatch(/1 Sitzungen anderer Gruppierungen/);
      const { committees, meetings, persons, memberships } = await snapshot(t);
      expect(committees.map((c) => [c.name, c.shortName, c.genitive, c.kind])).toEqual([
        ['Ausschuss für Schule und Sport', 'SchA', 'des Ausschusses für Schule und Sport', 'ausschuss'],
        ['Integrationsrat', 'Integrationsrat', 'des Integrationsrates', 'beirat'],
      ]);
      expect(meetings.map((m) => [m.start, m.end, m.location, m.state, m.number])).toEqual([
        ['2025-03-12T17:00', '2025-03-12T19:30', 'Rathaus, Raum 204', 'durchgefuehrt', 7],
        ['2025-07-02T18:00', null, '', 'abgesagt', null],
        ['2027-02-10T17:00', null, 'Rathaus, Raum 204', 'geplant', 8],
      ]);
      expect(persons.map((p) => [p.name, p.title, p.formOfAddress, p.email])).toEqual(
        expect.arrayContaining([
          ['Imke Sandvoss', 'Dr.', 'Frau', ''],
          ['Jonas Weidemeyer', '', 'none', ''],
          ['Petra Lindqvist', '', 'none', ''],
        ]),
      );
      expect(persons.some((p) => p.name.includes('Overbeck'))).toBe(false);
      expect(memberships.map((m) => [m.role, m.from, m.until]).sort()).toEqual([
        ['mitglied', '2020-11-01', '2023-06-30'],
        ['stellv-vorsitz', '2021-02-01', null],
        ['vorsitz', '2020-11-01', null],
      ]);
      const again = await t.call('daten.oparlImport', { source: FIXTURE });
      expect(again).toMatchObject({ committees: { created: 0, updated: 2 }, persons: { created: 0, updated: 3 }, memberships: { created: 0, updated: 3 }, meetings: { created: 0, updated: 3 } });
      expect((await t.call('sitzungen.list', {})).length).toBe(3);
    } finally {
      await t.close();
    }
  }, 60_000);

  it('reads the same export from a server on the local network; refuses any other address without a request', async () => {
    // The fixture's ids name ris.beispielstadt.invalid; served locally they must point at the server.
    const dir = tempDir('vw-oparl-imp-http-');
    fs.cpSync(FIXTURE, dir, { recursive: true });
    const server = await serveFolder(dir);
    for (const rel of fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.json'))) {
      const file = path.join(dir, rel);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replaceAll('https://ris.beispielstadt.invalid/oparl/v1/', server.base));
    }
    // A static server needs the ".json" the ids lack: serve each under its id too.
    for (const rel of fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.json'))) {
      const target = path.join(dir, rel.slice(0, -5));
      if (!fs.existsSync(target)) fs.copyFileSync(path.join(dir, rel), target);
    }
    const t = await tempApp();
    try {
      const r = await t.call('daten.oparlImport', { source: `${server.base}system` });
      expect(r).toMatchObject({ committees: { created: 2 }, persons: { created: 3 }, meetings: { created: 3 } });
      for (const address of ['http://8.8.8.8/oparl/system', 'https://93.184.216.34/system.json', 'http://[2001:db8::1]/system']) {
        const before = server.requests.length;
        await expect(t.call('daten.oparlImport', { source: address })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('liegt nicht im lokalen Netz') });
        expect(server.requests.length).toBe(before);
      }
    } finally {
      await server.close();
      await t.close();
    }
  }, 60_000);

  it('treats the input as hostile: too deep, too big, a path out of the folder, not JSON; nothing is imported', async () => {
    const t = await tempApp();
    try {
      const make = (change: (dir: string) => void) => {
        const dir = tempDir('vw-oparl-hostile-');
        fs.cpSync(FIXTURE, dir, { recursive: true });
        change(dir);
        return dir;
      };
      const cases: [string, RegExp][] = [
        [make((d) => fs.writeFileSync(path.join(d, 'body/1/persons.json'), `${'['.repeat(100_000)}${']'.repeat(100_000)}`)), /zu tief verschachtelt/],
        [make((d) => fs.writeFileSync(path.join(d, 'body/1/persons.json'), Buffer.alloc(21 * 1024 * 1024, 0x20))), /größer als 20 MB/],
        [make((d) => fs.writeFileSync(path.join(d, 'body/1/meetings.json'), '{"data": [')), /kein gültiges JSON/],
        [make((d) => fs.rmSync(path.join(d, 'system.json'))), /keine system\.json/],
      ];
      for (const [dir, message] of cases) {
        await expect(t.call('daten.oparlImport', { source: dir })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(message) });
        expect(await t.call('gremien.list', {})).toEqual([]);
      }
      // An id that climbs out of the folder is not read.
      const escape = make((d) => {
        const file = path.join(d, 'bodies.json');
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('https://ris.beispielstadt.invalid/oparl/v1/body/1/persons', 'https://ris.beispielstadt.invalid/oparl/v1/%2e%2e/%2e%2e/secret'));
        fs.writeFileSync(path.join(path.dirname(d), 'secret.json'), '{"data": [{"id": "x", "name": "Geheim"}]}');
      });
      const r = await t.call('daten.oparlImport', { source: escape });
      expect(r.persons.created).toBe(0);
      expect(r.notes.join('\n')).toMatch(/Die Liste der Personen .* fehlt/);
    } finally {
      await t.close();
    }
  }, 60_000);

  it('normalises field values the way consumers patch vendor exports', () => {
    expect(list({ id: 'a' })).toEqual([{ id: 'a' }]);
    expect(list('N/A')).toEqual([]);
    expect(list(['x', 'N/A', null])).toEqual(['x']);
    expect(text(' N/A ')).toBeUndefined();
    expect(text('Raum\u0007 204\n')).toBe('Raum 204');
    expect(mimeType('docx')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(mimeType('PDF')).toBe('application/pdf');
    expect(mimeType('application/pdf')).toBe('application/pdf');
    expect(genitiveOf('Jugendhilfeausschuss')).toBe('des Jugendhilfeausschusses');
    expect(genitiveOf('Kreistag')).toBe('des Kreistages');
    expect(genitiveOf('Rat der Stadt')).toBe('des Rates der Stadt');
    expect(genitiveOf('Lenkungsgruppe Quartier')).toBe('des Gremiums „Lenkungsgruppe Quartier“');
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.20', '::1', 'fd00::5', '::ffff:192.168.0.1']) expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '172.32.0.1', '2001:db8::1', '::ffff:8.8.8.8', 'ris.example.de']) expect(isPrivateAddress(a), a).toBe(false);
  });
});
