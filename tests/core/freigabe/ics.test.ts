import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { renderIcs } from '../../../electron/core/export/calendar/ics.js';
import { tempDir, type TempApp } from '../../helpers/temp-app.js';
import { DEMO_NOW, committeeByKey, demoApp, failure, meetingByKey } from '../workflow/fixtures.js';

let t: TempApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const parse = (text: string) => new ICAL.Component(ICAL.parse(text));

describe('Sitzungskalender as iCalendar (sitzungen.ics)', () => {
  it('writes one VEVENT per Sitzung across all Gremien, with a stable UID, DTSTAMP, UTC times and the deadlines, readable by ical.js', async () => {
    t = await demoApp();
    const dir = tempDir('vw-ics-');
    const r = await t.call('sitzungen.ics', { path: path.join(dir, 'k.ics') });
    const text = fs.readFileSync(path.join(dir, 'k.ics'), 'utf8');
    const meetings = await t.call('sitzungen.list', {});
    expect(r.events).toBe(meetings.length);
    const events = parse(text).getAllSubcomponents('vevent');
    expect(events).toHaveLength(meetings.length);

    const soz = await meetingByKey(t, 'soz-4'); // Wednesday 12.03.2025, 15:00 in the Körperschaft's zone
    expect(soz.start).toBe('2025-03-12T15:00');
    const event = events.find((e) => String(e.getFirstPropertyValue('uid')).startsWith('sitzung-soz-4@'))!;
    expect(event.getFirstPropertyValue('summary')).toBe('Ausschuss für Soziales und Integration – 12. Sitzung');
    expect(event.getFirstPropertyValue('location')).toBe(soz.location);
    const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
    // The demo's Körperschaft is in Europe/Berlin (winter time, UTC+1), whatever zone this machine is set to.
    expect((await t.call('koerperschaft.veroeffentlichung', {})).timeZone).toBe('Europe/Berlin');
    expect(start.toJSDate().toISOString()).toBe('2025-03-12T14:00:00.000Z');
    expect(start.zone?.tzid).toBe('UTC');
    expect((event.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().getTime()).toBe(DEMO_NOW.getTime());
    const description = String(event.getFirstPropertyValue('description'));
    expect(description).toContain('Ladungsfrist: Einladung spätestens am 05.03.2025 (7 Tage)');
    expect(description).toContain('Nachträge spätestens am 09.03.2025 (3 Tage)');

    // The same Sitzung keeps its UID in the next export (calendar programs update, not duplicate).
    await t.call('sitzungen.ics', { path: path.join(dir, 'k2.ics') });
    const again = parse(fs.readFileSync(path.join(dir, 'k2.ics'), 'utf8')).getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('uid'));
    expect(again).toEqual(events.map((e) => e.getFirstPropertyValue('uid')));
    expect(new Set(again).size).toBe(again.length);
  });

  it('one Gremium only with committeeId; an unknown Gremium is refused and nothing written', async () => {
    t = await demoApp();
    const dir = tempDir('vw-ics-g-');
    const ord = await committeeByKey(t, 'ord');
    await t.call('sitzungen.ics', { committeeId: ord.id, path: path.join(dir, 'ord.ics') });
    const events = parse(fs.readFileSync(path.join(dir, 'ord.ics'), 'utf8')).getAllSubcomponents('vevent');
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => String(e.getFirstPropertyValue('summary')).startsWith('Ausschuss für Ordnungsangelegenheiten'))).toBe(true);
    expect(await failure(t.call('sitzungen.ics', { committeeId: 9999, path: path.join(dir, 'x.ics') }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(fs.existsSync(path.join(dir, 'x.ics'))).toBe(false);
  });

  it('escapes commas, semicolons and line breaks and folds lines at 75 octets (UTF-8 characters kept whole)', () => {
    const committee = { id: 1, key: 'soz', name: 'Ausschuss für Soziales, Integration; Gleichstellung und Ältere – ein sehr langer Name, der gefaltet werden muss', shortName: 'Soz', genitive: 'des Ausschusses', kind: 'ausschuss' as const, noticePeriodDays: 7, supplementNoticePeriodDays: 3, noticeWorkdaysOnly: false, chair: '', copyTo: [] };
    const meeting = { id: 1, key: 'soz-1', committeeId: 1, number: 3, start: '2025-07-02T15:00', end: '2025-07-02T17:30', location: 'Kreishaus, Saal 1; Eingang B', state: 'abgesagt' as const };
    const text = renderIcs('Kreis Müsterkreis', [{ meeting, committee }], new Date(Date.UTC(2025, 5, 1, 8, 0)), 'Europe/Berlin');
    const lines = text.split('\r\n');
    expect(lines.every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    expect(text).toContain('LOCATION:Kreishaus\\, Saal 1\\; Eingang B');
    expect(text).not.toContain('\uFFFD');
    const event = parse(text).getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('summary')).toBe(`Abgesagt: ${committee.name} – 3. Sitzung`);
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('location')).toBe(meeting.location);
    expect(String(event.getFirstPropertyValue('description')).split('\n')[0]).toBe('Sitzung des Ausschusses, Stand: abgesagt');
    expect(event.getFirstPropertyValue('uid')).toBe('sitzung-soz-1@kreis-musterkreis.vorlagenwerk');
    // Summer time: 17:30 in Europe/Berlin is 15:30 UTC, on a machine set to any zone.
    expect((event.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().toISOString()).toBe('2025-07-02T15:30:00.000Z');
    // Another Körperschaft's zone moves the instant with it.
    const helsinki = parse(renderIcs('Kreis Müsterkreis', [{ meeting, committee }], new Date(Date.UTC(2025, 5, 1, 8, 0)), 'Europe/Helsinki')).getFirstSubcomponent('vevent')!;
    expect((helsinki.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().toISOString()).toBe('2025-07-02T14:30:00.000Z');
  });
});
