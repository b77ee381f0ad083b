import type { Db } from '../db/sqlite-db.js';
import type { Doc } from '../../shared/document.js';
import { docToPlainText } from '../../shared/plain-text.js';

/**
 * SQL functions the search triggers call (migrations/sqlite/002_search.sql). They live on the
 * connection, so every connection that writes Vorlagen, TOPs or Anlagen must register them —
 * openDatabase does. The index then stays in step inside the writing transaction whichever code
 * path writes (API, bundle import, demo).
 */
export function registerSearchFunctions(db: Db): void {
  db.function('vw_plain_text', { deterministic: true }, (json: unknown) => (typeof json === 'string' ? storedJsonToText(json) : ''));
}

/**
 * Text of a stored document column: either one document (minutes) or a record of section
 * documents (a Vorlage's sections), in stored key order. Never throws: a damaged value must not
 * block saving, so it falls back to every "text" string it can find.
 */
export function storedJsonToText(json: string): string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return '';
  }
  if (!value || typeof value !== 'object') return '';
  const docs = isDoc(value) ? [value] : Object.values(value as Record<string, unknown>).filter(isDoc);
  return docs.map(docText).filter((t) => t.length > 0).join('\n\n');
}

const isDoc = (v: unknown): v is Doc => !!v && typeof v === 'object' && (v as { type?: unknown }).type === 'doc' && Array.isArray((v as { content?: unknown }).content);

function docText(doc: Doc): string {
  try {
    return docToPlainText(doc);
  } catch {
    const texts: string[] = [];
    JSON.stringify(doc, (key, v: unknown) => {
      if (key === 'text' && typeof v === 'string') texts.push(v);
      return v;
    });
    return texts.join(' ');
  }
}
