import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * Serious and critical axe-core violations of the current page, as readable lines. `exclude`
 * names parts axe cannot enter: a sandboxed preview frame runs no scripts, and axe waits for it
 * forever (the printed document inside is not the app's UI).
 */
export async function seriousViolations(page: Page, options: { exclude?: string[] } = {}): Promise<string[]> {
  const builder = new AxeBuilder({ page } as never).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  for (const selector of options.exclude ?? []) builder.exclude(selector);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} – ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}
