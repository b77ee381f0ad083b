import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../../db/hash.js';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import { checkLetterheadIsolated } from '../../document/docx-isolated.js';
import { checkLetterhead } from './letterhead.js';

/**
 * The Body's registered Word letterhead (Hausvorlage), kept next to the database:
 * `<dataDir>/hausvorlage/briefkopf.docx`, plus its original file name in `briefkopf.json`.
 * (Like the user templates in `<dataDir>/templates`, it is a file the Body may also replace by hand.)
 */
export const letterheadDir = (dataDir: string) => join(dataDir, 'hausvorlage');
const docxPath = (dataDir: string) => join(letterheadDir(dataDir), 'briefkopf.docx');
const metaPath = (dataDir: string) => join(letterheadDir(dataDir), 'briefkopf.json');

export interface LetterheadInfo {
  registered: boolean;
  fileName: string | null;
  sha256: string | null;
  bytes: number | null;
  placeholders: string[];
}

const NONE: LetterheadInfo = { registered: false, fileName: null, sha256: null, bytes: null, placeholders: [] };

/** The registered letterhead's bytes, or null. */
export function readLetterhead(dataDir: string): Uint8Array | null {
  const path = docxPath(dataDir);
  return existsSync(path) ? readFileSync(path) : null;
}

export async function letterheadInfo(dataDir: string): Promise<LetterheadInfo> {
  const bytes = readLetterhead(dataDir);
  if (!bytes) return NONE;
  let fileName = 'briefkopf.docx';
  try {
    const meta = JSON.parse(readFileSync(metaPath(dataDir), 'utf8')) as { fileName?: unknown };
    if (typeof meta.fileName === 'string') fileName = meta.fileName;
  } catch {
    // No or unreadable metadata: the file name is all it holds.
  }
  return { registered: true, fileName, sha256: sha256(bytes), bytes: bytes.byteLength, placeholders: await checkLetterhead(bytes) };
}

/** Checks and stores a letterhead; an unusable file is rejected before anything is written. */
export async function saveLetterhead(dataDir: string, fileName: string, bytes: Uint8Array): Promise<LetterheadInfo> {
  // An upload: parsed in a worker with a heap limit, so a crafted file cannot take the app down.
  const placeholders = await checkLetterheadIsolated(bytes);
  mkdirSync(letterheadDir(dataDir), { recursive: true });
  await writeFileAtomic(docxPath(dataDir), bytes);
  await writeFileAtomic(metaPath(dataDir), JSON.stringify({ fileName }, null, 2));
  return { registered: true, fileName, sha256: sha256(bytes), bytes: bytes.byteLength, placeholders };
}

export function removeLetterhead(dataDir: string): boolean {
  const existed = existsSync(docxPath(dataDir));
  rmSync(docxPath(dataDir), { force: true });
  rmSync(metaPath(dataDir), { force: true });
  return existed;
}
