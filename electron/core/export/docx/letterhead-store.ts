import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../../db/hash.js';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import { checkLetterheadIsolated } from '../../document/docx-isolated.js';
import { checkLetterhead } from './letterhead.js';

/**
 * The Body's registered Word letterhead (Hausvorlage), kept in the shared folder (AppContext.sharedDir:
 * the data folder, or the storage folder of the team server instances):
 * `<sharedDir>/hausvorlage/briefkopf.docx`, plus its original file name in `briefkopf.json`.
 * (Like the user templates in `<sharedDir>/templates`, it is a file the Body may also replace by hand.)
 */
export const letterheadDir = (sharedDir: string) => join(sharedDir, 'hausvorlage');
const docxPath = (sharedDir: string) => join(letterheadDir(sharedDir), 'briefkopf.docx');
const metaPath = (sharedDir: string) => join(letterheadDir(sharedDir), 'briefkopf.json');

export interface LetterheadInfo {
  registered: boolean;
  fileName: string | null;
  sha256: string | null;
  bytes: number | null;
  placeholders: string[];
}

const NONE: LetterheadInfo = { registered: false, fileName: null, sha256: null, bytes: null, placeholders: [] };

/** The registered letterhead's bytes, or null. */
export function readLetterhead(sharedDir: string): Uint8Array | null {
  const path = docxPath(sharedDir);
  return existsSync(path) ? readFileSync(path) : null;
}

export async function letterheadInfo(sharedDir: string): Promise<LetterheadInfo> {
  const bytes = readLetterhead(sharedDir);
  if (!bytes) return NONE;
  let fileName = 'briefkopf.docx';
  try {
    const meta = JSON.parse(readFileSync(metaPath(sharedDir), 'utf8')) as { fileName?: unknown };
    if (typeof meta.fileName === 'string') fileName = meta.fileName;
  } catch {
    // No or unreadable metadata: the file name is all it holds.
  }
  return { registered: true, fileName, sha256: sha256(bytes), bytes: bytes.byteLength, placeholders: await checkLetterhead(bytes) };
}

/** Checks and stores a letterhead; an unusable file is rejected before anything is written. */
export async function saveLetterhead(sharedDir: string, fileName: string, bytes: Uint8Array): Promise<LetterheadInfo> {
  // An upload: parsed in a worker with a heap limit, so a crafted file cannot take the app down.
  const placeholders = await checkLetterheadIsolated(bytes);
  mkdirSync(letterheadDir(sharedDir), { recursive: true });
  await writeFileAtomic(docxPath(sharedDir), bytes);
  await writeFileAtomic(metaPath(sharedDir), JSON.stringify({ fileName }, null, 2));
  return { registered: true, fileName, sha256: sha256(bytes), bytes: bytes.byteLength, placeholders };
}

export function removeLetterhead(sharedDir: string): boolean {
  const existed = existsSync(docxPath(sharedDir));
  rmSync(docxPath(sharedDir), { force: true });
  rmSync(metaPath(sharedDir), { force: true });
  return existed;
}
