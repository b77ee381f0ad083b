/**
 * Maps one item after the other, not concurrently: statements and side effects keep the order
 * they had when the repositories were synchronous, so outputs (bundles, packs) stay identical.
 */
export async function mapInOrder<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const [index, item] of items.entries()) results.push(await fn(item, index));
  return results;
}
