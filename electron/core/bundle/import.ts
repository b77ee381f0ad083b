import { ZodError } from 'zod';
import { BundleSchema, type Bundle } from '../../shared/bundle.js';
import { DocSchema, type Doc } from '../../shared/document.js';
import { fromZodError } from '../../shared/zod-german.js';
import { ApiError, conflict, invalid } from '../../shared/errors.js';
import { APPROVAL_STEP_LABELS, type FreigabeConfig } from '../../shared/freigabe.js';
import { LIMITS, type Sections } from '../../shared/schemas.js';
import type { AppContext } from '../app-context.js';
import { markdownToDoc } from '../document/markdown.js';
import type { SanitizeReport } from '../document/sanitize.js';
import { docToPlainText } from '../../shared/plain-text.js';
import { safeFileName } from '../files/safe-name.js';
import { sniffMediaType } from '../files/sniff.js';
import { minutesErrors } from '../domain/minutes-validation.js';
import { formatDateDe } from '../export/print-model.js';
import { audit } from '../services/audit.js';
import { assertLocalTimesExist } from '../services/meeting-times.js';
import { checkData, loadMinutes } from '../services/minutes.js';
import { loadTemplates, userTemplatesDir } from '../templates/index.js';
import { createPaper } from '../services/papers.js';
import { syncFollowUp } from '../services/follow-ups.js';

export interface ImportSummary {
  departments: number;
  committees: number;
  meetings: number;
  papers: number;
  attachments: number;
  persons?: number;
  /** German warnings about what was imported as it stood but deserves a look (issue 15.10). */
  warnings?: string[];
}

/**
 * Where Anlage files of a bundle come from: the folder beside the bundle file, or memory (demo).
 * `checkAll` judges every file (type, size, total) before the first one is read.
 */
export type FileSource = ((relativePath: string) => Uint8Array) & { checkAll?: (relativePaths: string[]) => void };

export const toDoc = (section: string | Doc, report?: SanitizeReport): Doc => (typeof section === 'string' ? markdownToDoc(section, report) : DocSchema.parse(section));

/**
 * Imports a bundle all or nothing: validation and every file read happen before the one
 * transaction, and any error inside it rolls everything back.
 */
export async function importBundle(ctx: AppContext, raw: unknown, readFile: FileSource, source = 'Bundle'): Promise<ImportSummary> {
  const parsed = BundleSchema.safeParse(raw);
  if (!parsed.success) throw fromZodError(parsed.error, `${source} ist ungültig`);
  const bundle = parsed.data;
  await checkKeys(ctx, bundle);

  const files = new Map<string, Uint8Array>();
  readFile.checkAll?.([...new Set(bundle.papers.flatMap((p) => p.attachments.map((a) => a.file)))]);
  for (const paper of bundle.papers) {
    for (const a of paper.attachments) {
      if (files.has(a.file)) continue;
      let data: Uint8Array;
      try {
        data = readFile(a.file);
      } catch (error) {
        // The reader's own message names the real cause (a link, a FIFO, too large, no permission).
        if (error instanceof ApiError) throw error;
        throw invalid(`Die Anlage-Datei „${a.file}“ der Vorlage „${paper.key}“ wurde nicht gefunden.`);
      }
      if (data.byteLength === 0) throw invalid(`Die Anlage-Datei „${a.file}“ ist leer (0 Byte).`);
      if (data.byteLength > LIMITS.attachmentBytes) throw invalid(`Die Anlage-Datei „${a.file}“ ist zu groß.`);
      files.set(a.file, data);
    }
  }
  const sections = new Map<string, Sections>();
  const linkWarnings: string[] = [];
  for (const paper of bundle.papers) {
    try {
      const report: SanitizeReport = { dropped: {} };
      sections.set(paper.key, Object.fromEntries(Object.entries(paper.sections).map(([k, v]) => [k, toDoc(v, report)])));
      // A Markdown link to an address we do not allow keeps its text; the user hears which and why.
      for (const { href, reason } of report.rejectedLinks ?? []) {
        linkWarnings.push(`In der Vorlage „${paper.key}“ wurde ein Link als Text ohne Verknüpfung übernommen: „${href}“ (${reason.replace(/\.$/, '')}).`);
      }
    } catch (error) {
      // A ZodError's own message is a JSON dump of its issues: the German issue texts instead.
      const reason = error instanceof ZodError ? fromZodError(error, 'Abschnitt').message : (error as Error).message;
      throw invalid(`Die Abschnitte der Vorlage „${paper.key}“ sind ungültig: ${reason.slice(0, 300)}`);
    }
  }

  const warnings = [...bundleWarnings(ctx, bundle, sections), ...linkWarnings.slice(0, 20)];
  const summary = await ctx.store.transaction(() => writeBundle(ctx, bundle, files, sections));
  return warnings.length ? { ...summary, warnings } : summary;
}

/**
 * What imports as it stands but deserves a look: the schema accepts it and so does the importer
 * (exit 0), and each is listed. Refusing it would make the importer stricter than the schema.
 */
function bundleWarnings(ctx: AppContext, b: Bundle, sections: Map<string, Sections>): string[] {
  const warnings: string[] = [];
  const templates = new Map(loadTemplates({ userDir: userTemplatesDir(ctx.sharedDir) }).templates.map((t) => [t.id, t]));
  for (const p of b.papers) {
    const template = templates.get(p.template);
    if (!template) {
      warnings.push(`Die Vorlage „${p.key}“ nennt die unbekannte Vorlagenart „${p.template}“; sie wurde so übernommen.`);
      continue;
    }
    const own = sections.get(p.key) ?? {};
    const foreign = Object.keys(own).filter((k) => !template.sections.some((s) => s.key === k));
    if (foreign.length) warnings.push(`Die Vorlage „${p.key}“ hat Abschnitte, die die Vorlagenart „${template.name}“ nicht kennt: ${foreign.join(', ')}.`);
    for (const s of template.sections) {
      if (s.required && !docToPlainText(own[s.key] ?? { type: 'doc', content: [] }).trim()) warnings.push(`Bei der Vorlage „${p.key}“ ist der Pflichtabschnitt „${s.title}“ leer.`);
    }
  }
  for (const m of b.meetings) {
    if (m.end !== null && m.end < m.start) warnings.push(`Die Sitzung „${m.key}“ endet (${m.end.replace('T', ' ')}) vor ihrem Beginn (${m.start.replace('T', ' ')}).`);
    const seen = new Set<string>();
    for (const item of m.agenda) {
      if (!item.paper) continue;
      if (seen.has(item.paper)) warnings.push(`Die Vorlage „${item.paper}“ steht mehrmals auf der Tagesordnung der Sitzung „${m.key}“.`);
      seen.add(item.paper);
    }
  }
  return warnings;
}

async function checkKeys(ctx: AppContext, b: Bundle): Promise<void> {
  const dup = (label: string, keys: string[]) => {
    const seen = new Set<string>();
    for (const k of keys) {
      if (seen.has(k)) throw invalid(`${label} „${k}“ kommt im Bundle doppelt vor.`);
      seen.add(k);
    }
  };
  dup('Der Amtsschlüssel', b.departments.map((d) => d.key));
  dup('Der Gremienschlüssel', b.committees.map((c) => c.key));
  dup('Der Sitzungsschlüssel', b.meetings.map((m) => m.key));
  dup('Der Vorlagenschlüssel', b.papers.map((p) => p.key));
  dup('Die Vorlagennummer', b.papers.flatMap((p) => (p.reference ? [p.reference] : [])));

  const { store } = ctx;
  const departments = new Set([...b.departments.map((d) => d.key), ...(await store.departments.list()).map((d) => d.key)]);
  const committees = new Set([...b.committees.map((c) => c.key), ...(await store.committees.list()).map((c) => c.key)]);
  const meetings = new Set(b.meetings.map((m) => m.key));
  const papers = new Set(b.papers.map((p) => p.key));

  // A Sitzung time the clock skips cannot be published with an offset (issue 15.2): refused here as
  // at entry. Into a new database the bundle's own time zone applies, else this Körperschaft's.
  const zone = (!(await store.body.get()) && b.oparl?.settings?.timeZone) || (await store.oparl.settings()).timeZone;
  for (const m of b.meetings) assertLocalTimesExist(m, zone, `Die Sitzung „${m.key}“`);

  for (const m of b.meetings) {
    if (!committees.has(m.committee)) throw invalid(`Die Sitzung „${m.key}“ nennt das unbekannte Gremium „${m.committee}“.`);
    for (const item of m.agenda) {
      if (item.paper && !papers.has(item.paper)) throw invalid(`Ein Tagesordnungspunkt der Sitzung „${m.key}“ nennt die unbekannte Vorlage „${item.paper}“.`);
    }
  }
  for (const p of b.papers) {
    if (!departments.has(p.department)) throw invalid(`Die Vorlage „${p.key}“ nennt das unbekannte Amt „${p.department}“.`);
    if (p.predecessor && !papers.has(p.predecessor)) throw invalid(`Die Vorlage „${p.key}“ nennt die unbekannte Vorgängerin „${p.predecessor}“.`);
    if (p.amends && !papers.has(p.amends.paper)) throw invalid(`Die Vorlage „${p.key}“ ergänzt oder ändert die unbekannte Vorlage „${p.amends.paper}“.`);
    for (const c of p.consultations) {
      if (!c.meeting && !c.committee) throw invalid(`Eine Beratung der Vorlage „${p.key}“ nennt weder Gremium noch Sitzung.`);
      if (c.meeting && !meetings.has(c.meeting)) throw invalid(`Die Vorlage „${p.key}“ nennt die unbekannte Sitzung „${c.meeting}“.`);
      if (c.committee && !committees.has(c.committee)) throw invalid(`Die Vorlage „${p.key}“ nennt das unbekannte Gremium „${c.committee}“.`);
    }
    if (!p.public && p.attachments.some((a) => a.public)) throw invalid(`Die nichtöffentliche Vorlage „${p.key}“ hat eine öffentliche Anlage.`);
  }
  for (const m of b.meetings) {
    for (const item of m.agenda) {
      const paper = item.paper ? b.papers.find((p) => p.key === item.paper) : undefined;
      if (paper && !paper.public && item.public) {
        throw invalid(`Die nichtöffentliche Vorlage „${paper.key}“ steht im öffentlichen Teil der Sitzung „${m.key}“.`);
      }
    }
  }
  const persons = new Set([...(b.persons ?? []).map((p) => p.key), ...(await store.persons.list()).map((p) => p.key)]);
  dup('Der Personenschlüssel', (b.persons ?? []).map((p) => p.key));
  const person = (key: string | undefined, where: string) => {
    if (key !== undefined && !persons.has(key)) throw invalid(`${where} nennt die unbekannte Person „${key}“.`);
  };
  for (const c of b.committees) {
    for (const m of c.members ?? []) {
      person(m.person, `Das Gremium „${c.key}“`);
      person(m.represents, `Das Gremium „${c.key}“`);
      if (m.from && m.until && m.until < m.from) throw invalid(`Eine Mitgliedschaft im Gremium „${c.key}“ endet vor ihrem Beginn.`);
    }
  }
  for (const m of b.meetings) {
    const where = `Die Sitzung „${m.key}“`;
    person(m.chair, where);
    person(m.recorder, where);
    const seen = new Set<string>();
    for (const a of m.attendance ?? []) {
      person(a.person, where);
      person(a.represents, where);
      if (seen.has(a.person)) throw invalid(`${where} führt die Person „${a.person}“ zweimal in der Anwesenheitsliste.`);
      seen.add(a.person);
      if (a.arrived && a.left && a.left < a.arrived) throw invalid(`${where}: Bei „${a.person}“ liegt das Gehen vor dem Kommen.`);
    }
    for (const item of m.agenda) for (const k of item.votes?.conflicted ?? []) person(k, where);
  }
  const approved = new Set<string>();
  for (const m of b.meetings) {
    for (const item of m.agenda) {
      if (!item.approves) continue;
      const target = b.meetings.find((x) => x.key === item.approves!.meeting);
      const where = `TOP „${item.title}“ der Sitzung „${m.key}“`;
      if (!target) throw invalid(`${where} genehmigt die Niederschrift der Sitzung „${item.approves.meeting}“, die nicht im Bundle steht.`);
      if (target.committee !== m.committee || target.start >= m.start) {
        throw invalid(`${where} genehmigt die Niederschrift der Sitzung „${target.key}“; genehmigt wird sie aber in einer späteren Sitzung desselben Gremiums.`);
      }
      if (target.state !== 'durchgefuehrt') throw invalid(`${where} genehmigt die Niederschrift der Sitzung „${target.key}“, die nicht als durchgeführt erfasst ist.`);
      if (approved.has(target.key)) throw invalid(`Die Niederschrift der Sitzung „${target.key}“ wird im Bundle zweimal genehmigt.`);
      approved.add(target.key);
    }
  }
  for (const p of b.persons ?? []) if (await store.persons.byKey(p.key)) throw conflict(`Die Person „${p.key}“ gibt es bereits.`);
  for (const d of b.departments) if (await store.departments.byKey(d.key)) throw conflict(`Das Amt „${d.key}“ gibt es bereits.`);
  for (const c of b.committees) if (await store.committees.find(c.key) && (await store.committees.find(c.key))!.key === c.key) throw conflict(`Das Gremium „${c.key}“ gibt es bereits.`);
  for (const m of b.meetings) if (await store.meetings.byKey(m.key)) throw conflict(`Die Sitzung „${m.key}“ gibt es bereits.`);
  for (const p of b.papers) {
    if (await store.papers.byKey(p.key)) throw conflict(`Die Vorlage „${p.key}“ gibt es bereits.`);
    if (p.reference && await store.papers.isReferenceUsed(p.reference)) throw conflict(`Die Vorlagennummer ${p.reference} ist bereits vergeben.`);
  }
}

async function writeBundle(ctx: AppContext, b: Bundle, files: Map<string, Uint8Array>, sections: Map<string, Sections>): Promise<ImportSummary> {
  const { store } = ctx;
  const existingBody = await store.body.get();
  if (existingBody && existingBody.name !== b.body.name) {
    throw conflict(`Das Bundle gehört zur Körperschaft „${b.body.name}“, diese Datenbank zu „${existingBody.name}“.`);
  }
  if (!existingBody) await store.body.save(b.body);

  const departmentIds = new Map((await store.departments.list()).map((d) => [d.key, d.id]));
  for (const d of b.departments) departmentIds.set(d.key, (await store.departments.insert(d)).id);
  // Before the Vorlagen: the chain decides their Freigabe state, and the Beschlusskontrolle
  // setting which entries an older bundle's decisions create.
  if (!existingBody && b.freigabe) await store.freigabe.saveConfig(freigabeConfigOf(b.freigabe, departmentIds));
  const personIds = new Map((await store.persons.list()).map((p) => [p.key, p.id]));
  for (const p of b.persons ?? []) {
    const created = await store.persons.insert({
      key: p.key,
      name: p.name,
      formOfAddress: p.formOfAddress ?? 'none',
      title: p.title ?? '',
      affiliation: p.affiliation ?? '',
      email: p.email ?? '',
    });
    personIds.set(p.key, created.id);
  }
  const pid = (key: string) => personIds.get(key)!;
  const optPid = (key: string | undefined) => (key === undefined ? null : pid(key));
  const committeeIds = new Map((await store.committees.list()).map((c) => [c.key, c.id]));
  for (const c of b.committees) {
    if ((await store.committees.list()).some((o) => o.name.toLowerCase() === c.name.toLowerCase())) throw conflict(`Es gibt bereits ein Gremium „${c.name}“.`);
    const { members, ...fields } = c;
    const committeeId = (await store.committees.insert(fields)).id;
    committeeIds.set(c.key, committeeId);
    for (const [position, m] of (members ?? []).entries()) {
      await store.memberships.insert({
        committeeId,
        personId: pid(m.person),
        role: m.role,
        representsPersonId: optPid(m.represents),
        // A membership without dates counts from the earliest day on record.
        from: m.from ?? '1900-01-01',
        until: m.until ?? null,
        position,
      });
    }
  }
  const meetingIds = new Map<string, number>();
  for (const m of b.meetings) {
    const { agenda: _agenda, committee, opened, closed, chair, recorder, attendance, invited, ...fields } = m;
    const meetingId = (await store.meetings.insert({ ...fields, committeeId: committeeIds.get(committee)! })).id;
    if (invited) await store.meetings.setInvitedOn(meetingId, invited);
    meetingIds.set(m.key, meetingId);
    if (opened || closed || chair || recorder) {
      await store.minutes.setHead(meetingId, { opened: opened ?? null, closed: closed ?? null, chairPersonId: optPid(chair), recorderPersonId: optPid(recorder) });
    }
    if (attendance?.length) {
      await store.attendance.replace(
        meetingId,
        attendance.map((a) => ({
          personId: pid(a.person),
          status: a.status,
          arrived: a.arrived ?? null,
          left: a.left ?? null,
          representsPersonId: optPid(a.represents),
          group: a.group ?? 'mitglied',
          function: a.function ?? null,
        })),
      );
    }
  }

  // Predecessors first, so the link can be set on insert.
  const paperIds = new Map<string, number>();
  const ordered = orderByPredecessor(b.papers);
  let attachmentCount = 0;
  for (const p of ordered) {
    const id = await createPaper(ctx, {
      key: p.key,
      template: p.template,
      departmentId: departmentIds.get(p.department)!,
      title: p.title,
      public: p.public,
      reference: p.reference,
      year: p.year,
      // A released Vorlage of an older bundle is dated by its Freigabe, as a release here would.
      date: p.date ?? p.released?.at.slice(0, 10) ?? null,
      sections: sections.get(p.key)!,
      predecessorId: p.predecessor ? paperIds.get(p.predecessor)! : null,
    });
    paperIds.set(p.key, id);
    await writeFreigabe(ctx, id, p);
    for (const a of p.attachments) {
      const data = files.get(a.file)!;
      const fileName = safeFileName(a.fileName ?? a.file, 'anlage');
      await store.attachments.insert({ paperId: id, title: a.title, fileName, mediaType: sniffMediaType(data, fileName), public: a.public, data });
      attachmentCount += 1;
    }
  }

  for (const p of ordered) if (p.amends) await store.freigabe.setAmends(paperIds.get(p.key)!, paperIds.get(p.amends.paper)!, p.amends.kind);

  // Agenda in print order; TOPs that discuss a Vorlage are linked to its Beratung below.
  const itemIds = new Map<string, number>(); // `${meetingKey}|${paperKey}` → agenda item id
  for (const m of b.meetings) {
    const meetingId = meetingIds.get(m.key)!;
    for (const item of m.agenda) {
      const created = await store.agenda.insert({
        meetingId,
        public: item.public,
        title: item.title,
        manualNumber: item.number ?? null,
        paperId: item.paper ? paperIds.get(item.paper)! : null,
        supplement: item.supplement,
        tischvorlage: item.tischvorlage ?? false,
        withdrawnAt: item.abgesetzt ?? null,
      });
      if (item.result !== undefined || item.minutes !== undefined || item.votes !== undefined) {
        const { conflicted: _conflicted, ...votes } = item.votes ?? { conflicted: undefined };
        await store.agenda.setResult(created.id, {
          result: item.result ?? null,
          votes: item.votes ? (votes as { yes: number; no: number; abstain: number }) : null,
          minutes: item.minutes === undefined ? null : toDoc(item.minutes),
        });
      }
      if (item.resolutionText !== undefined || item.votes?.conflicted?.length) {
        await store.minutes.setItemExtras(created.id, {
          resolutionText: item.resolutionText === undefined ? null : toDoc(item.resolutionText),
          conflicted: (item.votes?.conflicted ?? []).map(pid),
        });
      }
      if (item.paper) itemIds.set(`${m.key}|${item.paper}`, created.id);
      if (item.approves) await store.minutes.setApproval(meetingIds.get(item.approves.meeting)!, created.id, item.approves.at);
    }
  }
  for (const p of ordered) {
    const paperId = paperIds.get(p.key)!;
    for (const c of p.consultations) {
      const meeting = c.meeting ? b.meetings.find((m) => m.key === c.meeting)! : null;
      const committeeKey = meeting ? meeting.committee : c.committee!;
      if (meeting && c.committee && c.committee !== meeting.committee) {
        throw invalid(`Die Beratung der Vorlage „${p.key}“ nennt das Gremium „${c.committee}“, die Sitzung „${meeting.key}“ gehört aber zu „${meeting.committee}“.`);
      }
      const consultation = await store.consultations.insert({
        paperId,
        committeeId: committeeIds.get(committeeKey)!,
        role: c.role,
        meetingId: meeting ? meetingIds.get(meeting.key)! : null,
      });
      if (meeting) {
        let itemId = itemIds.get(`${meeting.key}|${p.key}`);
        if (itemId === undefined) {
          itemId = (await store.agenda.insert({ meetingId: meetingIds.get(meeting.key)!, public: p.public, title: p.title, paperId })).id;
        }
        await store.agenda.linkConsultation(itemId, consultation.id);
      }
    }
  }
  // The same checks as entering the record by hand: an error refuses the whole import.
  for (const m of b.meetings) {
    const errors = minutesErrors(checkData(await loadMinutes(ctx, meetingIds.get(m.key)!)));
    if (errors.length) {
      throw invalid(`Die Niederschrift der Sitzung „${m.key}“ vom ${formatDateDe(m.start)} ist fehlerhaft: ${errors.map((e) => e.message).join(' ')} Es wurde nichts importiert.`);
    }
  }
  await writeFollowUps(ctx, b, meetingIds, departmentIds);
  await writeOParl(ctx, b, !existingBody);
  const summary = {
    departments: b.departments.length,
    committees: b.committees.length,
    meetings: b.meetings.length,
    papers: b.papers.length,
    attachments: attachmentCount,
    ...(b.persons?.length ? { persons: b.persons.length } : {}),
  };
  await audit(ctx, 'import', {}, summary);
  return summary;
}

/**
 * Signatures and Freigabe as the bundle states them. Valid ones cover the imported text, so they
 * get its SHA-256; the revision number stays as exported (the history itself does not travel).
 */
async function writeFreigabe(ctx: AppContext, paperId: number, p: Bundle['papers'][number]): Promise<void> {
  const current = (await ctx.store.papers.latestRevision(paperId))!;
  for (const a of p.approvals ?? []) {
    await ctx.store.freigabe.addApproval({
      paperId,
      step: a.step,
      by: a.by,
      function: a.function ?? '',
      at: a.at,
      revision: a.revision,
      revisionHash: a.invalidated ? '' : current.hash,
      invalidatedAt: a.invalidated ?? null,
      invalidatedReason: a.invalidated ? (a.invalidatedReason ?? '') : null,
    });
  }
  if (p.released) {
    await ctx.store.freigabe.setRelease(paperId, { by: p.released.by, function: p.released.function ?? '', at: p.released.at, revision: p.released.revision ?? current.number, revisionHash: current.hash });
  }
}

/** Beschlusskontrolle entries as stated, or (older bundles without them) derived from the decisions. */
async function writeFollowUps(ctx: AppContext, b: Bundle, meetingIds: Map<string, number>, departmentIds: Map<string, number>): Promise<void> {
  const { store } = ctx;
  if (b.followUps === undefined) {
    for (const meetingId of meetingIds.values()) {
      for (const item of await store.agenda.list(meetingId)) if (item.result !== null) await syncFollowUp(ctx, item);
    }
    return;
  }
  const now = ctx.now().toISOString();
  for (const f of b.followUps) {
    const meetingId = meetingIds.get(f.meeting);
    if (meetingId === undefined) throw invalid(`Ein Eintrag der Beschlusskontrolle nennt die unbekannte Sitzung „${f.meeting}“.`);
    const item = await store.agenda.byNumber(meetingId, f.agendaNumber);
    if (!item || item.result === null) throw invalid(`Ein Eintrag der Beschlusskontrolle nennt TOP ${f.agendaNumber} der Sitzung „${f.meeting}“, dort ist kein Beschluss erfasst.`);
    if (await store.followUps.byAgendaItem(item.id)) throw invalid(`TOP ${f.agendaNumber} der Sitzung „${f.meeting}“ hat mehr als einen Eintrag der Beschlusskontrolle.`);
    if (f.department && !departmentIds.has(f.department)) throw invalid(`Ein Eintrag der Beschlusskontrolle nennt das unbekannte Amt „${f.department}“.`);
    const meeting = (await store.meetings.get(meetingId))!;
    if (f.frist && f.frist < meeting.start.slice(0, 10)) throw invalid(`Die Frist eines Eintrags der Beschlusskontrolle (TOP ${f.agendaNumber}, Sitzung „${f.meeting}“) liegt vor dem Beschluss.`);
    const paper = item.paperId === null ? null : await store.papers.get(item.paperId);
    const proposal = paper?.sections.beschlussvorschlag ? docToPlainText(paper.sections.beschlussvorschlag).trim() : '';
    const id = await store.followUps.insert({
      agendaItemId: item.id,
      paperId: paper?.id ?? null,
      meetingId,
      committeeId: meeting.committeeId,
      decidedOn: meeting.start.slice(0, 10),
      reference: paper?.reference ?? '',
      agendaNumber: item.number,
      title: item.title,
      result: item.result,
      text: proposal || (paper?.title ?? item.title),
      departmentId: f.department ? departmentIds.get(f.department)! : (paper?.departmentId ?? null),
      frist: f.frist ?? null,
      stand: f.stand,
      at: now,
    });
    for (const n of f.notes) await store.followUps.addNote(id, { at: n.at, author: n.by, text: n.text });
  }
}

/** The bundle's Freigabe settings with the Ämter's ids in this database. */
function freigabeConfigOf(f: NonNullable<Bundle['freigabe']>, departmentIds: Map<string, number>): FreigabeConfig {
  const signingDepartments: FreigabeConfig['signingDepartments'] = {};
  for (const [step, key] of Object.entries(f.signingDepartments) as [keyof FreigabeConfig['signingDepartments'], string | undefined][]) {
    if (key === undefined) continue;
    const id = departmentIds.get(key);
    if (id === undefined) throw invalid(`Die Freigabe-Einstellungen nennen für den Schritt „${APPROVAL_STEP_LABELS[step]}“ das unbekannte Amt „${key}“.`);
    signingDepartments[step] = id;
  }
  return { ...f, signingDepartments };
}

/**
 * OParl settings (only into a new database: an existing Körperschaft keeps its own) and the
 * ledger: an id published before keeps its earliest created; what this database published
 * itself stays as it is otherwise.
 */
async function writeOParl(ctx: AppContext, b: Bundle, newBody: boolean): Promise<void> {
  if (!b.oparl) return;
  if (newBody && b.oparl.settings) await ctx.store.oparl.saveSettings(b.oparl.settings);
  const own = new Map((await ctx.store.oparl.ledger()).map((e) => [e.path, e]));
  const changes = b.oparl.published.flatMap((e) => {
    const mine = own.get(e.path);
    if (!mine) return [e];
    return e.created < mine.created ? [{ ...mine, created: e.created }] : [];
  });
  await ctx.store.oparl.saveLedger(changes);
}

function orderByPredecessor<T extends { key: string; predecessor?: string }>(papers: T[]): T[] {
  const byKey = new Map(papers.map((p) => [p.key, p]));
  const done = new Set<string>();
  const out: T[] = [];
  const visit = (p: T, depth: number) => {
    if (done.has(p.key)) return;
    if (depth > papers.length) throw new ApiError('VALIDATION', `Die Vorgänger-Kette der Vorlage „${p.key}“ ist zirkulär.`);
    if (p.predecessor) visit(byKey.get(p.predecessor)!, depth + 1);
    done.add(p.key);
    out.push(p);
  };
  papers.forEach((p) => visit(p, 0));
  return out;
}
