/** Document properties written into every PDF we produce (Info dictionary + catalog /Lang). */
export interface PdfMetadata {
  title: string;
  subject?: string;
  author?: string;
  keywords?: string[];
  /** Defaults to "Vorlagenwerk". */
  creator?: string;
  /** BCP 47 tag; defaults to "de-DE". */
  language?: string;
  /** Defaults to now; fixed dates make output reproducible in tests. */
  date?: Date;
}

export interface PdfRenderOptions {
  /** Keep the engine's structure tree (tagged PDF) for screen readers; packs keep it too. */
  tagged?: boolean;
  /** When given, the returned PDF carries these properties instead of the engine's defaults. */
  metadata?: PdfMetadata;
}

/**
 * Turns the HTML of the HTML renderer into PDF bytes. Page size and margins come from the
 * HTML's print CSS (@page), so the preview and the PDF agree. Implementations keep their
 * browser alive between calls; `close()` releases it and must be called when done.
 */
export interface PdfRenderer {
  render(html: string, options?: PdfRenderOptions): Promise<Uint8Array>;
  /** Starts the engine ahead of the first render (browser launch, hidden window). */
  warmUp?(): Promise<void>;
  /**
   * How many prints at once pay off right now (default 1): a renderer that queues, like
   * Electron's one window, gains nothing from splitting a document into parallel prints.
   */
  parallelPrints?(): number;
  /**
   * Names the engine and its version, for cache keys (print-cache.ts): a document printed by
   * another engine or version is never reused. Null or absent: nothing is cached.
   */
  identity?(): string | null;
  close(): Promise<void>;
}

/** Raised when no PDF engine can be started; the German message names what to install. */
export class PdfRendererUnavailableError extends Error {
  readonly code = 'PDF_RENDERER_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PdfRendererUnavailableError';
  }
}

/** Raised when the engine fails on one document; the renderer stays usable. */
export class PdfRenderError extends Error {
  readonly code = 'PDF_RENDER_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PdfRenderError';
  }
}
