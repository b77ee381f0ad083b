/**
 * Word import of oversized and large files (issue 15.15): every .docx is accepted or refused
 * within 3 s and 300 MB RSS. Each case runs in a child process of its own that only reads the
 * prepared file and imports it (the worker included), so its peak RSS is the import's alone.
 * The child is this file bundled as the app's server is bundled (scripts/build-web.mjs), so the
 * import starts the built docx-worker.js as the app does, not the TypeScript sources under tsx
 * (which alone cost 3.5–4 s per worker start).
 * Prints one JSON object on the last line of stdout (see scripts/bench.mjs).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { bigDocx } from '../core/reliability/helpers/big-docx.js';

const GOAL_MS = 3_000;
const GOAL_RSS_MB = 300;

if (process.argv[2] === '--case') {
  const { docxToDocIsolated } = await import('../../electron/core/document/docx-isolated.js');
  const bytes = readFileSync(process.argv[3]!);
  const t0 = performance.now();
  const outcome = await docxToDocIsolated(bytes).then(
    (r) => `angenommen (${r.doc.content.length} Blöcke)`,
    (e: unknown) => `abgelehnt: ${(e as Error).message}`,
  );
  const ms = performance.now() - t0;
  process.stdout.write(`${JSON.stringify({ ms: Math.round(ms), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), outcome })}\n`);
  process.exit(0);
}

async function ordinary(paragraphs: number): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(await bigDocx(0));
  const p = `<w:p><w:r><w:rPr><w:rFonts w:ascii="Arial"/><w:sz w:val="24"/></w:rPr><w:t xml:space="preserve">${'Satz über die Sprachförderung im Musterkreis. '.repeat(10)}</w:t></w:r></w:p>`;
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${p.repeat(paragraphs)}<w:sectPr/></w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

async function buildBench(): Promise<string> {
  // @ts-expect-error: a plain ES module of the launcher scripts, without type declarations.
  const { bundleForNode } = (await import('../../scripts/build-web.mjs')) as { bundleForNode: (name: string, entry: string, outdir: string) => Promise<string> };
  const outdir = path.join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'vorlagenwerk-bench-docx');
  return bundleForNode('docx-import-size.bench', 'tests/bench/docx-import-size.bench.ts', outdir);
}

const built = await buildBench();
const dir = mkdtempSync(path.join(tmpdir(), 'vw-bench-docx-size-'));
const cases: Record<string, () => Promise<Uint8Array>> = {
  'document.xml 10 MB': () => bigDocx(10),
  'document.xml 60 MB': () => bigDocx(60),
  'document.xml 190 MB': () => bigDocx(190),
  'Vorlage 1 000 Absätze': () => ordinary(1_000),
  'Vorlage 4 000 Absätze': () => ordinary(4_000),
};
const results: Record<string, unknown> = {};
try {
  for (const [name, make] of Object.entries(cases)) {
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.docx`);
    writeFileSync(file, await make());
    const run = spawnSync(process.execPath, [built, '--case', file], { encoding: 'utf8' });
    const r = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { ms: number; peakRssMb: number; outcome: string };
    results[name] = { ...r, withinGoal: r.ms <= GOAL_MS && r.peakRssMb <= GOAL_RSS_MB };
    process.stderr.write(`  ${name}: ${r.ms} ms, ${r.peakRssMb} MB RSS, ${r.outcome.slice(0, 90)}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify({ goalMs: GOAL_MS, goalRssMb: GOAL_RSS_MB, cases: results })}\n`);
