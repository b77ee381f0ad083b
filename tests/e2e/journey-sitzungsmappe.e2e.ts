import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './helpers/axe.js';
import { SCREENSHOT_DIR, screenshot, type PageProblems } from './helpers/browser.js';
import { useAppPage } from './helpers/app-page.js';
import type { WebApp } from './helpers/web-app.js';

/**
 * Journey 2 (committee clerk): build the agenda of an upcoming Sitzung with a public and a
 * non-public TOP, then export the public and the members Sitzungsmappe and check both.
 */
const session = useAppPage();
let app: WebApp;
let page: Page;
let problems: PageProblems;

beforeAll(() => ({ app, page, problems } = session));

async function pdfPages(file: string): Promise<number> {
  return (await PDFDocument.load(fs.readFileSync(file), { ignoreEncryption: true })).getPageCount();
}

/** Creates a pack in the UI; returns the page count shown, the saved file and whether the bar appeared. */
async function createPack(variant: 'Öffentliche Fassung' | 'Fassung für Mitglieder', name: string) {
  await page.getByLabel(variant).check();
  await page.getByRole('button', { name: 'Sitzungsmappe erstellen' }).click();
  const bar = page.getByRole('progressbar', { name: 'Sitzungsmappe wird erstellt' });
  const barSeen = await bar.waitFor({ state: 'visible', timeout: 10_000 }).then(
    () => true,
    () => false,
  );
  // The preview of an earlier pack stays open while the next one is built: wait for this variant's.
  const preview = page.getByTestId('pack-preview');
  await preview.getByRole('heading', { name: `Vorschau: ${variant}` }).waitFor({ timeout: 150_000 });
  await page.waitForTimeout(800);
  await screenshot(page, `journey2-${name}-vorschau`);
  const shown = Number(/(\d+) Seiten/.exec((await page.getByTestId('pack-pages').textContent()) ?? '')?.[1]);
  const frameSrc = await preview.locator('iframe').getAttribute('src');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PDF speichern …' }).click()]);
  const target = path.join(SCREENSHOT_DIR, `journey2-${name}.pdf`);
  await download.saveAs(target);
  return { shown, barSeen, target, frameSrc, suggested: download.suggestedFilename() };
}

describe('Journey 2: Sitzungsmappe for an upcoming Sitzung', () => {
  it('builds the agenda with an Ö and an N TOP and exports both packs', async () => {
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor();
    await page.getByTestId('upcoming-meeting').first().waitFor();
    await screenshot(page, 'journey2-01-uebersicht');

    // The Kreisausschuss's next Sitzung, reached through the navigation as a clerk would.
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Gremien & Sitzungen' }).click();
    await page.getByRole('link', { name: /^Kreisausschuss/ }).click();
    await page.getByRole('heading', { name: 'Kreisausschuss', level: 2 }).waitFor();
    await page.getByTestId('meeting-row').first().getByRole('link').click();
    await page.getByRole('heading', { name: /22\. Sitzung des Kreisausschusses/ }).waitFor();
    const agendaBefore = await page.getByTestId('agenda-item').count();

    // Ö: a public Vorlage from the list.
    await page.getByLabel('Aus Vorlage').check();
    await page.getByLabel('Vorlagen filtern').fill('Sprachförderung');
    await page.getByTestId('top-paper').selectOption({ label: '50/011/2026 – Sprachförderung in Kindertageseinrichtungen' });
    await page.getByLabel('Zuständigkeit').selectOption('entscheidung');
    await page.getByRole('button', { name: 'Vorlage auf die Tagesordnung setzen' }).click();
    await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(agendaBefore + 1);

    // N: a non-public Vorlage, which goes to part B by itself.
    await page.getByLabel('Vorlagen filtern').fill('Sprachkursträger');
    await page.getByTestId('top-paper').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Vorlage auf die Tagesordnung setzen' }).click();
    await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(agendaBefore + 2);

    // N: a free-text TOP at the end of the non-public part.
    await page.getByLabel('Freier Text').check();
    await page.getByLabel('Titel', { exact: true }).fill('Personalangelegenheiten');
    await page.getByLabel('Nichtöffentlich (N)').check();
    await page.getByRole('button', { name: 'TOP hinzufügen' }).click();
    await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(agendaBefore + 3);

    const partA = page.getByRole('region', { name: 'A. Öffentlicher Teil' });
    const partB = page.getByRole('region', { name: 'B. Nichtöffentlicher Teil' });
    await expect.poll(() => partA.getByText('Sprachförderung in Kindertageseinrichtungen').count()).toBe(1);
    await expect.poll(() => partB.getByText('Personalangelegenheiten').count()).toBe(1);
    await expect.poll(() => partB.getByTestId('agenda-item').count()).toBe(2);

    // Keyboard reorder in part B: the free-text TOP moves up; numbers follow the print order.
    const numbersB = async () => partB.getByTestId('agenda-number').allTextContents();
    const before = await numbersB();
    await partB.getByRole('button', { name: `TOP ${before[1]} nach oben verschieben` }).click();
    await expect.poll(async () => (await partB.getByTestId('agenda-item').first().textContent()) ?? '').toContain('Personalangelegenheiten');
    // The new order shows at once, the numbers with the server's answer (stores/sitzung.ts applyOrder).
    await expect.poll(numbersB).toEqual(before);
    await page.getByRole('heading', { name: 'Tagesordnung', exact: true }).scrollIntoViewIfNeeded();
    await screenshot(page, 'journey2-02-tagesordnung');

    // Vorlagen that are not freigegeben keep the Sitzungsmappe from being built; the refusal names them.
    await page.getByLabel('Öffentliche Fassung').check();
    await page.getByRole('button', { name: 'Sitzungsmappe erstellen' }).click();
    await page.getByText(/wurde nicht erstellt: nicht freigegeben/).first().waitFor();
    await screenshot(page, 'journey2-03-nicht-freigegeben');
    // The author finishes the drafts, the Amtsleitung signs and releases them (through the API: the
    // Freigabe panel is still to come).
    const meetingId = Number(/#\/sitzungen\/(\d+)/.exec(page.url())![1]);
    const detail = await app.call<{ agenda: { paperId: number | null }[] }>('sitzungen.get', { id: meetingId });
    type Doc = { type: string; content?: unknown[] };
    const text = (t: string): Doc => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] });
    for (const { paperId } of detail.agenda) {
      if (paperId === null) continue;
      const state = await app.call<{ released: unknown; steps: { step: string; approval: unknown }[] }>('freigabe.get', { ref: paperId });
      if (state.released) continue;
      const paper = await app.call<{ revision: number; sections: Record<string, Doc | undefined> }>('vorlagen.get', { ref: paperId });
      const missing = ['vorbemerkungen', 'erlaeuterungen'].filter((key) => !paper.sections[key]?.content?.length);
      if (missing.length) {
        const sections = { ...paper.sections, ...Object.fromEntries(missing.map((key) => [key, text('Die Verwaltung berichtet in der Sitzung mündlich.')])) };
        await app.call('vorlagen.save', { id: paperId, expectedRevision: paper.revision, sections });
      }
      for (const s of state.steps) if (!s.approval) await app.call('freigabe.approve', { ref: paperId, step: s.step, by: 'Amtsleitung (E2E)' });
      await app.call('freigabe.release', { ref: paperId, by: 'Amtsleitung (E2E)' });
    }

    const pub = await createPack('Öffentliche Fassung', 'oeffentlich');
    const members = await createPack('Fassung für Mitglieder', 'mitglieder');

    expect(pub.barSeen).toBe(true);
    expect(members.barSeen).toBe(true);
    expect(pub.suggested).toMatch(/^Sitzungsmappe_Kreisausschuss_\d{4}-\d{2}-\d{2}_oeffentlich\.pdf$/);
    expect(members.suggested).toMatch(/^Sitzungsmappe_Kreisausschuss_\d{4}-\d{2}-\d{2}_Mitglieder\.pdf$/);
    expect(pub.frameSrc).toMatch(/^\/files\/[0-9a-f]{32}\?token=/);
    const pubPages = await pdfPages(pub.target);
    const memberPages = await pdfPages(members.target);
    expect(pubPages).toBe(pub.shown);
    expect(memberPages).toBe(members.shown);
    expect(memberPages).toBeGreaterThan(pubPages);

    // The public pack contains nothing of part B.
    const publicText = fs.readFileSync(pub.target).toString('latin1');
    expect(publicText).not.toContain('Personalangelegenheiten');

    // Einladung and Tagesordnung for the members as a Word file.
    const [invitation] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Einladung und Tagesordnung (Word) …' }).click()]);
    const docx = path.join(SCREENSHOT_DIR, 'journey2-einladung.docx');
    await invitation.saveAs(docx);
    expect(invitation.suggestedFilename()).toBe('Einladung-Tagesordnung.docx');
    expect(fs.readFileSync(docx).subarray(0, 2).toString('latin1')).toBe('PK');

    expect(problems.errors).toEqual([]);
  });

  it('has no serious accessibility problems on the Sitzung page with the preview open', async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });
});
