/** German display forms used by the CLI's human-readable output. */
export const deDate = (iso: string | null | undefined) => (iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : '');
export const deDateTime = (local: string) => `${deDate(local)} ${local.slice(11, 16)} Uhr`;

/** An instant stored in UTC ("2026-03-12T14:05:00.000Z") as local German date and time. */
export function deTimestamp(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getDate())}.${two(d.getMonth() + 1)}.${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** "1 Wort", "3 Wörter": a count with the right German form. */
export const countOf = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A plain text table with padded columns. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.min(60, Math.max(...cells.map((r) => [...(r[i] ?? '')].length))));
  const line = (r: string[]) =>
    r
      .map((c, i) => {
        const chars = [...c];
        const cut = chars.length > widths[i]! ? `${chars.slice(0, widths[i]! - 1).join('')}…` : c;
        return cut + ' '.repeat(Math.max(0, widths[i]! - [...cut].length));
      })
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(r.map(String)))].join('\n');
}
