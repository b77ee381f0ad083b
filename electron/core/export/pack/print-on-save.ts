import type { AppContext } from '../../app-context.js';
import { backgroundPrintsIdle, pdfServices } from '../pdf/pdf-services.js';
import { PackError } from './errors.js';
import { composeStoredPack } from './meeting-pack-export.js';
import type { PackVariant } from './meeting-pack.js';
import { printCacheFor } from './print-cache.js';
import { printAhead } from './render-pack.js';

/** Quiet time after the last change before a Vorlage is printed (the editor autosaves every 0.8 s while typing). */
export const PRINT_ON_SAVE_DELAY_MS = 2000;

interface PaperState {
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  /** Changed again while printing: print once more afterwards, from the newest state. */
  again: boolean;
}

/**
 * Prints a changed Vorlage into the print cache in the background, as the next Sitzungsmappe of
 * each Sitzung it is on will ask for it, so that this pack prints nothing (issue 16.7). Debounced
 * per Vorlage; at most one print per Vorlage at a time, and a change during a print starts one
 * more afterwards from the newest state. A print is stored under the key of the content it
 * printed (render-pack.ts), so a print that lost the race to a newer revision is never taken for
 * it. Uses the app's warm Chromium (pdfServices). For long-running hosts (web mode, desktop, team
 * server); a CLI process ends before it would print. Failures are logged, never shown.
 */
export class PrintOnSave {
  private readonly papers = new Map<number, PaperState>();
  private closed = false;

  constructor(
    private readonly app: AppContext,
    private readonly options: { delayMs?: number } = {},
  ) {
    app.onClose(() => this.close());
  }

  /** A change to what a pack prints of this Vorlage; never waits, never throws. */
  changed(paperId: number): void {
    if (this.closed) return;
    const state = this.papers.get(paperId) ?? { timer: null, running: null, again: false };
    this.papers.set(paperId, state);
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => this.due(paperId, state), this.options.delayMs ?? PRINT_ON_SAVE_DELAY_MS);
    // A waiting print never keeps a process alive.
    state.timer.unref();
  }

  /** Starts the waiting prints now instead of after the quiet time. */
  flush(): void {
    for (const [paperId, state] of this.papers) {
      if (!state.timer) continue;
      clearTimeout(state.timer);
      this.due(paperId, state);
    }
  }

  /** For the dispatcher's afterChange hook: schedules a print when the call changed a printed Vorlage. */
  readonly afterChange = (method: string, input: unknown, result: unknown): void => {
    const paperId = printedPaperChanged(method, input, result);
    if (paperId !== null) this.changed(paperId);
  };

  /** Settles when nothing is waiting or printing, after-pack prints included (tests and benchmarks wait for it). */
  async idle(): Promise<void> {
    for (;;) {
      const busy = [...this.papers.values()].filter((s) => s.timer !== null || s.running !== null);
      if (!busy.length) break;
      await Promise.all(busy.map((s) => s.running ?? new Promise((resolve) => setTimeout(resolve, 20))));
    }
    await backgroundPrintsIdle(this.app);
  }

  close(): void {
    this.closed = true;
    for (const state of this.papers.values()) if (state.timer) clearTimeout(state.timer);
    this.papers.clear();
  }

  private due(paperId: number, state: PaperState): void {
    state.timer = null;
    if (state.running) state.again = true;
    else this.run(paperId, state);
  }

  private run(paperId: number, state: PaperState): void {
    state.running = this.printPaper(paperId)
      .catch((error: unknown) => this.app.log.error(`Vorlage ${paperId}: printing it ahead for the Sitzungsmappe failed`, error))
      .finally(() => {
        state.running = null;
        if (state.again && !this.closed) {
          state.again = false;
          this.run(paperId, state);
        } else if (!state.timer) this.papers.delete(paperId);
      });
  }

  /** Each Sitzung (not abgesetzt) and variant the Vorlage is printed in. */
  private async printPaper(paperId: number): Promise<void> {
    const { store } = this.app;
    const paper = await store.papers.get(paperId);
    if (!paper) return;
    for (const item of await store.agenda.forPaper(paperId)) {
      if (item.abgesetzt || this.closed) continue;
      const meeting = await store.meetings.get(item.meetingId);
      if (!meeting) continue;
      const variants: PackVariant[] = item.public && paper.public ? ['members', 'public'] : ['members'];
      for (const variant of variants) {
        // Before the data are read: a print of data erased meanwhile is not stored.
        const cacheEpoch = printCacheFor(this.app.dataDir).epoch;
        let composed;
        try {
          composed = await composeStoredPack(this.app, meeting, variant, { readAnlagen: false });
        } catch (error) {
          // A pack that cannot be built now (another Vorlage without text) has nothing to print ahead.
          if (error instanceof PackError && error.code === 'PACK_INPUT') continue;
          throw error;
        }
        const partId = composed.tops.find((t) => t.number === item.number)?.partIds[0];
        if (!partId || this.closed) continue;
        const { renderer } = pdfServices(this.app);
        await printAhead(composed.plan, { renderer, cache: printCacheFor(this.app.dataDir), cacheEpoch }, new Set([partId]));
      }
    }
  }
}

/**
 * Which Vorlage a successful API call changed in a way a pack prints: its text, title, template,
 * date or public flag (vorlagen.save), its release, its Anlagen list. Null for anything else.
 */
export function printedPaperChanged(method: string, input: unknown, result: unknown): number | null {
  const field = (value: unknown, key: string) => {
    const v = (value as Record<string, unknown> | null)?.[key];
    return typeof v === 'number' ? v : null;
  };
  switch (method) {
    case 'vorlagen.save':
      return (result as { changed?: boolean }).changed === false ? null : field(input, 'id');
    case 'freigabe.release':
    case 'anlagen.add':
    case 'anlagen.update':
      return field(result, 'paperId');
    case 'anlagen.reorder':
      return field(input, 'paperId');
    default:
      return null;
  }
}
