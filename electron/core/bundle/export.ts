import path from 'node:path';
import type { z } from 'zod';
import type { BundleInput, BundlePaperSchema } from '../../shared/bundle.js';
import type { AppContext } from '../app-context.js';
import { safeFileName } from '../files/safe-name.js';
import type { ImportSummary } from './import.js';
import { mapInOrder } from '../map-in-order.js';

export interface ExportedBundle {
  bundle: BundleInput;
  /** Relative path (as written in the bundle) → file bytes. */
  files: Map<string, Buffer>;
  summary: ImportSummary;
}

/**
 * Builds the bundle of everything in the database, stating every field so that
 * export → import → export gives the same JSON. With publicOnly, non-public Vorlagen, TOPs and
 * Anlagen are left out entirely (not blanked): nothing of them reaches the file.
 */
export async function buildBundle(ctx: AppContext, options: { publicOnly: boolean; filesDir: string }): Promise<ExportedBundle> {
  const { store } = ctx;
  const body = await store.body.get();
  if (!body) throw new Error('no body');
  const departments = await store.departments.list();
  const committees = await store.committees.list();
  const deptKey = new Map(departments.map((d) => [d.id, d.key]));
  const committeeKey = new Map(committees.map((c) => [c.id, c.key]));
  const meetings = await store.meetings.list();
  const meetingKey = new Map(meetings.map((m) => [m.id, m.key]));
  const persons = await store.persons.list();
  const personKey = new Map(persons.map((p) => [p.id, p.key]));
  const pkey = (id: number) => personKey.get(id)!;

  const papers = (await store.papers.list())
    .sort((a, b) => a.id - b.id)
    .filter((p) => !options.publicOnly || p.public);
  const paperKey = new Map(papers.map((p) => [p.id, p.key ?? `vorlage-${p.id}`]));
  const files = new Map<string, Buffer>();
  let attachmentCount = 0;
  const extras = new Map<number, Awaited<ReturnType<typeof store.minutes.itemExtras>>>();
  for (const m of meetings) extras.set(m.id, await store.minutes.itemExtras(m.id));
  // Approved Niederschriften, by the TOP that approved them (agenda item id → link).
  const approvals = new Map<number, { meeting: string; at: string }>();
  for (const m of meetings) {
    const approval = await store.minutes.approval(m.id);
    if (approval) approvals.set(approval.agendaItemId, { meeting: m.key, at: approval.at });
  }

  // When each abgesetzt TOP was taken off (AgendaItem only says that it was).
  const withdrawn = new Map(
    (await store.sql.all<{ id: number; withdrawn_at: string }>('SELECT id, withdrawn_at FROM agenda_item WHERE withdrawn_at IS NOT NULL')).map((r) => [Number(r.id), r.withdrawn_at]),
  );

  const bundle: BundleInput = {
    format: 'vorlagenwerk-bundle',
    version: 1,
    body: { name: body.name, numberPattern: body.numberPattern, agendaNumbering: body.agendaNumbering, listNumbering: body.listNumbering, publicAgendaClosed: body.publicAgendaClosed },
    departments: departments.map(({ key, code, name, signatory }) => ({ key, code, name, signatory })),
    // E-mail addresses are personal contact data, not part of a published record.
    ...(persons.length
      ? { persons: persons.map((p) => ({ key: p.key, name: p.name, formOfAddress: p.formOfAddress, title: p.title, affiliation: p.affiliation, email: options.publicOnly ? '' : p.email })) }
      : {}),
    committees: await mapInOrder(committees, async ({ id, ...c }) => {
      const members = await store.memberships.forCommittee(id);
      return {
        ...c,
        ...(members.length
          ? {
              members: members.map((m) => ({
                person: pkey(m.personId),
                role: m.role,
                ...(m.representsPersonId !== null ? { represents: pkey(m.representsPersonId) } : {}),
                from: m.from,
                ...(m.until !== null ? { until: m.until } : {}),
              })),
            }
          : {}),
      };
    }),
    meetings: await mapInOrder(meetings, async (m) => ({
      key: m.key,
      committee: committeeKey.get(m.committeeId)!,
      number: m.number,
      start: m.start,
      end: m.end,
      location: m.location,
      state: m.state,
      ...((await store.meetings.invitedOn(m.id)) ? { invited: (await store.meetings.invitedOn(m.id))! } : {}),
      ...(await meetingRecord(ctx, m.id, pkey)),
      agenda: (await store.agenda.list(m.id))
        .filter((item) => !options.publicOnly || item.public)
        .map((item) => ({
          // Only a number set by hand travels: computed ones are computed again on import, so TOPs
          // added later are numbered on from them instead of clashing with frozen copies.
          ...(item.manualNumber !== null ? { number: item.manualNumber } : {}),
          public: item.public,
          title: item.title,
          ...(item.paperId !== null && paperKey.has(item.paperId) ? { paper: paperKey.get(item.paperId)! } : {}),
          ...(item.result !== null ? { result: item.result } : {}),
          ...(item.votes !== null ? { votes: { ...item.votes, ...(extras.get(m.id)!.get(item.id)?.conflicted.length ? { conflicted: extras.get(m.id)!.get(item.id)!.conflicted.map(pkey) } : {}) } } : {}),
          ...(item.minutes !== null ? { minutes: item.minutes } : {}),
          ...(extras.get(m.id)!.get(item.id)?.resolutionText ? { resolutionText: extras.get(m.id)!.get(item.id)!.resolutionText! } : {}),
          supplement: item.supplement,
          ...(item.tischvorlage ? { tischvorlage: true } : {}),
          ...(item.abgesetzt ? { abgesetzt: withdrawn.get(item.id)! } : {}),
          ...(approvals.get(item.id) ? { approves: approvals.get(item.id)! } : {}),
        })),
    })),
    papers: await mapInOrder(papers, async (summary) => {
      const p = (await store.papers.get(summary.id))!;
      const key = paperKey.get(p.id)!;
      const attachments = (await store.attachments.forPaper(p.id)).filter((a) => !options.publicOnly || a.public);
      return {
        key,
        reference: p.reference,
        department: deptKey.get(p.departmentId)!,
        template: p.template,
        title: p.title,
        public: p.public,
        year: p.year,
        ...(p.date ? { date: p.date } : {}),
        ...(p.predecessorId !== null && paperKey.has(p.predecessorId) ? { predecessor: paperKey.get(p.predecessorId)! } : {}),
        sections: p.sections,
        consultations: (await store.consultations.forPaper(p.id)).map((c) =>
          c.meetingId !== null ? { meeting: meetingKey.get(c.meetingId)!, role: c.role } : { committee: committeeKey.get(c.committeeId)!, role: c.role },
        ),
        ...(await amendsOf(ctx, p.id, paperKey)),
        ...(options.publicOnly ? {} : await freigabeOf(ctx, p.id)),
        attachments: await mapInOrder(attachments, async (a, i) => {
          attachmentCount += 1;
          const rel = [options.filesDir, safeFileName(key), `${String(i + 1).padStart(2, '0')}-${safeFileName(a.fileName, 'anlage')}`].join('/');
          files.set(rel, (await store.attachments.data(a.sha256))!);
          return { title: a.title, file: rel, fileName: a.fileName, public: a.public };
        }),
      };
    }),
  };
  // Vermerke and Zuständigkeiten are internal working notes: a public bundle carries none.
  bundle.followUps = options.publicOnly ? [] : await followUpsOf(ctx, meetingKey, deptKey);
  // How the Verwaltung signs off its Vorlagen is internal, as the signatures are.
  if (!options.publicOnly) bundle.freigabe = await freigabeConfigOf(ctx, deptKey);
  // What was published is public by definition; the ledger keeps each OParl id's created.
  bundle.oparl = { settings: await store.oparl.settings(), published: await store.oparl.ledger() };
  return {
    bundle,
    files,
    summary: {
      departments: departments.length,
      committees: committees.length,
      meetings: meetings.length,
      papers: papers.length,
      attachments: attachmentCount,
      ...(persons.length ? { persons: persons.length } : {}),
    },
  };
}

/** Head and attendance of a Sitzung's Niederschrift, only the fields that are set. */
async function meetingRecord(ctx: AppContext, meetingId: number, pkey: (id: number) => string) {
  const head = (await ctx.store.minutes.head(meetingId))!;
  const attendance = await ctx.store.attendance.list(meetingId);
  return {
    ...(head.opened ? { opened: head.opened } : {}),
    ...(head.closed ? { closed: head.closed } : {}),
    ...(head.chairPersonId !== null ? { chair: pkey(head.chairPersonId) } : {}),
    ...(head.recorderPersonId !== null ? { recorder: pkey(head.recorderPersonId) } : {}),
    ...(attendance.length
      ? {
          attendance: attendance.map((a) => ({
            person: pkey(a.personId),
            status: a.status,
            ...(a.arrived ? { arrived: a.arrived } : {}),
            ...(a.left ? { left: a.left } : {}),
            ...(a.representsPersonId !== null ? { represents: pkey(a.representsPersonId) } : {}),
            group: a.group,
            ...(a.function ? { function: a.function } : {}),
          })),
        }
      : {}),
  };
}

/** The folder for Anlage files beside a bundle file: "bundle.json" → "bundle-anlagen". */
export const bundleFilesDir = (bundlePath: string) => `${path.basename(bundlePath).replace(/\.json$/i, '')}-anlagen`;

export { readBesideBundle } from './bundle-files.js';

/** Signatures (who, function, when, revision) and Freigabe: internal, so never in a public bundle. */
async function freigabeOf(ctx: AppContext, paperId: number): Promise<Pick<z.input<typeof BundlePaperSchema>, 'approvals' | 'released'>> {
  const approvals = await ctx.store.freigabe.approvals(paperId);
  const released = await ctx.store.freigabe.release(paperId);
  return {
    approvals: approvals.map((a) => ({
      step: a.step,
      by: a.by,
      function: a.function,
      at: a.at,
      revision: a.revision,
      ...(a.invalidatedAt !== null ? { invalidated: a.invalidatedAt, invalidatedReason: a.invalidatedReason ?? '' } : {}),
    })),
    ...(released ? { released: { by: released.by, function: released.function, at: released.at, revision: released.revision } } : {}),
  };
}

async function freigabeConfigOf(ctx: AppContext, deptKey: Map<number, string>): Promise<NonNullable<BundleInput['freigabe']>> {
  const config = await ctx.store.freigabe.config();
  const signing = Object.entries(config.signingDepartments).flatMap(([step, id]) => (id !== undefined && deptKey.has(id) ? [[step, deptKey.get(id)!]] : []));
  return { ...config, signingDepartments: Object.fromEntries(signing) };
}

async function followUpsOf(ctx: AppContext, meetingKey: Map<number, string>, deptKey: Map<number, string>): Promise<NonNullable<BundleInput['followUps']>> {
  const out: NonNullable<BundleInput['followUps']> = [];
  for (const f of await ctx.store.followUps.list()) {
    // An entry whose TOP is gone has nothing to link to in a bundle.
    const item = f.agendaItemId === null ? null : await ctx.store.agenda.get(f.agendaItemId);
    if (!item || f.meetingId === null || !meetingKey.has(f.meetingId)) continue;
    out.push({
      meeting: meetingKey.get(f.meetingId)!,
      agendaNumber: item.number,
      stand: f.stand,
      ...(f.frist !== null ? { frist: f.frist } : {}),
      ...(f.departmentId !== null ? { department: deptKey.get(f.departmentId)! } : {}),
      notes: f.notes.map((n) => ({ at: n.at, by: n.author, text: n.text })),
    });
  }
  return out;
}

async function amendsOf(ctx: AppContext, paperId: number, paperKey: Map<number, string>): Promise<Pick<z.input<typeof BundlePaperSchema>, 'amends'>> {
  const amends = await ctx.store.freigabe.amends(paperId);
  return amends && paperKey.has(amends.id) ? { amends: { paper: paperKey.get(amends.id)!, kind: amends.kind } } : {};
}
