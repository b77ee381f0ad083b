/**
 * German labels of the schemas' enums, in a module without zod: the CLI prints them from commands
 * whose help and output must not load zod. Each schema module re-exports its labels typed by its
 * enum, so a missing value fails the typecheck there.
 */

/** Beratungsfolge: what a Gremium does with a Vorlage. */
export const CONSULTATION_ROLE_LABELS = {
  kenntnisnahme: 'Kenntnisnahme',
  vorberatung: 'Vorberatung',
  entscheidung: 'Entscheidung',
} as const;

export const MEETING_STATE_LABELS = {
  geplant: 'geplant',
  einberufen: 'einberufen',
  durchgefuehrt: 'durchgeführt',
  abgesagt: 'abgesagt',
} as const;

type MeetingStateShown = { state: keyof typeof MEETING_STATE_LABELS; minutesApproved?: boolean };

/**
 * The state a Sitzung shows: after "durchgeführt" comes "genehmigt" (its Niederschrift approved),
 * which the API reports beside the state (minutesApproved), not in it.
 */
export const shownMeetingState = (m: MeetingStateShown): keyof typeof MEETING_STATE_LABELS | 'genehmigt' =>
  m.minutesApproved && m.state === 'durchgefuehrt' ? 'genehmigt' : m.state;

/** A Sitzung's state as lists show it. */
export const meetingStateLabel = (m: MeetingStateShown): string => {
  const shown = shownMeetingState(m);
  return shown === 'genehmigt' ? 'Niederschrift genehmigt' : MEETING_STATE_LABELS[shown];
};

export const APPROVAL_STEP_LABELS = {
  amtsleitung: 'Amtsleitung',
  dezernat: 'Dezernat',
  kaemmerei: 'Kämmerei',
  rechtsamt: 'Rechtsamt',
} as const;

export const WORKFLOW_STATUS_LABELS = {
  entwurf: 'Entwurf',
  in_mitzeichnung: 'in Mitzeichnung',
  freigegeben: 'freigegeben',
  in_beratung: 'in Beratung',
  erledigt: 'erledigt',
} as const;

export const FOLLOW_UP_STAND_LABELS = {
  offen: 'offen',
  in_bearbeitung: 'in Bearbeitung',
  erledigt: 'erledigt',
  zurueckgestellt: 'zurückgestellt',
} as const;

/** Roles of team mode. */
export const USER_ROLE_LABELS = {
  sachbearbeitung: 'Sachbearbeitung',
  amtsleitung: 'Amtsleitung',
  sitzungsdienst: 'Sitzungsdienst',
  admin: 'Verwaltung (Admin)',
  lesen: 'Lesen',
} as const;
