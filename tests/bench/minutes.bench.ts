/**
 * Niederschrift of a Sitzung with 40 TOPs and 30 persons (issue 17): DOCX export and PDF
 * printed warm by Chromium, members variant (both parts). Prints one JSON object on the last
 * line of stdout (see scripts/bench.mjs).
 *
 * Baselines measured in the same run: the DOCX and the PDF (same warm Chromium) of the 10-page
 * Vorlage, so the ratios stay meaningful on a slower or busier machine.
 */
import { renderMinutesDocx } from '../../electron/core/export/docx/minutes.js';
import { renderPaperDocx } from '../../electron/core/export/docx/index.js';
import { renderPaperHtml } from '../../electron/core/export/html/index.js';
import { renderMinutesHtml } from '../../electron/core/export/html/minutes.js';
import { buildMinutesPrintModel } from '../../electron/core/export/minutes-model.js';
import { ChromiumPdfRenderer } from '../../electron/core/export/pdf/chromium-renderer.js';
import { tenPagePaperModel } from '../core/export/docx/musterkreis-fixture.js';
import { largeMinutesInput } from '../core/minutes/minutes-fixture.js';

const WARMUP = 3;
const RUNS = 15;
const DOCX_GOAL_MS = 150;
const PDF_GOAL_MS = 600;

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

const input = largeMinutesInput(40, 30);
const renderer = new ChromiumPdfRenderer();
let docxBytes = 0;
let pdfBytes = 0;
try {
  // Model building is part of every export: it is inside the timed functions.
  const docx = await time(async () => {
    docxBytes = (await renderMinutesDocx(buildMinutesPrintModel(input, 'members'))).byteLength;
  });
  const pdf = await time(async () => {
    pdfBytes = (await renderer.render(renderMinutesHtml(buildMinutesPrintModel(input, 'members')))).byteLength;
  });
  const paperModel = tenPagePaperModel();
  const paperDocx = await time(() => renderPaperDocx(paperModel));
  const paperHtml = renderPaperHtml(paperModel);
  const paperPdf = await time(() => renderer.render(paperHtml));
  console.log(
    JSON.stringify({
      fixture: 'Niederschrift, 40 TOPs, 30 persons (members variant)',
      runs: RUNS,
      docxExportMedianMs: round(docx),
      docxGoalMs: DOCX_GOAL_MS,
      docxMeetsGoal: docx <= DOCX_GOAL_MS,
      baselineVorlageDocxMedianMs: round(paperDocx),
      docxToVorlageDocxRatio: round(docx / paperDocx),
      pdfWarmMedianMs: round(pdf),
      pdfGoalMs: PDF_GOAL_MS,
      pdfMeetsGoal: pdf <= PDF_GOAL_MS,
      baselineVorlagePdfMedianMs: round(paperPdf),
      pdfToVorlagePdfRatio: round(pdf / paperPdf),
      docxBytes,
      pdfBytes,
    }),
  );
} finally {
  await renderer.close();
}
