import { resolve } from 'node:path';
import { sha256 } from '../../db/hash.js';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import type { AppContext } from '../../app-context.js';
import { recordExport } from '../../services/audit.js';

export interface WrittenExport {
  path: string;
  bytes: number;
  sha256: string;
}

/**
 * Writes an export atomically and records it as an AuditEvent with path, variant and SHA-256 —
 * only after the file is complete, so the history never names a file that does not exist.
 */
export async function writeExport(ctx: AppContext, bytes: Uint8Array, target: ExportTarget): Promise<WrittenExport> {
  await writeFileAtomic(resolve(target.path), bytes);
  return recordWrittenExport(ctx, { bytes: bytes.length, sha256: sha256(bytes) }, target);
}

interface ExportTarget {
  path: string;
  paperId?: number | null;
  meetingId?: number | null;
  format: string;
  variant?: string;
}

/** Records an export whose file is complete (written above, or atomically by the pack engine: a big pack, see PackJob.outputPath). */
export async function recordWrittenExport(ctx: AppContext, written: { bytes: number; sha256: string }, target: ExportTarget): Promise<WrittenExport> {
  const path = resolve(target.path);
  await recordExport(ctx, { paperId: target.paperId, meetingId: target.meetingId, format: target.format, variant: target.variant, path, sha256: written.sha256, bytes: written.bytes });
  return { path, bytes: written.bytes, sha256: written.sha256 };
}

/** The variant recorded for an export, e.g. "public" or "hausvorlage+public"; none for the plain one. */
export function exportVariant(...parts: (string | false | null | undefined)[]): { variant?: string } {
  const named = parts.filter((p): p is string => Boolean(p));
  return named.length ? { variant: named.join('+') } : {};
}
