import { createHash } from 'node:crypto';
import type { OParlCounts } from '../../../shared/api/oparl.js';
import { MEMBERSHIP_ROLE_LABELS, VOTING_ROLES } from '../../../shared/persons.js';
import { ROLE_LABELS, type AgendaItem, type Meeting } from '../../../shared/schemas.js';
import { docToPlainText } from '../../../shared/plain-text.js';
import { safeFileName } from '../../files/safe-name.js';
import type { PublicSelection } from './select-public.js';
import {
  oparlType,
  OPARL_VERSION,
  type OParlAgendaItem,
  type OParlBody,
  type OParlConsultation,
  type OParlFile,
  type OParlLegislativeTerm,
  type OParlListPage,
  type OParlLocation,
  type OParlMeeting,
  type OParlMembership,
  type OParlOrganization,
  type OParlPaper,
  type OParlPerson,
  type OParlSystem,
} from './schema.js';
import { generatedKey, type GeneratedPdfs } from './generated-files.js';
import { sniffMediaType } from '../../files/sniff.js';
import { oparlPaths, urlOf, type GeneratedFileKind, type OParlList } from './urls.js';
import { DEFAULT_BODY_SETTINGS, type BodySettings } from '../../../shared/publication.js';
import { mapInOrder } from '../../map-in-order.js';

export interface OParlDocuments {
  system: OParlSystem;
  lists: { [K in OParlList]: OParlListPage<unknown> };
  /** Objects that only appear embedded (Memberships in full, with their Person; Wahlperioden): each also gets its own file. */
  standalone: unknown[];
  /**
   * File bytes: path relative to the export folder → their bytes, read when written (one at a
   * time, so a large export does not hold every Anlage in memory; stored blobs never change).
   */
  files: Map<string, () => Promise<Buffer>>;
  /**
   * File id → what decides whether the File changed: the SHA-256 of an Anlage, the source hash
   * of a printed document (its bytes also change with the print date).
   */
  contentKeys: Map<string, string>;
  /** Paper id → when the Vorlage was created (ISO), the `created` of its first export. */
  createdAt: Map<string, string>;
  counts: OParlCounts;
}

export interface BuildOptions {
  baseUrl: string;
  /** "Beschlussvorlage", "Mitteilungsvorlage", … for a template id. */
  paperTypeOf: (template: string) => string;
  /** An Anlage's stored bytes by SHA-256. */
  readBlob: (sha256: string) => Promise<Buffer | null>;
  /** Printed Einladung, Niederschrift, Vorlage and Auszug PDFs (see generated-files.ts). */
  generated?: GeneratedPdfs;
  /** Time zone, licences, Wahlperioden. */
  settings?: BodySettings;
}

const hex = (algorithm: 'sha256' | 'sha512', data: Buffer) => createHash(algorithm).update(data).digest('hex');

/** OParl's recommended states; a cancelled Sitzung additionally gets `cancelled: true`. */
const MEETING_STATE: Record<Meeting['state'], OParlMeeting['meetingState']> = {
  geplant: 'terminiert',
  einberufen: 'eingeladen',
  durchgefuehrt: 'durchgeführt',
  abgesagt: 'abgesagt',
};

/**
 * OParl's classification for a Gremium, in the words consumers (meine-stadt-transparent and
 * others) recognise: the highest body is "Parlament" whatever it is called locally, a
 * Kreisausschuss is an Ausschuss.
 */
const CLASSIFICATION: Record<string, string> = { ausschuss: 'Ausschuss', rat: 'Parlament', beirat: 'Beirat', kreisausschuss: 'Ausschuss', sonstiges: 'Sonstiges' };

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

/** A real media type ("type/subtype"); what was stored otherwise (an extension, nothing) is read from the bytes. */
const mimeTypeOf = (stored: string, bytes: Buffer, fileName: string) =>
  /^[a-z]+\/[a-z0-9][a-z0-9.+-]*$/i.test(stored.trim()) ? stored.trim().toLowerCase() : sniffMediaType(bytes, fileName);

/** An array field only when it has entries: consumers show an empty one as "none" where the truth is "not given". */
const nonEmpty = <K extends string, T>(key: K, values: T[]): { [P in K]?: T[] } => (values.length ? ({ [key]: values } as { [P in K]: T[] }) : {});

/**
 * Builds the OParl objects of the public selection (see select-public.ts); links point only to
 * objects that are themselves exported, so every id a client follows resolves. Times and
 * `created`/`modified` come later (stamp.ts), from the Körperschaft's time zone.
 */
export async function buildOParl(selection: PublicSelection, options: BuildOptions): Promise<OParlDocuments> {
  const base = options.baseUrl;
  const url = (path: string) => urlOf(base, path);
  const settings = options.settings ?? DEFAULT_BODY_SETTINGS;
  const committees = new Map(selection.committees.map((c) => [c.id, c]));
  const departments = new Map(selection.departments.map((d) => [d.id, d]));
  const meetingsById = new Map(selection.meetings.map((m) => [m.meeting.id, m.meeting]));
  const exportedItems = new Set(selection.meetings.flatMap((m) => m.items.map((i) => i.id)));
  const exportedConsultations = new Set(selection.papers.flatMap((p) => p.consultations.map((c) => c.id)));
  const bodyUrl = url(oparlPaths.body);
  const contentKeys = new Map<string, string>();
  const createdAt = new Map<string, string>();

  const organizations: OParlOrganization[] = [
    ...selection.committees.map((c) => ({
      id: url(oparlPaths.committee(c.key)),
      type: oparlType('Organization'),
      body: bodyUrl,
      name: c.name,
      ...(c.shortName.trim() ? { shortName: c.shortName } : {}),
      organizationType: 'Gremium' as const,
      classification: CLASSIFICATION[c.kind] ?? 'Sonstiges',
    })),
    ...selection.departments.map((d) => ({
      id: url(oparlPaths.department(d.key)),
      type: oparlType('Organization'),
      body: bodyUrl,
      name: d.name,
      ...(d.code.trim() ? { shortName: d.code } : {}),
      organizationType: 'Verwaltungsbereich' as const,
    })),
  ];

  const files: OParlFile[] = [];
  const fileBytes = new Map<string, () => Promise<Buffer>>();
  /** A printed document as an OParl File, its bytes written beside the JSON (files/ and download/). */
  const generatedFile = (kind: GeneratedFileKind, ownerId: number, owner: string, link: Pick<OParlFile, 'paper' | 'meeting' | 'agendaItem'>): OParlFile | null => {
    const printed = options.generated?.get(generatedKey(kind, ownerId));
    if (!printed) return null;
    const folder = oparlPaths.generatedFolder(owner, kind);
    const fileName = `${kind}.pdf`;
    const read = async () => printed.bytes;
    fileBytes.set(oparlPaths.fileContent(folder, fileName), read);
    fileBytes.set(oparlPaths.fileDownload(folder, fileName), read);
    const id = url(oparlPaths.generatedFile(owner, kind));
    contentKeys.set(id, printed.sourceHash);
    const file: OParlFile = {
      id,
      type: oparlType('File'),
      name: printed.name,
      fileName,
      mimeType: 'application/pdf',
      size: printed.bytes.length,
      sha512Checksum: hex('sha512', printed.bytes),
      sha256Checksum: hex('sha256', printed.bytes),
      accessUrl: url(oparlPaths.fileContent(folder, fileName)),
      downloadUrl: url(oparlPaths.fileDownload(folder, fileName)),
      ...link,
    };
    files.push(file);
    return file;
  };

  const agendaItem = (item: AgendaItem, meeting: Meeting, order: number): OParlAgendaItem => {
    const resolutionText = item.minutes ? docToPlainText(item.minutes).trim() : '';
    const id = url(oparlPaths.agendaItem(item.id));
    const resolutionFile = generatedFile('auszug', item.id, oparlPaths.agendaItemOwner(item.id), { agendaItem: [id] });
    return {
      id,
      type: oparlType('AgendaItem'),
      meeting: url(oparlPaths.meeting(meeting.key)),
      ...(item.number.trim() ? { number: item.number } : {}),
      order,
      name: item.title,
      public: true,
      ...(item.consultationId !== null && exportedConsultations.has(item.consultationId) ? { consultation: url(oparlPaths.consultation(item.consultationId)) } : {}),
      ...(item.result?.trim() ? { result: item.result } : {}),
      ...(resolutionText ? { resolutionText } : {}),
      ...(resolutionFile ? { resolutionFile: without(resolutionFile, 'agendaItem') } : {}),
    };
  };

  const agendaItems: OParlAgendaItem[] = [];
  const locations: OParlLocation[] = [];
  const personKey = new Map(selection.persons.map((p) => [p.id, p.key]));
  const meetings: OParlMeeting[] = selection.meetings.map(({ meeting, items, participants }) => {
    const committee = committees.get(meeting.committeeId)!;
    const ownItems = items.map((item, i) => agendaItem(item, meeting, i + 1));
    agendaItems.push(...ownItems);
    const location: OParlLocation | null = meeting.location.trim()
      ? { id: url(oparlPaths.location(meeting.key)), type: oparlType('Location'), description: meeting.location }
      : null;
    if (location) locations.push(location);
    const meetingUrl = url(oparlPaths.meeting(meeting.key));
    const owner = oparlPaths.meetingOwner(meeting.key);
    const invitation = generatedFile('einladung', meeting.id, owner, { meeting: [meetingUrl] });
    const resultsProtocol = generatedFile('niederschrift', meeting.id, owner, { meeting: [meetingUrl] });
    return {
      id: meetingUrl,
      type: oparlType('Meeting'),
      name: `${meeting.number !== null ? `${meeting.number}. ` : ''}Sitzung ${committee.genitive}`,
      meetingState: MEETING_STATE[meeting.state],
      ...(meeting.state === 'abgesagt' ? { cancelled: true } : {}),
      // Local wall-clock times; stamp.ts adds the zone's offset on that date.
      start: meeting.start,
      ...(meeting.end ? { end: meeting.end } : {}),
      ...(location ? { location } : {}),
      organization: [url(oparlPaths.committee(committee.key))],
      ...nonEmpty('participant', participants.filter((id) => personKey.has(id)).map((id) => url(oparlPaths.person(personKey.get(id)!)))),
      ...nonEmpty('agendaItem', ownItems.map((i) => without(i, 'meeting'))),
      ...(invitation ? { invitation: without(invitation, 'meeting') } : {}),
      ...(resultsProtocol ? { resultsProtocol: without(resultsProtocol, 'meeting') } : {}),
    };
  });

  const consultations: OParlConsultation[] = [];
  const papers: OParlPaper[] = await mapInOrder(selection.papers, async ({ paper, consultations: paperConsultations, attachments }) => {
    const paperUrl = url(oparlPaths.paper(paper.reference));
    const ownConsultations: OParlConsultation[] = paperConsultations.map((c) => {
      const meeting = c.meetingId !== null ? meetingsById.get(c.meetingId) : undefined;
      return {
        id: url(oparlPaths.consultation(c.id)),
        type: oparlType('Consultation'),
        paper: paperUrl,
        ...(meeting ? { meeting: url(oparlPaths.meeting(meeting.key)) } : {}),
        // A public Vorlage dealt with in a non-public TOP: the Beratung is listed, the TOP is not.
        ...(c.agendaItemId !== null && exportedItems.has(c.agendaItemId) ? { agendaItem: url(oparlPaths.agendaItem(c.agendaItemId)) } : {}),
        organization: [url(oparlPaths.committee(committees.get(c.committeeId)!.key))],
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
      fileBytes.set(oparlPaths.fileContent(a.id, fileName), read);
      fileBytes.set(oparlPaths.fileDownload(a.id, fileName), read);
      const id = url(oparlPaths.file(a.id));
      contentKeys.set(id, a.sha256);
      return {
        id,
        type: oparlType('File'),
        ...(a.title.trim() ? { name: a.title } : {}),
        fileName,
        mimeType: mimeTypeOf(a.mediaType, bytes, fileName),
        size: bytes.length,
        sha512Checksum: hex('sha512', bytes),
        sha256Checksum: hex('sha256', bytes),
        accessUrl: url(oparlPaths.fileContent(a.id, fileName)),
        downloadUrl: url(oparlPaths.fileDownload(a.id, fileName)),
        paper: [paperUrl],
      };
    });
    const mainFile = generatedFile('vorlage', paper.id, oparlPaths.paperOwner(paper.reference), { paper: [paperUrl] });
    consultations.push(...ownConsultations);
    files.push(...ownFiles);
    createdAt.set(paperUrl, paper.createdAt);
    return {
      id: paperUrl,
      type: oparlType('Paper'),
      body: bodyUrl,
      name: paper.title,
      reference: paper.reference,
      // The Vorlage's own date (set at Freigabe or by hand); an undated one has none to publish.
      ...(paper.date ? { date: paper.date } : {}),
      paperType: options.paperTypeOf(paper.template),
      underDirectionOf: [url(oparlPaths.department(departments.get(paper.departmentId)!.key))],
      ...(mainFile ? { mainFile } : {}),
      ...nonEmpty('consultation', ownConsultations.map((c) => without(c, 'paper'))),
      ...nonEmpty('auxiliaryFile', ownFiles),
    };
  });

  const standalone: unknown[] = [];
  const persons: OParlPerson[] = selection.persons.map((p) => {
    const personUrl = url(oparlPaths.person(p.key));
    const memberships: OParlMembership[] = selection.memberships
      .filter((m) => m.personId === p.id)
      .map((m) => ({
        id: url(oparlPaths.membership(m.id)),
        type: oparlType('Membership'),
        person: personUrl,
        organization: url(oparlPaths.committee(committees.get(m.committeeId)!.key)),
        role: MEMBERSHIP_ROLE_LABELS[m.role],
        votingRight: VOTING_ROLES.includes(m.role),
        startDate: m.from,
        ...(m.until ? { endDate: m.until } : {}),
      }));
    standalone.push(...memberships);
    return {
      id: personUrl,
      type: oparlType('Person'),
      body: bodyUrl,
      name: p.name,
      ...(p.formOfAddress !== 'none' ? { formOfAddress: p.formOfAddress } : {}),
      ...(p.title.trim() ? { title: [p.title.trim()] } : {}),
      ...nonEmpty('membership', memberships.map((m) => without(m, 'person'))),
    };
  });

  const legislativeTerms: OParlLegislativeTerm[] = settings.legislativeTerms.map((t) => ({
    id: url(oparlPaths.legislativeTerm(t.startDate)),
    type: oparlType('LegislativeTerm'),
    body: bodyUrl,
    name: t.name,
    startDate: t.startDate,
    ...(t.endDate ? { endDate: t.endDate } : {}),
  }));
  standalone.push(...legislativeTerms);

  const list = (name: OParlList) => url(oparlPaths.list(name));
  const body: OParlBody = {
    id: bodyUrl,
    type: oparlType('Body'),
    system: url(oparlPaths.system),
    name: selection.body.name,
    ...(settings.license ? { license: settings.license } : {}),
    organization: list('organizations'),
    person: list('persons'),
    meeting: list('meetings'),
    paper: list('papers'),
    agendaItem: list('agendaItems'),
    consultation: list('consultations'),
    file: list('files'),
    locationList: list('locations'),
    legislativeTerm: legislativeTerms.map((t) => without(t, 'body')),
  };
  const system: OParlSystem = {
    id: url(oparlPaths.system),
    type: oparlType('System'),
    oparlVersion: OPARL_VERSION,
    body: list('body'),
    name: `Vorlagenwerk – ${selection.body.name}`,
    ...(settings.systemLicense ? { license: settings.systemLicense } : {}),
  };

  return {
    system,
    lists: {
      body: listPage(list('body'), [body]),
      organizations: listPage(list('organizations'), organizations),
      persons: listPage(list('persons'), persons),
      meetings: listPage(list('meetings'), meetings),
      agendaItems: listPage(list('agendaItems'), agendaItems),
      papers: listPage(list('papers'), papers),
      consultations: listPage(list('consultations'), consultations),
      files: listPage(list('files'), files),
      locations: listPage(list('locations'), locations),
    },
    standalone,
    files: fileBytes,
    contentKeys,
    createdAt,
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
