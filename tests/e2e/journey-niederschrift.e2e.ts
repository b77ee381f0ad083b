import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, screenshot, type PageProblems } from './helpers/browser.js';
import { useAppPage } from './helpers/app-page.js';
import { ROOT, type WebApp } from './helpers/web-app.js';

/**
 * Journey 3 (Schriftführung, issue 17): after the 11th Sitzung of the Sozialausschuss the clerk
 * records the attendance with one late arrival and one deputy, enters three results (a
 * Kenntnisnahme, a Beschluss with votes and a befangen member, a TOP without Vorlage) and
 * exports the Niederschrift as PDF and DOCX.
 */
const session = useAppPage();
let app: WebApp;
let page: Page;
let problems: PageProblems;
// Pictures to look at after a run; never into docs/ (a test run must not change tracked files).
const DOC_IMAGES = path.join(ROOT, 'test-output', 'images');

beforeAll(() => ({ app, page, problems } = session));

interface Person { id: number; key: string }

describe('Journey 3: Niederschrift of a past Sitzung', () => {
  it('records attendance and results and exports the Niederschrift as PDF and DOCX', async () => {
    const meetings = await app.call<{ id: number; key: string; committeeId: number; start: string }[]>('sitzungen.list', {});
    const soz3 = meetings.find((m) => m.key === 'soz-3')!;
    const people = Object.fromEntries((await app.call<Person[]>('personen.list', {})).map((p) => [p.key, p.id]));

    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor();
    await page.goto(`${app.origin}/#/sitzungen/${soz3.id}`);
    const panel = page.getByTestId('niederschrift-panel');
    await panel.waitFor();
    await expect.poll(() => panel.getByTestId('attendance-table').locator('tbody tr').count()).toBeGreaterThan(10);
    await expect.poll(() => page.getByTestId('rule-results').textContent()).toContain('können erfasst werden');

    // Late arrival.
    await page.getByTestId(`arrived-${people.albers}`).fill('15:20');
    // Herr Tiedemann is excused: ticked with the keyboard on his row.
    await page.getByTestId(`attendance-row-${people.tiedemann}`).focus();
    await page.keyboard.press('e');
    await expect.poll(() => page.getByTestId(`status-${people.tiedemann}`).inputValue()).toBe('entschuldigt');
    // His personal deputy comes for him.
    await page.getByTestId('attendance-add').selectOption(String(people.voss));
    await panel.getByRole('button', { name: 'Person hinzufügen', exact: true }).click();
    await page.getByTestId(`represents-${people.voss}`).selectOption({ label: 'Herr Jens Tiedemann' });
    // The Schriftführerin from the Verwaltung.
    await page.getByTestId('attendance-add').selectOption(String(people.grothe));
    await panel.getByRole('button', { name: 'Person hinzufügen', exact: true }).click();
    await page.getByTestId(`group-${people.grothe}`).selectOption('verwaltung');
    await page.getByTestId(`function-${people.grothe}`).selectOption('schriftfuehrung');
    await page.getByTestId('attendance-save').click();
    await expect.poll(() => page.getByTestId('quorum').textContent()).toContain('15 von 15 stimmberechtigten Mitgliedern anwesend – beschlussfähig');

    await page.getByTestId('head-opened').fill('15:05');
    await page.getByTestId('head-closed').fill('16:40');
    await page.getByTestId('head-chair').selectOption(String(people.brandtner));
    await page.getByTestId('head-recorder').selectOption(String(people.grothe));
    await page.getByTestId('head-save').click();
    await expect.poll(async () => (await app.call<{ head: { closed: string | null } }>('niederschrift.get', { meetingId: soz3.id })).head.closed).toBe('16:40');
    await screenshot(page, 'journey3-anwesenheit');

    // 1. Kenntnisnahme of a Vorlage.
    await page.getByTestId('pick-top-2').click();
    await page.getByTestId('result-text').fill('Kenntnis genommen');
    await page.getByTestId('result-save').click();
    await expect.poll(() => page.getByTestId('pick-top-2').textContent()).toContain('Kenntnis genommen');

    // 2. A Beschluss with votes and one befangen member (TOP without Vorlage).
    await page.getByTestId('pick-top-4').click();
    await page.getByTestId('result-text').fill('mehrheitlich beschlossen');
    await page.getByTestId('result-with-votes').check();
    await page.getByTestId('votes-yes').fill('10');
    await page.getByTestId('votes-no').fill('2');
    await page.getByTestId('votes-abstain').fill('1');
    await page.getByTestId(`conflicted-${people.rosenbaum}`).check();
    await page.getByTestId('result-minutes').fill('Der Ausschuss benennt Frau Quandt für den Beirat.');
    await page.getByTestId('result-save').click();
    await expect.poll(() => page.getByTestId('pick-top-4').textContent()).toContain('Beschluss: mehrheitlich beschlossen');

    // 3. Mitteilungen der Verwaltung: a TOP without Vorlage.
    await page.getByTestId('pick-top-3').click();
    await page.getByTestId('result-text').fill('Kenntnis genommen');
    await page.getByTestId('result-minutes').fill('Frau Kaya berichtet über die Eröffnung der Beratungsstelle Talheim.');
    await page.getByTestId('result-save').click();
    await expect.poll(() => page.getByTestId('pick-top-3').textContent()).toContain('Kenntnis genommen');
    await page.getByTestId('pick-top-4').click();
    await screenshot(page, 'journey3-ergebnisse');
    // Doc screenshots: the viewport scrolled to the attendance, then to the results.
    fs.mkdirSync(DOC_IMAGES, { recursive: true });
    await page.getByRole('heading', { name: 'Niederschrift', level: 2 }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(DOC_IMAGES, 'niederschrift-anwesenheit.png') });
    await page.getByTestId('pick-top-1').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(DOC_IMAGES, 'niederschrift-ergebnisse.png') });

    // Exports.
    const save = async (testId: string, name: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      const target = path.join(SCREENSHOT_DIR, name);
      await download.saveAs(target);
      return target;
    };
    const pdf = await save('export-pdf-members', 'journey3-niederschrift.pdf');
    const docx = await save('export-docx-members', 'journey3-niederschrift.docx');

    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const expected of [
      'Niederschrift',
      'ab 15:20 Uhr',
      'für Herrn Jens Tiedemann',
      'Frau Katrin Grothe',
      '15 von 15 stimmberechtigten Mitgliedern anwesend – beschlussfähig',
      'nimmt die Vorlage Nr.',
      'Frau Miriam Rosenbaum erklärt sich für befangen',
      'mit 10 Ja-Stimmen, 2 Nein-Stimmen, 1 Enthaltung',
      'Beratungsstelle Talheim',
      'Die Vorsitzende',
      'Die Schriftführerin',
    ]) {
      expect(text, expected).toContain(expected);
    }
    const xml = await (await JSZip.loadAsync(fs.readFileSync(docx))).file('word/document.xml')!.async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain('Frau Miriam Rosenbaum erklärt sich für befangen');

    // Pages as images, to look at next to the seeds.
    execFileSync('pdftoppm', ['-r', '70', '-png', '-f', '1', '-l', '2', pdf, path.join(DOC_IMAGES, 'niederschrift-seite')]);

    // Approval: the next Sitzung (the 12., still ahead) is not offered, since the approval is one
    // of its results; the form says what is needed.
    await page.getByTestId('approve-none').scrollIntoViewIfNeeded();
    expect(await page.getByTestId('approve-none').textContent()).toContain('sobald sie begonnen hat');
    expect(await page.getByTestId('approve-button').isDisabled()).toBe(true);

    // A Sitzung of the Gremium that began today, with the approval TOP: now it is offered.
    const pad = (n: number) => String(n).padStart(2, '0');
    const today = new Date();
    const begun = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}T00:00`;
    const special = await app.call<{ id: number }>('sitzungen.save', { committeeId: soz3.committeeId, start: begun, location: 'Kreishaus, Raum 101', state: 'einberufen' });
    const [y, mo, d] = soz3.start.slice(0, 10).split('-');
    await app.call('tagesordnung.add', { meetingId: special.id, title: `Genehmigung der Niederschrift über die Sitzung vom ${d}.${mo}.${y}` });
    await page.reload();
    await page.getByTestId('niederschrift-panel').waitFor();
    const approveMeeting = page.getByTestId('approve-meeting');
    await approveMeeting.scrollIntoViewIfNeeded();
    await expect.poll(() => page.getByTestId('approve-top').locator('option:checked').textContent()).toContain(`Genehmigung der Niederschrift über die Sitzung vom ${d}.${mo}.${y}`);
    expect(await approveMeeting.locator('option:checked').textContent()).toBe(`${pad(today.getDate())}.${pad(today.getMonth() + 1)}.${today.getFullYear()}`);
    await screenshot(page, 'journey3-genehmigung');

    // Approved: the panel and the Sitzung's header say so.
    expect(await page.getByTestId('meeting-state').textContent()).toBe('Durchgeführt');
    await page.getByTestId('approve-button').click();
    await expect.poll(() => page.getByTestId('minutes-status').textContent()).toContain('Niederschrift genehmigt');
    await expect.poll(() => page.getByTestId('meeting-state').textContent()).toBe('Niederschrift genehmigt');
    const state = await app.call<{ approval: { meetingId: number } | null }>('niederschrift.get', { meetingId: soz3.id });
    expect(state.approval?.meetingId).toBe(special.id);
    expect(problems.errors).toEqual([]);
  });
});
