/**
 * A Sitzung's start/end as OParl date-time. Sitzungen are stored as local wall-clock time
 * ('YYYY-MM-DDTHH:MM', as the committee announces it; Europe/Berlin in practice), without a zone.
 * The offset is the one this machine's time zone has at that date and time, so summer and winter
 * time come out right ("2025-03-12T15:00" → "2025-03-12T15:00:00+01:00", "2025-07-02T15:00" →
 * "…+02:00" under Europe/Berlin). An export made on a machine set to another zone carries that
 * zone's offset; the wall-clock time itself is never shifted.
 */
export function localDateTimeWithOffset(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new Error(`not a local date-time: ${local}`);
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  // For a wall-clock time skipped by the spring change (02:30), Date moves to the next valid
  // instant; its offset is then the summer one, which is what the clock shows afterwards.
  const minutesEast = -new Date(y, mo - 1, d, h, mi).getTimezoneOffset();
  const sign = minutesEast < 0 ? '-' : '+';
  const abs = Math.abs(minutesEast);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${local}:00${offset}`;
}
