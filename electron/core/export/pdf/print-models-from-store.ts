import { invalid, notFound } from '../../../shared/errors.js';
import { ROLE_LABELS, type Body, type Meeting } from '../../../shared/schemas.js';
import { chairCaption, titledName } from '../../domain/person-wording.js';
import type { AppContext } from '../../app-context.js';
import { loadTemplates, renderClosingLine, renderSignature, userTemplatesDir, type PlaceholderValues, type Template } from '../../templates/index.js';
import { formatDateDe, formatTimeDe, type MeetingPrintModel, type PaperPrintModel, type PrintBody, type ResultPrintModel } from '../print-model.js';
import { docToPlainText } from '../../../shared/plain-text.js';
import type { Doc } from '../../../shared/document.js';
import { formatVotes } from '../../../shared/results.js';
import { localIsoDate } from '../../domain/notice-period.js';
import { mapInOrder } from '../../map-in-order.js';

/**
 * Print models (see print-model.ts) resolved from the store for the PDF exports and the
 * Sitzungsmappe. Renderers stay pure; everything they print is decided here.
 */
export class PrintModels {
  private templates: Template[] | null = null;

  constructor(private readonly ctx: AppContext) {}

  /**
   * One Vorlage, printed for a Sitzung (closing line, TOP number) or on its own. `publicOnly`
   * gives the version for publishing: non-public Anlagen are not listed, and a non-public
   * Vorlage has no such version at all.
   */
  async paper(paperId: number, meetingId: number | null = null, options: { publicOnly?: boolean } = {}): Promise<PaperPrintModel> {
    const { store } = this.ctx;
    const paper = await store.papers.get(paperId);
    if (!paper) throw notFound(`Die Vorlage ${paperId}`);
    if (options.publicOnly && !paper.public) {
      throw invalid(`Die Vorlage ${paper.reference} ist nichtöffentlich; eine öffentliche Fassung gibt es nicht.`);
    }
    const department = await store.departments.get(paper.departmentId);
    if (!department) throw notFound('Das Amt der Vorlage');
    const body = await store.body.get();
    const template = this.template(paper.template);
    const meeting = meetingId === null ? null : await store.meetings.get(meetingId);
    if (meetingId !== null && !meeting) throw notFound(`Die Sitzung ${meetingId}`);
    const committee = meeting ? await store.committees.get(meeting.committeeId) : null;
    const agendaItem = meeting ? ((await store.agenda.forPaper(paperId)).find((i) => i.meetingId === meeting.id) ?? null) : null;
    if (options.publicOnly && agendaItem && !agendaItem.public) {
      // Printed for that Sitzung it would name a TOP of the non-public part.
      throw invalid(`Die Vorlage ${paper.reference} wird in dieser Sitzung nichtöffentlich beraten; eine öffentliche Fassung für diese Sitzung gibt es nicht.`);
    }

    const values: PlaceholderValues = {
      'gremium.name': committee?.name,
      'gremium.kurzname': committee?.shortName,
      'gremium.genitive': committee?.genitive,
      'sitzung.datum': meeting ? formatDateDe(meeting.start) : null,
      'sitzung.uhrzeit': meeting ? formatTimeDe(meeting.start) : null,
      'sitzung.ort': meeting?.location || null,
      jahr: String(paper.year),
      vorjahr: String(paper.year - 1),
      'amt.name': department.name,
      'amt.code': department.code,
      'amt.unterzeichnung': department.signatory,
      'koerperschaft.name': body?.name,
      'vorlage.nummer': paper.reference,
      'vorlage.betreff': paper.title,
    };

    const known = new Set<string>();
    const sections = [] as PaperPrintModel['sections'];
    for (const section of template?.sections ?? []) {
      known.add(section.key);
      const doc = paper.sections[section.key];
      if (doc && hasText(doc)) sections.push({ key: section.key, title: section.title, body: doc });
    }
    // Sections the current template does not know (template changed later) are still printed.
    for (const [key, doc] of Object.entries(paper.sections)) {
      if (!known.has(key) && hasText(doc)) sections.push({ key, title: key.charAt(0).toUpperCase() + key.slice(1).replace(/_/g, ' '), body: doc });
    }

    return {
      body: printBody(body),
      department: { code: department.code, name: department.name, signatory: department.signatory },
      paper: {
        reference: paper.reference,
        title: paper.title,
        public: paper.public,
        template: paper.template,
        kindLabel: template?.name ?? paper.template,
        // Its own date; an undated draft shows when it was last changed.
        date: paper.date ?? localIsoDate(new Date(paper.updatedAt)),
        amends: await this.amendsLine(paperId),
      },
      consultations: await mapInOrder(await store.consultations.forPaper(paperId), async (c) => {
        const cCommittee = await store.committees.get(c.committeeId);
        const cMeeting = c.meetingId ? await store.meetings.get(c.meetingId) : null;
        return {
          committeeName: cCommittee?.name ?? '',
          committeeShortName: cCommittee?.shortName ?? '',
          meetingDate: cMeeting ? cMeeting.start.slice(0, 10) : null,
          role: ROLE_LABELS[c.role],
        };
      }),
      printedFor:
        meeting && committee
          ? {
              committeeGenitive: committee.genitive,
              committeeName: committee.name,
              meetingDate: meeting.start.slice(0, 10),
              agendaNumber: agendaItem?.number ?? null,
              meetingId: String(meeting.id),
            }
          : null,
      sections,
      closingLine: meeting && template ? renderClosingLine(template, values) : null,
      signature: template ? renderSignature(template, values) : { greeting: 'Im Auftrag', signatory: department.signatory },
      attachments: (await store.attachments.forPaper(paperId))
        .filter((a) => a.public || !options.publicOnly)
        .map((a) => ({ title: a.title, fileName: a.fileName, public: a.public })),
      attachmentsHeading: template?.attachments ?? { singular: 'Anlage:', plural: 'Anlagen:' },
    };
  }

  private async amendsLine(paperId: number): Promise<string | null> {
    const amends = await this.ctx.store.freigabe.amends(paperId);
    const original = amends ? await this.ctx.store.papers.get(amends.id) : null;
    return amends && original ? `${amends.kind === 'aenderung' ? 'Änderungsvorlage' : 'Ergänzungsvorlage'} zu Vorlage-Nr. ${original.reference}` : null;
  }

  /** Einladung + Tagesordnung with all items; the variant filter is the pack's job. */
  async meeting(meetingId: number, invitationDate: string | null): Promise<MeetingPrintModel> {
    const { store } = this.ctx;
    const meeting = await this.meetingRow(meetingId);
    const committee = await store.committees.get(meeting.committeeId);
    if (!committee) throw notFound('Das Gremium der Sitzung');
    return {
      body: printBody(await store.body.get()),
      committee: { name: committee.name, shortName: committee.shortName, genitive: committee.genitive },
      meeting: { id: String(meeting.id), number: meeting.number, start: meeting.start, location: meeting.location || null },
      chair: (await this.chairOn(committee.id, meeting.start.slice(0, 10))) ?? { name: committee.chair || null, role: 'Vorsitz' },
      invitationDate,
      copyTo: committee.copyTo,
      items: await this.meetingItems(meetingId),
    };
  }

  /**
   * The chair who signs the Einladung: the Gremium's member with the role Vorsitz on the day of
   * the Sitzung, captioned in the gender of their form of address ("Die Vorsitzende"). Null when
   * no such membership is recorded (then the Gremium's chair field and "Vorsitz").
   */
  private async chairOn(committeeId: number, date: string): Promise<MeetingPrintModel['chair'] | null> {
    const memberships = await this.ctx.store.memberships.forCommittee(committeeId);
    const chair = memberships.find((m) => m.role === 'vorsitz' && m.from <= date && (m.until === null || m.until >= date));
    const person = chair ? await this.ctx.store.persons.get(chair.personId) : null;
    return person ? { name: titledName(person), role: chairCaption(person.formOfAddress) } : null;
  }

  private async meetingItems(meetingId: number): Promise<MeetingPrintModel['items']> {
    const agenda = await this.ctx.store.agenda.list(meetingId);
    const released = await this.ctx.store.freigabe.releasedAmong(agenda.flatMap((i) => (i.paperId === null ? [] : [i.paperId])));
    return agenda.map((i) => ({
      number: i.number,
      title: i.title,
      public: i.public,
      paperReference: i.paperReference,
      supplement: i.supplement,
      ...(i.tischvorlage ? { tischvorlage: true } : {}),
      ...(i.abgesetzt ? { abgesetzt: true } : {}),
      ...(i.paperId !== null && !i.abgesetzt && !released.has(i.paperId) ? { unreleased: true } : {}),
    }));
  }

  /** "Beratungsergebnis zu Vorlage Nr. …" of the TOP that dealt with the Vorlage in the Sitzung. */
  async result(paperId: number, meetingId: number): Promise<ResultPrintModel> {
    const { store } = this.ctx;
    const meeting = await this.meetingRow(meetingId);
    const paper = await store.papers.get(paperId);
    if (!paper) throw notFound(`Die Vorlage ${paperId}`);
    const item = (await store.agenda.forPaper(paperId)).find((i) => i.meetingId === meetingId);
    if (!item) throw notFound(`Ein Tagesordnungspunkt zur Vorlage ${paper.reference} in dieser Sitzung`);
    if (!item.result) throw notFound(`Ein Beratungsergebnis zu TOP ${item.number}`);
    const committee = await store.committees.get(meeting.committeeId);
    const department = await store.departments.get(paper.departmentId);
    const votes = item.votes;
    const consultation = item.consultationId === null ? null : await store.consultations.get(item.consultationId);
    return {
      body: printBody(await store.body.get()),
      department: department ? { code: department.code, name: department.name } : null,
      paper: { reference: paper.reference, title: paper.title },
      committee: { name: committee?.name ?? '', shortName: committee?.shortName ?? '' },
      meeting: { start: meeting.start, location: meeting.location || null },
      agendaItem: { number: item.number, title: item.title, public: item.public },
      minutes: item.minutes ?? { type: 'doc', content: [] },
      result: item.result,
      // Vorberatung → "Beschlussempfehlung", Kenntnisnahme → never "Beschluss:".
      role: consultation?.role ?? null,
      vote: formatVotes(votes),
    };
  }

  private async meetingRow(meetingId: number): Promise<Meeting> {
    const meeting = await this.ctx.store.meetings.get(meetingId);
    if (!meeting) throw notFound(`Die Sitzung ${meetingId}`);
    return meeting;
  }

  private template(id: string): Template | undefined {
    this.templates ??= loadTemplates({ userDir: userTemplatesDir(this.ctx.sharedDir) }).templates;
    return this.templates.find((t) => t.id === id);
  }
}

const printBody = (body: Body | null): PrintBody => ({ name: body?.name ?? '', listNumbering: body?.listNumbering, publicAgendaClosed: body?.publicAgendaClosed });

export const hasText = (doc: Doc) => docToPlainText(doc).trim().length > 0;
