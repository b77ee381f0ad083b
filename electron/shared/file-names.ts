/**
 * Names for files we hand out, carrying what a clerk files them by (Gremium, date, variant):
 * "Sitzungsmappe_Sozialausschuss_2026-12-16_oeffentlich.pdf". ASCII only, so the name survives
 * every mail program, file share and download header unchanged.
 */
const FOLD: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };

/** "Ausschuss für Soziales" → "Ausschuss-fuer-Soziales". */
export function fileNamePart(text: string): string {
  return text
    .replace(/[äöüÄÖÜß]/g, (c) => FOLD[c]!)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** File name of a Sitzungsmappe; `start` is the Sitzung's local date-time ("2026-12-16T15:00"). */
export function packFileName(o: { committee: string; start: string; variant: 'public' | 'members' }): string {
  const parts = ['Sitzungsmappe', fileNamePart(o.committee), o.start.slice(0, 10), o.variant === 'public' ? 'oeffentlich' : 'Mitglieder'];
  return `${parts.filter(Boolean).join('_')}.pdf`;
}
