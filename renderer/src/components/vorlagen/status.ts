import type { PaperStatus } from '@shared/schemas';

/** Badge colour per status: drafts neutral, in deliberation accent, done green. */
export const STATUS_CLASS: Record<PaperStatus, string> = { entwurf: '', in_beratung: 'badge-accent', erledigt: 'badge-ok', beschlossen: 'badge-ok' };

/**
 * The editor's header also knows two Freigabe stages of a draft from its Freigabe state (the
 * stored status knows only the Beratung). Not filters of the list: kept apart from STATUS_CLASS.
 */
export type BadgeStatus = PaperStatus | 'in_mitzeichnung' | 'freigegeben';
export const BADGE_CLASS: Record<BadgeStatus, string> = { ...STATUS_CLASS, in_mitzeichnung: '', freigegeben: 'badge-ok' };
