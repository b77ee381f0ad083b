export type PackErrorCode = 'PACK_INPUT' | 'PACK_FAILED' | 'PACK_TIMEOUT' | 'PACK_OUT_OF_MEMORY';

/**
 * A pack that cannot be built as requested. The message is German and shown to the user;
 * nothing has been written when this is thrown.
 */
export class PackError extends Error {
  constructor(
    readonly code: PackErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PackError';
  }
}
