import type { UserRepository } from './users.js';
import type { OParlRepository } from './oparl.js';
import type { AgendaItem, Attachment, AuditEvent, Body, BodyInput, Committee, Consultation, ConsultationRole, Department, Meeting, PaperContent, PaperStatus, PaperSummary, Revision, Sections, Votes } from '../../../shared/schemas.js';
import type { Doc } from '../../../shared/document.js';
import type { MinutesHead, MinutesVariant } from '../../../shared/minutes.js';
import type { Attendance, Membership, Person, PersonFields } from '../../../shared/persons.js';
import type { Approval, ApprovalStep, FollowUp, FollowUpStand, FreigabeConfig, Release } from '../../../shared/freigabe.js';
import type { SearchIndex } from '../../search/search-index.js';
import type { SqlClient } from '../sql-client.js';

/**
 * Repository interfaces: handlers and services talk only to these (or to the SqlClient), never
 * to an engine. They are asynchronous so that one implementation, written over the SqlClient,
 * serves the embedded SQLite and a networked PostgreSQL alike.
 */
export interface Store {
  /**
   * Runs fn atomically and isolated from other callers; nested calls join the outer
   * transaction. Every statement inside must be awaited before fn returns.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** The engine's SQL client, for queries that belong to no repository. */
  sql: SqlClient;
  /** Full-text search, engine-specific behind one interface. */
  search: SearchIndex;
  body: BodyRepository;
  departments: DepartmentRepository;
  committees: CommitteeRepository;
  meetings: MeetingRepository;
  agenda: AgendaRepository;
  papers: PaperRepository;
  consultations: ConsultationRepository;
  attachments: AttachmentRepository;
  audit: AuditRepository;
  persons: PersonRepository;
  memberships: MembershipRepository;
  attendance: AttendanceRepository;
  minutes: MinutesRepository;
  freigabe: FreigabeRepository;
  followUps: FollowUpRepository;


  /** Team server users, sessions and login attempts. */
  users: UserRepository;
  /** Body settings for publication (time zone, licences), the OParl ledger and import links. */
  oparl: OParlRepository;
}

export interface BodyRepository {
  get(): Promise<Body | null>;
  /** Settings left out keep their defaults ("1.", non-public TOPs left out). */
  save(body: BodyInput): Promise<void>;
}

export type NewDepartment = Omit<Department, 'id'>;
export interface DepartmentRepository {
  list(): Promise<Department[]>;
  get(id: number): Promise<Department | null>;
  byKey(key: string): Promise<Department | null>;
  insert(d: NewDepartment): Promise<Department>;
  update(d: Department): Promise<Department>;
}

/** copyTo may be left out (none). */
export type NewCommittee = Omit<Committee, 'id' | 'copyTo'> & { copyTo?: string[] };
export interface CommitteeRepository {
  list(): Promise<Committee[]>;
  get(id: number): Promise<Committee | null>;
  /** Finds by id, key, short name or full name (case-insensitive), as the CLI accepts. */
  find(ref: string): Promise<Committee | null>;
  insert(c: NewCommittee): Promise<Committee>;
  update(c: Committee): Promise<Committee>;
}

export type NewMeeting = Omit<Meeting, 'id'>;
export interface MeetingRepository {
  list(filter?: { committeeId?: number; from?: string; to?: string }): Promise<Meeting[]>;
  get(id: number): Promise<Meeting | null>;
  byKey(key: string): Promise<Meeting | null>;
  insert(m: NewMeeting): Promise<Meeting>;
  update(m: Meeting): Promise<Meeting>;
  delete(id: number): Promise<void>;
  /** The day the Einladung went out ("Einladung versandt"), or null. */
  invitedOn(id: number): Promise<string | null>;
  setInvitedOn(id: number, date: string | null): Promise<void>;
}

export interface NewAgendaItem {
  meetingId: number;
  public: boolean;
  title: string;
  manualNumber?: string | null;
  paperId?: number | null;
  consultationId?: number | null;
  supplement?: boolean;
  tischvorlage?: boolean;
  /** Only for imported agendas: when the TOP was abgesetzt. */
  withdrawnAt?: string | null;
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
  list(meetingId: number): Promise<AgendaItem[]>;
  get(id: number): Promise<AgendaItem | null>;
  byNumber(meetingId: number, number: string): Promise<AgendaItem | null>;
  byConsultation(consultationId: number): Promise<AgendaItem | null>;
  insert(item: NewAgendaItem): Promise<AgendaItem>;
  update(id: number, patch: Partial<Pick<AgendaItem, 'title' | 'public' | 'manualNumber' | 'supplement'>>): Promise<AgendaItem>;
  setResult(id: number, result: AgendaResult): Promise<AgendaItem>;
  linkConsultation(id: number, consultationId: number | null): Promise<void>;
  /** Abgesetzt: the TOP stays (and keeps its number) but leaves its Beratung. */
  withdraw(id: number, at: string): Promise<void>;
  /** Puts the items of a meeting into the given order (ids). */
  reorder(meetingId: number, orderedIds: number[]): Promise<void>;
  delete(id: number): Promise<void>;
  forPaper(paperId: number): Promise<AgendaItem[]>;
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
  /** The Vorlage's own date ("YYYY-MM-DD"), when already known (imports). */
  date?: string | null;
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
  list(filter?: PaperFilter): Promise<PaperSummary[]>;
  /** One page in list order plus the number of all matches, for lists of any length. */
  page(filter: PaperFilter, offset: number, limit: number, order?: 'nummer' | 'geaendert'): Promise<{ total: number; items: PaperSummary[] }>;
  count(): Promise<number>;
  get(id: number): Promise<(PaperSummary & { sections: Sections }) | null>;
  /** Whether a Vorlage with this id exists (without reading it). */
  exists(id: number): Promise<boolean>;
  /** Locks the Vorlage's row until the caller's transaction ends (other writers wait); false if it does not exist. */
  lock(id: number): Promise<boolean>;
  byReference(reference: string): Promise<(PaperSummary & { sections: Sections }) | null>;
  byKey(key: string): Promise<(PaperSummary & { sections: Sections }) | null>;
  /** Reserves and returns the next number for (department, year), atomically. */
  nextReference(departmentId: number, year: number): Promise<string>;
  /** Records a manually chosen number; CONFLICT if it was ever used. */
  reserveReference(reference: string, departmentId: number): Promise<void>;
  isReferenceUsed(reference: string): Promise<boolean>;
  insert(p: NewPaper, now: string): Promise<number>;
  /** Writes the current state; returns the new revision or null when nothing changed. */
  updateContent(id: number, content: PaperContent, author: string, now: string): Promise<Revision | null>;
  /** The Vorlage's own date; not part of its content (no revision, signatures stay valid). */
  setDate(id: number, date: string | null): Promise<void>;
  delete(id: number): Promise<void>;
  revisions(paperId: number): Promise<Revision[]>;
  revisionContent(paperId: number, number: number): Promise<PaperContent | null>;
  latestRevision(paperId: number): Promise<Revision | null>;
}

export interface NewConsultation {
  paperId: number;
  committeeId: number;
  role: ConsultationRole;
  meetingId?: number | null;
  position?: number;
}
export interface ConsultationRepository {
  forPaper(paperId: number): Promise<Consultation[]>;
  get(id: number): Promise<Consultation | null>;
  insert(c: NewConsultation): Promise<Consultation>;
  update(id: number, patch: Partial<Pick<Consultation, 'role' | 'meetingId' | 'position'>>): Promise<Consultation>;
  delete(id: number): Promise<void>;
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
  forPaper(paperId: number): Promise<Attachment[]>;
  get(id: number): Promise<Attachment | null>;
  insert(a: NewAttachment): Promise<Attachment>;
  update(id: number, patch: Partial<Pick<Attachment, 'title' | 'public' | 'position' | 'fileName'>>): Promise<Attachment>;
  delete(id: number): Promise<void>;
  data(sha256: string): Promise<Buffer | null>;
  /** Removes stored files no Anlage refers to any more. */
  pruneBlobs(): Promise<number>;
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
  record(e: NewAuditEvent): Promise<AuditEvent>;
  list(filter?: { paperId?: number; meetingId?: number; limit?: number }): Promise<AuditEvent[]>;
  /** DSGVO: a deleted Vorlage's history goes with it (its details name files, paths, texts). */
  forgetPaper(paperId: number): Promise<number>;
  /** DSGVO: the events that name a removed Anlage. */
  forgetAttachment(attachmentId: number): Promise<number>;
}

/** Where a Person is named: the Sitzungen whose Niederschrift names them, and memberships. */
export interface PersonUse {
  meetings: { id: number; start: string }[];
  memberships: number;
}
export interface PersonRepository {
  list(): Promise<Person[]>;
  get(id: number): Promise<Person | null>;
  byKey(key: string): Promise<Person | null>;
  insert(p: PersonFields & { key: string }): Promise<Person>;
  update(p: Person): Promise<Person>;
  /** Deletes the person and their memberships; the caller checks use() first. */
  delete(id: number): Promise<void>;
  use(id: number): Promise<PersonUse>;
}

export type NewMembership = Omit<Membership, 'id' | 'position'> & { position?: number };
export interface MembershipRepository {
  /** In list order. */
  forCommittee(committeeId: number): Promise<Membership[]>;
  forPerson(personId: number): Promise<Membership[]>;
  get(id: number): Promise<Membership | null>;
  insert(m: NewMembership): Promise<Membership>;
  setUntil(id: number, until: string | null): Promise<Membership>;
  reorder(committeeId: number, orderedIds: number[]): Promise<void>;
}

export interface AttendanceRepository {
  /** In list order. */
  list(meetingId: number): Promise<Attendance[]>;
  /** Replaces the whole list of a Sitzung. */
  replace(meetingId: number, entries: readonly Attendance[]): Promise<void>;
}

export interface MinutesApproval {
  /** The TOP "Genehmigung der Niederschrift …" and its (later) Sitzung. */
  agendaItemId: number;
  meetingId: number;
  at: string;
}
export interface ArchivedMinutes {
  meetingId: number;
  variant: MinutesVariant;
  format: string;
  sha256: string;
  size: number;
  createdAt: string;
}
export interface MinutesRepository {
  head(meetingId: number): Promise<Omit<MinutesHead, 'state'> | null>;
  setHead(meetingId: number, head: Omit<MinutesHead, 'state'>): Promise<void>;
  approval(meetingId: number): Promise<MinutesApproval | null>;
  /** The Sitzungen whose Niederschrift is approved. */
  approvedMeetings(): Promise<Set<number>>;
  /** The Sitzung whose Niederschrift this TOP approved, or null. */
  approvedBy(agendaItemId: number): Promise<number | null>;
  setApproval(meetingId: number, agendaItemId: number, at: string): Promise<void>;
  /** Amended Beschluss wording and befangen members per TOP of a Sitzung. */
  itemExtras(meetingId: number): Promise<Map<number, { resolutionText: Doc | null; conflicted: number[] }>>;
  setItemExtras(agendaItemId: number, extras: { resolutionText: Doc | null; conflicted: readonly number[] }): Promise<void>;
  archive(meetingId: number, file: Omit<ArchivedMinutes, 'meetingId'> & { data: Uint8Array }): Promise<void>;
  archived(meetingId: number): Promise<ArchivedMinutes[]>;
  archivedData(meetingId: number, variant: MinutesVariant, format: string): Promise<Buffer | null>;
}

export interface NewApproval {
  paperId: number;
  step: ApprovalStep;
  by: string;
  function: string;
  at: string;
  revision: number;
  revisionHash: string;
  /** Only for imported history (bundles): an already invalidated signature. */
  invalidatedAt?: string | null;
  invalidatedReason?: string | null;
}
export interface FreigabeRepository {
  /** The Körperschaft's Freigabe settings (defaults until saved). */
  config(): Promise<FreigabeConfig>;
  saveConfig(c: FreigabeConfig): Promise<void>;
  /** Every signature of a Vorlage, oldest first, invalidated ones included. */
  approvals(paperId: number): Promise<Approval[]>;
  addApproval(a: NewApproval): Promise<Approval>;
  /** Marks the valid signatures invalidated; returns those it marked. */
  invalidateApprovals(paperId: number, reason: string, at: string): Promise<Approval[]>;
  release(paperId: number): Promise<Release | null>;
  setRelease(paperId: number, r: Release): Promise<void>;
  deleteRelease(paperId: number): Promise<boolean>;
  /** Which of these Vorlagen are freigegeben. */
  releasedAmong(paperIds: readonly number[]): Promise<Set<number>>;
  /** The Vorlage an Ergänzungs-/Änderungsvorlage amends. */
  amends(paperId: number): Promise<{ id: number; kind: 'ergaenzung' | 'aenderung' } | null>;
  setAmends(paperId: number, amendsId: number, kind: 'ergaenzung' | 'aenderung'): Promise<void>;
}

export type NewFollowUp = Omit<FollowUp, 'id' | 'notes' | 'createdAt' | 'updatedAt'> & { at: string };
export interface FollowUpRepository {
  list(filter?: { committeeId?: number; stand?: FollowUpStand }): Promise<FollowUp[]>;
  get(id: number): Promise<FollowUp | null>;
  byAgendaItem(agendaItemId: number): Promise<FollowUp | null>;
  insert(f: NewFollowUp): Promise<number>;
  update(id: number, patch: Partial<Pick<FollowUp, 'stand' | 'frist' | 'departmentId' | 'result' | 'text'>>, at: string): Promise<void>;
  addNote(id: number, note: { at: string; author: string; text: string }): Promise<void>;
  delete(id: number): Promise<void>;
}

export type { UserRepository } from './users.js';
