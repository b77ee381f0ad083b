import type { ChangeEvent, ChangeFeed } from './change-feed.js';

/** An editor that stops announcing (closed tab, lost network) disappears after this. */
export const PRESENCE_TTL_MS = 60_000;
const KIND = 'presence';

/**
 * Who has which Vorlage open. Editors announce open/close and repeat "open" as a heartbeat; the
 * notices travel over the change feed, so every instance on one PostgreSQL database keeps the
 * same short-lived picture in memory (an instance that starts late knows everyone after one
 * heartbeat). Nothing is written to the database: presence is a hint, not a record.
 */
export class PresenceBoard {
  private readonly open = new Map<number, Map<string, number>>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly now: () => number = Date.now,
  ) {
    this.unsubscribe = feed.subscribe((event) => this.apply(event));
  }

  private apply(event: ChangeEvent) {
    if (event.kind !== KIND || event.id === null) return;
    const names = this.open.get(event.id) ?? new Map<string, number>();
    if (event.method === 'open') names.set(event.by, this.now() + PRESENCE_TTL_MS);
    else names.delete(event.by);
    if (names.size) this.open.set(event.id, names);
    else this.open.delete(event.id);
  }

  /** Announces (applied here at once, elsewhere when the notice arrives) and answers who else is there. */
  async announce(paperId: number, name: string, state: 'open' | 'close'): Promise<string[]> {
    const event: ChangeEvent = { kind: KIND, id: paperId, by: name, method: state };
    this.apply(event);
    await this.feed.publish(event);
    return this.others(paperId, name);
  }

  others(paperId: number, name: string): string[] {
    const names = this.open.get(paperId);
    if (!names) return [];
    const now = this.now();
    for (const [who, until] of names) if (until <= now) names.delete(who);
    return [...names.keys()].filter((who) => who !== name).sort((a, b) => a.localeCompare(b, 'de'));
  }

  close() {
    this.unsubscribe();
  }
}
