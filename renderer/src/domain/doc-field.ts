import type { MinutesInputSchema } from '@shared/api/beratung';
import type { Doc } from '@shared/document';
import { docToPlainText } from '@shared/plain-text';
import type { z } from 'zod';

/**
 * A stored document edited in a plain text field (Markdown in, the document model stored): the
 * field shows the stored text; left untouched, the stored document goes back as it was, so its
 * formatting survives a save of the other fields; edited, the new text goes as Markdown; emptied,
 * it is removed.
 */
export interface DocField {
  stored: Doc | null;
  /** What the field showed when the document was loaded. */
  shown: string;
}

export const docField = (stored: Doc | null): DocField => ({ stored, shown: stored ? docToPlainText(stored) : '' });

export function docFieldInput(field: DocField, text: string): z.infer<typeof MinutesInputSchema> | null {
  if (!text.trim()) return null;
  if (field.stored && text === field.shown) return { format: 'doc', doc: field.stored };
  return { format: 'markdown', text };
}
