import type { Meeting } from '@shared/schemas';

/**
 * The state key a Sitzung shows (common.sitzungStatus): after "durchgeführt" comes "Niederschrift
 * genehmigt", which the API reports beside the state (MeetingListItemSchema), not in it.
 */
export const displayState = (m: Pick<Meeting, 'state'> & { minutesApproved?: boolean }) =>
  m.minutesApproved && m.state === 'durchgefuehrt' ? 'genehmigt' : m.state;
