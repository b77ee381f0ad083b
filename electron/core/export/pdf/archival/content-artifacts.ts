/**
 * Marks content that is neither in the structure tree nor an artifact as an artifact (PDF/UA-1
 * 7.1, Matterhorn 01-005). Chromium tags what comes from the DOM's text and images, but leaves
 * its own page-margin boxes (our "Seite X von Y"), borders, rules, backgrounds and clip paths
 * outside any marked-content sequence — decoration a screen reader should skip, which is what an
 * artifact is.
 *
 * Works on the content stream's tokens, so strings, inline images and dictionaries never confuse
 * it, and inserts `/Artifact BMC … EMC` only at boundaries the PDF syntax allows: before a path
 * object starts (never inside one), around text-showing operators within a text object, and
 * never across BT/ET.
 */

/** Operators that start a path object (others continue it). */
const PATH_START = new Set(['m', 're']);
const PATH_PAINT = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n']);
/** Operators that put something on the page on their own. */
const PAINT = new Set(['Do', 'sh', 'BI', 'Tj', 'TJ', "'", '"']);

/** Character classes of PDF syntax (ISO 32000-1, 7.2.2): 1 whitespace, 2 delimiter. */
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;
const isWhitespace = (c: number) => c < 256 && CLASS[c] === 1;

/**
 * Calls `onOperator` for each operator of a content stream (latin1 text) with where its operands
 * start; operands are only skipped, not parsed. One pass over char codes with a class table and no
 * allocation per operand: Chromium writes ~50 KB of operators per page, and this runs on every
 * page we print. `onOperator` may return where to continue (after content it skipped itself).
 */
export function scanOperators(text: string, onOperator: (op: string, start: number, end: number) => number | void): void {
  const n = text.length;
  let i = 0;
  let operandStart = -1;
  while (i < n) {
    const c = text.charCodeAt(i);
    const cls = c < 256 ? CLASS[c] : 0;
    if (cls === 1) {
      i++;
      continue;
    }
    if (cls === 2) {
      if (c === 0x25) {
        while (i < n && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
        continue;
      }
      if (operandStart < 0) operandStart = i;
      if (c === 0x28) i = skipLiteralString(text, i);
      else if (c === 0x3c && text.charCodeAt(i + 1) !== 0x3c) {
        const close = text.indexOf('>', i);
        i = close < 0 ? n : close + 1;
      } else if (c === 0x2f) {
        i++;
        while (i < n && !(text.charCodeAt(i) < 256 && CLASS[text.charCodeAt(i)]! > 0)) i++;
      } else i += (c === 0x3c || c === 0x3e) && text.charCodeAt(i + 1) === c ? 2 : 1;
      continue;
    }
    const tokenStart = i;
    while (i < n && !(text.charCodeAt(i) < 256 && CLASS[text.charCodeAt(i)]! > 0)) i++;
    // Numbers (digits, sign, point) and true/false/null are operands; anything else an operator.
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (operandStart < 0) operandStart = tokenStart;
      continue;
    }
    const token = text.slice(tokenStart, i);
    if (token === 'true' || token === 'false' || token === 'null') {
      if (operandStart < 0) operandStart = tokenStart;
      continue;
    }
    const start = operandStart < 0 ? tokenStart : operandStart;
    operandStart = -1;
    let next: number | void;
    if (token === 'ID') {
      // Inline image data runs up to "EI" standing alone; the whole BI…EI is one painting object.
      i = findInlineImageEnd(text, i);
      next = onOperator('EI', start, i);
    } else {
      next = onOperator(token, start, i);
    }
    if (typeof next === 'number') i = next;
  }
}

const MARKS = /\bB[DM]C\b|\bEMC\b|\bID\b|[(%]/g;

/**
 * Where the marked-content sequence that starts at `from` (just after its BDC/BMC) ends: just
 * after its EMC. Content inside a tagged or artifact sequence needs no marks of ours, so it is
 * skipped with a native search for the three marked-content operators (strings, comments and
 * inline image data jumped over) instead of being read token by token — most of a page is tagged.
 */
function endOfSequence(text: string, from: number): number {
  let depth = 1;
  const re = new RegExp(MARKS.source, 'g');
  re.lastIndex = from;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const token = m[0];
    if (token === '(') re.lastIndex = skipLiteralString(text, m.index);
    else if (token === '%') {
      const eol = text.slice(m.index).search(/[\r\n]/);
      re.lastIndex = eol < 0 ? text.length : m.index + eol;
    } else if (token === 'ID') re.lastIndex = findInlineImageEnd(text, m.index + 2);
    else if (token === 'EMC') {
      if (--depth === 0) return m.index + 3;
    } else depth++;
  }
  return text.length;
}

function skipLiteralString(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x28) depth++;
    else if (c === 0x29 && --depth === 0) return i + 1;
  }
  return text.length;
}

function findInlineImageEnd(text: string, from: number): number {
  let at = from;
  for (;;) {
    const found = text.indexOf('EI', at);
    if (found < 0) return text.length;
    if (isWhitespace(text.charCodeAt(found - 1)) && (found + 2 >= text.length || isWhitespace(text.charCodeAt(found + 2)))) return found + 2;
    at = found + 2;
  }
}

/**
 * Whether a BDC's content is accounted for: tagged (an MCID), an artifact, or — for a property
 * list named by resource, which we do not look up — assumed tagged unless it is optional content.
 */
function coversContent(operands: string): boolean {
  const tag = /^\s*\/([^\s/<[(]+)/.exec(operands)?.[1];
  if (tag === 'Artifact' || /\/MCID\b/.test(operands)) return true;
  return tag !== 'OC' && /^\s*\/[^\s/<[(]+\s*\/[^\s/<[(]+\s*$/.test(operands);
}

/**
 * The stream with every piece of untagged content wrapped as an artifact, or null when nothing
 * needed wrapping (the caller then keeps the stream as it is).
 */
export function wrapUntaggedContent(text: string): string | null {
  const inserts: [number, string][] = [];
  /**
   * Open marked-content sequences that do not account for their content (e.g. optional content);
   * tagged and artifact sequences are skipped whole (endOfSequence).
   */
  let depth = 0;
  let inText = false;
  let inPath = false;
  /** Depth of the marked-content stack at which our artifact is open, or -1. */
  let artifactDepth = -1;
  /** The BBI operator's start: an inline image paints at EI but must be wrapped from BI on. */
  let inlineImageStart = -1;

  const open = (at: number) => {
    if (artifactDepth >= 0) return;
    inserts.push([at, '/Artifact BMC\n']);
    artifactDepth = depth;
  };
  const close = (at: number) => {
    if (artifactDepth < 0) return;
    inserts.push([at, '\nEMC\n']);
    artifactDepth = -1;
  };

  scanOperators(text, (op, start, end) => {
    if (op === 'BDC' || op === 'BMC') {
      close(start);
      const operands = text.slice(start, end - 3);
      const tagged = op === 'BDC' ? coversContent(operands) : operands.trimStart().startsWith('/Artifact');
      if (tagged) return endOfSequence(text, end);
      depth++;
    } else if (op === 'EMC') {
      if (artifactDepth === depth) close(start);
      depth = Math.max(0, depth - 1);
    } else if (op === 'BT') {
      close(start);
      inText = true;
    } else if (op === 'ET') {
      close(start);
      inText = false;
    } else if (op === 'BI') {
      inlineImageStart = start;
    } else if (op === 'EI') {
      open(inlineImageStart >= 0 ? inlineImageStart : start);
      inlineImageStart = -1;
    } else if (!inText && !inPath && PATH_START.has(op)) {
      inPath = true;
      open(start);
    } else if (PATH_PAINT.has(op)) {
      inPath = false;
    } else if (PAINT.has(op)) {
      open(start);
    }
  });
  if (artifactDepth >= 0) inserts.push([text.length, '\nEMC\n']);
  if (inserts.length === 0) return null;

  const parts: string[] = [];
  let last = 0;
  for (const [at, insert] of inserts) {
    parts.push(text.slice(last, at), insert);
    last = at;
  }
  parts.push(text.slice(last));
  return parts.join('');
}
