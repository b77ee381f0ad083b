import { invalid } from '../../shared/errors.js';

/**
 * Turns what a user types into an FTS5 query. Supported: words (all must occur), "quoted
 * phrases", a trailing * for word beginnings (Integr*), AND / OR / NOT in capitals, parentheses.
 * Every word is quoted for FTS5, so numbers like 50/012/2025, hyphens and colons are plain text,
 * never syntax. German spellings are widened per word (see docs/search.md): ss ↔ ß and
 * ae/oe/ue ↔ ä/ö/ü are searched as alternatives; the index itself already folds ü to u.
 * Broken input (open quote, unbalanced parentheses, operator without operand) is a VALIDATION
 * error with a German hint, never an SQLite error.
 */

export type QueryToken = Token;
type Token =
  | { kind: 'term'; text: string; prefix: boolean; phrase: boolean }
  | { kind: 'op'; op: 'AND' | 'OR' | 'NOT' }
  | { kind: 'open' }
  | { kind: 'close' };

const HINT = 'Suchbeispiele: Integration, Integr*, "Kommunales Integrationsmanagement", Sprachkurs OR Sprachförderung, Integration NOT Haushalt.';
const bad = (what: string) => invalid(`Die Suchanfrage ist ungültig: ${what} ${HINT}`, [{ path: 'query', message: what }]);
const hasWordChar = (s: string) => /[\p{L}\p{N}]/u.test(s);

function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"' || ch === '“' || ch === '„' || ch === '”') {
      const close = input.slice(i + 1).search(/["“”]/);
      if (close < 0) throw bad('Ein Anführungszeichen ist nicht geschlossen.');
      const text = input.slice(i + 1, i + 1 + close);
      i += close + 2;
      let prefix = false;
      while (input[i] === '*') {
        prefix = true;
        i++;
      }
      if (hasWordChar(text)) tokens.push({ kind: 'term', text, prefix, phrase: true });
      else if (text.trim().length > 0 || prefix) throw bad('Zwischen den Anführungszeichen steht kein Suchbegriff.');
    } else if (ch === '(') {
      tokens.push({ kind: 'open' });
      i++;
    } else if (ch === ')') {
      tokens.push({ kind: 'close' });
      i++;
    } else {
      let j = i;
      while (j < input.length && !/[\s"“„”()]/.test(input[j]!)) j++;
      const word = input.slice(i, j);
      i = j;
      if (word === 'AND' || word === 'OR' || word === 'NOT') {
        tokens.push({ kind: 'op', op: word });
        continue;
      }
      const prefix = word.endsWith('*');
      const stem = word.replace(/\*+$/, '');
      if (!hasWordChar(stem)) {
        if (prefix) throw bad('Ein * muss direkt an einem Wortanfang stehen (z. B. Integr*).');
        continue; // a lone dash or ampersand carries nothing searchable
      }
      tokens.push({ kind: 'term', text: stem, prefix, phrase: false });
    }
  }
  return tokens;
}

function check(tokens: Token[]): void {
  let expectOperand = true;
  let depth = 0;
  let lastOp: string | null = null;
  for (const t of tokens) {
    if (t.kind === 'term') {
      expectOperand = false;
    } else if (t.kind === 'op') {
      if (expectOperand) throw bad(`„${t.op}“ braucht links und rechts einen Suchbegriff.`);
      expectOperand = true;
      lastOp = t.op;
    } else if (t.kind === 'open') {
      depth++;
      expectOperand = true;
      lastOp = null;
    } else {
      if (depth === 0) throw bad('Eine schließende Klammer hat keine öffnende.');
      if (expectOperand) throw bad(lastOp ? `„${lastOp}“ braucht links und rechts einen Suchbegriff.` : 'In den Klammern steht kein Suchbegriff.');
      depth--;
    }
  }
  if (depth > 0) throw bad('Eine Klammer ist nicht geschlossen.');
  if (tokens.length === 0) throw bad('Sie enthält kein Wort, nach dem gesucht werden kann.');
  if (expectOperand) throw bad(`„${lastOp}“ braucht links und rechts einen Suchbegriff.`);
}

/**
 * The spellings one typed word stands for. The tokenizer already maps ä→a, ö→o, ü→u on both
 * sides; what it cannot know is that "ue" may stand for "ü" or "ss" for "ß".
 */
export function spellingVariants(word: string): string[] {
  const w = word.toLowerCase();
  const base = new Set([w]);
  if (w.includes('ß')) base.add(w.replaceAll('ß', 'ss'));
  if (w.includes('ss')) base.add(w.replaceAll('ss', 'ß'));
  const out = new Set(base);
  for (const b of base) {
    const folded = b.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');
    if (folded !== b) out.add(folded);
    const transliterated = b.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue');
    if (transliterated !== b) out.add(transliterated);
  }
  return [...out];
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

function termSql(t: Extract<Token, { kind: 'term' }>): string {
  const star = t.prefix ? '*' : '';
  // Phrases stay as typed: alternatives per word would multiply combinatorially.
  const variants = t.phrase ? [t.text] : spellingVariants(t.text);
  const parts = variants.map((v) => `${quote(v)}${star}`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

/** The checked tokens of a query (VALIDATION error for broken input), for engines that compile it themselves. */
export function queryTokens(input: string): Token[] {
  const tokens = lex(input.normalize('NFC'));
  check(tokens);
  return tokens;
}

export function compileQuery(input: string): string {
  const tokens = queryTokens(input);
  let out = '';
  let afterOperand = false;
  for (const t of tokens) {
    // FTS5 joins only bare phrases implicitly; next to a parenthesised group it needs AND.
    if ((t.kind === 'term' || t.kind === 'open') && afterOperand) out += ' AND ';
    else if (t.kind === 'op') out += ` ${t.op} `;
    if (t.kind === 'term') out += termSql(t);
    else if (t.kind === 'open') out += '(';
    else if (t.kind === 'close') out += ')';
    afterOperand = t.kind === 'term' || t.kind === 'close';
  }
  return out;
}
