/**
 * UI benchmark in web mode, in Debian's Chromium:
 *  - Vorlagen list first paint with 20 000 Vorlagen (goal ≤ 300 ms): from navigation start of a
 *    page load at #/vorlagen until the first list rows are in the DOM. Baseline: the same page
 *    load of a view without data (the shell with the "not found" page), measured alike.
 *  - Autosave round trip (goal ≤ 50 ms): vorlagen.save with a changed section, as the editor
 *    sends it, from the page over HTTP until the answer is parsed. Baseline: a no-op API call
 *    (koerperschaft.get) over the same path.
 * Prints one JSON object as the last stdout line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp } from '../../electron/core/app-context.js';
import { launchChromium, newAppPage } from '../e2e/helpers/browser.js';
import { startWebApp } from '../e2e/helpers/web-app.js';
import { buildCorpus } from './search-corpus.js';

const VORLAGEN = Number(process.env.VW_BENCH_VORLAGEN ?? 20_000);
const PAINT_RUNS = 9;
const SAVE_RUNS = 60;

const log = (message: string) => process.stderr.write(`${message}\n`);
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (n: number) => Math.round(n * 10) / 10;
  return { median: round(at(0.5)), p95: round(at(0.95)), min: round(sorted[0]!), runs: values.length };
};

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vw-bench-ui-'));
  const started = Date.now();
  const ctx = await openApp({ dataDir, actor: 'bench' });
  const corpus = buildCorpus(ctx.db, { papers: VORLAGEN, agendaItems: 2_000 });
  await ctx.close();
  log(`${VORLAGEN} Vorlagen erzeugt in ${Date.now() - started} ms`);

  const app = await startWebApp({ dataDir, demo: false });
  const browser = await launchChromium();
  try {
    const { page } = await newAppPage(browser);
    // Reports the time from navigation start until a selector first matches, per page load.
    await page.addInitScript(`(() => {
      window.__firstSeen = {};
      const selectors = ['[data-testid="vorlage-row"]', 'main h1'];
      function check() {
        for (const s of selectors) if (!(s in window.__firstSeen) && document.querySelector(s)) window.__firstSeen[s] = performance.now();
      }
      new MutationObserver(check).observe(document, { childList: true, subtree: true });
    })()`);
    // First load stores the token for the tab and warms the HTTP cache, as an opened app would be.
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor();

    const loadUntil = async (hash: string, selector: string) => {
      await page.goto('about:blank');
      await page.goto(`${app.origin}/${hash}`);
      await page.waitForSelector(selector, { timeout: 30_000 });
      return (await page.evaluate(`window.__firstSeen[${JSON.stringify(selector)}]`)) as number;
    };

    const listPaint: number[] = [];
    const shellPaint: number[] = [];
    for (let i = 0; i < PAINT_RUNS; i++) {
      shellPaint.push(await loadUntil('#/gibt-es-nicht', 'main h1'));
      listPaint.push(await loadUntil('#/vorlagen', '[data-testid="vorlage-row"]'));
    }
    const rowsShown = await page.locator('[data-testid="vorlage-row"]').count();
    const rowCount = await page.locator('[role="table"]').first().getAttribute('aria-rowcount');
    log(`Liste: ${rowsShown} Zeilen im DOM, aria-rowcount ${rowCount}`);

    // Autosave round trip, from the page, with the token the app uses.
    const paperId = corpus.paperIds[Math.floor(corpus.paperIds.length / 2)]!;
    // Written as source text: tsx would wrap named functions in a helper the page does not have.
    const timings = (await page.evaluate(`(async ({ paperId, runs }) => {
      const token = sessionStorage.getItem('vorlagenwerk.token');
      async function post(method, body) {
        const res = await fetch('/api/' + method, { method: 'POST', headers: { 'content-type': 'application/json', 'x-vorlagenwerk-token': token }, body: JSON.stringify(body) });
        const json = await res.json();
        if (!json.ok) throw new Error(method + ': ' + json.error.message);
        return json.result;
      }
      const paper = await post('vorlagen.get', { ref: paperId });
      let revision = paper.revision;
      const base = paper.sections.erlaeuterungen;
      const save = [];
      const noop = [];
      for (let i = 0; i < runs; i++) {
        const extra = { type: 'paragraph', content: [{ type: 'text', text: 'Ergänzung ' + i + ': Die Beratungsstellen melden steigende Nachfrage.' }] };
        const sections = { ...paper.sections, erlaeuterungen: { ...base, content: [...base.content, extra] } };
        let t = performance.now();
        const result = await post('vorlagen.save', { id: paperId, expectedRevision: revision, sections });
        save.push(performance.now() - t);
        revision = result.revision;
        t = performance.now();
        await post('koerperschaft.get', {});
        noop.push(performance.now() - t);
      }
      return { save, noop, revisions: revision };
    })(${JSON.stringify({ paperId, runs: SAVE_RUNS })})`)) as { save: number[]; noop: number[]; revisions: number };

    const result = {
      benchmark: 'ui',
      vorlagen: VORLAGEN,
      listFirstPaintMs: stats(listPaint),
      baselineShellPaintMs: stats(shellPaint),
      autosaveRoundTripMs: stats(timings.save),
      baselineNoopCallMs: stats(timings.noop),
      goals: { listFirstPaintMs: 300, autosaveRoundTripMs: 50 },
      met: { listFirstPaint: stats(listPaint).median <= 300, autosaveRoundTrip: stats(timings.save).median <= 50 },
      notes: `Chromium ${browser.version()}, ${os.cpus().length} CPUs; autosave wrote revisions up to ${timings.revisions}`,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await browser.close();
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error)?.stack ?? error}\n`);
  process.stdout.write(`${JSON.stringify({ benchmark: 'ui', error: String((error as Error)?.message ?? error) })}\n`);
  process.exit(1);
});
