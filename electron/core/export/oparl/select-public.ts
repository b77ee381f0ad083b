import type { AgendaItem, Attachment, Body, Committee, Consultation, Department, Meeting, PaperSummary } from '../../../shared/schemas.js';
import type { Store } from '../../db/repositories/types.js';

export interface PublicMeeting {
  meeting: Meeting;
  /** Public TOPs only, in print order. */
  items: AgendaItem[];
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
export function selectPublic(store: Store): PublicSelection {
  const body = store.body.get();
  if (!body) throw new Error('no body');
  const papers = store.papers
    .list()
    .filter((p) => p.public && p.status !== 'entwurf')
    .sort((a, b) => a.id - b.id)
    .map((paper) => ({
      paper,
      consultations: store.consultations.forPaper(paper.id),
      attachments: store.attachments.forPaper(paper.id).filter((a) => a.public),
    }));
  const meetings = store.meetings.list().map((meeting) => ({ meeting, items: store.agenda.list(meeting.id).filter((i) => i.public) }));
  return { body, departments: store.departments.list(), committees: store.committees.list(), meetings, papers };
}
