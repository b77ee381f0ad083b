import type { Doc } from '../../shared/document.js';
import { markdownToDoc } from '../document/markdown.js';
import { expandPlaceholders, expandPlaceholdersInDoc, type PlaceholderValues } from './placeholders.js';
import type { Template } from './schema.js';

/**
 * What a new Vorlage starts with: the template's default section texts and suggested Betreff,
 * placeholders expanded once with what is known at creation time (missing values become "…").
 * The Markdown is parsed first and placeholders are expanded in the resulting text nodes, so a
 * value can never inject Markdown or further placeholders.
 */
export function templateDefaults(template: Template, values: PlaceholderValues): { title: string; sections: Record<string, Doc> } {
  const sections: Record<string, Doc> = {};
  for (const s of template.sections) sections[s.key] = expandPlaceholdersInDoc(markdownToDoc(s.defaultMarkdown), values);
  return { title: template.titleSuggestion ? expandPlaceholders(template.titleSuggestion, values) : '', sections };
}

/** The closing line for the Sitzung a document is printed for ("Zur Sitzung des … am 12.03.2025."). */
export const renderClosingLine = (template: Pick<Template, 'closingLine'>, values: PlaceholderValues) =>
  expandPlaceholders(template.closingLine, values);

/** The signature block with the template's greeting and the signatory's function. */
export const renderSignature = (template: Pick<Template, 'signature'>, values: PlaceholderValues) => ({
  greeting: expandPlaceholders(template.signature.greeting, values),
  signatory: expandPlaceholders(template.signature.signatory, values, ''),
});
