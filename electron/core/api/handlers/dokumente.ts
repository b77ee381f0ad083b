import { basename } from 'node:path';
import { dokumenteMethods } from '../../../shared/api/dokumente.js';
import { invalid, notFound } from '../../../shared/errors.js';
import { DEFAULT_DOCX_LIMITS } from '../../document/docx-container.js';
import { docxToDocIsolated } from '../../document/docx-isolated.js';
import { splitVorlageDoc } from '../../document/split-vorlage.js';
import { renderPaperDocx } from '../../export/docx/index.js';
import { exportEinladung } from '../../export/meeting/einladung.js';
import { exportPaperExtract } from '../../export/minutes-export.js';
import { renderPaperDocxWithLetterhead } from '../../export/docx/letterhead.js';
import { letterheadInfo, readLetterhead, removeLetterhead, saveLetterhead } from '../../export/docx/letterhead-store.js';
import { renderPaperHtml } from '../../export/html/paper.js';
import { PrintModels } from '../../export/pdf/print-models-from-store.js';
import { exportVariant, writeExport } from '../../export/pdf/write-export.js';
import { audit } from '../../services/audit.js';
import { createPaper, paperDetail, resolvePaperId } from '../../services/papers.js';
import { loadTemplates, userTemplatesDir, type Template } from '../../templates/index.js';
import type { AppContext } from '../../app-context.js';
import { defineHandlers } from '../handler.js';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function templates(ctx: AppContext) {
  return loadTemplates({ userDir: userTemplatesDir(ctx.sharedDir) });
}

function template(ctx: AppContext, id: string): Template {
  const t = templates(ctx).templates.find((x) => x.id === id);
  if (!t) throw notFound(`Die Vorlagenart „${id}“`);
  return t;
}

async function meetingExists(ctx: AppContext, meetingId: number | undefined) {
  if (meetingId !== undefined && !await ctx.store.meetings.get(meetingId)) throw notFound(`Die Sitzung ${meetingId}`);
}

/** Base64 → bytes; the decoded size is checked again by the DOCX safety checks. */
function decode(dataBase64: string): Buffer {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.byteLength > DEFAULT_DOCX_LIMITS.maxFileBytes) throw invalid('Die Datei ist größer als 50 MB.');
  return bytes;
}

/**
 * The Amt a Word import is filed under. Without a choice only a lone Amt is taken: filing under
 * "the first" put Vorlagen into a foreign Amt (issue 15.14), so several Ämter are named instead.
 */
async function importDepartment(ctx: AppContext, departmentId: number | undefined) {
  if (departmentId !== undefined) {
    const department = await ctx.store.departments.get(departmentId);
    if (!department) throw notFound(`Das Amt ${departmentId}`);
    return department;
  }
  const departments = await ctx.store.departments.list();
  if (departments.length === 0) throw invalid('Es gibt noch kein Amt; bitte zuerst ein Amt anlegen.');
  if (departments.length === 1) return departments[0]!;
  const choices = departments.map((d) => `${d.id} = ${d.name}`).join('; ');
  throw invalid(`Bitte angeben, unter welchem Amt die Vorlage angelegt wird. Möglich: ${choices}.`, [{ path: 'departmentId', message: 'fehlt' }]);
}

export const dokumenteHandlers = defineHandlers(dokumenteMethods, {
  'vorlagen.templates': (_input, ctx) => {
    const { templates: list, errors } = templates(ctx);
    return {
      templates: list.map((t) => ({
        id: t.id,
        name: t.name,
        description: t.description ?? null,
        defaultRole: t.defaultRole,
        source: t.source,
        overridesBuiltin: t.overridesBuiltin ?? false,
        titleSuggestion: t.titleSuggestion ?? null,
        sections: t.sections.map((s) => ({ key: s.key, title: s.title, required: s.required, hint: s.hint ?? null })),
        closingLine: t.closingLine,
      })),
      errors,
    };
  },

  'vorlagen.exportHtml': async ({ ref, meetingId, path, publicOnly }, ctx) => {
    await meetingExists(ctx, meetingId);
    const paperId = await resolvePaperId(ctx, ref);
    const html = renderPaperHtml(await new PrintModels(ctx).paper(paperId, meetingId ?? null, { publicOnly }));
    return writeExport(ctx, Buffer.from(html, 'utf8'), { path, paperId, meetingId: meetingId ?? null, format: 'html', ...exportVariant(publicOnly && 'public') });
  },

  'vorlagen.exportDocx': async ({ ref, meetingId, path, letterhead, publicOnly }, ctx) => {
    await meetingExists(ctx, meetingId);
    const paperId = await resolvePaperId(ctx, ref);
    const model = await new PrintModels(ctx).paper(paperId, meetingId ?? null, { publicOnly });
    const house = letterhead === false ? null : readLetterhead(ctx.sharedDir);
    if (letterhead === true && !house) throw invalid('Es ist keine Hausvorlage (Word-Briefkopf) hinterlegt.');
    const bytes = house ? await renderPaperDocxWithLetterhead(model, house) : await renderPaperDocx(model);
    const written = await writeExport(ctx, bytes, {
      path,
      paperId,
      meetingId: meetingId ?? null,
      format: 'docx',
      ...exportVariant(house && 'hausvorlage', publicOnly && 'public'),
    });
    return { ...written, letterhead: !!house };
  },

  'vorlagen.importDocx': async ({ fileName, dataBase64, template: templateId, departmentId, title, public: isPublic, trackedChanges }, ctx) => {
    const t = template(ctx, templateId);
    // Everything that can fail on the file happens before anything is stored.
    const imported = await docxToDocIsolated(decode(dataBase64), { importOptions: { trackedChanges } });
    const split = splitVorlageDoc(imported.doc, t.sections, undefined, { footnotes: imported.footnotes });
    const department = await importDepartment(ctx, departmentId);
    const fromFile = basename(fileName).replace(/\.docx$/i, '');
    const notes = [...imported.notes, ...split.notes];
    // The file name as Betreff is a guess: said, never silent (issue 15.13).
    if (!title && !split.title) notes.push(`Im Dokument wurde kein Betreff erkannt; der Dateiname „${fromFile}“ wurde als Betreff übernommen. Bitte prüfen.`);
    const paperTitle = (title ?? split.title ?? fromFile).slice(0, 1000);
    return ctx.store.transaction(async () => {
      const id = await createPaper(ctx, { template: t.id, departmentId: department.id, title: paperTitle, public: isPublic, sections: split.sections });
      await audit(ctx, 'vorlage.importiert', { paperId: id }, { fileName: basename(fileName), format: 'docx', notes });
      return { paper: await paperDetail(ctx, id), notes, attachments: split.attachments };
    });
  },

  // The Auszug aus der Niederschrift of the Vorlage's TOP: the same document as `sitzung auszug`.
  'ergebnisse.exportDocx': async (input, ctx) => {
    const { path, bytes, sha256 } = await exportPaperExtract(ctx, { ...input, format: 'docx' });
    return { path, bytes, sha256 };
  },

  'sitzungen.exportEinladungDocx': async ({ meetingId, variant, path }, ctx) => {
    const { pages: _pages, ...written } = await exportEinladung(ctx, { meetingId, format: 'docx', variant, path });
    return written;
  },

  'hausvorlage.get': (_input, ctx) => letterheadInfo(ctx.sharedDir),
  'hausvorlage.set': async ({ fileName, dataBase64 }, ctx) => {
    const info = await saveLetterhead(ctx.sharedDir, basename(fileName), decode(dataBase64));
    await audit(ctx, 'hausvorlage.hinterlegt', {}, { fileName: info.fileName, sha256: info.sha256, mediaType: DOCX_TYPE });
    return info;
  },
  'hausvorlage.remove': async (_input, ctx) => {
    const removed = removeLetterhead(ctx.sharedDir);
    if (removed) await audit(ctx, 'hausvorlage.entfernt');
    return { removed };
  },
});
