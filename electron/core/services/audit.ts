import type { AppContext } from '../context.js';

export function audit(ctx: AppContext, action: string, refs: { paperId?: number | null; meetingId?: number | null } = {}, details: Record<string, unknown> = {}) {
  return ctx.store.audit.record({ actor: ctx.actor, action, paperId: refs.paperId ?? null, meetingId: refs.meetingId ?? null, details, at: ctx.now().toISOString() });
}

/** Every export leaves a trace: which file, which variant, and the SHA-256 of what was written. */
export function recordExport(
  ctx: AppContext,
  e: { paperId?: number | null; meetingId?: number | null; format: string; variant?: string; path: string; sha256: string; bytes: number },
) {
  return audit(ctx, 'export', { paperId: e.paperId, meetingId: e.meetingId }, {
    format: e.format,
    variant: e.variant ?? null,
    path: e.path,
    sha256: e.sha256,
    bytes: e.bytes,
  });
}
