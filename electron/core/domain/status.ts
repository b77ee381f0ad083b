import type { PaperStatus } from '../../shared/schemas.js';

export interface ConsultationProgress {
  total: number;
  scheduled: number;
  withResult: number;
  resolved: number;
}

/**
 * A Vorlage's status follows from its Beratungsfolge and is never stored: a draft until a
 * committee has it on an agenda, "in Beratung" until every Beratung has a result, then
 * "beschlossen" if a committee decided on it, else "erledigt".
 */
export function paperStatus(p: ConsultationProgress): PaperStatus {
  if (p.scheduled === 0 && p.withResult === 0) return 'entwurf';
  if (p.withResult < p.total) return 'in_beratung';
  return p.resolved > 0 ? 'beschlossen' : 'erledigt';
}

export const STATUS_LABELS: Record<PaperStatus, string> = {
  entwurf: 'Entwurf',
  in_beratung: 'in Beratung',
  erledigt: 'erledigt',
  beschlossen: 'beschlossen',
};

/** Results that count as a decision taken (as opposed to noted, postponed or withdrawn). */
export const isResolution = (result: string) => /beschlossen/i.test(result) && !/nicht beschlossen/i.test(result);
