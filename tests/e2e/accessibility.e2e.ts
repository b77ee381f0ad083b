import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './helpers/axe.js';
import { screenshot, type PageProblems } from './helpers/browser.js';
import { useAppPage } from './helpers/app-page.js';
import type { WebApp } from './helpers/web-app.js';

/**
 * axe-core on every view of the shell, Gremien & Sitzungen and Einstellungen (with their forms
 * open), plus the keyboard basics: skip link, visible focus, Ctrl+S. Screenshots of each view.
 */
const session = useAppPage();
let app: WebApp;
let page: Page;
let problems: PageProblems;

beforeAll(async () => {
  ({ app, page, problems } = session);
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor();
});

const nav = (name: string) => page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name, exact: true }).click();

async function check(name: string) {
  await page.waitForTimeout(300);
  await screenshot(page, `ansicht-${name}`);
  expect(await seriousViolations(page), name).toEqual([]);
}

describe('accessibility of every view (axe-core: no serious or critical violations)', () => {
  it('Übersicht', async () => {
    await page.getByTestId('upcoming-meeting').first().waitFor();
    await page.getByTestId('activity').first().waitFor();
    await check('uebersicht');
  });

  it('Gremien & Sitzungen, with the settings form and the new-Sitzung form open', async () => {
    await nav('Gremien & Sitzungen');
    await page.getByTestId('meeting-row').first().waitFor();
    await check('gremien');
    await page.getByRole('button', { name: 'Bearbeiten' }).click();
    await page.getByRole('button', { name: '+ Neue Sitzung' }).click();
    await check('gremien-formulare');
    await page.getByRole('button', { name: 'Abbrechen' }).first().click();
  });

  it('Sitzung with the agenda, a TOP being edited and a result being entered', async () => {
    // A Sitzung that took place: results can be entered there.
    await page.getByRole('link', { name: /^Ausschuss für Soziales und Integration/ }).click();
    const past = page.getByRole('heading', { name: 'Vergangen' });
    await past.waitFor();
    await page.locator('table').nth(1).getByRole('link').first().click();
    await page.getByTestId('agenda-item').first().waitFor();
    await page.getByRole('button', { name: /^Beratungsergebnis als PDF/ }).first().waitFor();
    await check('sitzung');
    await page.getByRole('button', { name: 'TOP 1 bearbeiten' }).click();
    await page.getByRole('button', { name: /Ergebnis (erfassen|ändern)/ }).first().click();
    await page.getByLabel('Aus Vorlage').check();
    await page.getByTestId('top-paper').waitFor();
    await check('sitzung-formulare');
  });

  it('Einstellungen', async () => {
    await nav('Einstellungen');
    await page.getByTestId('template').first().waitFor();
    await page.getByTestId('backup').first().waitFor();
    await check('einstellungen');
    await page.getByRole('button', { name: '+ Neues Amt' }).click();
    await check('einstellungen-amt');
  });

  it('an unknown address', async () => {
    await page.evaluate(() => (location.hash = '#/gibt-es-nicht'));
    await page.getByRole('heading', { name: 'Seite nicht gefunden' }).waitFor();
    await check('nicht-gefunden');
  });

  it('no console errors and no CSP violations on the way', () => {
    expect(problems.errors).toEqual([]);
  });
});

describe('keyboard', () => {
  it('starts with a skip link to the content and shows where the focus is', async () => {
    // A fresh load, as the user sees the app first (the token is kept for the tab).
    await page.evaluate(() => (location.hash = '#/uebersicht'));
    await page.reload();
    await page.getByTestId('upcoming-meeting').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Zum Inhalt springen');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
  });

  it('reaches the navigation by keyboard and opens a view with Enter', async () => {
    const link = page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Einstellungen', exact: true });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Einstellungen', level: 1 }).waitFor();
    expect(page.url()).toContain('#/einstellungen');
  });

  it('saves with Ctrl+S where there is something to save', async () => {
    await page.getByLabel('Name der Körperschaft').fill('Musterkreis (Test)');
    await page.keyboard.press('Control+s');
    await page.getByText('Die Einstellungen der Körperschaft wurden gespeichert.').waitFor();
    expect((await app.call<{ name: string }>('koerperschaft.get')).name).toBe('Musterkreis (Test)');
  });
});

describe('Ctrl+S in the Sitzung view', () => {
  it('saves the form the cursor is in', async () => {
    await page.evaluate(() => (location.hash = '#/sitzungen/4'));
    await page.getByTestId('agenda-item').first().waitFor();
    await page.getByRole('button', { name: 'TOP 5 bearbeiten' }).click();
    const title = page.getByLabel('Titel des Tagesordnungspunkts');
    await title.fill('Mitteilungen der Verwaltung und des Landrats');
    await page.keyboard.press('Control+s');
    await page.getByText('Der Tagesordnungspunkt wurde gespeichert.').waitFor();
    const detail = await app.call<{ agenda: { number: string; title: string }[] }>('sitzungen.get', { id: 4 });
    expect(detail.agenda.find((i) => i.number === '5')?.title).toBe('Mitteilungen der Verwaltung und des Landrats');
  });
});
