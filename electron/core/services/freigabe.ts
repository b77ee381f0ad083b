import { APPROVAL_STEP_LABELS, type ApprovalStep, type FreigabeConfig, type FreigabeState, type WorkflowStatus } from '../../shared/freigabe.js';
import { conflict, invalid, notFound } from '../../shared/errors.js';
import type { Sections } from '../../shared/schemas.js';
import type { SessionUser } from '../../shared/roles.js';
import type { AppContext } from '../app-context.js';
import { docToPlainText } from '../../shared/plain-text.js';
import { localIsoDate } from '../domain/notice-period.js';
import { formatDateDe } from '../export/print-model.js';
import { loadTemplates, userTemplatesDir } from '../templates/index.js';
import { audit } from './audit.js';
import { createPaper, resolvePaperId } from './papers.js';

/**
 * Freigabe of a Vorlage: the Mitzeichnung chain, the release and its withdrawal, and
 * "zurück an Sachbearbeitung". Every step names the revision (number and SHA-256) it covers.
 */

const FINANCE_SECTION = 'finanzielle_auswirkungen';
/** Template default texts like "…" mean "still to be written", not content. */
const isBlank = (text: string) => /^[\s….\-–]*$/.test(text);
const sectionText = (sections: Sections, key: string) => (sections[key] ? docToPlainText(sections[key]).trim() : '');

/** Costs are stated: the section is filled in and does not merely say "keine". */
export function hasFinancialImpact(sections: Sections): boolean {
  const text = sectionText(sections, FINANCE_SECTION);
  return !isBlank(text) && !/^keine\b[.\s]*$/i.test(text);
}

/** The steps one Vorlage needs, in order: the Kämmerei only when it costs money (then always). */
export function requiredSteps(config: FreigabeConfig, sections: Sections): ApprovalStep[] {
  const finance = hasFinancialImpact(sections);
  const steps = config.steps.filter((s) => s !== 'kaemmerei' || finance);
  if (finance && !steps.includes('kaemmerei')) steps.push('kaemmerei');
  return steps;
}

/**
 * Who signs: given by name (CLI --by, the desktop's Einstellungen) or else the acting user. In team
 * mode always the signed-in user: nobody signs in someone else's name there.
 */
export function approvingActor(ctx: AppContext & { user?: SessionUser }, input: { by?: string; function?: string }, step?: ApprovalStep) {
  const name = ctx.user ? ctx.actor : input.by?.trim() || ctx.actor;
  return { name, function: input.function?.trim() || (step ? APPROVAL_STEP_LABELS[step] : '') };
}

async function loadPaper(ctx: AppContext, ref: string | number) {
  const paper = (await ctx.store.papers.get(await resolvePaperId(ctx, ref)))!;
  const revision = await ctx.store.papers.latestRevision(paper.id);
  return { paper, revision: { number: revision?.number ?? 0, hash: revision?.hash ?? '' } };
}

async function deliberated(ctx: AppContext, paperId: number): Promise<boolean> {
  return (await ctx.store.agenda.forPaper(paperId)).some((i) => i.result !== null);
}

export async function freigabeState(ctx: AppContext, ref: string | number): Promise<FreigabeState> {
  const { paper, revision } = await loadPaper(ctx, ref);
  const config = await ctx.store.freigabe.config();
  const approvals = await ctx.store.freigabe.approvals(paper.id);
  const valid = approvals.filter((a) => a.invalidatedAt === null);
  const released = await ctx.store.freigabe.release(paper.id);
  const dealt = await deliberated(ctx, paper.id);
  const steps = requiredSteps(config, paper.sections).map((step) => ({ step, label: APPROVAL_STEP_LABELS[step], approval: valid.find((a) => a.step === step) ?? null }));
  const lastReturn = (await ctx.store.audit.list({ paperId: paper.id, limit: 200 })).find((e) => e.action === 'vorlage.zurueckgegeben');
  const lastSignature = valid.at(-1)?.at ?? '';
  const amends = await ctx.store.freigabe.amends(paper.id);
  const original = amends ? await ctx.store.papers.get(amends.id) : null;
  return {
    paperId: paper.id,
    reference: paper.reference,
    status: workflowStatus(paper.status, released !== null, valid.length > 0, dealt),
    revision: revision.number,
    revisionHash: revision.hash,
    steps,
    approvals,
    released,
    locked: released !== null,
    deliberated: dealt,
    returned:
      lastReturn && lastReturn.at > lastSignature
        ? { by: lastReturn.actor, at: lastReturn.at, comment: String(lastReturn.details.comment ?? '') }
        : null,
    amends: amends && original ? { id: original.id, reference: original.reference, kind: amends.kind } : null,
  };
}

/** Entwurf → in Mitzeichnung → freigegeben → in Beratung → erledigt, from what is recorded. */
export function workflowStatus(paperStatus: string, released: boolean, signed: boolean, dealt: boolean): WorkflowStatus {
  if (paperStatus === 'erledigt' || paperStatus === 'beschlossen') return 'erledigt';
  if (dealt || (released && paperStatus === 'in_beratung')) return 'in_beratung';
  if (released) return 'freigegeben';
  return signed ? 'in_mitzeichnung' : 'entwurf';
}

export function approve(ctx: AppContext, input: { ref: string | number; step: ApprovalStep; by?: string; function?: string }) {
  return ctx.store.transaction(async () => {
    const { paper, revision } = await loadPaper(ctx, input.ref);
    if (await ctx.store.freigabe.release(paper.id)) throw conflict(`Die Vorlage ${paper.reference} ist bereits freigegeben; eine Mitzeichnung ist nicht mehr nötig.`);
    const steps = requiredSteps(await ctx.store.freigabe.config(), paper.sections);
    const label = APPROVAL_STEP_LABELS[input.step];
    if (!steps.includes(input.step)) {
      throw invalid(`Der Schritt „${label}“ ist für die Vorlage ${paper.reference} nicht vorgesehen (vorgesehen: ${steps.map((s) => APPROVAL_STEP_LABELS[s]).join(', ')}).`);
    }
    const valid = (await ctx.store.freigabe.approvals(paper.id)).filter((a) => a.invalidatedAt === null);
    const done = valid.find((a) => a.step === input.step);
    if (done) throw conflict(`${label} hat die Vorlage ${paper.reference} bereits mitgezeichnet (${done.by}, ${formatDateDe(done.at)}, Stand ${done.revision}).`);
    const missing = steps.slice(0, steps.indexOf(input.step)).filter((s) => !valid.some((a) => a.step === s));
    if (missing.length > 0) {
      throw invalid(`Vor „${label}“ muss zuerst mitzeichnen: ${missing.map((s) => APPROVAL_STEP_LABELS[s]).join(', ')}. Es wurde nichts gespeichert.`);
    }
    const actor = approvingActor(ctx, input, input.step);
    await ctx.store.freigabe.addApproval({
      paperId: paper.id, step: input.step, by: actor.name, function: actor.function, at: ctx.now().toISOString(), revision: revision.number, revisionHash: revision.hash,
    });
    await audit(ctx, 'mitzeichnung.erteilt', { paperId: paper.id }, { step: input.step, by: actor.name, function: actor.function, revision: revision.number, sha256: revision.hash });
    return freigabeState(ctx, paper.id);
  });
}

/** Required sections of the Vorlage's template that are still empty, by title. */
async function emptyRequiredSections(ctx: AppContext, template: string, sections: Sections): Promise<string[]> {
  const t = loadTemplates({ userDir: userTemplatesDir(ctx.sharedDir) }).templates.find((x) => x.id === template);
  if (!t) return [];
  return t.sections.filter((s) => s.required && isBlank(sectionText(sections, s.key))).map((s) => s.title);
}

export function release(ctx: AppContext, input: { ref: string | number; by?: string; function?: string }) {
  return ctx.store.transaction(async () => {
    const { paper, revision } = await loadPaper(ctx, input.ref);
    if (await ctx.store.freigabe.release(paper.id)) throw conflict(`Die Vorlage ${paper.reference} ist bereits freigegeben.`);
    const steps = requiredSteps(await ctx.store.freigabe.config(), paper.sections);
    const valid = (await ctx.store.freigabe.approvals(paper.id)).filter((a) => a.invalidatedAt === null);
    const missing = steps.filter((s) => !valid.some((a) => a.step === s));
    if (missing.length > 0) {
      throw invalid(`Die Vorlage ${paper.reference} kann nicht freigegeben werden: es fehlt die Mitzeichnung durch ${missing.map((s) => APPROVAL_STEP_LABELS[s]).join(', ')}.`);
    }
    const empty = await emptyRequiredSections(ctx, paper.template, paper.sections);
    if (empty.length > 0) {
      throw invalid(`Die Vorlage ${paper.reference} kann nicht freigegeben werden: Pflichtabschnitte sind leer: ${empty.join(', ')}.`);
    }
    const actor = approvingActor(ctx, input);
    const at = ctx.now().toISOString();
    await ctx.store.freigabe.setRelease(paper.id, { by: actor.name, function: actor.function, at, revision: revision.number, revisionHash: revision.hash });
    // The Vorlage is dated by its Freigabe unless its author dated it by hand.
    const date = paper.date ?? localIsoDate(ctx.now());
    if (paper.date === null) await ctx.store.papers.setDate(paper.id, date);
    await audit(ctx, 'freigabe.erteilt', { paperId: paper.id }, { by: actor.name, function: actor.function, revision: revision.number, sha256: revision.hash, date });
    return freigabeState(ctx, paper.id);
  });
}

/** "Freigabe zurücknehmen": the text becomes editable again; refused once a committee dealt with it. */
export function withdraw(ctx: AppContext, input: { ref: string | number; reason?: string }) {
  return ctx.store.transaction(async () => {
    const { paper } = await loadPaper(ctx, input.ref);
    const current = await ctx.store.freigabe.release(paper.id);
    if (!current) throw conflict(`Die Vorlage ${paper.reference} ist nicht freigegeben.`);
    if (await deliberated(ctx, paper.id)) {
      throw conflict(`Die Vorlage ${paper.reference} wurde bereits beraten; Änderungen nur noch als Ergänzungs- oder Änderungsvorlage.`);
    }
    await ctx.store.freigabe.deleteRelease(paper.id);
    await audit(ctx, 'freigabe.zurueckgenommen', { paperId: paper.id }, { reason: input.reason ?? '', previous: current });
    return freigabeState(ctx, paper.id);
  });
}

/** "Zurück an Sachbearbeitung": every signature is void, the comment says why. */
export function returnToAuthor(ctx: AppContext, input: { ref: string | number; comment: string }) {
  return ctx.store.transaction(async () => {
    const { paper } = await loadPaper(ctx, input.ref);
    if (await ctx.store.freigabe.release(paper.id)) {
      throw conflict(`Die Vorlage ${paper.reference} ist freigegeben; zuerst die Freigabe zurücknehmen.`);
    }
    const comment = input.comment.trim();
    const voided = await ctx.store.freigabe.invalidateApprovals(paper.id, `zurück an Sachbearbeitung: ${comment}`, ctx.now().toISOString());
    await audit(ctx, 'vorlage.zurueckgegeben', { paperId: paper.id }, { comment, steps: voided.map((a) => a.step) });
    return freigabeState(ctx, paper.id);
  });
}

/** Unreleased Vorlagen on the agenda of a Sitzung (abgesetzte TOPs excepted), in agenda order. */
export async function unreleasedOnAgenda(ctx: AppContext, meetingId: number): Promise<{ paperId: number; reference: string; title: string; number: string }[]> {
  const items = (await ctx.store.agenda.list(meetingId)).filter((i) => i.paperId !== null && !i.abgesetzt);
  const released = await ctx.store.freigabe.releasedAmong(items.map((i) => i.paperId!));
  const seen = new Set<number>();
  const out = [];
  for (const i of items) {
    if (released.has(i.paperId!) || seen.has(i.paperId!)) continue;
    seen.add(i.paperId!);
    const p = await ctx.store.papers.get(i.paperId!);
    if (p) out.push({ paperId: p.id, reference: p.reference, title: p.title, number: i.number });
  }
  return out;
}

/** The gate before a Sitzungsmappe: refused, before anything is written, naming every blocker. */
export async function assertPackReleasable(ctx: AppContext, meetingId: number): Promise<void> {
  const meeting = await ctx.store.meetings.get(meetingId);
  if (!meeting) throw notFound(`Die Sitzung ${meetingId}`);
  const blockers = await unreleasedOnAgenda(ctx, meetingId);
  if (blockers.length > 0) {
    throw conflict(
      `Die Sitzungsmappe der Sitzung vom ${formatDateDe(meeting.start)} wurde nicht erstellt: nicht freigegeben ${blockers.length === 1 ? 'ist die Vorlage' : 'sind die Vorlagen'} ` +
        `${blockers.map((b) => `${b.reference} (TOP ${b.number})`).join(', ')}.`,
    );
  }
}

const AMEND_LABELS = { ergaenzung: 'Ergänzung', aenderung: 'Änderung' } as const;

/**
 * A change to a released Vorlage (typically one a committee has dealt with): a new, linked
 * Vorlage numbered after the original ("50/012/2023/1", pattern per Körperschaft), starting
 * from the original's text, with its own Mitzeichnung and Freigabe.
 */
export function amend(ctx: AppContext, input: { ref: string | number; kind: 'ergaenzung' | 'aenderung'; title?: string }) {
  return ctx.store.transaction(async () => {
    const { paper } = await loadPaper(ctx, input.ref);
    if (!(await ctx.store.freigabe.release(paper.id))) {
      throw conflict(`Die Vorlage ${paper.reference} ist nicht freigegeben und kann direkt geändert werden; eine ${AMEND_LABELS[input.kind]}svorlage ist nicht nötig.`);
    }
    const pattern = (await ctx.store.freigabe.config()).amendmentSuffix;
    let reference = '';
    for (let n = 1; ; n++) {
      reference = pattern.replace('{nummer}', paper.reference).replace('{n}', String(n));
      if (!(await ctx.store.papers.isReferenceUsed(reference))) break;
    }
    const id = await createPaper(ctx, {
      template: paper.template,
      departmentId: paper.departmentId,
      title: input.title?.trim() || `${AMEND_LABELS[input.kind]}: ${paper.title}`.slice(0, 1000),
      public: paper.public,
      reference,
      year: paper.year,
      sections: paper.sections,
    });
    await ctx.store.freigabe.setAmends(id, paper.id, input.kind);
    await audit(ctx, `vorlage.${input.kind}`, { paperId: paper.id }, { amendment: reference, amendmentId: id });
    return freigabeState(ctx, id);
  });
}
