// The floor under a cold `sitzung pack` (cli.bench.ts): a bare Node.js process that loads
// playwright-core, starts Chromium with the renderer's flags and prints the HTML documents the
// pack prints (the first Tagesordnung and the Vorlagen batches, tagged, two at a time as the pack
// does), then exits. No database, no Anlagen, no assembly, no second Tagesordnung: whatever the
// pack does beyond this is ours, this part is Chromium's.
// Usage: node print-floor.mjs <chromium> <flags as JSON> <html file> [<html file> …]
import { readFileSync } from 'node:fs';
import { createRequire, enableCompileCache } from 'node:module';

// As bin/vorlagenwerk.mjs does: the driver's compiled code kept between runs.
enableCompileCache(new URL('../../out/compile-cache', import.meta.url).pathname);
const [executablePath, flags, ...files] = process.argv.slice(2);
const documents = files.map((f) => readFileSync(f, 'utf8'));
const { chromium } = createRequire(import.meta.url)('playwright-core');
const browser = await chromium.launch({ executablePath, headless: true, args: JSON.parse(flags) });
const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
let next = 0;
const lane = async () => {
  const page = await context.newPage();
  while (next < documents.length) {
    await page.setContent(documents[next++], { waitUntil: 'load' });
    await page.pdf({ preferCSSPageSize: true, printBackground: true, format: 'A4', tagged: true, outline: false });
  }
};
await Promise.all([lane(), lane()]);
await browser.close();
