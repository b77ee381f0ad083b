import type { Membership, Person } from '../../../shared/persons.js';
import type { AgendaItem, Attachment, Body, Committee, Consultation, Department, Meeting, PaperSummary } from '../../../shared/schemas.js';
import type { Store } from '../../db/repositories/types.js';
import { mapInOrder } from '../../map-in-order.js';

export interface PublicMeeting {
  meeting: Meeting;
  /** Public TOPs only, in print order. */
  items: AgendaItem[];
  /** Persons present (status anwesend), as the public Niederschrift lists them. */
  participants: number[];
  /** The Niederschrift is approved: only then is its public part published (resultsProtocol). */
  minutesApproved: boolean;
}

export interface PublicPaper {
  paper: PaperSummary;
  /** The whole Beratungsfolge: it is printed on the public Vorlage itself. */
  consultations: Consultation[];
  /** Public Anlagen only. */
  attachments: Attachment[];
}

export interface PublicSelection {
  body: Body;
  departments: Department[];
  committees: Committee[];
  meetings: PublicMeeting[];
  papers: PublicPaper[];
  /** Members of a Gremium and persons present at a Sitzung; their e-mail is never public. */
  persons: Omit<Person, 'email'>[];
  memberships: Membership[];
}

/**
 * The one place that decides what of the database is public. Left out entirely (not blanked):
 * - non-public TOPs, with their titles, results and minutes;
 * - non-public Vorlagen, with everything of them (title, number, Beratungsfolge, Anlagen);
 * - drafts (Entwurf: on no agenda yet), even when marked public: they are work in progress,
 *   published only once a committee has them on a Tagesordnung;
 * - non-public Anlagen, with their titles, file names and bytes.
 * Sitzungen, Gremien and Ämter are public in themselves (date, place, name).
 * A public TOP whose Vorlage is non-public stays (its own flag decides, as in the public
 * Sitzungsmappe), but without any link to that Vorlage.
 */
export async function selectPublic(store: Store): Promise<PublicSelection> {
  const body = await store.body.get();
  if (!body) throw new Error('no body');
  const published = (await store.papers.list()).filter((p) => p.public && p.status !== 'entwurf').sort((a, b) => a.id - b.id);
  const papers = await mapInOrder(published, async (paper) => ({
    paper,
    consultations: await store.consultations.forPaper(paper.id),
    attachments: (await store.attachments.forPaper(paper.id)).filter((a) => a.public),
  }));
  const meetings = await mapInOrder(await store.meetings.list(), async (meeting) => ({
    meeting,
    items: (await store.agenda.list(meeting.id)).filter((i) => i.public),
    participants: (await store.attendance.list(meeting.id)).filter((a) => a.status === 'anwesend').map((a) => a.personId),
    minutesApproved: (await store.minutes.approval(meeting.id)) !== null,
  }));
  const committees = await store.committees.list();
  const memberships: Membership[] = [];
  for (const c of committees) memberships.push(...(await store.memberships.forCommittee(c.id)));
  const named = new Set([...memberships.map((m) => m.personId), ...meetings.flatMap((m) => m.participants)]);
  const persons = (await store.persons.list()).filter((p) => named.has(p.id)).map(({ email: _email, ...p }) => p);
  return { body, departments: await store.departments.list(), committees, meetings, papers, persons, memberships };
}
