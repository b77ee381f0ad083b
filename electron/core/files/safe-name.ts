const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * A file name that is safe to create on Windows, macOS and Linux: no path parts, no control or
 * bidirectional-override characters (which disguise "exe.pdf" as "fdp.exe"), no reserved names.
 */
export function safeFileName(name: string, fallback = 'datei'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069\u200e\u200f]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 180);
  if (!cleaned || RESERVED.test(cleaned)) return fallback;
  return cleaned;
}
