import type { FileCache } from '../../fs/file-cache.js';

interface Underway {
  pdf: Promise<Uint8Array>;
  stored: Promise<unknown>;
}

/**
 * Prints under way, per cache and print key (a hash of what is printed). A pack that needs a
 * document a background print is making right now waits for that print instead of starting a
 * second one; as the key names the content, it can never receive another revision's print.
 */
const underway = new WeakMap<FileCache, Map<string, Underway>>();

/** Whether `key` is being printed into `cache` now (it will be there without another print). */
export function printUnderway(cache: FileCache, key: string): boolean {
  return underway.get(cache)?.has(key) ?? false;
}

/**
 * Prints `key` once for everyone who asks while it is under way, and stores it in the cache.
 * `pdf` settles with the printed bytes (before they are stored), `stored` once they are in the
 * cache (or storing failed: the cache only costs speed). `own` says whether this call printed or
 * joined a print someone else had started.
 */
export function printShared(
  cache: FileCache,
  key: string,
  render: () => Promise<Uint8Array>,
  /** What to store beside the bytes (JSON), found from them, e.g. page counts; null if it fails. */
  describe?: (pdf: Uint8Array) => Promise<unknown>,
  /** The cache's epoch when the data printed were read (default: now); see FileCache.epoch. */
  epoch = cache.epoch,
): { pdf: Promise<Uint8Array>; stored: Promise<unknown>; own: boolean } {
  let prints = underway.get(cache);
  if (!prints) underway.set(cache, (prints = new Map()));
  const running = prints.get(key);
  if (running) return { ...running, own: false };
  // A print of data erased meanwhile (the cache is cleared then) must not land in the cache.
  const pdf = render();
  const stored = pdf.then(
    async (bytes) => cache.put(key, describe ? await describe(bytes).catch(() => null) : null, bytes, epoch),
    () => false,
  );
  const entry = { pdf, stored };
  prints.set(key, entry);
  // Until it is stored, not only printed: in between, `cache.has` does not see it yet.
  void stored.finally(() => {
    if (prints.get(key) === entry) prints.delete(key);
  });
  return { pdf, stored, own: true };
}
