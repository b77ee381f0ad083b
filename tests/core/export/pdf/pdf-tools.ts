import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Thin wrappers around poppler-utils and qpdf (installed from Debian in CI): tests check PDFs
 * with the same independent tools a user's viewer relies on, not with the library that wrote them.
 */
function withFile<T>(bytes: Uint8Array, fn: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'vw-pdftools-'));
  const path = join(dir, 'in.pdf');
  writeFileSync(path, bytes);
  try {
    return fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });

/** Text of the whole document, or of one page (1-based). */
export function pdfText(bytes: Uint8Array, page?: number): string {
  return withFile(bytes, (path) =>
    run('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', path, '-']).toString('utf8'),
  );
}

/** Text per page (pdftotext separates pages with a form feed). */
export function pdfPagesText(bytes: Uint8Array): string[] {
  const text = withFile(bytes, (path) => run('pdftotext', ['-layout', path, '-']).toString('utf8'));
  const pages = text.split('\f');
  if (pages.at(-1) === '') pages.pop();
  return pages;
}

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
}
export function pdfFonts(bytes: Uint8Array): FontRow[] {
  const out = withFile(bytes, (path) => run('pdffonts', [path]).toString('utf8'));
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      // Columns are fixed-width: name(37) type(18) encoding(17) emb sub uni …
      const name = line.slice(0, 37).trim();
      const type = line.slice(37, 55).trim();
      const emb = line.slice(72, 76).trim();
      return { name, type, embedded: emb === 'yes' };
    });
}

export function pdfInfo(bytes: Uint8Array): Record<string, string> {
  const out = withFile(bytes, (path) => run('pdfinfo', [path]).toString('utf8'));
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match) info[match[1]!] = match[2]!;
  }
  return info;
}

/** All objects decompressed and uncompressed (qpdf QDF mode), for byte-level leak checks. */
/** The XMP metadata packet as pdfinfo -meta prints it ('' when there is none). */
export function pdfInfoMeta(bytes: Uint8Array): string {
  return withFile(bytes, (path) => run('pdfinfo', ['-meta', path]).toString('utf8'));
}

export function qdfBytes(bytes: Uint8Array): Buffer {
  return withFile(bytes, (path) => run('qpdf', ['--qdf', '--object-streams=disable', path, '-']));
}

/** qpdf's structural check; throws with its output when the file is damaged. */
export function qpdfCheck(bytes: Uint8Array): string {
  return withFile(bytes, (path) => {
    try {
      return run('qpdf', ['--check', path]).toString('utf8');
    } catch (error) {
      const e = error as { status?: number; stdout?: Buffer; stderr?: Buffer };
      // Exit code 3 = warnings only; the file is usable.
      if (e.status === 3) return `${e.stdout}`;
      throw new Error(`qpdf --check failed: ${e.stdout}${e.stderr}`);
    }
  });
}

/** Words with their boxes per page, from pdftotext -bbox (points, origin top-left). */
export interface WordBox {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
export function pdfWordBoxes(bytes: Uint8Array): { width: number; height: number; words: WordBox[] }[] {
  const html = withFile(bytes, (path) => run('pdftotext', ['-bbox', path, '-']).toString('utf8'));
  const pages: { width: number; height: number; words: WordBox[] }[] = [];
  const re = /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const m of html.matchAll(re)) {
    if (m[1]) pages.push({ width: Number(m[1]), height: Number(m[2]), words: [] });
    else
      pages.at(-1)!.words.push({
        xMin: Number(m[3]),
        yMin: Number(m[4]),
        xMax: Number(m[5]),
        yMax: Number(m[6]),
        text: decodeEntities(m[7]!),
      });
  }
  return pages;
}

function decodeEntities(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
