/**
 * The closing items of an agenda part — "Mitteilungen (der Verwaltung)", "Anfragen",
 * "Verschiedenes" — stay at its end: new TOPs go before them.
 */
export const isClosingItem = (title: string) => /^(Mitteilungen|Anfragen|Verschiedenes)\b/i.test(title.trim());

/** Index of the first closing item of a part (items in order), or undefined when it has none. */
export function closingItemIndex(part: readonly { title: string }[]): number | undefined {
  const index = part.findIndex((i) => isClosingItem(i.title));
  return index >= 0 ? index : undefined;
}

/**
 * Where a free-text TOP goes that the user did not place: before the closing items, unless it is
 * one of them itself (a second "Anfragen" or a "Verschiedenes" belongs at the end).
 */
export const freeItemInsertIndex = (part: readonly { title: string }[], title: string): number | undefined =>
  isClosingItem(title) ? undefined : closingItemIndex(part);
