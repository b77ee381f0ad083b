export { docToPlainText } from '../../shared/plain-text.js';
export { sanitizeDoc, type SanitizeReport } from './sanitize.js';
export { markdownToDoc } from './markdown.js';
export { docxToDoc, IMAGE_NOTE, type DocxImportResult } from './docx-import.js';
export { openDocxSafely, DEFAULT_DOCX_LIMITS, type DocxLimits } from './docx-container.js';
export { splitVorlageDoc, type SplitResult } from './split-vorlage.js';
export { DocumentError } from './errors.js';
export { escapeHtml, stripInvalidXmlChars } from './text.js';
