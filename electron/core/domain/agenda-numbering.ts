import type { Body } from '../../shared/schemas.js';

/**
 * TOP numbers as printed. "durchgehend": 1, 2, 3 … through the public and the non-public part;
 * "getrennt": Ö 1, Ö 2 … / N 1, N 2 …. A manually set number (imported agendas) wins.
 * Items must come in print order: public part first.
 */
export function agendaNumbers(
  items: readonly { public: boolean; manualNumber: string | null }[],
  mode: Body['agendaNumbering'],
): string[] {
  let running = 0;
  let pub = 0;
  let nonPub = 0;
  return items.map((item) => {
    running += 1;
    if (item.public) pub += 1;
    else nonPub += 1;
    if (item.manualNumber) return item.manualNumber;
    if (mode === 'durchgehend') return String(running);
    return item.public ? `Ö ${pub}` : `N ${nonPub}`;
  });
}
