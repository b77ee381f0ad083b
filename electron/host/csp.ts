/**
 * Code both hosts of the renderer share (the Electron main process and the HTTP servers): the
 * outbox for output files, the file policy in front of the dispatcher, CSPs, static files and
 * what happens at start. HTTP lives in ../server, Electron in ../main.
 */
/**
 * Strict CSP for the app page: only our own scripts, styles, fonts and API; no inline code, no
 * eval, no plugins, no framing by other pages. PDFs for the preview come from our own /files/.
 */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Output files shown inline (PDF preview, HTML export): framable by us only, never scripted. */
export const FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'self'; sandbox";
/** Chromium's PDF viewer does not run inside a sandboxed frame, so PDFs get the CSP without it. */
export const PDF_CSP = "default-src 'none'; frame-ancestors 'self'";

export function securityHeaders(csp: string, framable = false): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': framable ? 'SAMEORIGIN' : 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), payment=(), clipboard-read=()',
  };
}
