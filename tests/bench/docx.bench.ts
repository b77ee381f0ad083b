/**
 * DOCX export and HTML render time of a 10-page Vorlage (LibreOffice and Chromium both print the
 * fixture on 10 pages; tests/core/export/docx/paper-docx.test.ts checks that for LibreOffice).
 * Prints one JSON object on the last line of stdout (see scripts/bench.mjs).
 *
 * Baselines, measured in the same run, so a slower or busier machine shows in both numbers and
 * the ratios stay meaningful: JSON.stringify of the same print model, and the DOCX export of an
 * empty Vorlage (the fixed cost of styles, lists, headers, packing).
 */
import { renderPaperDocx } from '../../electron/core/export/docx/index.js';
import { renderPaperHtml } from '../../electron/core/export/html/index.js';
import { musterkreisPaperModel, tenPagePaperModel } from '../core/export/docx/musterkreis-fixture.js';

const WARMUP = 5;
const RUNS = 31;
const GOAL_MS = 50;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const round = (n: number) => Math.round(n * 1000) / 1000;

async function time(fn: () => unknown | Promise<unknown>, runs = RUNS): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

const model = tenPagePaperModel();
const empty = musterkreisPaperModel({ sections: [], attachments: [] });
let docxBytes = 0;
let htmlChars = 0;
const baseline = await time(() => JSON.stringify(model));
const emptyDocx = await time(() => renderPaperDocx(empty));
const docx = await time(async () => {
  docxBytes = (await renderPaperDocx(model)).byteLength;
});
const html = await time(() => {
  htmlChars = renderPaperHtml(model).length;
});

console.log(
  JSON.stringify({
    fixture: '10-page Vorlage (Musterkreis)',
    runs: RUNS,
    docxExportMedianMs: round(docx),
    docxGoalMs: GOAL_MS,
    docxMeetsGoal: docx <= GOAL_MS,
    htmlRenderMedianMs: round(html),
    baselineJsonStringifyMedianMs: round(baseline),
    baselineEmptyDocxMedianMs: round(emptyDocx),
    docxToBaselineRatio: round(docx / baseline),
    docxToEmptyDocxRatio: round(docx / emptyDocx),
    htmlToBaselineRatio: round(html / baseline),
    docxBytes,
    htmlChars,
  }),
);
