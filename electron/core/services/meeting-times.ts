import { invalid } from '../../shared/errors.js';
import { offsetOfLocalTime } from '../../shared/time-zone.js';
import type { Store } from '../db/repositories/types.js';

const printed = (local: string) => `${local.slice(8, 10)}.${local.slice(5, 7)}.${local.slice(0, 4)}, ${local.slice(11, 16)} Uhr`;

/**
 * A Sitzung's start and end are wall-clock times in the Körperschaft's time zone; a time the
 * clock skips there (02:30 on the night summer time begins) cannot be published with an offset,
 * so it is refused when entered.
 */
export function assertLocalTimesExist(times: { start: string; end: string | null }, zone: string, what = 'Die Sitzung'): void {
  for (const [label, local] of [['beginnt', times.start], ['endet', times.end]] as const) {
    if (local && offsetOfLocalTime(local, zone) === null) {
      throw invalid(`${what} ${label} am ${printed(local)}; diese Uhrzeit gibt es in der Zeitzone ${zone} nicht (Umstellung auf Sommerzeit). Bitte eine andere Uhrzeit wählen.`);
    }
  }
}

export async function assertMeetingTimesExist(store: Store, times: { start: string; end: string | null }): Promise<void> {
  assertLocalTimesExist(times, (await store.oparl.settings()).timeZone);
}
