/**
 * A user-facing problem with a document (import, sanitising). `message` is German and meant
 * for the UI/CLI; `code` matches the API error codes so handlers can pass it through.
 */
export class DocumentError extends Error {
  readonly code = 'VALIDATION' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DocumentError';
  }
}
