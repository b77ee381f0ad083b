import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, screenshot, type PageProblems } from './helpers/browser.js';
import { useAppPage } from './helpers/app-page.js';
import type { WebApp } from './helpers/web-app.js';

/**
 * Issue 13 through the UI: a draft gets its two Mitzeichnungen (Amtsleitung, Kämmerei) and the
 * Freigabe in the editor's Freigabe panel, the Freigabe is refused while a step is missing, the
 * released Vorlage goes on an agenda, an unreleased one blocks the Sitzungsmappe (marked in the
 * agenda, named in the refusal) until it is taken off, and the pack is built.
 */
const session = useAppPage();
let app: WebApp;
let page: Page;
let problems: PageProblems;

beforeAll(() => ({ app, page, problems } = session));

const nav = () => page.getByRole('navigation', { name: 'Hauptnavigation' });

describe('Journey: Mitzeichnung and Freigabe in the editor, then agenda and Sitzungsmappe', () => {
  it('draft → two Mitzeichnungen → Freigabe (refused while one is missing) → agenda → pack', async () => {
    await page.goto(app.url);
    await nav().waitFor();

    // Who signs on this desktop: Einstellungen → Mitzeichnung.
    await nav().getByRole('link', { name: 'Einstellungen' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Ulrike Sandmann');
    await page.getByLabel('Funktion', { exact: true }).fill('Amtsleiterin Kämmerei');
    await page.getByRole('region', { name: 'Mitzeichnung' }).getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Name und Funktion gespeichert.').waitFor();

    // The draft: the Haushalt Vorlage of the Kämmerei (costs stated → Amtsleitung and Kämmerei sign).
    await nav().getByRole('link', { name: 'Vorlagen' }).click();
    await page.getByRole('link', { name: /Haushaltsplanentwurf/ }).first().click();
    await page.getByRole('heading', { name: /Haushaltsplanentwurf/, level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Freigabe' }).click();
    const panel = page.getByTestId('freigabe-panel');
    await panel.waitFor();
    await expect.poll(() => panel.getByTestId('freigabe-status').textContent()).toBe('Entwurf');

    // Freigabe with both steps missing: refused, naming them.
    await panel.getByTestId('release').click();
    await page.getByText(/kann nicht freigegeben werden: es fehlt die Mitzeichnung durch Amtsleitung, Kämmerei\./).first().waitFor();

    await panel.getByRole('button', { name: 'Amtsleitung zeichnet mit' }).click();
    await expect.poll(() => panel.getByTestId('step-amtsleitung').textContent()).toContain('Ulrike Sandmann (Amtsleiterin Kämmerei)');
    // One step still missing: refused again, naming the Kämmerei only.
    await panel.getByTestId('release').click();
    await page.getByText(/es fehlt die Mitzeichnung durch Kämmerei\./).first().waitFor();
    await screenshot(page, 'freigabe-01-schritt-fehlt');
    await expect.poll(() => panel.getByTestId('freigabe-status').textContent()).toBe('in Mitzeichnung');
    // The two refusals are the only failed requests the browser logs (422, answered in German above).
    expect(problems.errors).toEqual(Array(2).fill('console: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)'));
    problems.errors.length = 0;

    await panel.getByRole('button', { name: 'Kämmerei zeichnet mit' }).click();
    await expect.poll(() => panel.getByTestId('step-kaemmerei').textContent()).toContain('Ulrike Sandmann');
    await panel.getByTestId('release').click();
    await expect.poll(() => panel.getByTestId('freigabe-status').textContent()).toBe('freigegeben');
    await panel.getByTestId('freigabe-lock').waitFor();
    await screenshot(page, 'freigabe-02-freigegeben');

    // The text is read-only now; the Freigabe dated the Vorlage.
    await page.getByRole('tab', { name: 'Text' }).click();
    expect(await page.locator('#v-betreff').getAttribute('readonly')).not.toBeNull();
    expect(await page.locator('.doc-editor').first().getAttribute('contenteditable')).toBe('false');
    expect(await page.locator('#va-datum').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.getByTestId('locked-badge').waitFor();

    // The Kreisausschuss's next Sitzung: the released Vorlage and an unreleased one on the agenda.
    await nav().getByRole('link', { name: 'Gremien & Sitzungen' }).click();
    await page.getByRole('link', { name: /^Kreisausschuss/ }).click();
    await page.getByRole('heading', { name: 'Kreisausschuss', level: 2 }).waitFor();
    await page.getByTestId('meeting-row').first().getByRole('link').click();
    await page.getByRole('heading', { name: /22\. Sitzung des Kreisausschusses/ }).waitFor();
    const before = await page.getByTestId('agenda-item').count();
    await page.getByLabel('Aus Vorlage').check();
    await page.getByLabel('Vorlagen filtern').fill('Haushaltsplanentwurf');
    await page.getByTestId('top-paper').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Vorlage auf die Tagesordnung setzen' }).click();
    await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(before + 1);
    await page.getByLabel('Vorlagen filtern').fill('Sprachförderung');
    await page.getByTestId('top-paper').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Vorlage auf die Tagesordnung setzen' }).click();
    await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(before + 2);

    const haushalt = page.getByTestId('agenda-item').filter({ hasText: 'Haushaltsplanentwurf' });
    const kita = page.getByTestId('agenda-item').filter({ hasText: 'Sprachförderung in Kindertageseinrichtungen' });
    expect(await haushalt.getByTestId('mark-unreleased').count()).toBe(0);
    await kita.getByTestId('mark-unreleased').waitFor();

    // The pack is refused, naming the unreleased Vorlage; nothing is built.
    await page.getByLabel('Fassung für Mitglieder').check();
    await page.getByRole('button', { name: 'Sitzungsmappe erstellen' }).click();
    await page.getByText(/wurde nicht erstellt: nicht freigegeben ist die Vorlage 50\/011\/\d{4}/).first().waitFor();
    await kita.scrollIntoViewIfNeeded();
    await screenshot(page, 'freigabe-03-mappe-abgelehnt');
    expect(await page.getByTestId('pack-preview').count()).toBe(0);

    // Taken off the agenda (before the Einladung it goes entirely), the pack is built.
    await kita.getByRole('button', { name: /entfernen$/ }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Entfernen' }).click();
    await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(before + 1);
    await page.getByRole('button', { name: 'Sitzungsmappe erstellen' }).click();
    const preview = page.getByTestId('pack-preview');
    await preview.waitFor({ state: 'visible', timeout: 150_000 });
    await page.waitForTimeout(800);
    await screenshot(page, 'freigabe-04-mappe');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PDF speichern …' }).click()]);
    const target = path.join(SCREENSHOT_DIR, 'freigabe-mappe.pdf');
    await download.saveAs(target);
    const pdf = await PDFDocument.load(fs.readFileSync(target), { ignoreEncryption: true });
    expect(pdf.getPageCount()).toBeGreaterThan(2);

    expect(problems.errors).toEqual([]);
  });

  it('shows the Sitzungskalender, the Beschlusskontrolle and the Übersicht cards', async () => {
    await nav().getByRole('link', { name: 'Sitzungskalender' }).click();
    await page.getByTestId('kalender-monat').waitFor();
    await screenshot(page, 'freigabe-05-kalender');
    await page.getByRole('button', { name: 'Liste' }).click();
    await page.getByTestId('kalender-eintrag').first().waitFor();
    expect(await page.getByTestId('kalender-eintrag').count()).toBeGreaterThan(2);

    await nav().getByRole('link', { name: 'Beschlusskontrolle' }).click();
    await page.getByTestId('followup').first().waitFor();
    await page.getByTestId('followup').first().getByRole('button', { name: 'Bearbeiten' }).click();
    const form = page.getByTestId('followup-form');
    await form.getByLabel('Stand').selectOption('in_bearbeitung');
    await form.getByLabel('Neuer Vermerk').fill('Ausschreibung vorbereitet');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Eintrag gespeichert.').waitFor();
    await expect.poll(() => form.textContent()).toContain('Ausschreibung vorbereitet');
    await screenshot(page, 'freigabe-06-beschlusskontrolle');

    await nav().getByRole('link', { name: 'Übersicht' }).click();
    await page.getByTestId('blockers').waitFor();
    await screenshot(page, 'freigabe-07-uebersicht');
    expect(problems.errors).toEqual([]);
  });
});
