/**
 * Vorlage numbers from a per-Body pattern such as "{amt}/{nr:3}/{jahr}" → "50/012/2025".
 * Tokens: {amt} department code, {nr} or {nr:N} running number zero-padded to N digits,
 * {jahr} four-digit year, {jahr:2} two-digit year.
 */
const TOKEN = /\{(amt|nr|jahr)(?::(\d))?\}/g;

export interface NumberParts {
  amt: string;
  nr: number;
  jahr: number;
}

export function formatReference(pattern: string, parts: NumberParts): string {
  return pattern.replace(TOKEN, (_m, token: string, width?: string) => {
    if (token === 'amt') return parts.amt;
    if (token === 'nr') return String(parts.nr).padStart(Number(width ?? 0), '0');
    return width === '2' ? String(parts.jahr % 100).padStart(2, '0') : String(parts.jahr);
  });
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads a reference back into its parts when it fits the pattern, so a manually entered number
 * can advance the counter and automatic numbering never collides with it.
 */
export function parseReference(pattern: string, reference: string): NumberParts | null {
  let source = '';
  let last = 0;
  const order: string[] = [];
  for (const m of pattern.matchAll(TOKEN)) {
    source += escapeRegex(pattern.slice(last, m.index));
    const token = m[1]!;
    order.push(m[2] === '2' && token === 'jahr' ? 'jahr2' : token);
    source += token === 'amt' ? '(.+?)' : token === 'jahr' ? (m[2] === '2' ? '(\\d{2})' : '(\\d{4})') : '(\\d+)';
    last = m.index! + m[0].length;
  }
  source += escapeRegex(pattern.slice(last));
  const match = new RegExp(`^${source}$`).exec(reference);
  if (!match) return null;
  const parts: NumberParts = { amt: '', nr: 0, jahr: 0 };
  order.forEach((token, i) => {
    const value = match[i + 1]!;
    if (token === 'amt') parts.amt = value;
    else if (token === 'nr') parts.nr = Number(value);
    else if (token === 'jahr') parts.jahr = Number(value);
    else parts.jahr = 2000 + Number(value);
  });
  return parts;
}
