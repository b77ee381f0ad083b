import type { Body } from '../../shared/schemas.js';

export interface NumberedItem {
  public: boolean;
  manualNumber: string | null;
  /** Added after the Einladung went out (Nachtrag or Tischvorlage). */
  late: boolean;
}

/**
 * TOP numbers as printed. "durchgehend": 1, 2, 3 … through the public and the non-public part;
 * "getrennt": Ö 1, Ö 2 … / N 1, N 2 …. A manually set number (imported agendas) wins.
 * Items must come in print order: public part first.
 *
 * A TOP added after the Einladung went out keeps the numbers the members already have: it is
 * numbered under the TOP before it (4.1, 4.2 …; Ö 4.1 when the parts are numbered apart), and
 * the TOPs after it keep theirs. Only where no TOP of its count comes before it (a Nachtrag at
 * the very start) is it counted like any other.
 */
export function agendaNumbers(items: readonly NumberedItem[], mode: Body['agendaNumbering']): string[] {
  let running = 0;
  let pub = 0;
  let nonPub = 0;
  // The last regular TOP of each count, and how many late TOPs are numbered under it so far.
  const last: Partial<Record<'running' | 'pub' | 'nonPub', { number: string; subs: number }>> = {};
  return items.map((item) => {
    const key = mode === 'durchgehend' ? 'running' : item.public ? 'pub' : 'nonPub';
    const previous = last[key];
    if (item.late && previous) {
      previous.subs += 1;
      return item.manualNumber ?? `${previous.number}.${previous.subs}`;
    }
    running += 1;
    if (item.public) pub += 1;
    else nonPub += 1;
    const counted = mode === 'durchgehend' ? String(running) : item.public ? `Ö ${pub}` : `N ${nonPub}`;
    last[key] = { number: item.manualNumber ?? counted, subs: 0 };
    return item.manualNumber ?? counted;
  });
}

/** The columns of a stored TOP that decide its number (flags are 0/1 on both engines). */
export interface AgendaNumberRow {
  id: number;
  meeting_id: number;
  public: number;
  manual_number: string | null;
  supplement: number;
  table_paper: number;
}

/** Printed numbers by TOP id, for stored TOPs in print order, grouped by Sitzung. */
export function agendaNumbersOfRows(rows: readonly AgendaNumberRow[], mode: Body['agendaNumbering']): Map<number, string> {
  const numbers = new Map<number, string>();
  for (let start = 0; start < rows.length; ) {
    let end = start;
    while (end < rows.length && rows[end]!.meeting_id === rows[start]!.meeting_id) end++;
    const part = rows.slice(start, end);
    const items = part.map((r) => ({ public: r.public === 1, manualNumber: r.manual_number, late: r.supplement === 1 || Number(r.table_paper) === 1 }));
    agendaNumbers(items, mode).forEach((n, i) => numbers.set(part[i]!.id, n));
    start = end;
  }
  return numbers;
}
