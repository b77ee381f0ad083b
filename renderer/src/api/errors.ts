/** An API call that did not succeed; `message` is German and meant for the user as it stands. */
export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields: { path: string; message: string }[] = [],
    /** The user closed a file dialog: not an error to report. */
    readonly cancelled = false,
    /** The database was busy for a moment: the same call may succeed shortly (not an edit conflict). */
    readonly retry = false,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }

  /** The message for one input field (for inline display), if the server named it. */
  fieldMessage(path: string): string | undefined {
    return this.fields.find((f) => f.path === path)?.message;
  }
}

const FALLBACK = 'Die Aktion ist fehlgeschlagen. Bitte versuchen Sie es erneut.';

/**
 * What to show the user for any thrown value: our own German messages pass through; anything
 * else (a bug, a browser exception) becomes a neutral sentence, never a stack trace.
 */
export function userMessage(error: unknown): string {
  if (error instanceof ApiCallError) return error.message || FALLBACK;
  return FALLBACK;
}

export const isCancelled = (error: unknown) => error instanceof ApiCallError && error.cancelled;
