import { vorlagenMethods } from '../../../shared/api/vorlagen.js';
import { conflict, invalid, notFound } from '../../../shared/errors.js';
import { LIMITS } from '../../../shared/schemas.js';
import { safeFileName } from '../../files/safe-name.js';
import { sniffMediaType } from '../../files/sniff.js';
import { audit } from '../../services/audit.js';
import { createPaper, paperDetail, resolvePaperId, savePaper } from '../../services/papers.js';
import { loadTemplates, userTemplatesDir } from '../../templates/loader.js';
import type { AppContext } from '../../app-context.js';
import { defineHandlers } from '../handler.js';

/**
 * A new Vorlage starts with its template's default texts (e.g. the suggested subheadings of the
 * Sachstandsbericht), placeholders filled with what is known now; an unknown template is refused.
 */
async function initialSections(ctx: AppContext, templateId: string, departmentId: number, year: number) {
  const template = loadTemplates({ userDir: userTemplatesDir(ctx.sharedDir) }).templates.find((t) => t.id === templateId);
  if (!template) throw invalid(`Die Vorlagenart „${templateId}“ gibt es nicht.`);
  const department = await ctx.store.departments.get(departmentId);
  // Loaded here, not with the handlers: its Markdown parser is not needed to list or read Vorlagen.
  const { templateDefaults } = await import('../../templates/defaults.js');
  return templateDefaults(template, {
    jahr: String(year),
    vorjahr: String(year - 1),
    'amt.name': department?.name ?? null,
    'amt.code': department?.code ?? null,
    'amt.unterzeichnung': department?.signatory ?? null,
    'koerperschaft.name': (await ctx.store.body.get())?.name ?? null,
  }).sections;
}

export const vorlagenHandlers = defineHandlers(vorlagenMethods, {
  'vorlagen.list': (filter, ctx) => ctx.store.papers.list(filter),
  'vorlagen.page': ({ offset, limit, order, ...filter }, ctx) => ctx.store.papers.page(filter, offset, limit, order),
  'vorlagen.get': async ({ ref }, ctx) => paperDetail(ctx, await resolvePaperId(ctx, ref)),
  'vorlagen.create': (input, ctx) =>
    ctx.store.transaction(async () => {
      const sections = input.sections ?? await initialSections(ctx, input.template, input.departmentId, input.year ?? ctx.now().getFullYear());
      const id = await createPaper(ctx, { ...input, sections });
      return paperDetail(ctx, id);
    }),
  'vorlagen.save': (input, ctx) => savePaper(ctx, input),
  'vorlagen.delete': ({ id }, ctx) =>
    ctx.store.transaction(async () => {
      const paper = await ctx.store.papers.get(id);
      if (!paper) throw notFound(`Die Vorlage ${id}`);
      const items = await ctx.store.agenda.forPaper(id);
      if (items.some((i) => i.result !== null)) {
        throw conflict(`Die Vorlage ${paper.reference} wurde bereits beraten (Ergebnis erfasst) und kann nicht gelöscht werden.`);
      }
      for (const item of items) await ctx.store.agenda.delete(item.id);
      // Before the delete (which would only unlink them): its events name files, paths and texts.
      await ctx.store.audit.forgetPaper(id);
      await ctx.store.papers.delete(id);
      await ctx.store.attachments.pruneBlobs();
      // The number stays in used_reference: it is never handed out again.
      await audit(ctx, 'vorlage.geloescht', {}, { reference: paper.reference });
      return { deleted: true, reference: paper.reference };
    }),
  'vorlagen.history': async ({ ref }, ctx) => {
    const id = await resolvePaperId(ctx, ref);
    return { revisions: await ctx.store.papers.revisions(id), events: await ctx.store.audit.list({ paperId: id }) };
  },
  'vorlagen.revision': async ({ ref, number }, ctx) => {
    const id = await resolvePaperId(ctx, ref);
    const revision = (await ctx.store.papers.revisions(id)).find((r) => r.number === number);
    const content = await ctx.store.papers.revisionContent(id, number);
    if (!revision || !content) throw notFound(`Der Stand ${number} der Vorlage`);
    return { revision, content };
  },

  'anlagen.add': ({ paperId, title, fileName, public: isPublic, dataBase64 }, ctx) => {
    const data = Buffer.from(dataBase64, 'base64');
    if (data.byteLength === 0) throw invalid(`Die Datei „${safeFileName(fileName)}“ ist leer (0 Byte) und wurde nicht angefügt.`);
    if (data.byteLength > LIMITS.attachmentBytes) {
      throw invalid(`Die Datei „${safeFileName(fileName)}“ ist größer als ${LIMITS.attachmentBytes / 1024 / 1024} MB und wurde nicht angefügt.`);
    }
    return ctx.store.transaction(async () => {
      const paper = await ctx.store.papers.get(paperId);
      if (!paper) throw notFound(`Die Vorlage ${paperId}`);
      if (isPublic && !paper.public) throw invalid('Eine nichtöffentliche Vorlage kann keine öffentliche Anlage haben.');
      const name = safeFileName(fileName, 'anlage');
      const attachment = await ctx.store.attachments.insert({ paperId, title, fileName: name, mediaType: sniffMediaType(data, name), public: isPublic, data });
      await audit(ctx, 'anlage.hinzugefuegt', { paperId }, { attachmentId: attachment.id, fileName: name, sha256: attachment.sha256, public: isPublic });
      return attachment;
    });
  },
  'anlagen.update': ({ id, ...patch }, ctx) =>
    ctx.store.transaction(async () => {
      const a = await ctx.store.attachments.get(id);
      if (!a) throw notFound('Die Anlage');
      if (patch.public) {
        const paper = (await ctx.store.papers.get(a.paperId))!;
        if (!paper.public) throw invalid('Eine nichtöffentliche Vorlage kann keine öffentliche Anlage haben.');
      }
      return ctx.store.attachments.update(id, { ...patch, fileName: patch.fileName ? safeFileName(patch.fileName, 'anlage') : undefined });
    }),
  'anlagen.reorder': ({ paperId, orderedIds }, ctx) =>
    ctx.store.transaction(async () => {
      const current = await ctx.store.attachments.forPaper(paperId);
      const known = new Set(current.map((a) => a.id));
      if (orderedIds.length !== current.length || !orderedIds.every((id) => known.has(id)) || new Set(orderedIds).size !== orderedIds.length) {
        throw invalid('Die neue Reihenfolge muss jede Anlage der Vorlage genau einmal enthalten.');
      }
      for (const [position, id] of orderedIds.entries()) await ctx.store.attachments.update(id, { position });
      return ctx.store.attachments.forPaper(paperId);
    }),
  'anlagen.remove': ({ id }, ctx) =>
    ctx.store.transaction(async () => {
      const a = await ctx.store.attachments.get(id);
      if (!a) throw notFound('Die Anlage');
      await ctx.store.attachments.delete(id);
      // The file name may itself be personal data ("Antrag_Familie_….pdf"): no event keeps it.
      await ctx.store.audit.forgetAttachment(id);
      await audit(ctx, 'anlage.entfernt', { paperId: a.paperId }, { attachmentId: id, sha256: a.sha256 });
      return { removed: true };
    }),
  'anlagen.content': async ({ id }, ctx) => {
    const a = await ctx.store.attachments.get(id);
    if (!a) throw notFound('Die Anlage');
    const data = await ctx.store.attachments.data(a.sha256);
    if (!data) throw notFound('Der Inhalt der Anlage');
    return { fileName: a.fileName, mediaType: a.mediaType, dataBase64: data.toString('base64') };
  },
});
