import type { Meeting } from '@shared/schemas';
import { formatDate, formatTime, toLocalDateTime } from '../../format';

/** "16.03.2025, 15:00 Uhr (12. Sitzung)": how a Sitzung is named in selects. */
export function meetingLabel(m: Pick<Meeting, 'start' | 'number'>): string {
  return `${formatDate(m.start)}, ${formatTime(m.start)}${m.number ? ` (${m.number}. Sitzung)` : ''}`;
}

/** Sitzungen a Vorlage can still be put on: planned or convened, not in the past. */
export function openMeetings(list: Meeting[], now = new Date()): Meeting[] {
  const today = toLocalDateTime(new Date(now.getFullYear(), now.getMonth(), now.getDate()));
  return list.filter((m) => m.start >= today && (m.state === 'geplant' || m.state === 'einberufen'));
}
