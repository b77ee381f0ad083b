import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { toLocalDateTime } from '../../renderer/src/format';
import { seriousViolations } from './helpers/axe.js';
import { screenshot, type PageProblems } from './helpers/browser.js';
import { useAppPage } from './helpers/app-page.js';
import type { WebApp } from './helpers/web-app.js';

/**
 * Journey 3 (administrator): the Sozialausschuss asked that a Vorlage it dealt with also go to
 * the Integrationsrat. The Vorlage is re-sent to the Integrationsrat's next Sitzung and then
 * appears in both agendas and in its Beratungsfolge.
 */
const session = useAppPage();
let app: WebApp;
let page: Page;
let problems: PageProblems;

const TITLE = 'Beratungsangebote für Neuzugewanderte – Standorte';

beforeAll(() => ({ app, page, problems } = session));

interface Meeting {
  id: number;
  committeeId: number;
  start: string;
  state: string;
}

const german = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

describe('Journey 3: re-send a Vorlage to another committee', () => {
  it('sends it from the Sozialausschuss to the Integrationsrat’s next Sitzung', async () => {
    onTestFailed(async () => {
      await screenshot(page, 'journey3-fehler');
    });
    // What the user will expect: the Integrationsrat's next planned Sitzung.
    const committees = await app.call<{ id: number; shortName: string }[]>('gremien.list');
    const ir = committees.find((c) => c.shortName === 'Integrationsrat')!;
    // Sitzungen start in local time ('YYYY-MM-DDTHH:MM'), and so does the app's "today";
    // a UTC date is yesterday or tomorrow around midnight.
    const today = toLocalDateTime(new Date()).slice(0, 10);
    const next = (await app.call<Meeting[]>('sitzungen.list', { committeeId: ir.id }))
      .filter((m) => m.start >= today && m.state === 'geplant')
      .sort((a, b) => a.start.localeCompare(b.start))[0]!;

    // Find the Vorlage with the list's search (Ctrl+F puts the cursor there).
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Vorlagen' }).click();
    await page.getByTestId('vorlage-row').first().waitFor();
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('vl-suche');
    await page.keyboard.type('Neuzugewanderte');
    await expect.poll(() => page.getByTestId('vorlage-row').count()).toBe(1);
    await screenshot(page, 'journey3-01-suche');
    await page.getByTestId('vorlage-row').getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();

    // The Beratungsfolge shows the Sozialausschuss's deliberation with its result.
    await page.getByRole('tab', { name: /Beratungsfolge/ }).click();
    const rows = page.getByTestId('beratung-row');
    await rows.first().waitFor();
    const soz = rows.filter({ hasText: 'Sozialausschuss' });
    await expect.poll(() => soz.getByText('Kenntnis genommen').count()).toBe(1);
    const before = await rows.count();

    await page.getByRole('button', { name: 'An weiteres Gremium senden …' }).click();
    await page.getByLabel('An Gremium').selectOption({ label: 'Integrationsrat' });
    await page.getByLabel('Zuständigkeit', { exact: true }).selectOption('kenntnisnahme');
    const nextRadio = page.getByRole('radio', { name: /Nächste Sitzung/ });
    await expect.poll(async () => (await nextRadio.locator('xpath=..').textContent()) ?? '').toContain(german(next.start));
    expect(await nextRadio.isChecked()).toBe(true);
    await screenshot(page, 'journey3-02-senden');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Senden', exact: true }).click();

    await expect.poll(() => rows.count()).toBe(before + 1);
    const irRow = rows.filter({ hasText: 'Integrationsrat' });
    const topLink = irRow.getByRole('link', { name: new RegExp(`^TOP \\d+ der Sitzung am ${german(next.start).replace(/\./g, '\\.')}$`) });
    await topLink.waitFor();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'an das Gremium „Integrationsrat“ gesendet' }).count()).toBe(1);
    await screenshot(page, 'journey3-03-beratungsfolge');

    // The Integrationsrat's agenda now has the Vorlage.
    await topLink.click();
    await page.getByRole('heading', { level: 1, name: /Sitzung des Integrationsrates/ }).waitFor();
    const irItem = page.getByTestId('agenda-item').filter({ hasText: TITLE });
    await expect.poll(() => irItem.count()).toBe(1);
    await screenshot(page, 'journey3-04-tagesordnung-integrationsrat');

    // And it is still on the Sozialausschuss's agenda, with the result that led to the re-send.
    await page.goBack();
    await page.getByRole('tab', { name: /Beratungsfolge/ }).click();
    await rows.filter({ hasText: 'Sozialausschuss' }).getByRole('link', { name: /^TOP \d+ der Sitzung am/ }).click();
    await page.getByRole('heading', { level: 1, name: /Sitzung des Ausschusses für Soziales und Integration/ }).waitFor();
    const sozItem = page.getByTestId('agenda-item').filter({ hasText: TITLE });
    await expect.poll(() => sozItem.count()).toBe(1);
    await expect.poll(() => sozItem.getByText('Kenntnis genommen').count()).toBeGreaterThan(0);
    await screenshot(page, 'journey3-05-tagesordnung-sozialausschuss');

    // The send is on record in the Vorlage's Verlauf.
    await page.goBack();
    await page.getByRole('tab', { name: 'Verlauf' }).click();
    await page.getByText('Gesendet an: Integrationsrat').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // The core agrees: a Beratung of the Integrationsrat on that Sitzung, with a TOP.
    const paper = (await app.call<{ id: number; title: string }[]>('vorlagen.list', { text: 'Neuzugewanderte' }))[0]!;
    const folge = await app.call<{ committeeShortName: string; meetingId: number | null; agendaNumber: string | null; open: boolean }[]>('beratungen.list', { ref: paper.id });
    const added = folge.find((b) => b.committeeShortName === 'Integrationsrat')!;
    expect(added).toMatchObject({ meetingId: next.id, open: true });
    expect(added.agendaNumber).toMatch(/^\d+$/);
    expect(problems.errors).toEqual([]);
  });
});
