import { z } from 'zod';
import { ConsultationRoleSchema, type ConsultationRole } from '../../shared/schemas.js';

/**
 * A Vorlage template as written in `templates/<id>/template.json` (built-in) or
 * `<dataDir>/templates/<id>/template.json` / `<dataDir>/templates/<id>.json` (user).
 * Section default texts are Markdown, inline (`defaultText`) or in a file next to the
 * template (`defaultFile`). Texts may contain the placeholders listed in placeholders.ts.
 */

const text = (max: number) => z.string().trim().min(1).max(max);

export const TemplateSectionSchema = z
  .strictObject({
    /** Stable key, used in the database and in bundles ("vorbemerkungen"). */
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'nur Kleinbuchstaben, Ziffern und _ (z. B. „vorbemerkungen“)'),
    /** Heading printed above the section, without the colon ("Vorbemerkungen"). */
    title: text(120),
    required: z.boolean(),
    /** Help text shown in the editor. */
    hint: text(500).optional(),
    /** Default Markdown text. */
    defaultText: z.string().max(100_000).optional(),
    /** Markdown file with the default text, relative to the template file. */
    defaultFile: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.md$/, 'Dateiname einer .md-Datei im selben Ordner')
      .optional(),
  })
  .refine((s) => !(s.defaultText !== undefined && s.defaultFile !== undefined), {
    message: 'nur eines von defaultText und defaultFile angeben',
    path: ['defaultFile'],
  });

export const TemplateFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{1,62}$/, 'nur Kleinbuchstaben, Ziffern, - und _ (z. B. „mitteilungsvorlage“)'),
    /** Display name and the kind printed on the document ("Mitteilungsvorlage"). */
    name: text(100),
    description: text(500).optional(),
    /** Zuständigkeit suggested for new Beratungen. */
    defaultRole: ConsultationRoleSchema,
    /** Suggested Betreff for a new Vorlage (may use placeholders). */
    titleSuggestion: text(300).optional(),
    sections: z.array(TemplateSectionSchema).min(1).max(30),
    /** "Zur Sitzung {{gremium.genitive}} am {{sitzung.datum}}." */
    closingLine: text(300),
    signature: z.strictObject({
      /** "Im Auftrag" */
      greeting: text(100),
      /** The signatory's function, usually "{{amt.unterzeichnung}}". */
      signatory: text(200),
    }),
    attachments: z.strictObject({
      /** "Anlage:" — one attachment, printed on one line with its title. */
      singular: text(50),
      /** "Anlagen:" — several attachments, printed as a numbered list. */
      plural: text(50),
    }),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.sections.forEach((s, i) => {
      if (seen.has(s.key)) ctx.addIssue({ code: 'custom', message: `Abschnitt „${s.key}“ kommt doppelt vor`, path: ['sections', i, 'key'] });
      seen.add(s.key);
    });
  });

export type TemplateFile = z.infer<typeof TemplateFileSchema>;
export type TemplateSectionFile = z.infer<typeof TemplateSectionSchema>;

/** A template after loading: default texts resolved (still Markdown, placeholders unexpanded). */
export interface TemplateSection {
  key: string;
  title: string;
  required: boolean;
  hint?: string;
  /** Markdown with placeholders; "" when the template gives none. */
  defaultMarkdown: string;
}

export interface Template {
  id: string;
  name: string;
  description?: string;
  defaultRole: ConsultationRole;
  titleSuggestion?: string;
  sections: TemplateSection[];
  closingLine: string;
  signature: { greeting: string; signatory: string };
  attachments: { singular: string; plural: string };
  source: 'builtin' | 'user';
  /** The template file it was loaded from. */
  file: string;
  /** True when a user template replaces the built-in template with the same id. */
  overridesBuiltin?: boolean;
}

/** The JSON Schema of a template file (templates/template.schema.json), for editors. */
export function templateJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://vorlagenwerk.invalid/template.schema.json',
    title: 'Vorlagenwerk: Vorlagenart (template.json)',
    ...z.toJSONSchema(TemplateFileSchema, { io: 'input', unrepresentable: 'any' }),
  };
}
