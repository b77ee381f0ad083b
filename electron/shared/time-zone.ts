import { z } from 'zod';

/**
 * Time zones of a Körperschaft, with the IANA database the JavaScript engine carries (Intl): no
 * zone library, and the export comes out the same on a machine set to UTC or anywhere else.
 */

export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    // "utc" or "europe/berlin" pass the constructor too; only the canonical spelling is stored.
    return zone === 'UTC' || Intl.supportedValuesOf('timeZone').includes(zone);
  } catch {
    return false;
  }
};

export const TimeZoneSchema = z
  .string()
  .max(64)
  .refine(isTimeZone, 'unbekannte Zeitzone; erwartet wird ein Name wie „Europe/Berlin“');

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsAt(zone: string, instant: Date) {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    formatters.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
  // "GMT+01:00", or plain "GMT" for a zero offset.
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName!.slice(3);
  return { local: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`, offset };
}

const offsetMinutes = (offset: string) => (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));

/** An instant as OParl wants it: "2026-12-06T01:10:04+01:00" in the zone, no milliseconds. */
export function formatInZone(instant: Date, zone: string): string {
  const { local, offset } = partsAt(zone, new Date(Math.floor(instant.getTime() / 1000) * 1000));
  return `${local}${offset}`;
}

/**
 * The offset a local wall-clock time ("2025-03-30T02:30" or with seconds) has in the zone, or null
 * when that time does not exist there (skipped by the change to summer time). A time that occurs
 * twice (the autumn change) gets the earlier, summer-time offset, as the clock shows it first.
 */
export function offsetOfLocalTime(local: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) throw new Error(`not a local date-time: ${local}`);
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  const wanted = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}`;
  // Candidates: the offsets the zone has a day before and after; one of them holds at that time.
  const candidates = [...new Set([partsAt(zone, new Date(asUtc - 86_400_000)).offset, partsAt(zone, new Date(asUtc + 86_400_000)).offset])]
    .map((offset) => ({ offset, instant: asUtc - offsetMinutes(offset) * 60_000 }))
    .filter((c) => partsAt(zone, new Date(c.instant)).local === wanted)
    .sort((a, b) => a.instant - b.instant);
  return candidates[0]?.offset ?? null;
}

/** A Sitzung's local time as OParl date-time with the zone's offset on that date. */
export function localTimeInZone(local: string, zone: string): string {
  const offset = offsetOfLocalTime(local, zone);
  if (!offset) throw new Error(`local time ${local} does not exist in ${zone}`);
  return `${local.length === 16 ? `${local}:00` : local}${offset}`;
}

/**
 * As localTimeInZone, for stored times: a time the clock skips cannot be entered (refused with a
 * German message), but one stored before the zone changed or arriving in an old bundle must not
 * stop an export. It gets the offset in force after the change, as the clock reads afterwards.
 */
export function storedLocalTimeInZone(local: string, zone: string): string {
  const offset = offsetOfLocalTime(local, zone);
  if (offset) return `${local.length === 16 ? `${local}:00` : local}${offset}`;
  const [date, time] = local.split('T') as [string, string];
  const later = partsAt(zone, new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + 1))).offset;
  return `${date}T${time.length === 5 ? `${time}:00` : time}${later}`;
}
