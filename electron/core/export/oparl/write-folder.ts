import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { invalid } from '../../../shared/errors.js';
import { isAtomicTempFile, writeFileAtomic } from '../../fs/atomic-write.js';
import type { OParlDocuments } from './build.js';
import { OPARL_FOLDERS, OPARL_LISTS } from './urls.js';

/** `sha256sum` format, so the Kreis can check a copied export with `sha256sum -c SHA256SUMS`. */
export const MANIFEST_NAME = 'SHA256SUMS';
const OWN_FILES = new Set(['system.json', ...OPARL_LISTS.map((n) => `${n}.json`), MANIFEST_NAME]);
const OWN_FOLDERS = new Set<string>(OPARL_FOLDERS);

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * The folder must be new, empty, or hold nothing but an earlier OParl export: then it is
 * overwritten, so the Kreis can repeat the export into the same place. Anything else is refused
 * rather than mixed with foreign files.
 */
function prepareFolder(dir: string): void {
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(dir);
  } catch {
    stat = null;
  }
  if (stat && !stat.isDirectory()) throw invalid(`„${dir}“ ist kein Ordner. Bitte geben Sie einen Ordner für den OParl-Export an.`);
  if (!stat) {
    fs.mkdirSync(dir, { recursive: true });
    return;
  }
  const foreign = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => {
    if (isAtomicTempFile(e.name)) return false;
    if (OWN_FOLDERS.has(e.name)) return !e.isDirectory();
    return !OWN_FILES.has(e.name) || !e.isFile();
  });
  if (foreign.length) {
    throw invalid(
      `Der Ordner „${dir}“ ist nicht leer und enthält nicht nur einen früheren OParl-Export (z. B. „${foreign[0]!.name}“). ` +
        'Bitte wählen Sie einen leeren oder neuen Ordner.',
    );
  }
}

/**
 * Removes from the export's folders everything this export does not write again — the bytes of
 * an Anlage withdrawn or made non-public since the last export must not stay published (its
 * JSON becomes a tombstone) — and leftovers of killed writers. Runs before anything new is
 * written, so a failure later cannot leave a withdrawn file behind.
 */
function removeStale(dir: string, keep: ReadonlySet<string>): void {
  for (const name of fs.readdirSync(dir)) if (isAtomicTempFile(name)) fs.rmSync(path.join(dir, name), { force: true });
  const walk = (relative: string): boolean => {
    const absolute = path.join(dir, relative);
    let empty = true;
    for (const entry of fs.readdirSync(absolute, { withFileTypes: true })) {
      const rel = `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (walk(rel)) fs.rmdirSync(path.join(dir, rel));
        else empty = false;
      } else if (keep.has(rel)) {
        empty = false;
      } else {
        fs.rmSync(path.join(dir, rel), { force: true });
      }
    }
    return empty;
  };
  for (const folder of OWN_FOLDERS) if (fs.existsSync(path.join(dir, folder))) walk(folder);
}

function sameContent(file: string, content: string | Buffer): boolean {
  const wanted = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  try {
    const st = fs.lstatSync(file);
    return st.isFile() && st.size === wanted.length && fs.readFileSync(file).equals(wanted);
  } catch {
    return false;
  }
}

/**
 * Writes the export: Anlagen, the JSON files, and last the manifest, each file atomically.
 * Returns the manifest's SHA-256 and size, which the audit trail records.
 */
export async function writeOParlFolder(dir: string, docs: OParlDocuments, objects: ReadonlyMap<string, unknown>): Promise<{ sha256: string; bytes: number }> {
  prepareFolder(dir);
  removeStale(dir, new Set([...docs.files.keys(), ...objects.keys()]));
  const written: [string, string][] = [];
  for (const [rel, read] of docs.files) {
    const data = await read();
    const target = path.join(dir, ...rel.split('/'));
    if (!sameContent(target, data)) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      await writeFileAtomic(target, data);
    }
    written.push([rel, sha256(data)]);
  }
  // Every object at the path of its id (the System at system.json), then the lists.
  const json: [string, unknown][] = [...objects, ...OPARL_LISTS.map((n) => [`${n}.json`, docs.lists[n]] as [string, unknown])];
  for (const [rel, value] of json) {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    const target = path.join(dir, ...rel.split('/'));
    // An object that did not change keeps its file (and its date: caches and rsync skip it).
    if (!sameContent(target, text)) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      await writeFileAtomic(target, text);
    }
    written.push([rel, sha256(text)]);
  }
  const manifest = written
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([rel, hash]) => `${hash}  ${rel}\n`)
    .join('');
  await writeFileAtomic(path.join(dir, MANIFEST_NAME), manifest);
  return { sha256: sha256(manifest), bytes: Buffer.byteLength(manifest) };
}
