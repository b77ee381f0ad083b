import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { checkPlaceholders } from './placeholders.js';
import { TemplateFileSchema, type Template, type TemplateFile } from './schema.js';

/**
 * Loads Vorlage templates: the built-in ones shipped in `templates/` and the user's own in
 * `<dataDir>/templates`. Each template is either a folder with `template.json` (plus Markdown
 * files for default texts) or, in the user folder, a single `<id>.json`. A broken template
 * file yields an error naming the file and the field; the other templates still load.
 */
export interface TemplateLoadError {
  /** Path of the offending file (relative to the templates folder it was found in). */
  file: string;
  /** Field path inside the file, e.g. "sections[1].defaultText"; "" for the file as a whole. */
  field: string;
  message: string;
}

export interface TemplateCatalog {
  templates: Template[];
  errors: TemplateLoadError[];
}

export interface TemplateDirs {
  /** Built-in templates; default: the app's `templates/` folder. */
  builtinDir?: string;
  /** User templates; usually `<dataDir>/templates`. Missing folder = no user templates. */
  userDir?: string | null;
}

export class TemplateNotFoundError extends Error {
  readonly code = 'NOT_FOUND' as const;
  constructor(id: string) {
    super(`Vorlagen-Schablone „${id}“ nicht gefunden.`);
    this.name = 'TemplateNotFoundError';
  }
}

const MAX_TEMPLATE_FILE = 1024 * 1024;

let cachedBuiltinDir: string | undefined;

/** The folder with the built-in templates (env VORLAGENWERK_TEMPLATES_DIR overrides). */
export function builtinTemplatesDir(): string {
  const fromEnv = process.env.VORLAGENWERK_TEMPLATES_DIR;
  if (fromEnv) return resolve(fromEnv);
  if (cachedBuiltinDir) return cachedBuiltinDir;
  const candidates: string[] = [];
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(join(resourcesPath, 'templates'));
  // Walk up from this module: works from the sources (tsx, vitest) and from out/main (bundled).
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    candidates.push(join(dir, 'templates'));
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const found = candidates.find((c) => existsSync(join(c, 'mitteilungsvorlage', 'template.json')));
  if (!found) throw new Error('Der Ordner mit den mitgelieferten Vorlagen-Schablonen (templates/) wurde nicht gefunden.');
  cachedBuiltinDir = found;
  return found;
}

/** `<sharedDir>/templates` (AppContext.sharedDir: the data folder, or the team server's storage folder) */
export const userTemplatesDir = (sharedDir: string) => join(sharedDir, 'templates');

export function loadTemplates(dirs: TemplateDirs = {}): TemplateCatalog {
  const builtinDir = dirs.builtinDir ?? builtinTemplatesDir();
  const builtin = loadFolder(builtinDir, 'builtin', false);
  const user = dirs.userDir && existsSync(dirs.userDir) ? loadFolder(dirs.userDir, 'user', true) : { templates: [], errors: [] };
  const byId = new Map<string, Template>();
  for (const t of builtin.templates) byId.set(t.id, t);
  const errors = [...builtin.errors, ...user.errors];
  const userIds = new Set<string>();
  for (const t of user.templates) {
    if (userIds.has(t.id)) {
      errors.push({ file: t.file, field: 'id', message: `die ID „${t.id}“ ist schon an eine andere eigene Schablone vergeben` });
      continue;
    }
    userIds.add(t.id);
    byId.set(t.id, byId.has(t.id) ? { ...t, overridesBuiltin: true } : t);
  }
  const templates = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'de'));
  return { templates, errors };
}

export function getTemplate(id: string, dirs: TemplateDirs = {}): Template {
  const template = loadTemplates(dirs).templates.find((t) => t.id === id);
  if (!template) throw new TemplateNotFoundError(id);
  return template;
}

/** Formats a load error for a log or the CLI: "mitteilungsvorlage/template.json: sections[0].title: …". */
export const formatTemplateError = (e: TemplateLoadError) => [e.file, e.field, e.message].filter(Boolean).join(': ');

function loadFolder(root: string, source: Template['source'], allowSingleFiles: boolean): TemplateCatalog {
  const templates: Template[] = [];
  const errors: TemplateLoadError[] = [];
  let names: string[];
  try {
    names = readdirSync(root).sort();
  } catch (cause) {
    return { templates, errors: [{ file: root, field: '', message: `Ordner nicht lesbar (${(cause as Error).message})` }] };
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(root, name);
    let file: string | null = null;
    try {
      const stat = statSync(path);
      if (stat.isDirectory() && existsSync(join(path, 'template.json'))) file = join(path, 'template.json');
      else if (allowSingleFiles && stat.isFile() && name.endsWith('.json')) file = path;
    } catch {
      continue;
    }
    if (!file) continue;
    const result = loadTemplateFile(file, root, source);
    if ('template' in result) templates.push(result.template);
    else errors.push(...result.errors);
  }
  return { templates, errors };
}

const de = z.locales.de().localeError;
const errorMap: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'Pflichtfeld fehlt' : de(issue);

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    '',
  );
}

/** Loads and checks one template file. */
export function loadTemplateFile(
  file: string,
  root: string = dirname(file),
  source: Template['source'] = 'user',
): { template: Template } | { errors: TemplateLoadError[] } {
  const display = relative(root, file) || file;
  const fail = (field: string, message: string, at = display) => ({ errors: [{ file: at, field, message }] });

  let raw: unknown;
  try {
    if (statSync(file).size > MAX_TEMPLATE_FILE) return fail('', 'Datei ist zu groß (höchstens 1 MB)');
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    return fail('', `kein gültiges JSON (${(cause as Error).message})`);
  }
  const parsed = TemplateFileSchema.safeParse(raw, { error: errorMap });
  if (!parsed.success) {
    return {
      errors: parsed.error.issues.map((issue) => {
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
        const field = fieldPath(keys.length === 1 ? [...issue.path, keys[0]!] : issue.path);
        return { file: display, field, message: issue.message };
      }),
    };
  }
  const def: TemplateFile = parsed.data;
  const errors: TemplateLoadError[] = [];
  const expectedId = basename(file) === 'template.json' ? basename(dirname(file)) : basename(file, '.json');
  if (def.id !== expectedId) {
    errors.push({ file: display, field: 'id', message: `„${def.id}“ passt nicht zum Datei- bzw. Ordnernamen „${expectedId}“` });
  }
  const check = (text: string | undefined, field: string, at = display) => {
    if (text === undefined) return;
    for (const p of checkPlaceholders(text)) errors.push({ file: at, field, message: p.message });
  };
  check(def.titleSuggestion, 'titleSuggestion');
  check(def.closingLine, 'closingLine');
  check(def.signature.greeting, 'signature.greeting');
  check(def.signature.signatory, 'signature.signatory');
  check(def.attachments.singular, 'attachments.singular');
  check(def.attachments.plural, 'attachments.plural');

  const sections = def.sections.map((s, i) => {
    let defaultMarkdown = s.defaultText ?? '';
    check(s.defaultText, `sections[${i}].defaultText`);
    if (s.defaultFile) {
      const mdPath = join(dirname(file), s.defaultFile);
      const mdDisplay = relative(root, mdPath) || mdPath;
      try {
        if (statSync(mdPath).size > MAX_TEMPLATE_FILE) throw new Error('Datei ist zu groß (höchstens 1 MB)');
        defaultMarkdown = readFileSync(mdPath, 'utf8');
        check(defaultMarkdown, `sections[${i}].defaultFile`, mdDisplay);
      } catch (cause) {
        const message = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? `Datei „${s.defaultFile}“ fehlt` : (cause as Error).message;
        errors.push({ file: display, field: `sections[${i}].defaultFile`, message });
      }
    }
    return {
      key: s.key,
      title: s.title,
      required: s.required,
      ...(s.hint ? { hint: s.hint } : {}),
      defaultMarkdown,
    };
  });
  if (errors.length) return { errors };

  return {
    template: {
      id: def.id,
      name: def.name,
      ...(def.description ? { description: def.description } : {}),
      defaultRole: def.defaultRole,
      ...(def.titleSuggestion ? { titleSuggestion: def.titleSuggestion } : {}),
      sections,
      closingLine: def.closingLine,
      signature: def.signature,
      attachments: def.attachments,
      source,
      file,
    },
  };
}
