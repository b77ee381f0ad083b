import { z } from 'zod';
// German zod messages everywhere these schemas are parsed.
import './zod-german.js';

/** FORBIDDEN: the signed-in user's role may not do this (team server only). */
export const ErrorCodeSchema = z.enum(['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'INTERNAL', 'FORBIDDEN']);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ApiErrorPayloadSchema = z.strictObject({
  code: ErrorCodeSchema,
  /** German, meant for the user as it stands. */
  message: z.string(),
  /** Which input fields were wrong, for inline display. */
  fields: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
  /** The same call may succeed in a moment (database briefly locked by another program): not an edit conflict. */
  retry: z.boolean().optional(),
});
export type ApiErrorPayload = z.infer<typeof ApiErrorPayloadSchema>;

/** The one error type every layer throws on purpose; anything else becomes INTERNAL. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toPayload(): ApiErrorPayload {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

/**
 * The database file cannot be used as it is — damaged, not a Vorlagenwerk database, or written by
 * a newer version. Nothing was changed; the app and the CLI offer to restore a backup.
 */
export class DatabaseUnusableError extends ApiError {
  constructor(
    message: string,
    /** read-only: the data folder cannot be written (read-only file system, no permission); never offer a restore. */
    readonly reason: 'damaged' | 'newer' | 'read-only',
    /** The newest backup that passed validation, for a "restore" button; null if none. */
    readonly newestBackup: string | null = null,
  ) {
    super('INTERNAL', message);
    this.name = 'DatabaseUnusableError';
  }
}

export const notFound = (what: string) => new ApiError('NOT_FOUND', `${what} wurde nicht gefunden.`);
export const conflict = (message: string) => new ApiError('CONFLICT', message);
export const forbidden = (message: string) => new ApiError('FORBIDDEN', message);
export const invalid = (message: string, fields?: { path: string; message: string }[]) => new ApiError('VALIDATION', message, fields);

/** Turns zod issues into a German message naming the fields. */
export function fromZodError(error: z.ZodError, prefix = 'Ungültige Eingabe'): ApiError {
  const fields = error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.') || '(Eingabe)',
    message: germanIssue(issue),
  }));
  const summary = fields
    .slice(0, 3)
    .map((f) => `${f.path}: ${f.message}`)
    .join('; ');
  return invalid(`${prefix}: ${summary}${fields.length > 3 ? ' …' : ''}`, fields);
}

/** The issue's message: German, from the schema itself or from the error map in zod-german.ts. */
function germanIssue(issue: z.core.$ZodIssue): string {
  return issue.message;
}
