import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { seriousViolations } from './helpers/axe.js';
import { SCREENSHOT_DIR, screenshot, type PageProblems } from './helpers/browser.js';
import { useAppPage } from './helpers/app-page.js';
import type { WebApp } from './helpers/web-app.js';

/**
 * Journey 1 (KI staff): this year's Sachstandsbericht is carried forward from last year's,
 * a section gets bold text and a numbered list, a PDF Anlage is added, the change shows up in
 * the Verlauf, and the DOCX and PDF exports contain the new text.
 */
const session = useAppPage();
let app: WebApp;
let page: Page;
let problems: PageProblems;
const year = new Date().getFullYear();

beforeAll(() => ({ app, page, problems } = session));

async function anlagePdf(): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText('Statistik Integrationskurse Musterkreis', { x: 60, y: 760, size: 14, font });
  const file = path.join(SCREENSHOT_DIR, 'journey1-anlage-statistik.pdf');
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  fs.writeFileSync(file, await doc.save());
  return file;
}

async function download(button: RegExp, name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: button }).click()]);
  const target = path.join(SCREENSHOT_DIR, name);
  await file.saveAs(target);
  return target;
}

describe('Journey 1: Sachstandsbericht fortschreiben', () => {
  it('carries last year’s report forward, edits, attaches, shows the Verlauf and exports DOCX and PDF', async () => {
    onTestFailed(async () => {
      await screenshot(page, 'journey1-fehler');
    });
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Vorlagen' }).click();
    await page.getByRole('heading', { name: 'Vorlagen', level: 1 }).waitFor();
    await page.getByTestId('vorlage-row').first().waitFor();
    await screenshot(page, 'journey1-01-liste');
    expect(await seriousViolations(page)).toEqual([]);

    // Fortschreiben: last year's report is offered first.
    await page.getByRole('button', { name: 'Fortschreiben …' }).click();
    const dialog = page.getByRole('dialog', { name: 'Vorlage fortschreiben' });
    await dialog.getByRole('radio', { name: new RegExp(`Kommunales Integrationsmanagement – Sachstand ${year - 1}`) }).check();
    await expect.poll(() => dialog.getByLabel('Für das Jahr').inputValue()).toBe(String(year));
    await screenshot(page, 'journey1-02-fortschreiben');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Fortschreiben' }).click();

    await page.getByRole('heading', { level: 1, name: `Kommunales Integrationsmanagement – Sachstand ${year}` }).waitFor();
    const reference = await page.getByLabel('Vorlagennummer').inputValue();
    expect(reference).toMatch(new RegExp(`^50/\\d{3}/${year}$`));
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'fortgeschrieben' }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(/^Gespeichert \d{2}:\d{2}$/).count()).toBe(1);

    // Edit the Erläuterungen: a bold sentence and a numbered list at the end.
    const section = page.getByRole('textbox', { name: 'Erläuterungen' });
    await section.locator(':scope > p').last().click();
    // At a person's pace: the editor takes the caret from the browser's selectionchange event,
    // which a key pressed within the same millisecond would overtake.
    await page.waitForTimeout(150);
    await page.keyboard.press('Control+End');
    await page.waitForTimeout(100);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('Neu im Berichtsjahr');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(' kamen zwei Beratungsstellen hinzu:');
    await page.keyboard.press('Enter');
    await page.getByRole('toolbar', { name: 'Formatierung: Erläuterungen' }).getByRole('button', { name: 'Nummerierung' }).click();
    await page.keyboard.type('Beratungsstelle Ahornstadt');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Beratungsstelle Kieferbach');
    // Out of the list (Enter on an empty item) and a link with Strg+K, as in Word.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Mehr dazu im ');
    await page.keyboard.press('Control+k');
    const linkDialog = page.getByRole('dialog', { name: 'Link einfügen' });
    await linkDialog.getByLabel('Adresse (Webseite oder E-Mail)').fill('https://www.musterkreis.de/integration');
    await linkDialog.getByLabel('Angezeigter Text').fill('Integrationsportal');
    await linkDialog.getByRole('button', { name: 'Übernehmen' }).click();
    await expect.poll(() => section.locator('a[href="https://www.musterkreis.de/integration"]').allTextContents()).toEqual(['Integrationsportal']);
    await expect.poll(() => page.getByText('Ungespeicherte Änderungen').count()).toBe(1);
    await expect.poll(() => page.getByText(/^Gespeichert \d{2}:\d{2}$/).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => section.locator('strong', { hasText: 'Neu im Berichtsjahr' }).count()).toBe(1);
    await expect.poll(() => section.locator('ol').last().locator('li').allTextContents()).toEqual(['Beratungsstelle Ahornstadt', 'Beratungsstelle Kieferbach']);
    await screenshot(page, 'journey1-03-bearbeitet');
    expect(await seriousViolations(page)).toEqual([]);

    // What was saved is what the editor shows (the core, not the page).
    const saved = await app.call<{ sections: Record<string, unknown>; revision: number }>('vorlagen.get', { ref: reference });
    const erlaeuterungen = JSON.stringify(saved.sections.erlaeuterungen);
    expect(erlaeuterungen).toContain('{"type":"text","text":"Neu im Berichtsjahr","marks":[{"type":"bold"}]}');
    expect(erlaeuterungen).toMatch(/"orderedList".*Beratungsstelle Ahornstadt.*Beratungsstelle Kieferbach/);
    expect(erlaeuterungen).toContain('{"type":"text","text":"Integrationsportal","marks":[{"type":"link","attrs":{"href":"https://www.musterkreis.de/integration"}}]}');
    expect(saved.revision).toBeGreaterThanOrEqual(2);

    // Beratungsfolge: the Sozialausschuss's next Sitzung, so the export is printed for it.
    await page.getByRole('tab', { name: /Beratungsfolge/ }).click();
    await page.getByRole('button', { name: '+ Gremium hinzufügen' }).click();
    await page.getByLabel('Gremium', { exact: true }).selectOption({ label: 'Ausschuss für Soziales und Integration' });
    const sitzung = page.locator('form').getByLabel('Sitzung', { exact: true });
    await expect.poll(() => sitzung.locator('option').count()).toBeGreaterThan(1);
    await sitzung.selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
    await expect.poll(() => page.getByTestId('beratung-row').count()).toBe(1);
    await expect.poll(() => page.getByTestId('beratung-row').getByRole('link', { name: /^TOP \d+ der Sitzung am/ }).count()).toBe(1);

    // Anlage: a PDF through the file chooser.
    await page.getByRole('tab', { name: /Anlagen/ }).click();
    const before = await page.locator('[data-anlage]').count();
    const pdf = await anlagePdf();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '+ Anlage hinzufügen' }).click()]);
    await chooser.setFiles(pdf);
    await expect.poll(() => page.locator('[data-anlage]').count()).toBe(before + 1);
    await expect.poll(() => page.getByLabel(`Titel der Anlage ${before + 1}`).inputValue()).toBe('journey1 anlage statistik');
    await page.getByLabel(`Titel der Anlage ${before + 1}`).fill('Statistik Integrationskurse');
    await page.getByLabel(`Titel der Anlage ${before + 1}`).press('Enter');
    await expect.poll(async () => (await app.call<{ attachments: { title: string; mediaType: string }[] }>('vorlagen.get', { ref: reference })).attachments.map((a) => a.title)).toContain('Statistik Integrationskurse');
    await screenshot(page, 'journey1-04-anlagen');
    expect(await seriousViolations(page)).toEqual([]);

    // Verlauf: the new state and what changed, also against last year's report.
    await page.getByRole('tab', { name: 'Verlauf' }).click();
    await expect.poll(() => page.getByTestId('revision-row').count()).toBeGreaterThanOrEqual(2);
    const diff = page.getByTestId('diff');
    await expect.poll(() => diff.locator('ins', { hasText: 'Neu im Berichtsjahr' }).count()).toBe(1);
    await expect.poll(() => diff.locator('ins', { hasText: 'Beratungsstelle Kieferbach' }).count()).toBe(1);
    await expect.poll(() => page.getByText(/Anlage hinzugefügt: journey1-anlage-statistik\.pdf/).count()).toBe(1);
    await screenshot(page, 'journey1-05-verlauf');
    await page.getByRole('button', { name: 'Änderungen gegenüber dem Vorjahr' }).click();
    await diff.getByRole('heading', { name: 'Änderungen gegenüber dem Vorjahr' }).waitFor();
    await diff.locator('ins', { hasText: String(year) }).first().waitFor();
    await screenshot(page, 'journey1-06-vorjahr');

    // Vorschau & Export, printed for the Sozialausschuss's Sitzung.
    await page.getByRole('tab', { name: 'Vorschau & Export' }).click();
    const printedFor = page.getByLabel('Gedruckt für Sitzung');
    await expect.poll(async () => (await printedFor.locator('option:checked').textContent()) ?? '').toMatch(/^Sozialausschuss, \d{2}\.\d{2}\.\d{4}$/);
    const meetingDate = /(\d{2}\.\d{2}\.\d{4})/.exec((await printedFor.locator('option:checked').textContent())!)![1]!;
    const frame = page.frameLocator('[data-testid="vorschau"]');
    await frame.getByText('Neu im Berichtsjahr').waitFor({ timeout: 45_000 });
    await frame.getByText(`Zur Sitzung des Ausschusses für Soziales und Integration am ${meetingDate}`).waitFor({ timeout: 45_000 });
    await page.waitForTimeout(500);
    await screenshot(page, 'journey1-07-vorschau');
    expect(await seriousViolations(page, { exclude: ['[data-testid="vorschau"]'] })).toEqual([]);

    const docx = await download(/Als Word-Datei/, 'journey1-sachstand.docx');
    expect(path.basename(docx)).toBe('journey1-sachstand.docx');
    const zip = await JSZip.loadAsync(fs.readFileSync(docx));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('Neu im Berichtsjahr');
    expect(text).toContain('Beratungsstelle Kieferbach');
    expect(xml).toMatch(/<w:b\/>[\s\S]{0,400}Neu im Berichtsjahr/);
    expect(xml).toContain('<w:numPr>');

    const pdfOut = await download(/Als PDF/, 'journey1-sachstand.pdf');
    const bytes = fs.readFileSync(pdfOut);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const pdfText = execFileSync('pdftotext', ['-layout', pdfOut, '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('Neu im Berichtsjahr kamen zwei Beratungsstellen hinzu');
    expect(pdfText).toContain('Beratungsstelle Ahornstadt');
    expect(pdfText.replace(/\s+/g, ' ')).toContain(`Zur Sitzung des Ausschusses für Soziales und Integration am ${meetingDate}`);

    // Both exports are on record with their checksum.
    const history = await app.call<{ events: { action: string; details: { format?: string } }[] }>('vorlagen.history', { ref: reference });
    expect(history.events.filter((e) => e.action === 'export').map((e) => e.details.format).sort()).toEqual(['docx', 'pdf']);
    expect(problems.errors).toEqual([]);
  });
});
