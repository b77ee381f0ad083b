import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { launchChromium, newAppPage, screenshot, type PageProblems } from './helpers/browser.js';
import { TEAM_PASSWORD, startTeamApp, type TeamApp } from './helpers/team-app.js';

/**
 * Team mode in Chromium: two team server processes on one PostgreSQL database, two people signed
 * in from two browser contexts (one on each process, so every live notice crosses LISTEN/NOTIFY).
 * Needs PostgreSQL: `npm test` passes VW_TEST_DATABASE_URL to this stage when a server answers.
 */
const databaseUrl = process.env.VW_TEST_DATABASE_URL;
if (!databaseUrl) console.warn('Team-E2E übersprungen: VW_TEST_DATABASE_URL ist nicht gesetzt (kein PostgreSQL für den Teamserver).');

const ANNA = { login: 'aberger', name: 'Anna Berger', role: 'sachbearbeitung', amt: '50' };
const JONAS = { login: 'jfalk', name: 'Jonas Falk', role: 'sachbearbeitung', amt: '50' };
const LESER = { login: 'lhahn', name: 'Lena Hahn', role: 'lesen' };

describe.skipIf(!databaseUrl)('Teamserver auf PostgreSQL: zwei Personen an einer Vorlage', () => {
  let team: TeamApp;
  let browser: Browser;
  let anna: { page: Page; problems: PageProblems };
  let jonas: { page: Page; problems: PageProblems };
  let paper: { id: number; title: string };

  beforeAll(async () => {
    team = await startTeamApp([ANNA, JONAS, LESER]);
    paper = team.drafts[0]!;
    browser = await launchChromium();
    anna = await newAppPage(browser);
    jonas = await newAppPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await team?.stop();
  });

  async function signIn(page: Page, base: string, login: string, name: string) {
    await page.goto(`${base}/`);
    await page.getByLabel('Login').fill(login);
    await page.getByLabel('Passwort').fill(TEAM_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByText(name).waitFor();
  }

  /**
   * The page's problems, less the answers the test provokes (Chromium logs every 4xx as an
   * error): before sign-in the page asks GET /api/auth.session whether a session exists (401),
   * and a stale save is refused (409).
   */
  const pageErrors = (problems: PageProblems, expected: number[] = [401]) =>
    problems.errors.filter((e) => !expected.some((status) => e.includes(`responded with a status of ${status} `)));

  const title = (page: Page) => page.getByLabel('Betreff', { exact: true });
  const saveStatus = (page: Page) => page.getByTestId('save-status');
  const savedMark = /Gespeichert( um)? \d{2}:\d{2}/;

  /** Opens the Vorlage in the editor and waits for its Betreff (a loaded machine may take a while). */
  async function openEditor(page: Page, base: string) {
    await page.goto(`${base}/#/vorlagen/${paper.id}`);
    await title(page).waitFor({ timeout: 30_000 });
  }

  async function typeTitle(page: Page, text: string) {
    await title(page).fill(text);
  }

  it('signs both in on different server processes; a save by one shows live in the other’s list', async () => {
    onTestFailed(async () => {
      await screenshot(anna.page, 'team-fehler-anna');
      await screenshot(jonas.page, 'team-fehler-jonas');
    });
    await anna.page.goto(`${team.urls[0]}/`);
    await anna.page.getByRole('heading', { name: 'Vorlagenwerk' }).waitFor();
    await screenshot(anna.page, 'team-anmeldung');
    await signIn(anna.page, team.urls[0]!, ANNA.login, ANNA.name);
    await signIn(jonas.page, team.urls[1]!, JONAS.login, JONAS.name);

    await jonas.page.goto(`${team.urls[1]}/#/vorlagen`);
    await jonas.page.getByRole('heading', { name: 'Vorlagen', level: 1 }).waitFor();
    await jonas.page.getByTestId('vorlage-row').filter({ hasText: paper.title }).waitFor();

    await openEditor(anna.page, team.urls[0]!);
    await expect.poll(() => title(anna.page).inputValue()).toBe(paper.title);
    await typeTitle(anna.page, `${paper.title} (überarbeitet von Anna)`);
    await expect.poll(() => saveStatus(anna.page).textContent(), { timeout: 15_000 }).toMatch(savedMark);

    // No reload: the list on the other process learns of the save over the change feed.
    await jonas.page.getByTestId('vorlage-row').filter({ hasText: '(überarbeitet von Anna)' }).waitFor({ timeout: 15_000 });
    await screenshot(jonas.page, 'team-liste-live');
  });

  it('shows who else has the Vorlage open, and the open editor takes the other’s newer text', async () => {
    await openEditor(jonas.page, team.urls[1]!);
    await expect.poll(() => title(jonas.page).inputValue()).toContain('(überarbeitet von Anna)');
    // Both sides, each soon after the other opened it (not only at the next 20-second heartbeat).
    await jonas.page.getByRole('status').filter({ hasText: 'Auch geöffnet von: Anna Berger' }).waitFor({ timeout: 10_000 });
    await anna.page.getByRole('status').filter({ hasText: 'Auch geöffnet von: Jonas Falk' }).waitFor({ timeout: 10_000 });
    await screenshot(anna.page, 'team-praesenz');

    await typeTitle(anna.page, `${paper.title} (zweite Fassung von Anna)`);
    await expect.poll(() => saveStatus(anna.page).textContent(), { timeout: 15_000 }).toMatch(savedMark);
    await expect.poll(() => title(jonas.page).inputValue(), { timeout: 15_000 }).toBe(`${paper.title} (zweite Fassung von Anna)`);
  });

  it('a stale save gets the CONFLICT comparison with both texts, and nothing typed is lost', async () => {
    // Jonas's save is held on its way (a slow network) until Anna's save is in: his is then stale.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let seen!: () => void;
    const saveSeen = new Promise<void>((resolve) => (seen = resolve));
    await jonas.page.route(
      '**/api/vorlagen.save',
      async (route: Route) => {
        seen();
        await held;
        await route.continue();
      },
      { times: 1 },
    );
    await typeTitle(jonas.page, `${paper.title} (Fassung von Jonas)`);
    await saveSeen;
    await typeTitle(anna.page, `${paper.title} (dritte Fassung von Anna)`);
    await expect.poll(() => saveStatus(anna.page).textContent(), { timeout: 15_000 }).toMatch(savedMark);
    release();

    const banner = jonas.page.getByRole('alert').filter({ has: jonas.page.getByRole('heading', { name: /inzwischen/i }) });
    await banner.waitFor({ timeout: 15_000 });
    const row = banner.getByRole('row', { name: /Betreff/ });
    await expect.poll(() => row.locator('td.mine').textContent()).toBe(`${paper.title} (Fassung von Jonas)`);
    await expect.poll(() => row.locator('td.theirs').textContent()).toBe(`${paper.title} (dritte Fassung von Anna)`);
    expect(await title(jonas.page).inputValue()).toBe(`${paper.title} (Fassung von Jonas)`);
    await screenshot(jonas.page, 'team-konflikt');

    // Anna's save stands: her editor still shows it, and nobody overwrote it.
    expect(await title(anna.page).inputValue()).toBe(`${paper.title} (dritte Fassung von Anna)`);
    expect(pageErrors(anna.problems)).toEqual([]);
    expect(pageErrors(jonas.problems, [401, 409])).toEqual([]);
  });

  it('a user with the role lesen cannot save: 403 with a German message in the editor, nothing changed', async () => {
    const { page } = await newAppPage(browser);
    onTestFailed(async () => {
      await screenshot(page, 'team-fehler-lesen');
    });
    await signIn(page, team.urls[0]!, LESER.login, LESER.name);
    await openEditor(page, team.urls[0]!);
    await expect.poll(() => title(page).inputValue(), { timeout: 15_000 }).toBe(`${paper.title} (dritte Fassung von Anna)`);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/vorlagen.save'));
    await typeTitle(page, 'Darf nicht gespeichert werden');
    expect((await answer).status()).toBe(403);
    await page.getByRole('alert').filter({ hasText: 'Ihre Rolle „Lesen“ darf diese Funktion nicht ausführen' }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'team-lesen-403');
    // The database still has Anna's text: Jonas's editor (live) and a fresh look agree.
    await page.reload();
    await title(page).waitFor({ timeout: 30_000 });
    await expect.poll(() => title(page).inputValue(), { timeout: 15_000 }).toBe(`${paper.title} (dritte Fassung von Anna)`);
  });
});
