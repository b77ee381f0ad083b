/**
 * German office formats, written out by hand so every machine prints the same regardless of
 * the ICU data it ships: 16.03.2025, 15:00 Uhr, 1.234,50 €.
 */

const pad = (n: number) => String(n).padStart(2, '0');

function parts(value: string | Date): { y: number; m: number; d: number; h: number; min: number } | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return { y: value.getFullYear(), m: value.getMonth() + 1, d: value.getDate(), h: value.getHours(), min: value.getMinutes() };
  }
  // Local wall-clock values ("2025-03-16" or "2025-03-16T15:00") are read as written, not shifted by a zone.
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (local) return { y: +local[1]!, m: +local[2]!, d: +local[3]!, h: +(local[4] ?? 0), min: +(local[5] ?? 0) };
  return parts(new Date(value));
}

export function formatDate(value: string | Date | null | undefined): string {
  const p = value ? parts(value) : null;
  return p ? `${pad(p.d)}.${pad(p.m)}.${p.y}` : '';
}

export function formatTime(value: string | Date | null | undefined): string {
  const p = value ? parts(value) : null;
  return p ? `${pad(p.h)}:${pad(p.min)} Uhr` : '';
}

export function formatDateTime(value: string | Date | null | undefined): string {
  const p = value ? parts(value) : null;
  return p ? `${formatDate(value)}, ${formatTime(value)}` : '';
}

const WEEKDAYS = ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'];
export function weekday(value: string): string {
  const p = parts(value);
  return p ? WEEKDAYS[new Date(p.y, p.m - 1, p.d).getDay()]! : '';
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export function formatNumber(value: number, decimals = 0): string {
  const sign = value < 0 ? '-' : '';
  const [int, frac] = Math.abs(value).toFixed(decimals).split('.');
  return `${sign}${groupThousands(int!)}${frac ? `,${frac}` : ''}`;
}

export const formatEuro = (value: number) => `${formatNumber(value, 2)} €`;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} Byte`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 0)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), 1)} MB`;
}

/** Whole calendar days from `from` to `to` (local dates), e.g. for "in 3 Tagen". */
export function daysBetween(from: Date, to: string): number {
  const p = parts(to)!;
  const a = Date.UTC(from.getFullYear(), from.getMonth(), from.getDate());
  const b = Date.UTC(p.y, p.m - 1, p.d);
  return Math.round((b - a) / 86_400_000);
}

/** "YYYY-MM-DDTHH:MM" in local time, the format Sitzungen are stored in. */
export function toLocalDateTime(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
