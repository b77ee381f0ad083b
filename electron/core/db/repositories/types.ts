import type {
  AgendaItem,
  Attachment,
  AuditEvent,
  Body,
  Committee,
  Consultation,
  ConsultationRole,
  Department,
  Meeting,
  PaperContent,
  PaperStatus,
  PaperSummary,
  Revision,
  Sections,
  Votes,
} from '../../../shared/schemas.js';
import type { Doc } from '../../../shared/document.js';

/**
 * Repository interfaces: handlers talk only to these, so a PostgreSQL adapter can replace the
 * SQLite one without touching a handler. Methods are synchronous because better-sqlite3 is;
 * a networked adapter would wrap the dispatcher, not the handlers.
 */
export interface Store {
  /** Runs fn atomically; nested calls join the outer transaction. */
  transaction<T>(fn: () => T): T;
  body: BodyRepository;
  departments: DepartmentRepository;
  committees: CommitteeRepository;
  meetings: MeetingRepository;
  agenda: AgendaRepository;
  papers: PaperRepository;
  consultations: ConsultationRepository;
  attachments: AttachmentRepository;
  audit: AuditRepository;
}

export interface BodyRepository {
  get(): Body | null;
  save(body: Body): void;
}

export type NewDepartment = Omit<Department, 'id'>;
export interface DepartmentRepository {
  list(): Department[];
  get(id: number): Department | null;
  byKey(key: string): Department | null;
  insert(d: NewDepartment): Department;
  update(d: Department): Department;
}

export type NewCommittee = Omit<Committee, 'id'>;
export interface CommitteeRepository {
  list(): Committee[];
  get(id: number): Committee | null;
  /** Finds by id, key, short name or full name (case-insensitive), as the CLI accepts. */
  find(ref: string): Committee | null;
  insert(c: NewCommittee): Committee;
  update(c: Committee): Committee;
}

export type NewMeeting = Omit<Meeting, 'id'>;
export interface MeetingRepository {
  list(filter?: { committeeId?: number; from?: string; to?: string }): Meeting[];
  get(id: number): Meeting | null;
  byKey(key: string): Meeting | null;
  insert(m: NewMeeting): Meeting;
  update(m: Meeting): Meeting;
  delete(id: number): void;
}

export interface NewAgendaItem {
  meetingId: number;
  public: boolean;
  title: string;
  manualNumber?: string | null;
  paperId?: number | null;
  consultationId?: number | null;
  supplement?: boolean;
  /** Insert before this position; default: end of its part. */
  position?: number;
}
export interface AgendaResult {
  result: string | null;
  votes: Votes | null;
  minutes: Doc | null;
}
export interface AgendaRepository {
  /** Items in print order (public part first), with numbers as printed. */
  list(meetingId: number): AgendaItem[];
  get(id: number): AgendaItem | null;
  byNumber(meetingId: number, number: string): AgendaItem | null;
  byConsultation(consultationId: number): AgendaItem | null;
  insert(item: NewAgendaItem): AgendaItem;
  update(id: number, patch: Partial<Pick<AgendaItem, 'title' | 'public' | 'manualNumber' | 'supplement'>>): AgendaItem;
  setResult(id: number, result: AgendaResult): AgendaItem;
  linkConsultation(id: number, consultationId: number | null): void;
  /** Puts the items of a meeting into the given order (ids). */
  reorder(meetingId: number, orderedIds: number[]): void;
  delete(id: number): void;
  forPaper(paperId: number): AgendaItem[];
}

export interface NewPaper {
  key?: string | null;
  reference: string;
  departmentId: number;
  template: string;
  title: string;
  public: boolean;
  year: number;
  sections: Sections;
  predecessorId?: number | null;
}
export interface PaperFilter {
  year?: number;
  departmentId?: number;
  committeeId?: number;
  text?: string;
  ids?: number[];
  status?: PaperStatus;
}
export interface PaperRepository {
  list(filter?: PaperFilter): PaperSummary[];
  /** One page in list order plus the number of all matches, for lists of any length. */
  page(filter: PaperFilter, offset: number, limit: number, order?: 'nummer' | 'geaendert'): { total: number; items: PaperSummary[] };
  count(): number;
  get(id: number): (PaperSummary & { sections: Sections }) | null;
  byReference(reference: string): (PaperSummary & { sections: Sections }) | null;
  byKey(key: string): (PaperSummary & { sections: Sections }) | null;
  /** Reserves and returns the next number for (department, year), atomically. */
  nextReference(departmentId: number, year: number): string;
  /** Records a manually chosen number; CONFLICT if it was ever used. */
  reserveReference(reference: string, departmentId: number): void;
  isReferenceUsed(reference: string): boolean;
  insert(p: NewPaper, now: string): number;
  /** Writes the current state; returns the new revision or null when nothing changed. */
  updateContent(id: number, content: PaperContent, author: string, now: string): Revision | null;
  delete(id: number): void;
  revisions(paperId: number): Revision[];
  revisionContent(paperId: number, number: number): PaperContent | null;
  latestRevision(paperId: number): Revision | null;
}

export interface NewConsultation {
  paperId: number;
  committeeId: number;
  role: ConsultationRole;
  meetingId?: number | null;
  position?: number;
}
export interface ConsultationRepository {
  forPaper(paperId: number): Consultation[];
  get(id: number): Consultation | null;
  insert(c: NewConsultation): Consultation;
  update(id: number, patch: Partial<Pick<Consultation, 'role' | 'meetingId' | 'position'>>): Consultation;
  delete(id: number): void;
}

export interface NewAttachment {
  paperId: number;
  title: string;
  fileName: string;
  mediaType: string;
  public: boolean;
  data?: Uint8Array;
  /** Share an already stored file (carry-forward) instead of new bytes. */
  sha256?: string;
  position?: number;
}
export interface AttachmentRepository {
  forPaper(paperId: number): Attachment[];
  get(id: number): Attachment | null;
  insert(a: NewAttachment): Attachment;
  update(id: number, patch: Partial<Pick<Attachment, 'title' | 'public' | 'position' | 'fileName'>>): Attachment;
  delete(id: number): void;
  data(sha256: string): Buffer | null;
  /** Removes stored files no Anlage refers to any more. */
  pruneBlobs(): number;
}

export interface NewAuditEvent {
  actor: string;
  action: string;
  paperId?: number | null;
  meetingId?: number | null;
  details?: Record<string, unknown>;
  at: string;
}
export interface AuditRepository {
  record(e: NewAuditEvent): AuditEvent;
  list(filter?: { paperId?: number; meetingId?: number; limit?: number }): AuditEvent[];
  /** DSGVO: a deleted Vorlage's history goes with it (its details name files, paths, texts). */
  forgetPaper(paperId: number): number;
  /** DSGVO: the events that name a removed Anlage. */
  forgetAttachment(attachmentId: number): number;
}
