import type { PaperStatus } from '@shared/schemas';

/** Badge colour per status: drafts neutral, in deliberation accent, done green. */
export const STATUS_CLASS: Record<PaperStatus, string> = { entwurf: '', in_beratung: 'badge-accent', erledigt: 'badge-ok', beschlossen: 'badge-ok' };
