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

/** A Sitzung's state as lists show it: after "durchgeführt" comes "Niederschrift genehmigt". */
export const meetingStateLabel = (m: { state: keyof typeof MEETING_STATE_LABELS; minutesApproved: boolean }): string =>
  m.minutesApproved && m.state === 'durchgefuehrt' ? 'Niederschrift genehmigt' : MEETING_STATE_LABELS[m.state];

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
