import { CONTROL_CHARACTERS } from '../../shared/schemas.js';

/**
 * Readers for what real RIS exports put into OParl fields, as consumers report it: a single
 * object where the spec wants an array, "N/A" or "-" for "no value", embedded objects without
 * `type`, numbers as strings, stray control characters. Everything comes out as what the spec
 * meant, or as nothing.
 */

const NOTHING = new Set(['', 'n/a', 'na', '-', '--', 'null', 'none', 'k.a.', 'keine angabe', 'unbekannt']);

/** A text value, single line, bounded; "N/A" and friends are no value. */
export function text(value: unknown, max = 200): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const clean = value.replace(new RegExp(CONTROL_CHARACTERS.source, 'g'), ' ').replace(/\s+/g, ' ').trim();
  if (NOTHING.has(clean.toLowerCase())) return undefined;
  return clean.slice(0, max).trim() || undefined;
}

/** An array field: a lone object or string becomes a one-element array, "N/A" an empty one. */
export function list(value: unknown, max = 10_000): unknown[] {
  if (Array.isArray(value)) return value.slice(0, max).filter((v) => v !== null && v !== undefined && !(typeof v === 'string' && text(v) === undefined));
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return text(value) === undefined ? [] : [value];
  return [value];
}

export type Json = Record<string, unknown>;
export const isRecord = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** The OParl type name ("Meeting") of an object; missing on embedded objects of some exports, so the caller says what it expects. */
export function typeName(o: Json, expected: string): string {
  const t = typeof o.type === 'string' ? o.type : '';
  const name = t.split('/').pop() ?? '';
  return name || expected;
}

/** A URL reference: a string, or an embedded object's id. */
export function ref(value: unknown): string | undefined {
  if (typeof value === 'string') return text(value, 2000);
  if (isRecord(value) && typeof value.id === 'string') return text(value.id, 2000);
  return undefined;
}

/** "YYYY-MM-DD" from a date or date-time field, or undefined. */
export function isoDate(value: unknown): string | undefined {
  const s = text(value, 40);
  const m = s ? /^(\d{4}-\d{2}-\d{2})/.exec(s) : null;
  if (!m) return undefined;
  const d = new Date(`${m[1]}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === m[1] ? m[1] : undefined;
}

const MIME_BY_NAME: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  txt: 'text/plain',
  html: 'text/html',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  zip: 'application/zip',
};

/** A media type from what an export wrote: "application/pdf" as it is, "docx" or "PDF" (an extension) mapped. */
export function mimeType(value: unknown): string | undefined {
  const s = text(value, 200)?.toLowerCase();
  if (!s) return undefined;
  if (/^[a-z]+\/[a-z0-9][a-z0-9.+-]*$/.test(s)) return s;
  return MIME_BY_NAME[s.replace(/^\./, '')];
}
