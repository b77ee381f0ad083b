/**
 * Text hygiene shared by the importers and renderers.
 *
 * XML 1.0 (DOCX) forbids most C0 control characters and lone surrogates; a single one makes
 * Word refuse the whole file. We remove them wherever user text enters or leaves the model.
 */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes characters that are not allowed in XML 1.0 (keeps tab, LF, CR). */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(XML_INVALID, '');
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and (double- or single-quoted) attribute values. */
export function escapeHtml(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}
