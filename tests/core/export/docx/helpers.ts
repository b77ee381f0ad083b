import JSZip from 'jszip';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Converts an office file with LibreOffice headless (fresh user profile per call, so parallel
 * runs do not clash) and returns the PDF and its text (pdftotext -layout: visual line order,
 * the columns of a line joined by single spaces).
 */
export async function convertWithLibreOffice(bytes: Uint8Array, name = 'dokument.docx', to = 'pdf'): Promise<{ dir: string; out: string; text: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'vw-lo-'));
  const profile = join(dir, 'profile');
  const input = join(dir, name);
  await writeFile(input, bytes);
  await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', to, '--outdir', join(dir, 'out'), input], {
    timeout: 120_000,
  });
  const out = join(dir, 'out', name.replace(/\.[^.]+$/, `.${to.split(':')[0]}`));
  let text = '';
  if (to === 'pdf') {
    // Visual line order; columns of a line joined by single spaces.
    const layout = (await run('pdftotext', ['-layout', '-enc', 'UTF-8', out, '-'], { maxBuffer: 32 * 1024 * 1024 })).stdout;
    text = layout
      .split('\n')
      .map((line) => line.replace(/\s{2,}/g, ' ').trim())
      .filter(Boolean)
      .join('\n');
  }
  return { dir, out, text, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function pdfPageCount(pdf: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [pdf]);
  return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
}

/** Asserts that `parts` occur in `text` in this order; returns the positions. */
export function positionsInOrder(text: string, parts: (string | RegExp)[]): number[] {
  const positions: number[] = [];
  let from = 0;
  for (const part of parts) {
    let at = -1;
    let length = 0;
    if (typeof part === 'string') {
      at = text.indexOf(part, from);
      length = part.length;
    } else {
      const re = new RegExp(part.source, part.flags.includes('g') ? part.flags : part.flags + 'g');
      re.lastIndex = from;
      const m = re.exec(text);
      if (m) {
        at = m.index;
        length = m[0].length;
      }
    }
    if (at < 0) throw new Error(`"${String(part)}" not found after position ${from} in:\n${text.slice(Math.max(0, from - 200), from + 400)}`);
    positions.push(at);
    from = at + length;
  }
  return positions;
}

/**
 * What Word checks before offering to repair a file: every XML part is well-formed, every
 * internal relationship points to an existing part, every part has a content type.
 */
export async function docxPackageProblems(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const problems: string[] = [];
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  const parse = (xml: string, name: string) => {
    for (const e of xmlWellFormednessErrors(xml)) problems.push(`${name}: ${e}`);
    return xml;
  };
  const types = parse(await zip.file('[Content_Types].xml')!.async('string'), '[Content_Types].xml');
  const defaults = new Set([...types.matchAll(/<Default\b[^>]*\bExtension="([^"]+)"/g)].map((m) => m[1]!.toLowerCase()));
  const overrides = new Set([...types.matchAll(/<Override\b[^>]*\bPartName="([^"]+)"/g)].map((m) => m[1]!));
  for (const name of names) {
    if (name === '[Content_Types].xml') continue;
    const ext = name.split('.').pop()!.toLowerCase();
    if (!defaults.has(ext) && !overrides.has(`/${name}`)) problems.push(`${name}: no content type`);
    if (ext === 'xml' || ext === 'rels') {
      const doc = parse(await zip.file(name)!.async('string'), name);
      if (ext === 'rels') {
        const base = name.replace(/_rels\/[^/]*\.rels$/, '');
        for (const [rel] of doc.matchAll(/<Relationship\b[^>]*>/g)) {
          const attr = (n: string) => new RegExp(`\\b${n}="([^"]*)"`).exec(rel)?.[1];
          if (attr('TargetMode') === 'External') continue;
          const target = attr('Target')!;
          const path = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(base, target));
          if (!zip.file(path)) problems.push(`${name}: relationship ${attr('Id')} → missing part ${path}`);
        }
      }
    }
  }
  return problems;
}

export async function docxPart(bytes: Uint8Array, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file(name);
  if (!file) throw new Error(`${name} missing`);
  return file.async('string');
}

export const readBytes = (path: string) => readFile(path);

/**
 * A strict well-formedness check (what makes Word refuse or "repair" a part): balanced tags,
 * quoted attributes, known entities only, no characters that XML 1.0 forbids.
 */
export function xmlWellFormednessErrors(xml: string): string[] {
  const errors: string[] = [];
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(xml)) errors.push('character not allowed in XML');
  const body = xml.replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  const stack: string[] = [];
  let roots = 0;
  const token = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g;
  for (const m of body.matchAll(token)) {
    if (m[0] === '<') {
      errors.push(`malformed tag at ${m.index}`);
      continue;
    }
    if (m[0] === '&') {
      errors.push(`bad entity at ${m.index}`);
      continue;
    }
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (open !== name) errors.push(`</${name}> closes <${open ?? ''}>`);
    } else if (!selfClosing) {
      if (!stack.length) roots++;
      stack.push(name!);
    } else if (!stack.length) roots++;
  }
  if (stack.length) errors.push(`unclosed <${stack[stack.length - 1]}>`);
  if (roots !== 1) errors.push(`${roots} root elements`);
  return errors;
}

/**
 * Converts several office files to PDF in one LibreOffice run (one start-up instead of one per
 * file: CI time) and returns each PDF's bytes by input name.
 */
export async function convertManyWithLibreOffice(files: Record<string, Uint8Array>): Promise<Record<string, Buffer>> {
  const dir = await mkdtemp(join(tmpdir(), 'vw-lo-'));
  try {
    const inputs = await Promise.all(
      Object.entries(files).map(async ([name, bytes]) => {
        await writeFile(join(dir, name), bytes);
        return join(dir, name);
      }),
    );
    await run('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', join(dir, 'out'), ...inputs], {
      timeout: 240_000,
    });
    const out: Record<string, Buffer> = {};
    for (const name of Object.keys(files)) out[name] = await readFile(join(dir, 'out', name.replace(/\.[^.]+$/, '.pdf')));
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
