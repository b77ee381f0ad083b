import { createHash } from 'node:crypto';
import type { OParlCounts } from '../../../shared/api/oparl.js';
import { MEMBERSHIP_ROLE_LABELS, VOTING_ROLES } from '../../../shared/persons.js';
import { ROLE_LABELS, type AgendaItem, type Meeting } from '../../../shared/schemas.js';
import { docToPlainText } from '../../document/plain-text.js';
import { safeFileName } from '../../files/safe-name.js';
import type { PublicSelection } from './select-public.js';
import {
  oparlType,
  OPARL_VERSION,
  type OParlAgendaItem,
  type OParlBody,
  type OParlConsultation,
  type OParlFile,
  type OParlListPage,
  type OParlLocation,
  type OParlMeeting,
  type OParlOrganization,
  type OParlPaper,
  type OParlPerson,
  type OParlSystem,
} from './schema.js';
import { localDateTimeWithOffset } from './local-time.js';
import type { MeetingFileKind, MeetingPdfs } from './meeting-files.js';
import { fileContentPath, meetingFileContentPath, oparlUrls, type OParlList } from './urls.js';
import { mapInOrder } from '../../map-in-order.js';

export interface OParlDocuments {
  system: OParlSystem;
  lists: { [K in OParlList]: OParlListPage<unknown> };
  /**
   * Public Anlagen: path relative to the export folder → their bytes, read when written (one at a
   * time, so a large export does not hold every Anlage in memory; stored blobs never change).
   */
  files: Map<string, () => Promise<Buffer>>;
  counts: OParlCounts;
}

export interface BuildOptions {
  baseUrl: string;
  /** "Beschlussvorlage", "Mitteilungsvorlage", … for a template id. */
  paperTypeOf: (template: string) => string;
  /** An Anlage's stored bytes by SHA-256. */
  readBlob: (sha256: string) => Promise<Buffer | null>;
  /** Printed public Einladung / approved Niederschrift per Sitzung (see meeting-files.ts). */
  meetingPdfs?: MeetingPdfs;
}

const hex = (algorithm: 'sha256' | 'sha512', data: Buffer) => createHash(algorithm).update(data).digest('hex');

/** OParl's recommended states; a cancelled Sitzung additionally gets `cancelled: true`. */
const MEETING_STATE: Record<Meeting['state'], OParlMeeting['meetingState']> = {
  geplant: 'terminiert',
  einberufen: 'eingeladen',
  durchgefuehrt: 'durchgeführt',
  abgesagt: 'abgesagt',
};

/** OParl asks for "Parlament" for the highest body, whatever it is called locally. */
const CLASSIFICATION: Record<string, string | undefined> = { ausschuss: 'Ausschuss', rat: 'Parlament', beirat: 'Beirat', kreisausschuss: 'Kreisausschuss' };

function listPage<T>(url: string, data: T[]): OParlListPage<T> {
  return {
    data,
    pagination: { totalElements: data.length, elementsPerPage: data.length, currentPage: 1, totalPages: 1 },
    links: { first: url, self: url, last: url },
  };
}

/** Drops a back reference for the embedded form (OParl omits it inside the parent object). */
function without<T extends object, K extends keyof T>(object: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = object;
  return rest;
}

/**
 * Builds the OParl objects of the public selection (see select-public.ts); links point only to
 * objects that are themselves exported, so every id a client follows resolves.
 */
export async function buildOParl(selection: PublicSelection, options: BuildOptions): Promise<OParlDocuments> {
  const urls = oparlUrls(options.baseUrl);
  const committees = new Map(selection.committees.map((c) => [c.id, c]));
  const departments = new Map(selection.departments.map((d) => [d.id, d]));
  const meetingsById = new Map(selection.meetings.map((m) => [m.meeting.id, m.meeting]));
  const exportedItems = new Set(selection.meetings.flatMap((m) => m.items.map((i) => i.id)));
  const exportedConsultations = new Set(selection.papers.flatMap((p) => p.consultations.map((c) => c.id)));

  const organizations: OParlOrganization[] = [
    ...selection.committees.map((c) => ({
      id: urls.committee(c.key),
      type: oparlType('Organization'),
      body: urls.body,
      name: c.name,
      shortName: c.shortName,
      organizationType: 'Gremium' as const,
      ...(CLASSIFICATION[c.kind] ? { classification: CLASSIFICATION[c.kind] } : {}),
    })),
    ...selection.departments.map((d) => ({
      id: urls.department(d.key),
      type: oparlType('Organization'),
      body: urls.body,
      name: d.name,
      shortName: d.code,
      organizationType: 'Verwaltungsbereich' as const,
    })),
  ];

  const agendaItem = (item: AgendaItem, meeting: Meeting, order: number): OParlAgendaItem => {
    const resolutionText = item.minutes ? docToPlainText(item.minutes).trim() : '';
    return {
      id: urls.agendaItem(item.id),
      type: oparlType('AgendaItem'),
      meeting: urls.meeting(meeting.key),
      number: item.number,
      order,
      name: item.title,
      public: true,
      ...(item.consultationId !== null && exportedConsultations.has(item.consultationId) ? { consultation: urls.consultation(item.consultationId) } : {}),
      ...(item.result?.trim() ? { result: item.result } : {}),
      ...(resolutionText ? { resolutionText } : {}),
    };
  };

  const files: OParlFile[] = [];
  const fileBytes = new Map<string, () => Promise<Buffer>>();
  /** The Einladung or Niederschrift of a Sitzung as an OParl File, its bytes written beside the JSON. */
  const meetingFile = (meeting: Meeting, kind: MeetingFileKind): OParlFile | null => {
    const printed = options.meetingPdfs?.get(meeting.id)?.[kind];
    if (!printed) return null;
    const rel = meetingFileContentPath(meeting.key, kind);
    fileBytes.set(rel, async () => printed.bytes);
    const contentUrl = urls.meetingFileContent(meeting.key, kind);
    const file: OParlFile = {
      id: urls.meetingFile(meeting.key, kind),
      type: oparlType('File'),
      name: printed.name,
      fileName: rel.split('/').pop()!,
      mimeType: 'application/pdf',
      size: printed.bytes.length,
      sha512Checksum: hex('sha512', printed.bytes),
      sha256Checksum: hex('sha256', printed.bytes),
      accessUrl: contentUrl,
      downloadUrl: contentUrl,
      meeting: [urls.meeting(meeting.key)],
    };
    files.push(file);
    return file;
  };

  const agendaItems: OParlAgendaItem[] = [];
  const locations: OParlLocation[] = [];
  const personKey = new Map(selection.persons.map((p) => [p.id, p.key]));
  const meetings: OParlMeeting[] = selection.meetings.map(({ meeting, items, participants }) => {
    const committee = committees.get(meeting.committeeId)!;
    const ownItems = items.map((item, i) => agendaItem(item, meeting, i + 1));
    agendaItems.push(...ownItems);
    const location: OParlLocation | null = meeting.location.trim()
      ? { id: urls.location(meeting.key), type: oparlType('Location'), description: meeting.location }
      : null;
    if (location) locations.push(location);
    const invitation = meetingFile(meeting, 'invitation');
    const resultsProtocol = meetingFile(meeting, 'resultsProtocol');
    return {
      id: urls.meeting(meeting.key),
      type: oparlType('Meeting'),
      name: `${meeting.number !== null ? `${meeting.number}. ` : ''}Sitzung ${committee.genitive}`,
      meetingState: MEETING_STATE[meeting.state],
      ...(meeting.state === 'abgesagt' ? { cancelled: true } : {}),
      start: localDateTimeWithOffset(meeting.start),
      ...(meeting.end ? { end: localDateTimeWithOffset(meeting.end) } : {}),
      ...(location ? { location } : {}),
      organization: [urls.committee(committee.key)],
      ...(participants.length ? { participant: participants.filter((id) => personKey.has(id)).map((id) => urls.person(personKey.get(id)!)) } : {}),
      agendaItem: ownItems.map((i) => without(i, 'meeting')),
      ...(invitation ? { invitation: without(invitation, 'meeting') } : {}),
      ...(resultsProtocol ? { resultsProtocol: without(resultsProtocol, 'meeting') } : {}),
    };
  });

  const consultations: OParlConsultation[] = [];
  const papers: OParlPaper[] = await mapInOrder(selection.papers, async ({ paper, consultations: paperConsultations, attachments }) => {
    const paperUrl = urls.paper(paper.reference);
    const ownConsultations: OParlConsultation[] = paperConsultations.map((c) => {
      const meeting = c.meetingId !== null ? meetingsById.get(c.meetingId) : undefined;
      return {
        id: urls.consultation(c.id),
        type: oparlType('Consultation'),
        paper: paperUrl,
        ...(meeting ? { meeting: urls.meeting(meeting.key) } : {}),
        // A public Vorlage dealt with in a non-public TOP: the Beratung is listed, the TOP is not.
        ...(c.agendaItemId !== null && exportedItems.has(c.agendaItemId) ? { agendaItem: urls.agendaItem(c.agendaItemId) } : {}),
        organization: [urls.committee(committees.get(c.committeeId)!.key)],
        authoritative: c.role === 'entscheidung',
        role: ROLE_LABELS[c.role],
      };
    });
    const ownFiles: OParlFile[] = await mapInOrder(attachments, async (a) => {
      const read = async () => {
        const data = await options.readBlob(a.sha256);
        if (!data) throw new Error(`blob ${a.sha256} of attachment ${a.id} is missing`);
        return data;
      };
      const bytes = await read();
      const fileName = safeFileName(a.fileName, 'anlage');
      fileBytes.set(fileContentPath(a.id, fileName), read);
      const contentUrl = urls.fileContent(a.id, fileName);
      return {
        id: urls.file(a.id),
        type: oparlType('File'),
        name: a.title,
        fileName,
        mimeType: a.mediaType.trim() || 'application/octet-stream',
        size: bytes.length,
        sha512Checksum: hex('sha512', bytes),
        sha256Checksum: hex('sha256', bytes),
        accessUrl: contentUrl,
        downloadUrl: contentUrl,
        paper: [paperUrl],
      };
    });
    consultations.push(...ownConsultations);
    files.push(...ownFiles);
    return {
      id: paperUrl,
      type: oparlType('Paper'),
      body: urls.body,
      name: paper.title,
      reference: paper.reference,
      // The date the printed Vorlage shows in its head (see print-models-from-store.ts).
      date: paper.updatedAt.slice(0, 10),
      paperType: options.paperTypeOf(paper.template),
      underDirectionOf: [urls.department(departments.get(paper.departmentId)!.key)],
      consultation: ownConsultations.map((c) => without(c, 'paper')),
      auxiliaryFile: ownFiles,
      created: paper.createdAt,
      modified: paper.updatedAt,
    };
  });

  const persons: OParlPerson[] = selection.persons.map((p) => ({
    id: urls.person(p.key),
    type: oparlType('Person'),
    body: urls.body,
    name: p.name,
    ...(p.formOfAddress !== 'none' ? { formOfAddress: p.formOfAddress } : {}),
    ...(p.title.trim() ? { title: [p.title.trim()] } : {}),
    membership: selection.memberships
      .filter((m) => m.personId === p.id)
      .map((m) => ({
        id: urls.membership(m.id),
        type: oparlType('Membership'),
        organization: urls.committee(committees.get(m.committeeId)!.key),
        role: MEMBERSHIP_ROLE_LABELS[m.role],
        votingRight: VOTING_ROLES.includes(m.role),
        startDate: m.from,
        ...(m.until ? { endDate: m.until } : {}),
      })),
  }));

  const body: OParlBody = {
    id: urls.body,
    type: oparlType('Body'),
    system: urls.system,
    name: selection.body.name,
    organization: urls.list('organizations'),
    person: urls.list('persons'),
    meeting: urls.list('meetings'),
    paper: urls.list('papers'),
    agendaItem: urls.list('agendaItems'),
    consultation: urls.list('consultations'),
    file: urls.list('files'),
    locationList: urls.list('locations'),
    legislativeTerm: [],
  };
  const system: OParlSystem = {
    id: urls.system,
    type: oparlType('System'),
    oparlVersion: OPARL_VERSION,
    body: urls.list('body'),
    name: `Vorlagenwerk – ${selection.body.name}`,
  };

  return {
    system,
    lists: {
      body: listPage(urls.list('body'), [body]),
      organizations: listPage(urls.list('organizations'), organizations),
      persons: listPage(urls.list('persons'), persons),
      meetings: listPage(urls.list('meetings'), meetings),
      agendaItems: listPage(urls.list('agendaItems'), agendaItems),
      papers: listPage(urls.list('papers'), papers),
      consultations: listPage(urls.list('consultations'), consultations),
      files: listPage(urls.list('files'), files),
      locations: listPage(urls.list('locations'), locations),
    },
    files: fileBytes,
    counts: {
      organizations: organizations.length,
      meetings: meetings.length,
      agendaItems: agendaItems.length,
      papers: papers.length,
      consultations: consultations.length,
      files: files.length,
    },
  };
}
