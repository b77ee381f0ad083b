/**
 * The error every layer throws on purpose, without zod: the CLI's help and usage errors load this
 * module and should not pay for zod. The zod → German conversion is fromZodError (zod-german.ts).
 */

/** FORBIDDEN: the signed-in user's role may not do this (team server only). */
export const ERROR_CODES = ['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'INTERNAL', 'FORBIDDEN'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What crosses the API boundary when a call fails. */
export interface ApiErrorPayload {
  code: ErrorCode;
  /** German, meant for the user as it stands. */
  message: string;
  /** Which input fields were wrong, for inline display. */
  fields?: { path: string; message: string }[];
  /** The same call may succeed in a moment (database briefly locked by another program): not an edit conflict. */
  retry?: boolean;
}

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
